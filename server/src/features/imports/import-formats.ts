/**
 * The readers of the exchange formats. Each turns a file into the same rows —
 * (data set, org unit, period, data element, disaggregation, value) with the
 * row's position in the file — so that every rule of an import (imports.service.ts)
 * is written once, whatever the format:
 *
 * - native JSON `{ values: [{ form, unit, period, cell, value }] }`;
 * - DHIS2 `dataValueSets` JSON (`dataSet`/`period`/`orgUnit` on the set or on each
 *   value) and CSV (DHIS2's column order: dataelement, period, orgunit,
 *   catoptcombo, attroptcombo, value, …; header optional);
 * - IHE ADX XML (`<group orgUnit period="2025-07-01/P1M" dataSet>` of
 *   `<dataValue dataElement value>`; a disaggregation is the one attribute left; a
 *   period is `start/duration`: P1D, P7D or P1W from a Monday, P1M, P3M, P6M, P9M, P1Y);
 * - plain CSV and XLSX with the header `form,unit,period,cell,value`.
 *
 * The CSV reader and the staging of every format are in import-stream.ts, the JSON
 * reader (fed as the body arrives) in import-json.ts.
 * Text must be UTF-8. The XML reader refuses any DOCTYPE, so no entity — external
 * or expanding — is ever read.
 */
import {
  DomainError,
  type ImportedScalar,
  isIsoDate,
  isoWeekday,
  type PeriodType,
  parsePeriod,
  periodForDate,
} from '@baocao/domain';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';

export const importFormats = ['native', 'dhis2-json', 'dhis2-csv', 'adx', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface ImportRow {
  /** 1-based position of the value in the file (a CSV's data line, the index in a JSON array). */
  row: number;
  dataSet: string | null;
  orgUnit: string | null;
  period: string | null;
  dataElement: string | null;
  /** A disaggregation option (DHIS2's category option combo); null or `default` for none. */
  option: string | null;
  value: ImportedScalar;
}

/** A safety valve on one request: a bigger file is split by its sender. */
export const MAX_IMPORT_ROWS = 20_000_000;

const FORMAT_NAMES: Record<ImportFormat, string> = {
  native: 'JSON',
  'dhis2-json': 'DHIS2 JSON',
  'dhis2-csv': 'DHIS2 CSV',
  adx: 'ADX XML',
  csv: 'CSV',
  xlsx: 'XLSX',
};

export function malformedFile(format: ImportFormat, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    field: 'file',
    message: 'IMPORT_MALFORMED',
    params: { format: FORMAT_NAMES[format], reason },
  });
}

/** The file as UTF-8 text (a byte-order mark dropped); anything else is refused with the offending offset. */
export function utf8Text(file: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'file',
      message: 'IMPORT_NOT_UTF8',
      params: { offset: firstInvalidUtf8(file) },
    });
  }
}

function firstInvalidUtf8(file: Buffer): number {
  // Binary search on the longest valid prefix (decoding is strict, so a prefix ending mid-character fails too).
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ok = 0;
  let bad = file.length;
  while (bad - ok > 4) {
    const mid = (ok + bad) >> 1;
    try {
      decoder.decode(file.subarray(0, mid));
      ok = mid;
    } catch {
      bad = mid;
    }
  }
  return ok;
}

/** A field read as text, as every format reads it: trimmed, a number as its text, anything else none. */
export const str = (v: unknown): string | null =>
  typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null;
/** A value as imported: an object or array becomes its JSON text. */
export const scalar = (v: unknown): ImportedScalar =>
  v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as ImportedScalar);

export function tooManyRows(): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    field: 'file',
    message: 'IMPORT_TOO_MANY_ROWS',
    params: { max: MAX_IMPORT_ROWS },
  });
}

const DHIS2_COLUMNS = ['dataelement', 'period', 'orgunit', 'catoptcombo', 'attroptcombo', 'value'];

const PLAIN_COLUMNS = ['form', 'unit', 'period', 'cell', 'value'] as const;

function plainRows(format: ImportFormat, records: (string | null)[][]): ImportRow[] {
  const header = (records[0] ?? []).map((h) => (h ?? '').trim().toLowerCase());
  const index = Object.fromEntries(PLAIN_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof PLAIN_COLUMNS)[number],
    number
  >;
  const missing = PLAIN_COLUMNS.filter((c) => index[c] < 0);
  if (missing.length > 0) throw malformedFile(format, `the header lacks ${missing.join(', ')}`);
  const at = (r: (string | null)[], c: (typeof PLAIN_COLUMNS)[number]) => r[index[c]] ?? null;
  return records.slice(1).map((r, i) => ({
    row: i + 1,
    dataSet: at(r, 'form')?.trim() || null,
    orgUnit: at(r, 'unit')?.trim() || null,
    period: at(r, 'period')?.trim() || null,
    dataElement: at(r, 'cell')?.trim() || null,
    option: null,
    value: at(r, 'value'),
  }));
}

/** Reads a whole XLSX file into import rows (ExcelJS's workbook reader needs the whole file). */
export async function readXlsx(file: Buffer): Promise<ImportRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw malformedFile('xlsx', (error as Error).message.slice(0, 200));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw malformedFile('xlsx', 'the workbook has no sheet');
  const records: (string | null)[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: (string | null)[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, PLAIN_COLUMNS.length); c++) {
      const cell = row.getCell(c);
      // A formula cell is imported as its formula text, which the value check then refuses.
      const v = cell.formula ? `=${cell.formula}` : cell.value;
      cells.push(v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    }
    records.push(cells);
  });
  return plainRows('xlsx', records);
}

export const ADX_NS = 'urn:ihe:qrph:adx:2015';

/** ADX's period (`start/duration`) as Baocao's period id; null when it names no Baocao period. */
export function adxPeriod(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})\/P(\d+)([DWMY])$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, nText, unit] = m;
  const n = Number(nText);
  if (unit === 'D' && n === 1) return `${y}${mo}${d}`;
  // An ISO week: seven days (or one week) from a Monday.
  if ((unit === 'D' && n === 7) || (unit === 'W' && n === 1)) {
    const start = `${y}-${mo}-${d}`;
    if (!isIsoDate(start) || isoWeekday(start) !== 1) return null;
    return periodForDate('week', start).id;
  }
  if (unit === 'Y' && n === 1 && mo === '01' && d === '01') return y!;
  if (unit === 'M' && d === '01') {
    const month = Number(mo);
    if (n === 1) return `${y}${mo}`;
    if (n === 3 && (month - 1) % 3 === 0) return `${y}Q${(month + 2) / 3}`;
    if (n === 6 && (month === 1 || month === 7)) return `${y}S${month === 1 ? 1 : 2}`;
    if (n === 9 && month === 1) return `${y}N9`;
    if (n === 12 && month === 1) return y!;
  }
  return null;
}

const ADX_DURATIONS: Record<PeriodType, string> = {
  day: 'P1D',
  week: 'P7D',
  month: 'P1M',
  quarter: 'P3M',
  half_year: 'P6M',
  nine_months: 'P9M',
  year: 'P1Y',
};

/** Baocao's period id as ADX's `start/duration` (the inverse of {@link adxPeriod}): `2024Q1` → `2024-01-01/P3M`. */
export function adxPeriodOf(periodId: string): string {
  const period = parsePeriod(periodId);
  return `${period.start}/${ADX_DURATIONS[period.type]}`;
}

/**
 * An ADX reader fed text as it arrives (saxes parses incrementally): each value is handed
 * to `onRow` at once, so a streamed file is never held whole. `end` checks what only the
 * whole document can tell. Both throw the import's malformed-file error.
 */
export function streamAdx(onRow: (row: ImportRow) => void) {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let group: { dataSet: string | null; orgUnit: string | null; period: string | null } | null = null;
  let sawRoot = false;
  let failure: string | null = null;
  let count = 0;
  parser.on('doctype', () => {
    // A DOCTYPE is how entities (external or expanding) get in: refused outright.
    failure = 'a DOCTYPE is not allowed';
    parser.close();
  });
  parser.on('error', (error) => {
    failure ??= error.message.slice(0, 200);
  });
  parser.on('opentag', (tag) => {
    if (failure) return;
    const attr = (name: string) => tag.attributes[name]?.value.trim() || null;
    if (!sawRoot) {
      sawRoot = true;
      if (tag.local !== 'adx' || tag.uri !== ADX_NS) failure = `the root element is not <adx xmlns="${ADX_NS}">`;
      return;
    }
    if (tag.local === 'group') {
      const period = attr('period');
      group = {
        dataSet: attr('dataSet'),
        orgUnit: attr('orgUnit'),
        period: period && (adxPeriod(period) ?? period),
      };
    } else if (tag.local === 'dataValue') {
      if (count >= MAX_IMPORT_ROWS) {
        failure = `more than ${MAX_IMPORT_ROWS} values`;
        return;
      }
      let option: string | null = null;
      for (const a of Object.values(tag.attributes))
        if (a.local !== 'dataElement' && a.local !== 'value' && a.prefix === '') {
          option = a.value.trim() || null;
          break;
        }
      onRow({
        row: ++count,
        dataSet: group?.dataSet ?? null,
        orgUnit: group?.orgUnit ?? null,
        period: group?.period ?? null,
        dataElement: attr('dataElement'),
        option,
        value: attr('value'),
      });
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'group') group = null;
  });
  const check = () => {
    if (failure) throw malformedFile('adx', failure);
  };
  return {
    write(text: string) {
      if (failure) return check();
      try {
        parser.write(text);
      } catch (error) {
        failure ??= (error as Error).message.slice(0, 200);
      }
      check();
    },
    end() {
      try {
        if (!failure) parser.close();
      } catch (error) {
        failure ??= (error as Error).message.slice(0, 200);
      }
      check();
      if (!sawRoot) throw malformedFile('adx', 'no root element');
    },
  };
}

export { DHIS2_COLUMNS, PLAIN_COLUMNS };
