import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../src/db/database';
import type { Client } from './harness';

interface Answered {
  status: number;
  json: any;
  headers: Record<string, unknown>;
}

/** The error body every refusal carries: the code, a message, the field it is about and the request's id. */
export function expectError(response: Answered, status: number, code: string, field: string | null = null): void {
  expect(response.status, JSON.stringify(response.json)).toBe(status);
  const { code: actualCode, field: actualField, message, requestId } = response.json;
  expect({ code: actualCode, field: actualField }).toEqual({ code, field });
  expect(typeof message === 'string' && message.length > 0, JSON.stringify(response.json)).toBe(true);
  expect(requestId).toBe(response.headers['x-request-id']);
}

/**
 * The audit rows about one object, oldest first (the audit route seals pending entries before
 * reading); sign-ins, also about the account, are left out.
 */
export async function auditOf(admin: Client, objectType: string, objectId: number | string) {
  const response = await admin.request('GET', `/api/v1/audit?objectType=${objectType}&objectId=${objectId}&limit=200`);
  expect(response.status).toBe(200);
  return [...response.json.items].reverse().filter((row) => !row.action.startsWith('auth.')) as {
    action: string;
    actorName: string | null;
    unitId: number | null;
    before: any;
    after: any;
  }[];
}

/** How many audit entries exist, sealed or pending, read in one snapshot. */
export async function auditCount(db: Db): Promise<number> {
  const result = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM audit_pending) AS n`.execute(db);
  return Number(result.rows[0]!.n);
}

/** Every row of the given tables (ordered by their first column) and the audit count: what "nothing changed" compares. */
export async function snapshot(db: Db, tables: string[]): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = { audit: await auditCount(db) };
  for (const table of tables) state[table] = (await sql`SELECT * FROM ${sql.table(table)} ORDER BY 1`.execute(db)).rows;
  return state;
}

/** A multipart upload of one file in the field "file", as the web app sends it. */
export function multipartFile(fileName: string, content: string | Buffer) {
  const boundary = '----baocao-test';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}
