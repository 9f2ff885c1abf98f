/**
 * The canonical form of a signed report: the bytes a digital signature ("ký số") covers.
 *
 * A unit's submitted revision, or a consolidating unit's revision sent up, is written as one
 * JSON document (format `baocao.signed-report/1`): the regime, form (with its version), unit,
 * period and revision it is, and its cells (cell key → value). The text is canonical so that
 * anyone can rebuild the same bytes from the same data: object keys sorted by UTF-16 code
 * units, no whitespace, every string in Unicode NFC, numbers as ECMAScript writes them
 * (shortest round-trip form), UTF-8 without a byte order mark. The signature (a detached CMS
 * SignedData, the .p7s) is over these bytes exactly.
 */
import type { CellValue } from '../forms/form-definition';

export const SIGNED_REPORT_FORMAT = 'baocao.signed-report/1';

export interface SignedReportData {
  format: typeof SIGNED_REPORT_FORMAT;
  /** `submission`: a unit's own report; `consolidation`: a consolidating unit's revision sent up. */
  kind: 'submission' | 'consolidation';
  regime: { code: string; name: string };
  form: { code: string; name: string; version: number };
  unit: { code: string; name: string };
  period: string;
  revision: { id: number; number: number; submittedAt: string; isNil: boolean };
  cells: Record<string, CellValue>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function canonical(value: Json): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no infinite or NaN numbers');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k.normalize('NFC'), v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The canonical text of a signed report. */
export function canonicalSignedReport(data: SignedReportData): string {
  return canonical(data as unknown as Json);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isWhole = (v: unknown): v is number => Number.isInteger(v);
const isCell = (v: unknown): v is CellValue =>
  v === null || typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** A signed report read back from its canonical text; null when the text is not one. */
export function parseSignedReport(text: string): SignedReportData | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.format !== SIGNED_REPORT_FORMAT) return null;
  const { kind, regime, form, unit, period, revision, cells } = value;
  if (kind !== 'submission' && kind !== 'consolidation') return null;
  if (!isRecord(regime) || !isText(regime.code) || !isText(regime.name)) return null;
  if (!isRecord(form) || !isText(form.code) || !isText(form.name) || !isWhole(form.version)) return null;
  if (!isRecord(unit) || !isText(unit.code) || !isText(unit.name)) return null;
  if (!isText(period)) return null;
  if (
    !isRecord(revision) ||
    !isWhole(revision.id) ||
    !isWhole(revision.number) ||
    !isText(revision.submittedAt) ||
    typeof revision.isNil !== 'boolean'
  )
    return null;
  if (!isRecord(cells) || !Object.values(cells).every(isCell)) return null;
  return value as unknown as SignedReportData;
}

/** One difference between the signed data and other data: a cell, or a part of the header. */
export interface SignedReportDifference {
  /** `cells.<cell key>` for a cell, else the header's path (`unit.name`, `period` …). */
  path: string;
  /** The cell key, when the difference is in a cell. */
  cell: string | null;
  /** The value signed (null when the cell was not in the signed data). */
  signed: CellValue;
  /** The value now (null when the cell is gone). */
  current: CellValue;
}

function flatten(value: unknown, prefix: string, out: Map<string, CellValue>): void {
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, isCell(value) ? value : JSON.stringify(value));
}

const same = (a: CellValue | undefined, b: CellValue | undefined) =>
  (a ?? null) === (b ?? null) ||
  (typeof a === 'string' && typeof b === 'string' && a.normalize('NFC') === b.normalize('NFC'));

/**
 * Every place where `current` differs from `signed`, cells by their key, the header by its path;
 * sorted by path. Empty when they carry the same data.
 */
export function compareSignedReports(signed: SignedReportData, current: SignedReportData): SignedReportDifference[] {
  const differences: SignedReportDifference[] = [];
  const { cells: signedCells, ...signedHeader } = signed;
  const { cells: currentCells, ...currentHeader } = current;
  const before = new Map<string, CellValue>();
  const after = new Map<string, CellValue>();
  flatten(signedHeader, '', before);
  flatten(currentHeader, '', after);
  for (const path of new Set([...before.keys(), ...after.keys()]))
    if (!same(before.get(path), after.get(path)))
      differences.push({ path, cell: null, signed: before.get(path) ?? null, current: after.get(path) ?? null });
  for (const cell of new Set([...Object.keys(signedCells), ...Object.keys(currentCells)]))
    if (!same(signedCells[cell], currentCells[cell]))
      differences.push({
        path: `cells.${cell}`,
        cell,
        signed: signedCells[cell] ?? null,
        current: currentCells[cell] ?? null,
      });
  return differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
