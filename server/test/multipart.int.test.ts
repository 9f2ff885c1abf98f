import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from './fixtures';
import { type Client, createTestApp, signIn, type TestApp } from './harness';
import { type RegimeFixture, seedRegime } from './regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

async function rows() {
  const result = await sql<{ n: string }>`select (select count(*) from users) + (select count(*) from submissions)
    + (select count(*) from audit_log) + (select count(*) from audit_pending) as n`.execute(t.db);
  return Number(result.rows[0]!.n);
}

const post = (url: string, contentType: string, payload: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType, 'accept-language': 'en' },
    payload,
  });

const unclosed = [
  '--XYZ',
  'Content-Disposition: form-data; name="file"; filename="users.csv"',
  'Content-Type: text/csv',
  '',
  'username,displayName',
  'a.b,A B',
].join('\r\n');

describe('malformed multipart bodies get 400 with the usual error shape and change nothing', () => {
  const urls = () => [
    '/api/v1/users/import',
    `/api/v1/reports/upload?unitId=${fx.units.X1}&formId=${rg.formId}&period=20240315`,
  ];
  for (const [name, contentType, payload] of [
    ['no closing boundary', 'multipart/form-data; boundary=XYZ', unclosed],
    ['multipart/form-data with no boundary', 'multipart/form-data', unclosed],
    ['a malformed part header', 'multipart/form-data; boundary=XYZ', '--XYZ\r\nno colon here\r\n\r\nx\r\n--XYZ--\r\n'],
  ] as const) {
    it(name, async () => {
      for (const url of urls()) {
        const before = await rows();
        const response = await post(url, contentType, payload);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
        const body = response.json();
        // A broken part header may leave the parser with no file at all: still a 400 on `file`.
        expect(body.field).toBe('file');
        expect(
          name === 'a malformed part header' ? ['MALFORMED_MULTIPART', 'VALIDATION_FAILED'] : ['MALFORMED_MULTIPART'],
        ).toContain(body.code);
        if (body.code === 'MALFORMED_MULTIPART') expect(body.message).toMatch(/multipart/i);
        expect(typeof body.requestId).toBe('string');
        expect(await rows()).toBe(before);
      }
    });
  }
});
