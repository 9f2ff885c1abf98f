import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, type TSchema } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import * as api from './index';

/** The paths inside a schema where it accepts anything without saying so (an Unknown or Any). */
function vagueParts(schema: unknown, at: string, seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  const kind = (schema as TSchema)[Kind];
  if (kind === 'Unknown' || kind === 'Any') return [at];
  return Object.entries(schema).flatMap(([key, value]) => vagueParts(value, `${at}.${key}`, seen));
}

describe('the API schemas', () => {
  it('say what they carry: no Unknown or Any, JsonValue where any JSON is meant', () => {
    const vague = Object.entries(api)
      .filter(([, value]) => value && typeof value === 'object' && Kind in value)
      .flatMap(([name, schema]) => vagueParts(schema, name));
    expect(vague).toEqual([]);
  });

  it('and so do the schemas written in the server routes', () => {
    const root = path.resolve(import.meta.dirname, '../../../server/src');
    const offenders = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => /Type\.(Unknown|Any)\(/.test(readFileSync(path.join(root, name), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
