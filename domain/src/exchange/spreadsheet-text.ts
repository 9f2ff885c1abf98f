/**
 * Text written to files that a spreadsheet opens (CSV, XLSX). A text that a
 * spreadsheet would run as a formula (see {@link looksLikeFormula}) is written with
 * a leading apostrophe, which spreadsheets show as text, so an exported file can
 * never carry a formula into the reader's Excel, whatever a stored value holds.
 */
import { looksLikeFormula } from './import-values';

/** The text as a spreadsheet must receive it: a leading apostrophe when it would run as a formula. */
export function defuseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** A CSV field: text defused against formulas, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? defuseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
