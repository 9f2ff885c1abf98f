import {
  roles as allRoles,
  DomainError,
  type Language,
  type MessageArgs,
  type MessageKey,
  type Role,
  renderMessage,
  UserCreate,
} from '@baocao/domain';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { bodyValidator } from '../../http/validation';
import { recordAudit } from '../audit/audit.service';
import { todayInVietnam } from '../units/units.service';
import { findExistingUsernames, findUnitsValidOn } from './users.queries';
import { insertPreparedUser, type PreparedUser, prepareUser } from './users.service';

const MAX_ROWS = 5000;
// Rows are checked as the JSON body of POST /users is (TypeBox's Value knows no string formats: every e-mail failed).
const checkUserCreate = bodyValidator(UserCreate);

/** Accepted column headers (English or Vietnamese without diacritics) → field. */
const HEADERS: Record<string, string> = {
  username: 'username',
  ten_dang_nhap: 'username',
  display_name: 'displayName',
  ho_ten: 'displayName',
  email: 'email',
  phone: 'phone',
  dien_thoai: 'phone',
  unit_code: 'unitCode',
  ma_don_vi: 'unitCode',
  roles: 'roles',
  vai_tro: 'roles',
  capture_root_code: 'captureRootCode',
  ma_don_vi_nhap_lieu: 'captureRootCode',
  view_root_code: 'viewRootCode',
  ma_don_vi_xem: 'viewRootCode',
};

export interface RowError {
  row: number;
  field: string | null;
  message: string;
}

function headerKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

async function readRows(fileName: string, content: Buffer): Promise<string[][]> {
  if (/\.xlsx$/i.test(fileName)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new DomainError('VALIDATION_FAILED', { field: 'file', message: 'EXCEL_UNREADABLE' });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(
        values.map((v) =>
          v === null || v === undefined
            ? ''
            : typeof v === 'object'
              ? String((v as { text?: string }).text ?? '')
              : String(v),
        ),
      );
    });
    return rows;
  }
  if (/\.csv$/i.test(fileName)) {
    const text = content.toString('utf8').replace(/^\uFEFF/, '');
    return Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
  }
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { field: 'file', message: 'IMPORT_CSV_OR_XLSX_ONLY' });
}

/**
 * Reads and checks the accounts of a CSV or XLSX file for `createImportedUsers`:
 * each row is checked (schema, unit codes, roles the caller may grant, scope,
 * duplicates) and all problems are reported by row before anything is written.
 * Hashing the passwords of up to 5,000 rows takes long: this runs before the
 * write request's transaction begins (users.routes.ts), and only the inserts run in it.
 */
export async function prepareImport(
  db: Db,
  context: RequestContext,
  file: { fileName: string; content: Buffer },
  language: Language,
) {
  const rows = await readRows(file.fileName, file.content);
  const [header, ...data] = rows;
  if (!header || data.length === 0)
    throw new DomainError('IMPORT_FAILED', {
      field: 'file',
      details: {
        errors: [{ row: 1, field: null, message: renderMessage(language, 'IMPORT_NO_ROWS') }],
      },
    });
  if (data.length > MAX_ROWS) throw new DomainError('BODY_TOO_LARGE', { field: 'file' });
  const columns = header.map((h) => HEADERS[headerKey(h)] ?? null);
  const errors: RowError[] = [];
  const msg = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => renderMessage(language, key, ...args);
  for (const required of ['username', 'displayName', 'unitCode', 'roles'])
    if (!columns.includes(required))
      errors.push({ row: 1, field: required, message: msg('IMPORT_MISSING_COLUMN', { column: required }) });
  if (errors.length > 0) throw new DomainError('IMPORT_FAILED', { details: { errors } });

  const today = todayInVietnam();
  const codes = new Set<string>();
  for (const row of data)
    columns.forEach((column, i) => {
      if (column?.endsWith('Code') && column && row[i]) codes.add(String(row[i]).trim());
    });
  // A code outside the caller's view reads as unknown: the import tells nothing of units it may not see.
  const units = codes.size
    ? await findUnitsValidOn(db, [...codes], today, context.actor.isSystemAdmin ? null : context.actor.viewRoots)
    : [];
  const unitByCode = new Map(units.map((u) => [u.code, u.id]));
  const seen = new Map<string, number>();
  const prepared: PreparedUser[] = [];

  for (const [index, row] of data.entries()) {
    const rowNumber = index + 2;
    const record: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column)
        record[column] = String(row[i] ?? '')
          .normalize('NFC')
          .trim();
    });
    const unitOf = (field: string): number | undefined => {
      const code = record[field];
      if (!code) return undefined;
      const id = unitByCode.get(code);
      if (id === undefined)
        errors.push({
          row: rowNumber,
          field,
          message: msg('IMPORT_UNKNOWN_UNIT', { code }),
        });
      return id;
    };
    const roleList = (record.roles ?? '').split(/[;,\s]+/).filter(Boolean) as Role[];
    for (const role of roleList)
      if (!allRoles.includes(role))
        errors.push({
          row: rowNumber,
          field: 'roles',
          message: msg('IMPORT_UNKNOWN_ROLE', { role }),
        });
    const candidate: Record<string, unknown> = {
      username: (record.username ?? '').toLowerCase(),
      displayName: record.displayName ?? '',
      roles: roleList,
      unitId: unitOf('unitCode') ?? 0,
    };
    if (record.email) candidate.email = record.email;
    if (record.phone) candidate.phone = record.phone;
    const capture = unitOf('captureRootCode');
    if (capture) candidate.captureRootId = capture;
    const view = unitOf('viewRootCode');
    if (view) candidate.viewRootId = view;
    const username = String(candidate.username);
    if (seen.has(username))
      errors.push({
        row: rowNumber,
        field: 'username',
        message: msg('IMPORT_DUPLICATE_USERNAME', { row: seen.get(username)! }),
      });
    seen.set(username, rowNumber);
    const schemaError = checkUserCreate(candidate) ? null : checkUserCreate.errors?.[0];
    const rowHasErrors = errors.some((e) => e.row === rowNumber);
    if (schemaError && rowHasErrors) continue;
    if (schemaError) {
      const field = schemaError.instancePath.replace(/^\//, '').split('/')[0] || null;
      if (candidate.unitId !== 0 || field !== 'unitId')
        errors.push({
          row: rowNumber,
          field,
          message: msg('IMPORT_INVALID_VALUE', { reason: schemaError.message }),
        });
      continue;
    }
    try {
      prepared.push(await prepareUser(db, context, candidate as UserCreate));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({ row: rowNumber, field: error.field, message: error.messageIn(language) });
    }
  }
  if (seen.size > 0) {
    const existing = await findExistingUsernames(db, [...seen.keys()]);
    for (const { username } of existing)
      errors.push({
        row: seen.get(username)!,
        field: 'username',
        message: msg('IMPORT_USERNAME_EXISTS', { username }),
      });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    throw new DomainError('IMPORT_FAILED', { details: { errors } });
  }
  return prepared;
}

/** Creates every prepared account of an import, or none (the request's transaction rolls back). */
export async function createImportedUsers(tx: Tx, context: RequestContext, prepared: PreparedUser[]) {
  const audits = [];
  for (const user of prepared) {
    const id = await insertPreparedUser(tx, user);
    const { password: _p, ...after } = user.input;
    audits.push({
      action: 'user.create',
      objectType: 'user',
      objectId: id,
      unitId: user.input.unitId,
      after: { ...after, via: 'import' },
    });
  }
  await recordAudit(tx, context, audits);
  return {
    created: prepared.length,
    users: prepared.map((p) => ({ username: p.input.username, temporaryPassword: p.temporaryPassword ?? '' })),
  };
}
