/**
 * The mapping of a pull connector: where, in each record of a JSON or CSV feed, the
 * unit, the period, the cell (field) and the value are. Pure: the connector run
 * (server/src/features/connectors) fetches the feed, this turns its records into the
 * rows every import reads, and the import path decides and writes them.
 *
 * - JSON: `records` is a path to the array of records (`$` when the body is the array);
 *   the other paths are read inside each record. A path is `$`, then `.name`,
 *   `['name']` or `[index]` steps (`$.city.code`, `$['mã']`, `$.values[0]`); a
 *   leading `$.` may be left out (`city.code`).
 * - CSV: each path is a column of the header row.
 *
 * Wide records carry several cells (`values: [{ cell, path }]`); long records name
 * their cell (`cell` and `value` paths). A period is taken as an id (`20261205`,
 * `202612`) or, with `periodFormat: 'date'`, as an ISO date or date-time whose day in
 * Vietnam time picks the period of the regime's frequency.
 */
import type { ImportedScalar } from './import-values';

export type FeedFormat = 'json' | 'csv';

export interface FeedMapping {
  records?: string;
  unit: string;
  period: string;
  periodFormat: 'id' | 'date';
  values?: { cell: string; path: string }[];
  cell?: string;
  value?: string;
}

export type PathStep = string | number;

/** A problem of a mapping, naming the mapping's field (`mapping.values[1].path`). */
export interface MappingProblem {
  field: string;
  reason: 'path' | 'cell' | 'shape';
  text: string;
}

const NAME = /^[\p{L}_][\p{L}\p{N}_-]*/u;

/** The steps of a JSON path, or null when it is not one. */
export function parsePath(path: string): PathStep[] | null {
  if (path.length === 0 || path.length > 200) return null;
  let rest = path.trim();
  const steps: PathStep[] = [];
  if (rest.startsWith('$')) rest = rest.slice(1);
  else {
    const first = NAME.exec(rest);
    if (!first) return null;
    steps.push(first[0]);
    rest = rest.slice(first[0].length);
  }
  while (rest.length > 0) {
    if (rest.startsWith('.')) {
      const name = NAME.exec(rest.slice(1));
      if (!name) return null;
      steps.push(name[0]);
      rest = rest.slice(1 + name[0].length);
      continue;
    }
    const index = /^\[(\d{1,6})\]/.exec(rest);
    if (index) {
      steps.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = /^\[(['"])((?:(?!\1)[^\\]){1,100})\1\]/.exec(rest);
    if (quoted) {
      steps.push(quoted[2]!);
      rest = rest.slice(quoted[0].length);
      continue;
    }
    return null;
  }
  return steps;
}

/** The value at `steps` inside `value` (undefined when absent). */
export function readPath(value: unknown, steps: readonly PathStep[]): unknown {
  let here: unknown = value;
  for (const step of steps) {
    if (here === null || typeof here !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(here)) return undefined;
      here = here[step];
    } else {
      if (Array.isArray(here) || !Object.hasOwn(here, step)) return undefined;
      here = (here as Record<string, unknown>)[step];
    }
  }
  return here;
}

const COLUMN = /^[^\r\n]{1,100}$/;

/**
 * The first problem of a mapping for a feed format and a form whose input cells are
 * `cells`, or null. Every path must parse (or be a column name), and every named cell
 * must be an input cell of the form.
 */
export function checkFeedMapping(
  mapping: FeedMapping,
  format: FeedFormat,
  cells: ReadonlySet<string>,
): MappingProblem | null {
  const path = (field: string, p: string | undefined): MappingProblem | null => {
    if (p === undefined) return null;
    const ok = format === 'json' ? parsePath(p) !== null : COLUMN.test(p);
    return ok ? null : { field: `mapping.${field}`, reason: 'path', text: p };
  };
  if (format === 'json' && mapping.records !== undefined) {
    const problem = path('records', mapping.records);
    if (problem) return problem;
  }
  for (const field of ['unit', 'period'] as const) {
    const problem = path(field, mapping[field]);
    if (problem) return problem;
  }
  const wide = mapping.values !== undefined && mapping.values.length > 0;
  const long = mapping.cell !== undefined || mapping.value !== undefined;
  if (wide === long || (long && (mapping.cell === undefined || mapping.value === undefined)))
    return { field: wide ? 'mapping.cell' : 'mapping.values', reason: 'shape', text: '' };
  if (wide) {
    for (const [i, v] of mapping.values!.entries()) {
      if (!cells.has(v.cell)) return { field: `mapping.values[${i}].cell`, reason: 'cell', text: v.cell };
      const problem = path(`values[${i}].path`, v.path);
      if (problem) return problem;
    }
    return null;
  }
  return path('cell', mapping.cell) ?? path('value', mapping.value);
}

/** One value read from a feed: the record's position (1-based) and what it names. */
export interface FeedRow {
  row: number;
  unit: string | null;
  period: string | null;
  cell: string | null;
  value: ImportedScalar;
}

function scalar(value: unknown): ImportedScalar {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // An object or array where a value should be: kept as text, refused by the value check.
  return JSON.stringify(value).slice(0, 200);
}

function text(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value.trim().slice(0, 100) || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * The rows of a feed's records. JSON records are read by path; CSV records are objects
 * keyed by the header's columns (all text). A mapping is assumed checked.
 */
export function mapFeedRecords(records: readonly unknown[], mapping: FeedMapping, format: FeedFormat): FeedRow[] {
  const reader = (p: string) => {
    if (format === 'csv') return (r: unknown) => readPath(r, [p]);
    const steps = parsePath(p)!;
    return (r: unknown) => readPath(r, steps);
  };
  const unit = reader(mapping.unit);
  const period = reader(mapping.period);
  const rows: FeedRow[] = [];
  if (mapping.values && mapping.values.length > 0) {
    const values = mapping.values.map((v) => ({ cell: v.cell, read: reader(v.path) }));
    records.forEach((record, i) => {
      for (const v of values)
        rows.push({
          row: i + 1,
          unit: text(unit(record)),
          period: text(period(record)),
          cell: v.cell,
          value: scalar(v.read(record)),
        });
    });
    return rows;
  }
  const cell = reader(mapping.cell!);
  const value = reader(mapping.value!);
  records.forEach((record, i) => {
    rows.push({
      row: i + 1,
      unit: text(unit(record)),
      period: text(period(record)),
      cell: text(cell(record)),
      value: scalar(value(record)),
    });
  });
  return rows;
}

/** The records of a parsed JSON feed: the array at `records` (the body itself by default), or null. */
export function feedRecords(body: unknown, records: string | undefined): unknown[] | null {
  const steps = records === undefined ? [] : parsePath(records);
  if (steps === null) return null;
  const found = readPath(body, steps);
  return Array.isArray(found) ? found : null;
}

/**
 * The calendar day (Vietnam time) of an ISO date or date-time, or null: `2026-12-05`,
 * `2026-12-05T07:00:00+07:00`, `2026-12-05T00:30:00Z` (→ 2026-12-05 in Vietnam).
 */
export function feedDay(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? null : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}
