/**
 * The import rules of docs/architecture.md, checked by `npm run lint` (module by module here;
 * room by room in .dependency-cruiser-rooms.cjs): no import cycle, domain/ pure, web/ and server/
 * apart, the reporting kernel below the features.
 */
const TESTS = '\\.(test|int\\.test|e2e\\.test|property\\.test)\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle between modules: break it by moving the shared part down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ does no I/O: it imports only itself and TypeBox (tests may use their runners).',
      severity: 'error',
      from: { path: '^domain/src/', pathNot: TESTS },
      to: { pathNot: ['^domain/src/', '^node_modules/@sinclair/typebox/'] },
    },
    {
      name: 'web-never-imports-server',
      comment: 'The web app shares code with the server only through domain/.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-never-imports-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'reporting-kernel-imports-no-feature',
      comment: 'server/src/reporting/ is the shared kernel: features import it, never the other way.',
      severity: 'error',
      from: { path: '^server/src/reporting/' },
      to: { path: '^server/src/(features|jobs)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests import the harness, which imports everything: the rules are about the product's code.
    exclude: { path: ['(^|/)(dist|node_modules)/', TESTS] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    combinedDependencies: true,
  },
};
