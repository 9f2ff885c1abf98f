import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';
import { pieces, postStreamed, STREAM_DAYS, streamDayId } from '../../../test/streamed-import';

// Streamed imports: bodies parsed as they arrive into the staging table, decided in chunks
// of reports (15,000 rows a chunk), all-or-nothing across chunks.
let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;

const LIMIT = 4 * 1024 * 1024;

beforeAll(async () => {
  // A small inline size: a body declared above it would be queued, a streamed one (no Content-Length) is not.
  t = await createTestApp({ imports: { bodyLimit: LIMIT, inlineBytes: 64 * 1024, tokenRatePerMinute: 100 } });
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-20');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => {
  // The consolidation of these reports is not what this file tests, and the worker finishes the
  // batch in hand before it stops: 2,000 queued slices of as many days, each level refreshed
  // apart (a run timed out here at load ≈ 20 once the imports queued faster). Clear its queue first.
  if (t)
    await sql`DELETE FROM consolidation_queue WHERE id IN (SELECT id FROM consolidation_queue FOR UPDATE SKIP LOCKED)`.execute(
      t.db,
    );
  await t?.close();
});

const DAYS = STREAM_DAYS;
const dayId = streamDayId;

/** A plain CSV of 15,600 values; `shift` changes every value, `line` replaces one data line. */
function bigCsv(shift = 0, replace?: { line: number; text: string }): string {
  const lines = ['form,unit,period,cell,value'];
  for (let i = 0; i < DAYS; i++)
    for (const unit of ['X1', 'X2']) {
      const nhan = 20 + (i % 50) + shift;
      lines.push(`B03,${unit},${dayId(i)},nhan,${nhan}`, `B03,${unit},${dayId(i)},duyet,${nhan - 5}`);
      lines.push(`B03,${unit},${dayId(i)},tien,${i}.5`);
    }
  if (replace) lines[replace.line - 1] = replace.text;
  return `${lines.join('\n')}\n`;
}

const postStream = (url: string, body: Readable, extra: Record<string, string> = {}) =>
  postStreamed(t, admin, url, body, { 'content-type': 'text/csv', ...extra });

const TABLES = ['submissions', 'submission_revisions', 'consolidation_queue', 'import_jobs'];
const state = () => snapshot(t.db, TABLES);

async function storedCount(): Promise<number> {
  const row = await t.db
    .selectFrom('submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('formId', '=', rg.formId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('streamed imports', () => {
  it('imports a body above the inline size as it arrives, with exact counts over several chunks', async () => {
    const file = bigCsv();
    expect(file.length).toBeGreaterThan(64 * 1024 * 4);
    const before = await storedCount();
    const r = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(file)));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'ok',
      counts: { rows: 15_600, created: 15_600, updated: 0, unchanged: 0, rejected: 0, ignored: 0 },
      reports: { written: 5200, unchanged: 0, rejected: 0 },
      conflicts: [],
    });
    expect((await storedCount()) - before).toBe(5200);
    const last = await t.db
      .selectFrom('submissions as s')
      .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
      .select(['r.values', 'r.channel', 's.state'])
      .where('s.unitId', '=', fx.units.X2)
      .where('s.periodId', '=', dayId(DAYS - 1))
      .where('s.formId', '=', rg.formId)
      .executeTakeFirstOrThrow();
    const nhan = 20 + ((DAYS - 1) % 50);
    expect(last).toMatchObject({ channel: 'import', state: 'submitted' });
    expect(last.values).toMatchObject({ nhan, duyet: nhan - 5, tien: DAYS - 1 + 0.5 });
    // The same body again changes nothing.
    const again = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(file)));
    expect(again.json.counts).toEqual({
      rows: 15_600,
      created: 0,
      updated: 0,
      unchanged: 15_600,
      rejected: 0,
      ignored: 0,
    });
  }, 120_000);

  it('streams a body with an Idempotency-Key, replays the answer for the same body and refuses the key for another', async () => {
    const file = bigCsv(5);
    const key = { 'idempotency-key': 'nhap-luong-1' };
    const first = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(file)), key);
    expect(first.status).toBe(200);
    expect(first.json.counts).toMatchObject({ rows: 15_600, rejected: 0 });
    expect(first.json.counts.created + first.json.counts.updated).toBeGreaterThan(0);
    const after = await state();
    // The same body again: the stored answer, and nothing written.
    const again = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(file)), key);
    expect(again).toEqual(first);
    expect(await state()).toEqual(after);
    // Another body under the same key (its last value differs): refused, nothing written.
    const other = bigCsv(5, { line: 15_601, text: `B03,X2,${dayId(DAYS - 1)},tien,1` });
    const refused = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(other)), key);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'CONFLICT', field: 'Idempotency-Key' });
    expect(await state()).toEqual(after);
  }, 120_000);

  it('rolls back the chunks already written when a later chunk has a blocking conflict, naming its row', async () => {
    const before = await state();
    // Every value changes (the first chunks are written), and the very last value is not a number.
    const rows = 15_600;
    const file = bigCsv(1, { line: rows + 1, text: `B03,X2,${dayId(DAYS - 1)},tien,oops` });
    const r = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(file)));
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ code: 'IMPORT_REJECTED', field: `row:${rows}` });
    expect(r.json.details.counts).toMatchObject({ rows, created: 0, updated: 0, rejected: rows });
    expect(r.json.details.conflicts).toEqual([
      expect.objectContaining({ kind: 'value', rows: [rows], object: 'tien', value: 'oops' }),
    ]);
    expect(await state()).toEqual(before);
  }, 120_000);

  it('refuses a malformed line in the middle of a streamed file, naming the line, and writes nothing', async () => {
    const before = await state();
    const file = bigCsv(2, { line: 8001, text: 'B03,X1,20210701,nhan,"12"x' });
    const r = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(file)));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(r.json.message).toContain('line 8001');
    expect(await state()).toEqual(before);
    // The connection the COPY was aborted on serves the next import.
    const ok = await postStream(
      '/api/v1/imports?format=csv&dryRun=true',
      Readable.from([Buffer.from('form,unit,period,cell,value\nB03,X1,20240301,nhan,500\n')]),
    );
    expect(ok.json).toMatchObject({ status: 'ok', counts: { rows: 1, rejected: 0 } });
  }, 120_000);

  it('refuses a streamed body beyond the limit with BODY_TOO_LARGE, writing nothing', async () => {
    const before = await state();
    const file = bigCsv(3);
    const body = Readable.from(
      (function* () {
        while (true) for (const piece of pieces(file)) yield piece;
      })(),
    );
    const r = await postStream('/api/v1/imports?format=csv', body);
    expect(r.status).toBe(413);
    expect(r.json.code).toBe('BODY_TOO_LARGE');
    expect(await state()).toEqual(before);
  }, 120_000);

  it('leaves nothing partial when the import’s connection is killed mid-way, and the next import works', async () => {
    const before = await state();
    const parts = pieces(bigCsv(4));
    let killed = 0;
    const body = Readable.from(
      (async function* () {
        for (let i = 0; i < parts.length; i++) {
          if (i === Math.floor(parts.length / 2)) {
            // Wait for the import's COPY to be running, then end its backend (as a crash or a DBA would).
            await expect
              .poll(
                async () => {
                  const { rows } = await sql<{ n: number }>`
                    SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
                    WHERE query LIKE 'COPY import_staging%' AND pid <> pg_backend_pid()`.execute(t.db);
                  killed += rows[0]!.n;
                  return killed;
                },
                { timeout: 20_000 },
              )
              .toBeGreaterThan(0);
          }
          yield parts[i]!;
        }
      })(),
    );
    const r = await postStream('/api/v1/imports?format=csv', body);
    expect(killed).toBe(1);
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(await state()).toEqual(before);
    const next = await postStream(
      '/api/v1/imports?format=csv',
      Readable.from([Buffer.from('form,unit,period,cell,value\nB03,X1,20240302,nhan,500\n')]),
    );
    expect(next.json).toMatchObject({ status: 'ok', counts: { rows: 1, rejected: 0 } });
  }, 120_000);

  it('leaves nothing partial when a chunk’s write fails while the next chunk is being decided', async () => {
    // The database refuses the first chunk's revisions of day 0 (a trigger of this test's own
    // database): that write is sent once the second chunk is fetched and runs while it is decided.
    await sql`CREATE FUNCTION test_refuse_day0() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`.execute(t.db);
    await sql`CREATE TRIGGER test_refuse_day0 BEFORE INSERT ON submission_revisions
      FOR EACH ROW WHEN (NEW.values->>'tien' = '0.5') EXECUTE FUNCTION test_refuse_day0()`.execute(t.db);
    try {
      const before = await state();
      const r = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(bigCsv(11))));
      expect(r.status).toBeGreaterThanOrEqual(500);
      expect(await state()).toEqual(before);
    } finally {
      await sql`DROP TRIGGER test_refuse_day0 ON submission_revisions`.execute(t.db);
      await sql`DROP FUNCTION test_refuse_day0()`.execute(t.db);
    }
    const next = await postStream('/api/v1/imports?format=csv', Readable.from(pieces(bigCsv(11))));
    expect(next.json).toMatchObject({ status: 'ok', counts: { rows: 15_600, rejected: 0 } });
  }, 120_000);
});
