/**
 * Reads a filled Excel template back: the hidden `_baocao` sheet says which form version, unit
 * and period it was made for and where every cell is; unreadable cells are reported one by one.
 */
import { type CellValue, DomainError, type LocalizedText, localize, type MessageRef } from '@baocao/domain';
import ExcelJS from 'exceljs';
import { METADATA_SHEET, TEMPLATE_MAGIC } from './template-layout';

export interface TemplateUploadError {
  cellKey: string;
  address: string;
  message: LocalizedText;
}

export interface TemplateUpload {
  formVersionId: number;
  formId: number;
  formCode: string;
  regimeCode: string;
  unitId: number;
  unitCode: string;
  periodId: string;
  /** Every input cell of the template: its value, or null when blank or unreadable (see `errors`). */
  values: Record<string, CellValue>;
  errors: TemplateUploadError[];
}

function unrecognized(why: MessageRef): DomainError {
  return new DomainError('TEMPLATE_UNRECOGNIZED', { field: 'file', ...why });
}

/** The plain value of a cell: formulas give their result, rich text its text, errors nothing. */
function plainValue(value: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || (typeof result === 'object' && 'error' in result)) return null;
      return result as string | number | boolean | Date;
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return null;
}

type Converted = { value: CellValue } | { error: LocalizedText };

/** "1.234.567", "1,234,567", "1234,5", "1 234,5" → a number, or null when it is not one. */
export function parseNumberText(text: string, integer: boolean): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(compact)) return Number(compact.replace(/\./g, '').replace(',', '.'));
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) return Number(compact.replace(/,/g, ''));
  const single = /^([+-]?\d+)([.,](\d+))?$/.exec(compact);
  if (!single) return null;
  // "1.500" in an integer cell is a thousands separator; elsewhere the one separator is the decimal mark.
  if (integer && single[3]?.length === 3 && compact.includes('.')) return Number(compact.replace('.', ''));
  return Number(compact.replace(',', '.'));
}

function toDateText(value: Date): string {
  return value.toISOString().slice(0, 10);
}

function convert(
  raw: string | number | boolean | Date | null,
  type: string,
  options: { code: string; label: string }[] | undefined,
): Converted {
  if (raw === null) return { value: null };
  if (typeof raw === 'string') {
    raw = raw.normalize('NFC').trim();
    if (raw === '') return { value: null };
  }
  const numeric = type === 'integer' || type === 'decimal' || type === 'money' || type === 'percent';
  if (numeric) {
    const integer = type === 'integer';
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumberText(raw, integer) : null;
    if (n === null || !Number.isFinite(n)) return { error: localize('CELL_NOT_A_NUMBER', { value: String(raw) }) };
    if (integer && !Number.isInteger(n)) return { error: localize('CELL_NOT_A_WHOLE_NUMBER', { value: n }) };
    return { value: n };
  }
  switch (type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = String(raw).toLowerCase();
      if (['có', 'co', 'x', 'yes', 'true', '1', 'đúng'].includes(text)) return { value: true };
      if (['không', 'khong', 'no', 'false', '0', 'sai'].includes(text)) return { value: false };
      return { error: localize('CELL_NOT_YES_OR_NO', { value: String(raw) }) };
    }
    case 'choice': {
      const text = String(raw);
      const found = options?.find(
        (o) => o.label === text || o.code === text || o.label.toLowerCase() === text.toLowerCase(),
      );
      if (found) return { value: found.code };
      return { error: localize('CELL_NOT_AN_OPTION', { value: text }) };
    }
    case 'date': {
      if (raw instanceof Date) return { value: toDateText(raw) };
      if (typeof raw === 'number') return { value: toDateText(new Date(Date.UTC(1899, 11, 30) + raw * 86_400_000)) };
      const text = String(raw);
      const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      const isoText = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : text;
      const parsed = /^\d{4}-\d{2}-\d{2}$/.test(isoText) ? new Date(`${isoText}T00:00:00Z`) : null;
      if (parsed && !Number.isNaN(parsed.getTime()) && toDateText(parsed) === isoText) return { value: isoText };
      return { error: localize('CELL_NOT_A_DATE', { value: text }) };
    }
    default: {
      const text = raw instanceof Date ? toDateText(raw) : String(raw);
      if (text.length > 20_000) return { error: localize('CELL_TEXT_TOO_LONG') };
      return { value: text };
    }
  }
}

/**
 * Reads a filled template: which form version, unit and period it is for (from the hidden
 * `_baocao` sheet) and the value of every input cell, converted to the field's type. Values that
 * cannot be read are null in `values` and listed in `errors`; bounds, required cells and rules
 * are the form validation's business. Computed cells are ignored (the server recomputes them).
 * @throws DomainError TEMPLATE_UNRECOGNIZED when the file is not a readable Baocao template.
 */
export async function readTemplateUpload(buffer: Buffer | Uint8Array): Promise<TemplateUpload> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unrecognized({ message: 'TEMPLATE_FILE_UNREADABLE' });
  }
  const metadata = workbook.getWorksheet(METADATA_SHEET);
  if (!metadata || metadata.getCell('A1').value !== TEMPLATE_MAGIC) {
    throw unrecognized({ message: 'TEMPLATE_METADATA_SHEET_MISSING', params: { sheet: METADATA_SHEET } });
  }
  const meta = new Map<string, string>();
  let row = 2;
  for (; row < 200; row++) {
    const key = plainValue(metadata.getCell(row, 1).value);
    if (key === null || key === '') break;
    meta.set(String(key), String(plainValue(metadata.getCell(row, 2).value) ?? ''));
  }
  const integer = (key: string) => {
    const value = Number(meta.get(key));
    if (!Number.isInteger(value) || value < 1) {
      throw unrecognized({ message: 'TEMPLATE_METADATA_WRONG', params: { key } });
    }
    return value;
  };
  const text = (key: string) => {
    const value = meta.get(key);
    if (!value) throw unrecognized({ message: 'TEMPLATE_METADATA_MISSING', params: { key } });
    return value;
  };
  const result: TemplateUpload = {
    formVersionId: integer('formVersionId'),
    formId: integer('formId'),
    formCode: text('formCode'),
    regimeCode: text('regimeCode'),
    unitId: integer('unitId'),
    unitCode: text('unitCode'),
    periodId: text('periodId'),
    values: {},
    errors: [],
  };
  const data = workbook.getWorksheet(text('dataSheet'));
  if (!data) {
    throw unrecognized({ message: 'TEMPLATE_DATA_SHEET_MISSING', params: { sheet: String(meta.get('dataSheet')) } });
  }

  // Option lists: from column J, pairs of (code, label) columns headed `set:<code>`.
  const options = new Map<string, { code: string; label: string }[]>();
  for (let column = 10; column < 10 + 2 * 60; column += 2) {
    const head = plainValue(metadata.getCell(1, column).value);
    if (typeof head !== 'string' || !head.startsWith('set:')) break;
    const list: { code: string; label: string }[] = [];
    for (let r = 2; r < 200; r++) {
      const code = plainValue(metadata.getCell(r, column).value);
      if (code === null || code === '') break;
      list.push({
        code: String(code),
        label: String(plainValue(metadata.getCell(r, column + 1).value) ?? '').normalize('NFC'),
      });
    }
    options.set(head.slice(4), list);
  }

  const mapStart = row + 1;
  if (plainValue(metadata.getCell(mapStart, 1).value) !== 'cellKey') {
    throw unrecognized({ message: 'TEMPLATE_CELL_MAP_MISSING' });
  }
  for (let r = mapStart + 1; r < mapStart + 100_000; r++) {
    const key = plainValue(metadata.getCell(r, 1).value);
    if (key === null || key === '') break;
    const cells = [2, 3, 4, 5, 6, 7].map((c) => String(plainValue(metadata.getCell(r, c).value) ?? ''));
    const [address, , , type, role, optionSet] = cells as [string, string, string, string, string, string];
    if (role !== 'input') continue;
    if (!/^[A-Z]{1,3}[0-9]{1,7}$/.test(address)) {
      throw unrecognized({ message: 'TEMPLATE_CELL_ADDRESS_INVALID', params: { address } });
    }
    const converted = convert(plainValue(data.getCell(address).value), type, options.get(optionSet));
    const cellKey = String(key);
    if ('error' in converted) {
      result.values[cellKey] = null;
      result.errors.push({
        cellKey,
        address,
        message: localize('CELL_PROBLEM', { address, problem: converted.error }),
      });
    } else result.values[cellKey] = converted.value;
  }
  return result;
}
