/**
 * Import of a directive's tasks from an XLSX list (the table an office keeps of a resolution's
 * assignments): every row is checked — title, deadline (a date, or "thường xuyên"/empty for a
 * regular task, never before the directive's date), lead and supporting unit codes in the
 * caller's view — and all problems are reported with their row numbers before anything is
 * written. A dry run stops there; otherwise all rows are created in the request's transaction, or none.
 */
import {
  DomainError,
  isIsoDate,
  type Language,
  type MessageArgs,
  type MessageKey,
  renderMessage,
  type TaskInput,
  vietnamDate,
  vietnameseDay,
} from '@baocao/domain';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { findActiveUnitsByCode } from './tasks.queries';

const MAX_ROWS = 2000;

const HEADERS: Record<string, keyof ImportRecord> = {
  nhiem_vu: 'title',
  noi_dung: 'title',
  noi_dung_nhiem_vu: 'title',
  title: 'title',
  task: 'title',
  han: 'deadline',
  thoi_han: 'deadline',
  han_hoan_thanh: 'deadline',
  deadline: 'deadline',
  don_vi_chu_tri: 'lead',
  chu_tri: 'lead',
  lead_unit_code: 'lead',
  lead: 'lead',
  don_vi_phoi_hop: 'supporting',
  phoi_hop: 'supporting',
  supporting_unit_codes: 'supporting',
  supporting: 'supporting',
  ket_qua_du_kien: 'expectedResult',
  ket_qua: 'expectedResult',
  san_pham: 'expectedResult',
  expected_result: 'expectedResult',
};

interface ImportRecord {
  title: string;
  deadline: string;
  lead: string;
  supporting: string;
  expectedResult: string;
}

export interface ImportRowError {
  row: number;
  field: string | null;
  message: string;
}

export interface PreparedTask {
  row: number;
  input: TaskInput;
  leadUnitCode: string;
  supportingUnitCodes: string[];
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function readRows(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('VALIDATION_FAILED', { field: 'file', message: 'EXCEL_UNREADABLE' });
  }
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(
      values.map((v) =>
        cellText(v as ExcelJS.CellValue)
          .normalize('NFC')
          .trim(),
      ),
    );
  });
  // Trailing empty rows are not rows.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows;
}

/** A deadline cell: ISO or dd/mm/yyyy date; "thường xuyên", "regular" or empty: a regular task (null). */
export function parseDeadline(value: string): string | null | undefined {
  if (value === '' || ['thuong_xuyen', 'regular', 'hang_nam', 'lien_tuc'].includes(fold(value))) return null;
  if (isIsoDate(value)) return value;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!match) return undefined;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

export async function prepareTaskImport(
  db: Db,
  context: RequestContext,
  issuedOn: string,
  file: { fileName: string; content: Buffer },
  language: Language,
): Promise<PreparedTask[]> {
  if (!/\.xlsx$/i.test(file.fileName))
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { field: 'file', message: 'IMPORT_CSV_OR_XLSX_ONLY' });
  const msg = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => renderMessage(language, key, ...args);
  const rows = await readRows(file.content);
  const [header, ...data] = rows;
  if (!header || data.length === 0)
    throw new DomainError('IMPORT_FAILED', {
      field: 'file',
      details: { errors: [{ row: 1, field: null, message: msg('IMPORT_NO_ROWS') }] },
    });
  if (data.length > MAX_ROWS) throw new DomainError('BODY_TOO_LARGE', { field: 'file' });
  const columns = header.map((h) => HEADERS[fold(h)] ?? null);
  const errors: ImportRowError[] = [];
  for (const required of ['title', 'deadline', 'lead'] as const)
    if (!columns.includes(required))
      errors.push({ row: 1, field: required, message: msg('IMPORT_MISSING_COLUMN', { column: required }) });
  if (errors.length > 0) throw new DomainError('IMPORT_FAILED', { field: 'file', details: { errors } });

  const records = data.map((row) => {
    const record: ImportRecord = { title: '', deadline: '', lead: '', supporting: '', expectedResult: '' };
    columns.forEach((column, i) => {
      if (column) record[column] = row[i] ?? '';
    });
    return record;
  });
  const splitCodes = (value: string) => [...new Set(value.split(/[;,\s]+/).filter(Boolean))];
  const codes = new Set(records.flatMap((r) => [r.lead, ...splitCodes(r.supporting)]).filter(Boolean));
  // Codes outside the caller's view read as unknown.
  const units = await findActiveUnitsByCode(
    db,
    [...codes],
    vietnamDate(Date.now()),
    context.actor.isSystemAdmin ? null : context.actor.viewRoots,
  );
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  const prepared: PreparedTask[] = [];
  for (const [index, record] of records.entries()) {
    const row = index + 2;
    if (Object.values(record).every((v) => v === '')) continue;
    const before = errors.length;
    if (record.title.length < 3 || record.title.length > 1000)
      errors.push({ row, field: 'title', message: msg('IMPORT_TASK_TITLE') });
    const deadline = parseDeadline(record.deadline);
    if (deadline === undefined)
      errors.push({ row, field: 'deadline', message: msg('IMPORT_TASK_DEADLINE', { value: record.deadline }) });
    else if (deadline !== null && deadline < issuedOn)
      errors.push({
        row,
        field: 'deadline',
        message: msg('TASK_DEADLINE_BEFORE_DIRECTIVE', {
          deadline: vietnameseDay(deadline),
          issuedOn: vietnameseDay(issuedOn),
        }),
      });
    const leadId = idOf.get(record.lead);
    if (leadId === undefined)
      errors.push({ row, field: 'lead', message: msg('IMPORT_UNKNOWN_UNIT', { code: record.lead }) });
    const supportingCodes = splitCodes(record.supporting);
    const supportingIds: number[] = [];
    for (const code of supportingCodes) {
      const id = idOf.get(code);
      if (id === undefined) errors.push({ row, field: 'supporting', message: msg('IMPORT_UNKNOWN_UNIT', { code }) });
      else if (id === leadId) errors.push({ row, field: 'supporting', message: msg('TASK_LEAD_ALSO_SUPPORTING') });
      else supportingIds.push(id);
    }
    if (record.expectedResult.length > 1000)
      errors.push({
        row,
        field: 'expectedResult',
        message: msg('IMPORT_INVALID_VALUE', { reason: '≤ 1000' }),
      });
    if (errors.length > before || leadId === undefined || deadline === undefined) continue;
    prepared.push({
      row,
      input: {
        title: record.title,
        deadline,
        leadUnitId: leadId,
        supportingUnitIds: supportingIds,
        expectedResult: record.expectedResult,
      },
      leadUnitCode: record.lead,
      supportingUnitCodes: supportingCodes,
    });
  }
  if (errors.length > 0) throw new DomainError('IMPORT_FAILED', { field: 'file', details: { errors } });
  if (prepared.length === 0)
    throw new DomainError('IMPORT_FAILED', {
      field: 'file',
      details: { errors: [{ row: 1, field: null, message: msg('IMPORT_NO_ROWS') }] },
    });
  return prepared;
}
