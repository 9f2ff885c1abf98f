import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';
import { pieces, postStreamed, STREAM_DAYS, streamDayId } from '../../../test/streamed-import';

// JSON imports read as they arrive (native and DHIS2): a body streamed in pieces, with no
// Content-Length, is tokenized chunk by chunk into the staging table, all or nothing.
let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;

beforeAll(async () => {
  // A small inline size: a body declared above it would be queued, a streamed one (no Content-Length) is not.
  t = await createTestApp({ imports: { bodyLimit: 8 * 1024 * 1024, inlineBytes: 64 * 1024, tokenRatePerMinute: 100 } });
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-20');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => {
  // The consolidation of these reports is not what this file tests, and the worker refreshes every
  // queued slice before it stops (minutes for 5,000 reports on a loaded machine): clear its queue first.
  if (t)
    await sql`DELETE FROM consolidation_queue WHERE id IN (SELECT id FROM consolidation_queue FOR UPDATE SKIP LOCKED)`.execute(
      t.db,
    );
  await t?.close();
});

const DAYS = STREAM_DAYS;
const dayId = streamDayId;

/**
 * Native JSON of 2 units × 2,600 days × 3 cells = 15,600 values, one a line (value k on line
 * k + 1); `shift` changes every value, `broken` replaces one value with a malformed one.
 */
function bigJson(shift = 0, broken?: number): string {
  const values: string[] = [];
  for (let i = 0; i < DAYS; i++)
    for (const unit of ['X1', 'X2']) {
      const nhan = 20 + (i % 50) + shift;
      const at = { form: 'B03', unit, period: dayId(i) };
      values.push(
        JSON.stringify({ ...at, cell: 'nhan', value: nhan }),
        // Text, as DHIS2 clients send numbers, and unknown keys beside.
        JSON.stringify({ ...at, cell: 'duyet', value: String(nhan - 5), comment: 'Đã đối chiếu', meta: { by: [1] } }),
        JSON.stringify({ ...at, cell: 'tien', value: i + 0.5 }),
      );
    }
  if (broken)
    values[broken - 1] = `{"form": "B03", "unit": "X1", "period": "${dayId(0)}", "cell": "nhan", "value": 12x}`;
  return `{"values": [\n${values.join(',\n')}\n]}`;
}

const postStream = (url: string, body: Readable) =>
  postStreamed(t, admin, url, body, { 'content-type': 'application/json' });

// The consolidation queue is written in the import's transaction but drained by the worker meanwhile:
// submissions and revisions tell whether anything of a refused import stayed.
const TABLES = ['submissions', 'submission_revisions', 'import_jobs'];
const state = () => snapshot(t.db, TABLES);

async function storedValues(unitId: number, day: number) {
  const row = await t.db
    .selectFrom('submissions as s')
    .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .select(['r.values', 'r.channel', 's.state'])
    .where('s.unitId', '=', unitId)
    .where('s.periodId', '=', dayId(day))
    .where('s.formId', '=', rg.formId)
    .executeTakeFirstOrThrow();
  return row;
}

describe('streamed JSON imports', () => {
  it('imports native JSON of several chunks as it arrives, with exact counts', async () => {
    const file = bigJson();
    expect(file.length).toBeGreaterThan(64 * 1024 * 16);
    const r = await postStream('/api/v1/imports?format=native', Readable.from(pieces(file)));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'ok',
      counts: { rows: 15_600, created: 15_600, updated: 0, unchanged: 0, rejected: 0, ignored: 0 },
      reports: { written: 5200, unchanged: 0, rejected: 0 },
      conflicts: [],
    });
    const nhan = 20 + ((DAYS - 1) % 50);
    expect(await storedValues(fx.units.X2, DAYS - 1)).toMatchObject({
      channel: 'import',
      state: 'submitted',
      values: { nhan, duyet: nhan - 5, tien: DAYS - 1 + 0.5 },
    });
    // The same body again changes nothing.
    const again = await postStream('/api/v1/imports?format=native', Readable.from(pieces(file)));
    expect(again.json.counts).toEqual({
      rows: 15_600,
      created: 0,
      updated: 0,
      unchanged: 15_600,
      rejected: 0,
      ignored: 0,
    });
  }, 120_000);

  it('refuses a malformed token at value 8,001, naming it, and writes nothing', async () => {
    const before = await state();
    const r = await postStream('/api/v1/imports?format=native', Readable.from(pieces(bigJson(1, 8001))));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(r.json.message).toMatch(
      /^The JSON file cannot be read: .*\(value 8001, line 8002, column \d+\); nothing was imported\.$/,
    );
    expect(await state()).toEqual(before);
    // The connection the COPY was aborted on serves the next import.
    const ok = await postStream(
      '/api/v1/imports?format=native&dryRun=true',
      Readable.from([
        Buffer.from('{"values": [{"form": "B03", "unit": "X1", "period": "20240301", "cell": "nhan", "value": 500}]}'),
      ]),
    );
    expect(ok.json).toMatchObject({ status: 'ok', counts: { rows: 1, rejected: 0 } });
  }, 120_000);

  it('reads a DHIS2 data value set whose set-level org unit and data set come after its values', async () => {
    const values = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({
        dataElement: 'nhan',
        period: dayId(i),
        categoryOptionCombo: 'HllvX50cXC0',
        value: String(200 + i),
      }),
    );
    const file = `{"dataValues": [${values.join(',')}], "orgUnit": "X1", "completeDate": "2024-03-20", "dataSet": "B03"}`;
    const r = await postStream('/api/v1/dataValueSets', Readable.from(pieces(file)));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 500, ignored: 0 } });
    expect((await storedValues(fx.units.X1, 499)).values).toMatchObject({ nhan: 699 });
    // X2 was not named: its reports are as the native import left them.
    expect((await storedValues(fx.units.X2, 499)).values).toMatchObject({ nhan: 20 + (499 % 50) });
  }, 120_000);
});
