/**
 * How one imported value becomes a cell value. Files carry text (CSV, ADX, DHIS2
 * CSV) or JSON scalars (native JSON, DHIS2 JSON); both are turned into the cell's
 * type here, and a text that a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-` or `@` and is not a plain number) is refused, so an imported file
 * can never plant a formula that a later export would hand to Excel.
 */
import { isNumericType } from '../forms/form-cells';
import type { CellValue, FieldDefinition } from '../forms/form-definition';

export type ImportedScalar = string | number | boolean | null;

/** Why one imported value was refused. */
export type ValueProblem = 'not_number' | 'not_integer' | 'not_boolean' | 'not_date' | 'formula' | 'too_long';

export type ConvertedValue = { ok: true; value: CellValue } | { ok: false; problem: ValueProblem };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a text would be read as a formula by a spreadsheet (and is not a plain number). */
export function looksLikeFormula(text: string): boolean {
  return trimmedLooksLikeFormula(text.trim());
}

/** {@link looksLikeFormula} of a text already trimmed (an import converts millions of values: one trim each). */
function trimmedLooksLikeFormula(trimmed: string): boolean {
  const first = trimmed[0];
  if (first === undefined || !'=+-@\t\r'.includes(first)) return false;
  return !NUMBER.test(trimmed);
}

/** Turns an imported value into the field's cell value, or says why it cannot. Empty text is "no value". */
export function convertImportedValue(field: Pick<FieldDefinition, 'type'>, raw: ImportedScalar): ConvertedValue {
  if (raw === null) return { ok: true, value: null };
  let trimmed = '';
  if (typeof raw === 'string') {
    if (raw.length > 20_000) return { ok: false, problem: 'too_long' };
    trimmed = raw.trim();
    if (trimmedLooksLikeFormula(trimmed)) return { ok: false, problem: 'formula' };
    if (trimmed === '') return { ok: true, value: null };
  }
  if (isNumericType(field.type)) {
    let n: number;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string' && NUMBER.test(trimmed)) n = Number(trimmed);
    else return { ok: false, problem: 'not_number' };
    if (!Number.isFinite(n)) return { ok: false, problem: 'not_number' };
    if (field.type === 'integer' && !Number.isInteger(n)) return { ok: false, problem: 'not_integer' };
    return { ok: true, value: n };
  }
  if (field.type === 'boolean') {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    const text = String(raw).trim().toLowerCase();
    if (text === 'true' || text === '1') return { ok: true, value: true };
    if (text === 'false' || text === '0') return { ok: true, value: false };
    return { ok: false, problem: 'not_boolean' };
  }
  if (field.type === 'date') {
    const text = String(raw).trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
      ? { ok: true, value: text }
      : { ok: false, problem: 'not_date' };
  }
  return { ok: true, value: typeof raw === 'string' ? raw.normalize('NFC') : String(raw) };
}

/** The same cell value written by two sources: numbers compare by value, everything else exactly. */
export function sameCellValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}
