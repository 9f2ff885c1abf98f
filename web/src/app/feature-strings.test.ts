import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { permissions } from '@baocao/domain';
import { describe, expect, it } from 'vitest';

// Each lazy route names the feature sections whose strings it needs (app/app.tsx): this reads the
// modules a route loads (static and lazy imports, followed through the source) and checks that every
// section whose keys they use is named, so no page ever shows a raw key.
const APP_DIR = path.join(import.meta.dirname);
const sections = [
  ...readFileSync(path.join(APP_DIR, 'feature-strings.ts'), 'utf8').matchAll(/^ {2}(\w+): typeof /gm),
].map((match) => match[1] ?? '');
// A key is the section, a dot and a name; a permission (`'users.read'`) names no string.
const keyUse = new RegExp(`['"\`]((${sections.join('|')})\\.[a-zA-Z][\\w.]*)`, 'g');
const permissionNames: readonly string[] = permissions;
const importSpec =
  /import\(\s*'([^']+)'\s*\)|^\s*import\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^\s*export\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gms;

const nestedLoad = /withFeatureStrings\(\s*import\(\s*'([^']+)'\s*\)((?:,\s*'\w+')*)/g;

function resolveModule(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return ['.tsx', '.ts', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((file) => existsSync(file));
}

/** The sections whose keys a module and everything it imports (also lazily) use. */
function sectionsUsed(entry: string): Set<string> {
  const used = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    if (!/\.i18n(-\w+)?\.ts$/.test(file))
      for (const match of source.matchAll(keyUse))
        if (!permissionNames.includes(match[1] ?? '')) used.add(match[2] ?? '');
    // A part loaded with its own sections (`withFeatureStrings(import('…'), 'signatures')`) needs only the rest.
    const ownStrings = new Map<string, string[]>();
    for (const match of source.matchAll(nestedLoad)) {
      const next = resolveModule(file, match[1] ?? '');
      if (next)
        ownStrings.set(
          next,
          [...(match[2] ?? '').matchAll(/'(\w+)'/g)].map((named) => named[1] ?? ''),
        );
    }
    for (const [next, named] of ownStrings)
      for (const section of sectionsUsed(next)) if (!named.includes(section)) used.add(section);
    for (const match of source.matchAll(importSpec)) {
      const next = resolveModule(file, match[1] ?? match[2] ?? match[3] ?? '');
      if (next && !ownStrings.has(next)) pending.push(next);
    }
  }
  return used;
}

describe('feature strings per page', () => {
  const app = readFileSync(path.join(APP_DIR, 'app.tsx'), 'utf8');
  const routes = [...app.matchAll(/lazy\(\(\) =>\s*(withFeatureStrings\(\s*)?import\('([^']+)'\)((?:,\s*'\w+')*)/g)];

  it('finds the registered sections and the lazy routes', () => {
    expect(sections).toContain('reports');
    expect(routes.length).toBeGreaterThan(20);
  });

  it.each(routes.map((match) => [match[2] ?? '', match[3] ?? '']))('%s names every section it uses', (spec, named) => {
    const file = resolveModule(path.join(APP_DIR, 'app.tsx'), spec);
    expect(file).toBeDefined();
    const declared = [...named.matchAll(/'(\w+)'/g)].map((match) => match[1]);
    for (const section of declared) expect(sections).toContain(section);
    const missing = [...sectionsUsed(file ?? '')].filter((section) => !declared.includes(section));
    expect(missing).toEqual([]);
  });
});
