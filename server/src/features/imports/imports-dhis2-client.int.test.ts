/**
 * What a DHIS2 client will try (issue 12 §2b, §5), through the HTTP API against the
 * real database: an org unit code reused across the 2025 reform resolved on the
 * period's date, a form code shared by two regimes qualified by its regime, a body
 * far above the limit refused from its Content-Length before it is read, and an
 * import whose database connection is killed halfway leaving nothing behind.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let other: RegimeFixture;
let admin: Client;
let before2025: number;
let after2025: number;

beforeAll(async () => {
  t = await createTestApp({ imports: { bodyLimit: 1024 * 1024, inlineBytes: 512 * 1024, tokenRatePerMinute: 30 } });
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  // A second regime with a form of the same code (form codes are unique only within a regime).
  other = await seedRegime(t.db);
  t.clock.now = during('2025-07-10');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  // Code `24` names one commune until 30 June 2025 and another from 1 July 2025 (the 2025 reform reused codes).
  const units = await sql<{ id: number }>`
    INSERT INTO units (code, name, kind, search_text, valid_from, valid_to) VALUES
      ('24', 'Xã cũ 24', 'ubnd_commune', 'xa cu 24', '2020-01-01', '2025-06-30'),
      ('24', 'Xã mới 24', 'ubnd_commune', 'xa moi 24', '2025-07-01', NULL)
    RETURNING id`.execute(t.db);
  [before2025, after2025] = units.rows.map((r) => Number(r.id)) as [number, number];
  await sql`INSERT INTO unit_parents (hierarchy, unit_id, parent_id, valid_from, valid_to) VALUES
      ('administrative', ${before2025}::int, ${fx.units.H1}::int, '2020-01-01', '2025-06-30'),
      ('administrative', ${after2025}::int, ${fx.units.H1}::int, '2025-07-01', NULL)`.execute(t.db);
});
afterAll(async () => t?.close());

async function post(url: string, body: string, contentType = 'application/json') {
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType, 'accept-language': 'en' },
    payload: body,
  });
  return { status: response.statusCode, json: response.json() };
}

const regimeCode = async (regimeId: number) =>
  (await t.db.selectFrom('regimes').select('code').where('id', '=', regimeId).executeTakeFirstOrThrow()).code;

async function stored(formId: number, unitId: number, periodId: string) {
  return (
    (await t.db
      .selectFrom('submissions as s')
      .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
      .select(['r.values', 'r.channel', 'r.minutesLate'])
      .where('s.formId', '=', formId)
      .where('s.unitId', '=', unitId)
      .where('s.periodId', '=', periodId)
      .executeTakeFirst()) ?? null
  );
}

// (The consolidation queue is drained by the worker meanwhile, and the audit log is filled from its pending
// table in the background: the queue is not compared, the audit through snapshot's own count.)
const TABLES = ['submissions', 'submission_revisions', 'import_jobs'];

describe('a DHIS2 client', () => {
  it('finds an org unit code on the period’s date: `24` before and after 1 July 2025', async () => {
    const code = await regimeCode(rg.regimeId);
    const body = JSON.stringify({
      dataSet: `${code}/B03`,
      orgUnit: '24',
      dataValues: [
        { period: '20250630', dataElement: 'nhan', value: '30' },
        { period: '20250701', dataElement: 'nhan', value: '71' },
      ],
    });
    const r = await post('/api/v1/dataValueSets', body);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 2, updated: 0, ignored: 0 } });
    expect((await stored(rg.formId, before2025, '20250630'))?.values).toMatchObject({ nhan: 30 });
    expect((await stored(rg.formId, after2025, '20250701'))?.values).toMatchObject({ nhan: 71 });
    // Neither report went to the other unit of the same code.
    expect(await stored(rg.formId, after2025, '20250630')).toBeNull();
    expect(await stored(rg.formId, before2025, '20250701')).toBeNull();
    // Back-filled: on the import channel, never late, though both days were long closed on 10 July.
    expect(await stored(rg.formId, before2025, '20250630')).toMatchObject({ channel: 'import', minutesLate: 0 });
  });

  it('qualifies a form code shared by two regimes with its regime, and names an ambiguous one', async () => {
    const values = (dataSet: string) =>
      JSON.stringify({
        dataSet,
        orgUnit: 'X1',
        period: '20250702',
        dataValues: [{ dataElement: 'nhan', value: '12' }],
      });
    const before = await snapshot(t.db, TABLES);
    const ambiguous = await post('/api/v1/dataValueSets', values('B03'));
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.json.conflicts).toMatchObject([{ object: 'B03', property: 'unknown_form', indexes: [0] }]);
    expect(await snapshot(t.db, TABLES)).toEqual(before);

    const code = await regimeCode(other.regimeId);
    const qualified = await post('/api/v1/dataValueSets', values(`${code}/B03`));
    expect(qualified.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1 } });
    const byQuery = await post(`/api/v1/dataValueSets?regime=${encodeURIComponent(code)}`, values('B03'));
    expect(byQuery.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 1 } });
    const byId = await post('/api/v1/dataValueSets', values(String(rg.formId)));
    expect(byId.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1 } });
    expect((await stored(other.formId, fx.units.X1!, '20250702'))?.values).toMatchObject({ nhan: 12 });
    expect((await stored(rg.formId, fx.units.X1!, '20250702'))?.values).toMatchObject({ nhan: 12 });
  });

  it('refuses a 500 MB body from its Content-Length, before reading it, in the common error shape', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const before = await snapshot(t.db, TABLES);
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/imports?format=csv',
          headers: {
            cookie: admin.cookie,
            'x-csrf-token': admin.csrf,
            'content-type': 'text/csv',
            'content-length': String(500 * 1024 * 1024),
            'accept-language': 'en',
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body, sent });
          });
        },
      );
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
      // Only the first 64 KiB of the announced 500 MB are ever sent: the answer must come without the rest.
      const chunk = Buffer.alloc(64 * 1024, 'a');
      req.write(chunk, () => {
        sent += chunk.length;
      });
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThanOrEqual(64 * 1024);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'BODY_TOO_LARGE', requestId: expect.any(String) });
    expect(await snapshot(t.db, TABLES)).toEqual(before);
  });

  it('leaves nothing partial when the import’s database connection is killed halfway through its write', async () => {
    // The write stalls on the second report's revision (the first report's rows are already written)…
    await sql`CREATE FUNCTION test_stall_import() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(60); RETURN NEW; END $$`.execute(t.db);
    await sql`CREATE TRIGGER test_stall_import BEFORE INSERT ON submission_revisions
      FOR EACH ROW WHEN ((NEW.values ->> 'nhan') = '777') EXECUTE FUNCTION test_stall_import()`.execute(t.db);
    try {
      const before = await snapshot(t.db, TABLES);
      const body = [
        'form,unit,period,cell,value',
        `${rg.formId},X1,20250705,nhan,5`,
        `${rg.formId},X2,20250705,nhan,777`,
      ];
      const pending = post('/api/v1/imports?format=csv', `${body.join('\n')}\n`, 'text/csv');
      // … and is killed there, as a crash of the server or the database would.
      let killed = 0;
      while (killed === 0) {
        const { rows } = await sql<{ n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n
          FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '%submission_revisions%'`.execute(t.db);
        killed = rows[0]!.n;
        if (killed === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      const answer = await pending;
      expect(answer.status).toBeGreaterThanOrEqual(500);
      expect(answer.json).toMatchObject({ requestId: expect.any(String) });
      expect(await snapshot(t.db, TABLES)).toEqual(before);
      expect(await stored(rg.formId, fx.units.X1!, '20250705')).toBeNull();
    } finally {
      await sql`DROP TRIGGER test_stall_import ON submission_revisions`.execute(t.db);
      await sql`DROP FUNCTION test_stall_import()`.execute(t.db);
    }
  });
});
