import { readFileSync } from 'node:fs';
import path from 'node:path';
import { csvField } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

const fixtures = path.resolve(import.meta.dirname, '../../../test/import-fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let officer: Client;

beforeAll(async () => {
  t = await createTestApp({ imports: { bodyLimit: 1024 * 1024, inlineBytes: 64 * 1024, tokenRatePerMinute: 3 } });
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-20');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

type Auth = Client | { token: string };
async function post(
  who: Auth,
  url: string,
  body: Buffer | string,
  contentType: string,
  headers: Record<string, string> = {},
) {
  const auth =
    'token' in who ? { authorization: `ApiToken ${who.token}` } : { cookie: who.cookie, 'x-csrf-token': who.csrf };
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { ...auth, 'content-type': contentType, 'accept-language': 'en', ...headers },
    payload: body,
  });
  return { status: response.statusCode, json: response.json() };
}

const TABLES = ['submissions', 'submission_revisions'];
const state = () => snapshot(t.db, TABLES);

async function valuesOf(unit: 'X1' | 'X2', period: string) {
  const row = await t.db
    .selectFrom('submissions as s')
    .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .select(['s.state', 'r.values', 'r.channel', 'r.minutesLate', 's.revisionCount'])
    .where('s.unitId', '=', fx.units[unit])
    .where('s.periodId', '=', period)
    .where('s.formId', '=', rg.formId)
    .executeTakeFirst();
  return row ?? null;
}

describe('DHIS2 dataValueSets', () => {
  it('answers a dry run with the summary and writes nothing', async () => {
    const before = await state();
    const r = await post(
      admin,
      '/api/v1/dataValueSets?dryRun=true',
      fixture('dhis2-data-value-set.json'),
      'application/json',
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      responseType: 'ImportSummary',
      status: 'SUCCESS',
      importCount: { imported: 3, updated: 0, ignored: 0, deleted: 0 },
      importOptions: { dryRun: true, atomicMode: 'ALL', idScheme: 'CODE' },
      conflicts: [],
    });
    expect(await state()).toEqual(before);
  });

  it('imports, as a revision on the import channel that is never late, audited and consolidated', async () => {
    const audits = await auditCount(t.db);
    const r = await post(admin, '/api/v1/dataValueSets', fixture('dhis2-data-value-set.json'), 'application/json');
    expect(r.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 3, updated: 0, ignored: 0 } });
    // The clock stands ten days after the period: web entry would be late, an import is not.
    expect(await valuesOf('X1', '20240310')).toEqual({
      state: 'submitted',
      values: { nhan: 120, duyet: 95 },
      channel: 'import',
      minutesLate: 0,
      revisionCount: 1,
    });
    expect((await valuesOf('X2', '20240310'))?.values).toEqual({ tien: 310.5 });
    expect(await auditCount(t.db)).toBe(audits + 1);
    await t.worker.drain();
    const district = await t.db
      .selectFrom('consolidations')
      .select('values')
      .where('unitId', '=', fx.units.H1)
      .where('formId', '=', rg.formId)
      .where('periodId', '=', '20240310')
      .executeTakeFirstOrThrow();
    expect(district.values).toMatchObject({ nhan: 120, duyet: 95, tien: 310.5 });
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await state();
    const r = await post(admin, '/api/v1/dataValueSets', fixture('dhis2-data-value-set.json'), 'application/json');
    expect(r.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 3 } });
    expect(await state()).toEqual(before);
  });

  it('reads DHIS2 CSV (data set by query) and ADX XML, org units by code', async () => {
    const csv = await post(
      admin,
      '/api/v1/dataValueSets?dataSet=B03',
      fixture('dhis2-data-value-set.csv'),
      'application/csv',
    );
    expect(csv.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 3 } });
    expect((await valuesOf('X1', '20240311'))?.values).toEqual({ nhan: 130, duyet: 100 });
    const adx = await post(admin, '/api/v1/dataValueSets', fixture('adx-data.xml'), 'application/adx+xml');
    expect(adx.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 3 } });
    expect((await valuesOf('X2', '20240312'))?.values).toEqual({ tien: 99 });
  });

  it('ignores a computed cell sent by a client, says so, and keeps the computed value', async () => {
    const body = JSON.stringify({
      dataSet: 'B03',
      period: '20240310',
      orgUnit: 'X1',
      dataValues: [
        { dataElement: 'nhan', value: '125' },
        { dataElement: 'ty_le', value: '99.9' },
      ],
    });
    const r = await post(admin, '/api/v1/dataValueSets', body, 'application/json');
    expect(r.json).toMatchObject({
      status: 'WARNING',
      importCount: { imported: 0, updated: 1, ignored: 1 },
      conflicts: [{ object: 'ty_le', property: 'computed_cell', indexes: [1] }],
    });
    const stored = await valuesOf('X1', '20240310');
    expect(stored?.values).toEqual({ nhan: 125, duyet: 95 });
    expect(stored?.revisionCount).toBe(2);
  });

  it('lists every bad row with its index and writes nothing (all-or-nothing)', async () => {
    const before = await state();
    const r = await post(admin, '/api/v1/dataValueSets', fixture('bad-rows.json'), 'application/json');
    expect(r.status).toBe(409);
    expect(r.json.status).toBe('ERROR');
    const byKind = Object.fromEntries(r.json.conflicts.map((c: any) => [c.property, c.indexes]));
    expect(byKind).toEqual({
      duplicate: [0, 1],
      unknown_unit: [2],
      value: [3],
      period: [5],
      unknown_cell: [6],
    });
    // 202403 is a month in a daily regime, 20200101 falls before the regime: both "period".
    expect(r.json.conflicts.filter((c: any) => c.property === 'period')).toHaveLength(2);
    expect(await state()).toEqual(before);
  });

  it('refuses spreadsheet formulas, broken XML, external entities and non-UTF-8 text, changing nothing', async () => {
    const before = await state();
    const formula = await post(admin, '/api/v1/dataValueSets?dataSet=B03', fixture('formula.csv'), 'text/csv');
    expect(formula.status).toBe(409);
    expect(formula.json.conflicts.filter((c: any) => c.property === 'value').map((c: any) => c.indexes)).toEqual([
      [0],
      [1],
    ]);
    const broken = await post(admin, '/api/v1/dataValueSets', fixture('broken.xml'), 'application/adx+xml');
    expect(broken.status).toBe(409);
    expect(broken.json.conflicts[0].errorCode).toBe('VALIDATION_FAILED');
    const entity = await post(admin, '/api/v1/dataValueSets', fixture('external-entity.xml'), 'application/adx+xml');
    expect(entity.status).toBe(409);
    expect(entity.json.description).toContain('DOCTYPE');
    const latin = await post(admin, '/api/v1/imports?format=csv', fixture('latin1.csv'), 'text/csv');
    expect(latin.status).toBe(400);
    expect(latin.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(latin.json.message).toContain('UTF-8');
    expect(await state()).toEqual(before);
  });
});

describe('native imports', () => {
  it('imports plain CSV and native JSON with exact counts', async () => {
    const csv = await post(admin, '/api/v1/imports?format=csv', fixture('plain.csv'), 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.json).toMatchObject({
      status: 'ok',
      counts: { rows: 2, created: 2, updated: 0, unchanged: 0, rejected: 0 },
    });
    const json = await post(admin, '/api/v1/imports?format=native', fixture('native.json'), 'application/json');
    expect(json.json).toMatchObject({ counts: { created: 2 }, reports: { written: 1, unchanged: 0, rejected: 0 } });
    const changed = JSON.stringify({
      values: [
        { form: 'B03', unit: 'X1', period: '20240314', cell: 'nhan', value: 160 },
        { form: 'B03', unit: 'X1', period: '20240314', cell: 'duyet', value: 155 },
      ],
    });
    const again = await post(admin, '/api/v1/imports?format=native', changed, 'application/json');
    expect(again.json.counts).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 1, rejected: 0, ignored: 0 });
  });

  it('refuses a failing check in the native error shape, naming the row; atomic=false keeps the good reports', async () => {
    const body = JSON.stringify({
      values: [
        { form: 'B03', unit: 'X2', period: '20240318', cell: 'nhan', value: 10 },
        { form: 'B03', unit: 'X1', period: '20240318', cell: 'nhan', value: 10 },
        { form: 'B03', unit: 'X1', period: '20240318', cell: 'duyet', value: 20 },
      ],
    });
    const before = await state();
    const r = await post(admin, '/api/v1/imports?format=native', body, 'application/json');
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ code: 'IMPORT_REJECTED', field: 'row:2' });
    expect(r.json.details.conflicts[0]).toMatchObject({ kind: 'rule', object: 'rule:R1', rows: [2, 3] });
    expect(await state()).toEqual(before);
    const partial = await post(admin, '/api/v1/imports?format=native&atomic=false', body, 'application/json');
    expect(partial.json).toMatchObject({
      status: 'partial',
      counts: { created: 1, rejected: 2 },
      reports: { written: 1, rejected: 1 },
    });
  });

  it('rejects the whole import when one row is outside the caller’s scope, naming the row', async () => {
    const body = JSON.stringify({
      values: [
        { form: 'B03', unit: 'X1', period: '20240319', cell: 'nhan', value: 1 },
        { form: 'B03', unit: 'X2', period: '20240319', cell: 'nhan', value: 1 },
      ],
    });
    const before = await state();
    const r = await post(officer, '/api/v1/imports?format=native&atomic=false', body, 'application/json');
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ code: 'FORBIDDEN', field: 'row:2' });
    expect(r.json.message).toContain('Row 2');
    const dhis = await post(
      officer,
      '/api/v1/dataValueSets',
      body.replace('"values"', '"dataValues"'),
      'application/json',
    );
    expect(dhis.status).toBe(409);
    expect(await state()).toEqual(before);
  });

  it('replays an Idempotency-Key and refuses it for another body', async () => {
    const body = JSON.stringify({ values: [{ form: 'B03', unit: 'X1', period: '20240320', cell: 'nhan', value: 7 }] });
    const first = await post(admin, '/api/v1/imports?format=native', body, 'application/json', {
      'idempotency-key': 'nhap-1',
    });
    const second = await post(admin, '/api/v1/imports?format=native', body, 'application/json', {
      'idempotency-key': 'nhap-1',
    });
    expect(second).toEqual(first);
    expect(first.json.counts.created).toBe(1);
    const other = await post(admin, '/api/v1/imports?format=native', body.replace('7', '8'), 'application/json', {
      'idempotency-key': 'nhap-1',
    });
    expect(other.status).toBe(409);
    expect(other.json.field).toBe('Idempotency-Key');
  });

  it('accepts a service token as ApiToken and refuses bodies above the import limit', async () => {
    const account = await admin.request('POST', '/api/v1/users', {
      username: 'he-thong.nhap',
      displayName: 'Hệ thống nhập',
      unitId: fx.units.H1,
      roles: ['entry_officer'],
      kind: 'service',
    });
    const created = await admin.request('POST', '/api/v1/tokens', {
      userId: account.json.user.id,
      name: 'Nhập dữ liệu',
      unitIds: [fx.units.H1],
      permissions: ['data.read', 'data.submit'],
      expiresInDays: 30,
    });
    const token = created.json.token as string;
    const body = JSON.stringify({ values: [{ form: 'B03', unit: 'X2', period: '20240321', cell: 'nhan', value: 3 }] });
    const r = await post({ token }, '/api/v1/imports?format=native', body, 'application/json');
    expect(r.status).toBe(200);
    expect(r.json.counts.created).toBe(1);
    // Three requests a minute for this token in these tests: the fourth is refused in the common shape.
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/exports.csv?period=20240321',
          headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
        }),
      );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 429]);
    expect(answers[2]!.json()).toMatchObject({ code: 'RATE_LIMITED', field: null });
    expect(answers[2]!.json().message).toMatch(/try again in \d+ seconds/);
    expect(answers[2]!.headers['retry-after']).toBeDefined();
    const big = await post(admin, '/api/v1/imports?format=csv', Buffer.alloc(1024 * 1024 + 10, 'a'), 'text/csv');
    expect(big.status).toBe(413);
    expect(big.json.code).toBe('BODY_TOO_LARGE');
  });

  it('queues a large file as a job, with progress, and imports it whole', async () => {
    const unique = ['form,unit,period,cell,value'];
    for (let day = 1; day <= 28; day++) {
      const p = `202402${String(day).padStart(2, '0')}`;
      unique.push(`B03,X2,${p},nhan,${day * 10}`, `B03,X2,${p},duyet,${day}`, `B03,X2,${p},tien,${day}.5`);
    }
    const file = Buffer.from(`${unique.join('\n')}\n${'\n'.repeat(70 * 1024)}`);
    const r = await post(admin, '/api/v1/imports?format=csv', file, 'text/csv');
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ status: 'queued', progress: `/api/v1/imports/${r.json.jobId}` });
    await t.jobs.drain();
    const progress = await admin.request('GET', r.json.progress);
    expect(progress.json).toMatchObject({
      status: 'done',
      percent: 100,
      totalRows: 84,
      summary: { status: 'ok', counts: { created: 84 }, reports: { written: 28 } },
    });
    expect((await officer.request('GET', r.json.progress)).status).toBe(404);
    expect((await valuesOf('X2', '20240228'))?.values).toEqual({ nhan: 280, duyet: 28, tien: 28.5 });
  });

  it('lists the history of the units’ imports, queued and answered at once, never the dry runs', async () => {
    const mine = await admin.request('GET', '/api/v1/imports');
    expect(mine.status).toBe(200);
    const history = mine.json as {
      id: number;
      status: string;
      dryRun: boolean;
      format: string;
      userName: string;
      counts: unknown;
    }[];
    expect(history.length).toBeGreaterThan(1);
    expect(history.every((h) => !h.dryRun)).toBe(true);
    // Newest first: the queued CSV of 84 values, then the imports answered at once before it.
    expect(history[0]).toMatchObject({
      format: 'csv',
      status: 'done',
      totalRows: 84,
      counts: { created: 84, updated: 0, unchanged: 0, rejected: 0, ignored: 0 },
    });
    expect(history.some((h) => h.format === 'dhis2-json' && h.status === 'done')).toBe(true);
    // The commune officer sees the imports of the commune's users only (none by the administrator).
    const officers = await officer.request('GET', '/api/v1/imports');
    expect(officers.status).toBe(200);
    const adminName = history[0]!.userName;
    expect((officers.json as { userName: string }[]).every((h) => h.userName !== adminName)).toBe(true);
  });
});

describe('exports', () => {
  async function get(who: Client, url: string) {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    return response;
  }

  it('exports what was imported, in DHIS2 JSON, paged by cursor and incremental by last update', async () => {
    const all = await get(admin, `/api/v1/dataValueSets.json?dataSet=${rg.formId}&period=20240310`);
    expect(all.statusCode).toBe(200);
    const values = all.json().dataValues.map((v: any) => [v.orgUnit, v.dataElement, v.value]);
    expect(values.sort()).toEqual([
      ['X1', 'duyet', '95'],
      ['X1', 'nhan', '125'],
      ['X2', 'tien', '310.5'],
    ]);
    // One report per page: two pages, the cursor of the first leads to the second, then none.
    const first = await get(admin, `/api/v1/dataValueSets.json?dataSet=${rg.formId}&period=20240310&limit=1`);
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).toBeDefined();
    const second = await get(
      admin,
      `/api/v1/dataValueSets.json?dataSet=${rg.formId}&period=20240310&limit=1&after=${cursor}`,
    );
    expect(second.json().dataValues.length).toBeGreaterThan(0);
    expect(JSON.stringify(second.json())).not.toEqual(JSON.stringify(first.json()));
    const future = await get(admin, '/api/v1/dataValueSets.json?lastUpdated=2999-01-01T00:00:00Z');
    expect(future.json()).toEqual({ dataValues: [] });
    // The officer of X1 sees only X1.
    const own = await get(officer, `/api/v1/dataValueSets.json?dataSet=${rg.formId}&period=20240310`);
    expect(new Set(own.json().dataValues.map((v: any) => v.orgUnit))).toEqual(new Set(['X1']));
  });

  it('round-trips through DHIS2 CSV, and exported CSV cannot inject a formula', async () => {
    const csv = await get(admin, `/api/v1/dataValueSets.csv?dataSet=${rg.formId}&period=20240311`);
    expect(csv.headers['content-type']).toContain('application/csv');
    const again = await post(admin, '/api/v1/dataValueSets?dataSet=B03', csv.body, 'application/csv');
    expect(again.json).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 3 } });
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-5)).toBe('-5');
    const plain = await get(admin, `/api/v1/exports.csv?period=20240313`);
    expect(plain.body.split('\n')[0]).toBe('form,unit,period,cell,value');
  });
});
