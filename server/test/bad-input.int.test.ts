import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from './fixtures';
import { type Client, createTestApp, signIn, type TestApp } from './harness';

let t: TestApp;
let fx: Fixture;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

async function counts() {
  const [users, units, audit] = await Promise.all([
    t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    // One statement, one snapshot: sealing moves entries from pending to the log meanwhile.
    sql<{ n: number }>`select (select count(*) from audit_log) + (select count(*) from audit_pending) as n`.execute(
      t.db,
    ),
  ]);
  return { users: Number(users.n), units: Number(units.n), audit: Number(audit.rows[0]!.n) };
}

function raw(method: string, url: string, payload: string, contentType = 'application/json') {
  return t.app.inject({
    method: method as 'POST',
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType, 'accept-language': 'en' },
    payload,
  });
}

const validUser = () => ({ username: 'hop.le', displayName: 'Hợp lệ', unitId: fx.units.H1, roles: ['viewer'] });

describe('bad input gets a clear 4xx error and changes nothing', () => {
  const cases: [string, () => Promise<{ statusCode: number; json(): any }>, string, string | null][] = [
    ['malformed JSON', () => raw('POST', '/api/v1/users', '{"username": "a",'), 'MALFORMED_JSON', null],
    ['empty JSON body', () => raw('POST', '/api/v1/users', ''), 'MALFORMED_JSON', null],
    [
      'wrong type',
      () => raw('POST', '/api/v1/users', JSON.stringify({ ...validUser(), unitId: '12' })),
      'VALIDATION_FAILED',
      'unitId',
    ],
    [
      'unknown property',
      () => raw('POST', '/api/v1/users', JSON.stringify({ ...validUser(), isAdmin: true })),
      'VALIDATION_FAILED',
      'isAdmin',
    ],
    [
      'missing property',
      () => raw('POST', '/api/v1/users', JSON.stringify({ username: 'thieu.truong' })),
      'VALIDATION_FAILED',
      'displayName',
    ],
    [
      'oversized string',
      () => raw('POST', '/api/v1/users', JSON.stringify({ ...validUser(), displayName: 'x'.repeat(201) })),
      'VALIDATION_FAILED',
      'displayName',
    ],
    [
      'oversized body',
      () => raw('POST', '/api/v1/users', JSON.stringify({ ...validUser(), displayName: 'x'.repeat(3_000_000) })),
      'BODY_TOO_LARGE',
      null,
    ],
    [
      'bad enum value',
      () => raw('POST', '/api/v1/users', JSON.stringify({ ...validUser(), roles: ['god'] })),
      'VALIDATION_FAILED',
      'roles.0',
    ],
    ['array instead of object', () => raw('POST', '/api/v1/users', '[1,2,3]'), 'VALIDATION_FAILED', null],
    [
      'wrong content type',
      () => raw('POST', '/api/v1/users', 'username=a', 'text/plain'),
      'UNSUPPORTED_MEDIA_TYPE',
      null,
    ],
    [
      'NUL byte in a string',
      () => raw('POST', '/api/v1/users', JSON.stringify({ ...validUser(), displayName: 'a\u0000b' })),
      'VALIDATION_FAILED',
      null,
    ],
    ['bad id shape in path', () => raw('GET', '/api/v1/units/abc', ''), 'VALIDATION_FAILED', 'params.id'],
    ['id out of range', () => raw('GET', '/api/v1/units/99999999999', ''), 'VALIDATION_FAILED', 'params.id'],
    ['bad query value', () => raw('GET', '/api/v1/units?limit=100000', ''), 'VALIDATION_FAILED', 'querystring.limit'],
    [
      'unknown query parameter',
      () => raw('GET', '/api/v1/units?drop=table', ''),
      'VALIDATION_FAILED',
      'querystring.drop',
    ],
    ['bad date', () => raw('GET', '/api/v1/units?asOf=2025-13-45', ''), 'VALIDATION_FAILED', 'querystring.asOf'],
    [
      'duplicate user name',
      () => raw('POST', '/api/v1/users', JSON.stringify({ ...validUser(), username: 'viewer.h1' })),
      'ALREADY_EXISTS',
      null,
    ],
    ['unknown route', () => raw('GET', '/api/v1/nothing-here', ''), 'ROUTE_NOT_FOUND', null],
  ];
  for (const [name, send, code, field] of cases) {
    it(name, async () => {
      const before = await counts();
      const response = await send();
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      const body = response.json();
      expect(body.code).toBe(code);
      expect(typeof body.message).toBe('string');
      expect(body.message.length).toBeGreaterThan(0);
      expect(body.requestId).toBeTruthy();
      if (field) expect(body.field).toBe(field);
      expect(await counts()).toEqual(before);
    });
  }

  it('answers in Vietnamese by default', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe('Bạn cần đăng nhập.');
  });

  it('a bulk import with one bad row creates nobody and reports every row', async () => {
    const before = await counts();
    const csv = [
      'ten_dang_nhap,ho_ten,ma_don_vi,vai_tro',
      'nhap.mot,Nguyễn Văn Một,H1,viewer',
      'nhap.hai,Trần Thị Hai,KHONG-CO,viewer',
      'nhap.mot,Lê Văn Trùng,H1,viewer',
      'nhap.bon,Phạm Thị Bốn,H1,god',
    ].join('\n');
    const boundary = '----x';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/import',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="u.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    });
    expect(response.statusCode).toBe(422);
    const errors = response.json().details.errors as { row: number; field: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'unitCode'],
      [4, 'username'],
      [5, 'roles'],
    ]);
    expect(await counts()).toEqual(before);
  });
});
