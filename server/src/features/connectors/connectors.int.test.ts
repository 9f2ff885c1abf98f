import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditCount, auditOf, expectError, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { type RegimeFixture, seedRegime } from '../../../test/regime-fixture';
import { AQI_DEMO_CODE, loadDemoAqiConnector } from './aqi-demo';
import { type AqiFeed, aqiForm, aqiJsonMapping, aqiOf, aqiRegime, startAqiFeed } from './aqi-feed';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let feed: AqiFeed;
const DAY = '2026-12-01';

beforeAll(async () => {
  t = await createTestApp({
    connectors: { maxAttempts: 3, retryBaseMs: 50, noticeAfter: 2, timeoutMs: 5000, maxBytes: 1024 * 1024 },
  });
  fx = await seedFixture(t.db);
  // The AQI regime over the fixture tree: its two provinces stand for the cities.
  rg = await seedRegime(t.db, { ...aqiRegime, ownerUnitCode: 'CP', recipientUnitCodes: ['CP'] }, aqiForm);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  feed = await startAqiFeed({
    cities: [
      { code: 'T1', name: 'Hà Giang' },
      { code: 'T2', name: 'Hà Nội' },
    ],
  });
});
afterAll(async () => {
  await feed?.close();
  await t?.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  code: 'AQI-JSON',
  name: 'Chỉ số AQI 5 thành phố',
  url: `${feed.url}/aqi.json?date=${DAY}`,
  format: 'json',
  formId: rg.formId,
  unitId: fx.units.CP,
  mapping: aqiJsonMapping,
  intervalMinutes: 60,
  // Paused: the minute scheduler starts no run of its own beside the ones the tests start.
  active: false,
  ...over,
});

/** The report tables (the snapshot without the audit count: starting a run is audited). */
const reportRows = async () => {
  const { audit: _audit, ...rows } = (await snapshot(t.db, ['submissions', 'submission_revisions'])) as Record<
    string,
    unknown
  >;
  return rows;
};

async function valuesOf(unit: 'T1' | 'T2', period = DAY.replaceAll('-', '')) {
  return t.db
    .selectFrom('submissions as s')
    .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .select(['r.values', 'r.channel', 's.revisionCount'])
    .where('s.unitId', '=', fx.units[unit])
    .where('s.periodId', '=', period)
    .where('s.formId', '=', rg.formId)
    .executeTakeFirst();
}

/** Runs a connector now and waits for the run to end. */
async function runNow(id: number) {
  const started = await admin.request('POST', `/api/v1/connectors/${id}/run`);
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  let run: any;
  await vi.waitFor(
    async () => {
      const runs = await admin.request('GET', `/api/v1/connectors/${id}/runs`);
      run = runs.json.items.find((r: any) => r.id === started.json.id);
      expect(run.finishedAt).not.toBeNull();
    },
    { timeout: 20_000, interval: 50 },
  );
  return run;
}

describe('connector mappings', () => {
  it('refuses a mapping naming a cell the form lacks, naming the mapping field, and writes nothing', async () => {
    const before = await snapshot(t.db, ['connectors']);
    const audits = await auditCount(t.db);
    const r = await admin.request(
      'POST',
      '/api/v1/connectors',
      body({
        mapping: {
          ...aqiJsonMapping,
          values: [
            { cell: 'aqi', path: '$.aqi' },
            { cell: 'so2', path: '$.so2' },
          ],
        },
      }),
    );
    expectError(r, 400, 'VALIDATION_FAILED', 'mapping.values[1].cell');
    expect(r.json.message).toContain('so2');
    expect(await snapshot(t.db, ['connectors'])).toEqual(before);
    expect(await auditCount(t.db)).toBe(audits);
  });

  it('refuses a broken path, a mapping with neither values nor cell, and unknown properties', async () => {
    expectError(
      await admin.request('POST', '/api/v1/connectors', body({ mapping: { ...aqiJsonMapping, unit: '$.city..code' } })),
      400,
      'VALIDATION_FAILED',
      'mapping.unit',
    );
    const { values: _values, ...noValues } = aqiJsonMapping;
    expectError(
      await admin.request('POST', '/api/v1/connectors', body({ mapping: noValues })),
      400,
      'VALIDATION_FAILED',
      'mapping.values',
    );
    const unknown = await admin.request('POST', '/api/v1/connectors', body({ schedule: 'daily' }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.code).toBe('VALIDATION_FAILED');
    expectError(
      await admin.request('POST', '/api/v1/connectors', body({ url: 'ftp://example.org/feed' })),
      400,
      'VALIDATION_FAILED',
      'url',
    );
  });

  it('is for system administrators only', async () => {
    const approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    expectError(await approver.request('GET', '/api/v1/connectors'), 403, 'FORBIDDEN');
  });
});

describe('a connector against a feed that fails, then recovers', () => {
  let id: number;

  it('is created, audited', async () => {
    const r = await admin.request('POST', '/api/v1/connectors', body());
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    id = r.json.id;
    expect(r.json).toMatchObject({ code: 'AQI-JSON', active: false, consecutiveFailures: 0, lastRun: null });
    expect((await auditOf(admin, 'connector', id)).map((a: any) => a.action)).toEqual(['connector.create']);
    // A second connector with the same code is refused.
    expectError(await admin.request('POST', '/api/v1/connectors', body()), 409, 'CONFLICT', 'code');
  });

  it('retries with back-off and imports on the connector channel once the feed answers', async () => {
    feed.failNext(2);
    const hits = feed.hits;
    const run = await runNow(id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 3, rows: 4, created: 4, updated: 0, rejected: 0 });
    expect(feed.hits - hits).toBe(3);
    expect(await valuesOf('T1')).toEqual({
      values: { aqi: aqiOf('T1', DAY).aqi, pm25: aqiOf('T1', DAY).pm25 },
      channel: 'connector',
      revisionCount: 1,
    });
    expect((await valuesOf('T2'))?.values).toEqual(aqiOf('T2', DAY));
  });

  it('changes nothing when the feed has not changed', async () => {
    const before = await reportRows();
    const run = await runNow(id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, created: 0, updated: 0, unchanged: 4 });
    expect(await reportRows()).toEqual(before);
  });

  it('records failed runs with their error, and tells the administrators once after repeated failure', async () => {
    feed.failNext(1000);
    const first = await runNow(id);
    expect(first).toMatchObject({ status: 'failed', attempts: 3 });
    expect(first.error).toContain('503');
    const inbox = async () =>
      (await admin.request('GET', '/api/v1/notices?limit=100')).json.items.filter(
        (n: any) => n.kind === 'connector_failing',
      );
    expect(await inbox()).toHaveLength(0);
    await runNow(id);
    const notices = await inbox();
    expect(notices).toHaveLength(1);
    expect(notices[0].title.vi).toContain('2 lần liên tiếp');
    expect(notices[0].link).toBe(`/connectors?id=${id}`);
    const view = await admin.request('GET', `/api/v1/connectors/${id}`);
    expect(view.json).toMatchObject({ consecutiveFailures: 2, lastRun: { status: 'failed' } });
  });

  it('recovers: the next run succeeds and the failure count is reset', async () => {
    feed.failNext(0);
    const run = await runNow(id);
    expect(run).toMatchObject({ status: 'succeeded', unchanged: 4 });
    expect((await admin.request('GET', `/api/v1/connectors/${id}`)).json.consecutiveFailures).toBe(0);
    const history = await admin.request('GET', `/api/v1/connectors/${id}/runs`);
    expect(history.json.items.map((r: any) => r.status)).toEqual([
      'succeeded',
      'failed',
      'failed',
      'succeeded',
      'succeeded',
    ]);
    expect(history.json.total).toBe(5);
  });
});

describe('CSV feeds and scope', () => {
  it('reads CSV columns', async () => {
    const created = await admin.request(
      'POST',
      '/api/v1/connectors',
      body({
        code: 'AQI-CSV',
        url: `${feed.url}/aqi.csv?date=2026-12-02`,
        format: 'csv',
        mapping: {
          unit: 'city_code',
          period: 'date',
          periodFormat: 'date',
          values: [
            { cell: 'aqi', path: 'aqi' },
            { cell: 'pm25', path: 'pm25' },
          ],
        },
      }),
    );
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const run = await runNow(created.json.id);
    expect(run).toMatchObject({ status: 'succeeded', created: 4 });
    expect((await valuesOf('T2', '20261202'))?.values).toEqual(aqiOf('T2', '2026-12-02'));
  });

  it('refuses a run whose feed names a unit outside the connector’s subtree, naming the row, writing nothing', async () => {
    const created = await admin.request(
      'POST',
      '/api/v1/connectors',
      body({ code: 'AQI-T1', unitId: fx.units.T1, url: `${feed.url}/aqi.json?date=2026-12-03` }),
    );
    expect(created.status).toBe(201);
    const before = await reportRows();
    const run = await runNow(created.json.id);
    expect(run.status).toBe('rejected');
    expect(run.conflicts[0].object).toBe('row:2');
    expect(await reportRows()).toEqual(before);
  });
});

describe('the demo AQI connector', () => {
  it('is made once with its regime and form, owned by a system administrator; a new feed address is taken on start', async () => {
    expect(await loadDemoAqiConnector(t.db, 'http://127.0.0.1:8090')).toBe(AQI_DEMO_CODE);
    const list = (await admin.request('GET', '/api/v1/connectors')).json;
    const demo = list.find((c: any) => c.code === AQI_DEMO_CODE);
    expect(demo).toMatchObject({
      url: 'http://127.0.0.1:8090/aqi.json',
      regimeCode: AQI_DEMO_CODE,
      formCode: 'AQI',
      unitId: fx.units.CP,
      active: true,
    });
    expect(await loadDemoAqiConnector(t.db, 'http://127.0.0.1:8091')).toBeNull();
    const again = (await admin.request('GET', `/api/v1/connectors/${demo.id}`)).json;
    expect(again.url).toBe('http://127.0.0.1:8091/aqi.json');
    expect((await admin.request('GET', '/api/v1/connectors')).json).toHaveLength(list.length);
  });
});
