import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * The web app's download budgets (issue 11): the gzipped JavaScript a page needs before it is
 * interactive — the entry chunk, the chunks it imports, and the lazy chunks of the page's route
 * (with theirs), each file gzipped on its own as a server would send it. Commune officers open
 * sign-in and report entry on slow links: the goal for both is BUNDLE_TARGET_KB, and both are
 * there (docs/architecture.md, "What a page downloads"), so their budget is the goal: a change that
 * takes a page past it fails e2e/bundle-budget.e2e.test.ts. A page not yet at the goal gets today's
 * figure plus a little room. Lower a budget whenever a page gets lighter, never raise it without
 * saying why.
 * `npm run build` prints every page's size.
 */
export const BUNDLE_TARGET_KB = 300;
export const BUNDLE_BUDGETS_KB: Record<string, number> = {
  'sign-in': 300,
  entry: 300,
};

/** What every signed-in page loads lazily before its own: antd's App and the shell. */
const SHELL = ['src/app/ant-app.tsx', 'src/app/app-shell.tsx'];
/** A feature's strings (app/feature-strings.ts), fetched with the pages that name its section. */
const strings = (...files: string[]) => files.map((file) => `src/features/${file}.i18n.ts`);

/** The pages measured: the lazy modules (paths under web/) each one loads after the entry chunk. */
export const BUNDLE_PAGES: Record<string, string[]> = {
  'sign-in': ['src/features/auth/sign-in-page.tsx'],
  entry: [...SHELL, 'src/features/reports/entry-page.tsx', ...strings('reports/reports', 'quality/quality')],
  'my-reports': [...SHELL, 'src/features/reports/my-reports-page.tsx', ...strings('reports/reports')],
  consolidation: [
    ...SHELL,
    'src/features/consolidation/consolidation-page.tsx',
    ...strings('consolidation/consolidation', 'reports/reports'),
  ],
  compliance: [
    ...SHELL,
    'src/features/compliance/compliance-page.tsx',
    'src/components/chart/echart-core.ts',
    ...strings('compliance/compliance', 'reports/reports', 'consolidation/consolidation'),
  ],
  'form-designer': [
    ...SHELL,
    'src/features/form-designer/form-designer-page.tsx',
    ...strings('reports/reports', 'regimes/regimes'),
  ],
  units: [...SHELL, 'src/features/units/units-page.tsx', ...strings('units/hierarchies', 'users/users', 'audit/audit')],
};

interface ManifestChunk {
  file: string;
  imports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface PageSize {
  page: string;
  /** Gzipped JavaScript, in KB (1,000 bytes, as Vite prints). */
  gzipKb: number;
  files: number;
  budgetKb?: number;
}

/** The JavaScript files a page loads: the closure of static imports from index.html and its lazy modules. */
export function pageFiles(manifest: Manifest, lazyModules: string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the Vite manifest: is it still loaded lazily?`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of ['index.html', ...lazyModules]) visit(key);
  return [...files].filter((file) => file.endsWith('.js'));
}

/** Every measured page's gzipped JavaScript in a build (`dist` holds `.vite/manifest.json`). */
export function measurePages(dist: string): PageSize[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
      gzipped.set(file, size);
    }
    return size;
  };
  return Object.entries(BUNDLE_PAGES).map(([page, modules]) => {
    const files = pageFiles(manifest, modules);
    const bytes = files.reduce((sum, file) => sum + sizeOf(file), 0);
    return { page, gzipKb: Math.round(bytes / 100) / 10, files: files.length, budgetKb: BUNDLE_BUDGETS_KB[page] };
  });
}

export function formatPageSizes(sizes: PageSize[]): string {
  const lines = sizes.map(({ page, gzipKb, files, budgetKb }) => {
    const budget =
      budgetKb === undefined
        ? ''
        : ` / budget ${budgetKb} KB${gzipKb > budgetKb ? '  OVER BUDGET' : ''} (goal ${BUNDLE_TARGET_KB} KB)`;
    return `  ${page.padEnd(14)} ${gzipKb.toFixed(1).padStart(7)} KB gzip JS in ${String(files).padStart(2)} files${budget}`;
  });
  return ['JavaScript per page before it is interactive:', ...lines].join('\n');
}

/** Prints each page's size after `vite build` (the budgets themselves are enforced by a test). */
export function bundleSizeReport(): Plugin {
  let outDir = 'dist';
  return {
    name: 'baocao-bundle-size',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      console.log(`\n${formatPageSizes(measurePages(outDir))}`);
    },
  };
}
