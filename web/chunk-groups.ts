import path from 'node:path';
import type { Plugin } from 'vite';

/** What Rolldown's chunking context tells of a module. */
interface ChunkingContext {
  getModuleInfo(moduleId: string): { code: string | null; importedIds: readonly string[] } | null;
}

/**
 * The barrels the app imports components and icons from, by import specifier: each re-exports a
 * whole library, of which tree-shaking keeps what is named. Following them wholesale would put all
 * of antd in every closure, so only the names a module imports are followed.
 */
const BARRELS: Record<string, string> = {
  antd: '/node_modules/antd/es/index.js',
  '@ant-design/icons': '/node_modules/@ant-design/icons/es/index.js',
};
/**
 * Modules whose imports the closures do not follow, as the part of them the app loads needs none:
 * antd's Button token takes `isBright` from ColorPresets, whose component (with Collapse, ~5 KB
 * gzipped) only the colour picker draws.
 */
const NOT_FOLLOWED = ['/node_modules/antd/es/color-picker/components/ColorPresets.js'];
const NAMED_FROM = /(?:import|export)\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;
const RE_EXPORT = /export\s*(?:\{([^}]*)\}|\*)\s*from\s*["']([^"']+)["']/g;

/**
 * Chunk groups that merge what pages always load together (issue 11, docs/architecture.md "What a
 * page downloads"). Left alone, Rolldown gives every distinct set of importers a chunk of its own,
 * so sign-in came as 56 files and the entry page as 94, each gzipped alone; the same code in a few
 * files gzips ~10 % smaller (and is fewer requests on a slow link). The three groups cost no page
 * anything it did not load already:
 * - `app`: what index.html loads (React's group aside): antd's core, Button, Spin, Alert, the
 *   session ... ; every page loads all of it.
 * - `common`: the rest of what both the sign-in page and the signed-in frame (the shell and antd's
 *   App) load: whoever loads one of them loads them all.
 * - `shell`: the rest of what the shell and antd's App load (its icons, Layout, Badge, the
 *   navigation ...): every page in the shell loads it.
 * Everything else is split as Rolldown likes. A module is in a root's closure when the root reaches
 * it by static imports, through the barrels by the names imported (`closures` below). Each module
 * is placed alone (not with its imports, `includeDependenciesRecursively: false`): a closure holds
 * the closures of its modules, so a group's imports are in itself, an earlier group or React's,
 * and no two chunks import each other.
 */
export function signedInChunkGroups(webRoot: string) {
  const roots = {
    main: ['src/main.tsx'],
    signIn: ['src/features/auth/sign-in-page.tsx'],
    shell: ['src/app/app-shell.tsx', 'src/app/ant-app.tsx'],
  };
  let closures: Record<keyof typeof roots, Set<string>> | undefined;

  const staticClosure = (ctx: ChunkingContext, files: string[]) => {
    const info = (id: string) => ctx.getModuleInfo(id);
    /** The module a barrel's `name` comes from (following `export *`), if found. */
    const reExported = (barrel: string, name: string, depth = 0): string | undefined => {
      const module = info(barrel);
      if (!module?.code || depth > 3) return undefined;
      const resolve = (spec: string) => {
        const base = path.resolve(path.dirname(barrel), spec);
        return module.importedIds.find((id) => [base, `${base}.js`, `${base}/index.js`].includes(id));
      };
      for (const [, names, spec] of module.code.matchAll(RE_EXPORT)) {
        const target = spec ? resolve(spec) : undefined;
        if (!target) continue;
        if (names === undefined) {
          const found = reExported(target, name, depth + 1);
          if (found) return found;
        } else if (
          names.split(',').some(
            (entry) =>
              entry
                .trim()
                .split(/\s+as\s+/)
                .at(-1) === name,
          )
        )
          return target;
      }
      return undefined;
    };
    /** A module's static imports, barrels replaced by the modules of the names it imports from them. */
    const importsOf = (id: string): string[] => {
      const module = info(id);
      if (!module || NOT_FOLLOWED.some((suffix) => id.endsWith(suffix))) return [];
      const barrelIds = new Map<string, string>();
      for (const [spec, suffix] of Object.entries(BARRELS)) {
        const barrel = module.importedIds.find((imported) => imported.endsWith(suffix));
        if (barrel) barrelIds.set(spec, barrel);
      }
      if (barrelIds.size === 0 || !module.code) return [...module.importedIds];
      const result = module.importedIds.filter((imported) => ![...barrelIds.values()].includes(imported));
      for (const [, names, spec] of module.code.matchAll(NAMED_FROM)) {
        const barrel = spec ? barrelIds.get(spec) : undefined;
        if (!barrel || !names) continue;
        for (const entry of names.split(',')) {
          const name = entry.trim().split(/\s+as\s+/)[0];
          const target = name ? reExported(barrel, name) : undefined;
          if (target) result.push(target);
          else if (name) throw new Error(`chunk groups: ${id} imports ${name} from ${spec}, not found in the barrel`);
        }
      }
      return result;
    };
    const seen = new Set<string>();
    const pending = files.map((file) => path.join(webRoot, file));
    for (const id of pending) if (!info(id)) throw new Error(`chunk groups: ${id} is not in the build`);
    while (pending.length > 0) {
      const id = pending.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...importsOf(id));
    }
    return seen;
  };

  const groupOf = (id: string, ctx: ChunkingContext): string | null => {
    closures ??= {
      main: staticClosure(ctx, roots.main),
      signIn: staticClosure(ctx, roots.signIn),
      shell: staticClosure(ctx, roots.shell),
    };
    if (closures.main.has(id)) return 'app';
    if (!closures.shell.has(id)) return null;
    return closures.signIn.has(id) ? 'common' : 'shell';
  };

  return {
    group: { name: groupOf, priority: 5, includeDependenciesRecursively: false },
    /** Forgets the module graph between builds (watch mode). */
    plugin: {
      name: 'baocao-chunk-groups',
      apply: 'build',
      buildStart() {
        closures = undefined;
      },
    } satisfies Plugin,
  };
}
