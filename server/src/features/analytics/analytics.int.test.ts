import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, fixtureForm, fixtureRegime, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let viewerH1: Client;

const field = (code: string) => `${rg.formId}:${code}`;

async function submit(unit: 'X1' | 'X2', day: string, values: Record<string, number>) {
  t.clock.now = during(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`);
  const sent = await admin.request('POST', '/api/v1/reports/submit', {
    unitId: fx.units[unit],
    formId: rg.formId,
    period: day,
    values,
  });
  expect(sent.status, JSON.stringify(sent.json)).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  viewerH1 = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
  // Two days of April 2024: X1 both days, X2 the first only; X1 sends a correction of the second.
  await submit('X1', '20240401', { nhan: 10, duyet: 5, tien: 100 });
  await submit('X2', '20240401', { nhan: 30, duyet: 15, tien: 50.5 });
  await submit('X1', '20240402', { nhan: 20, duyet: 2, tien: 7 });
  await t.worker.drain();
  await submit('X1', '20240402', { nhan: 40, duyet: 4, tien: 8 });
  await t.worker.drain();
});
afterAll(async () => t?.close());

const query = (client: Client, body: unknown) => client.request('POST', '/api/v1/analytics/query', body);
const cell = (json: any, f: string, unitId: number | null, period: string) =>
  (unitId === null ? json.totals : json.cells).find(
    (c: any) => c.field === f && c.period === period && (unitId === null || c.unitId === unitId) && c.option === null,
  );

describe('analytics query', () => {
  it('lists the numeric fields with their methods', async () => {
    const res = await admin.request('GET', `/api/v1/analytics/fields?formId=${rg.formId}`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((f: any) => [f.id, f.timeMethod, f.computed])).toEqual([
      [field('nhan'), 'last', false],
      [field('duyet'), 'last', false],
      [field('tien'), 'last', false],
      [field('ty_le'), 'last', true],
    ]);
    expect(res.json.items[0]).toMatchObject({ periodType: 'day', unitOfMeasure: 'hồ sơ', hierarchyMethod: 'sum' });
  });

  it('answers by day from the rollup rows, with the corrected revision and the included counts', async () => {
    const res = await query(admin, {
      fields: [field('nhan'), field('tien'), field('ty_le')],
      units: { ids: [fx.units.T1, fx.units.H1, fx.units.X1, fx.units.X2] },
      periods: { type: 'day', from: '20240401', to: '20240402' },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const j = res.json;
    expect(cell(j, field('nhan'), fx.units.H1, '20240401')).toMatchObject({ value: 40, included: 2, expected: 2 });
    expect(cell(j, field('nhan'), fx.units.H1, '20240402')).toMatchObject({ value: 40, included: 1, expected: 2 });
    expect(cell(j, field('tien'), fx.units.T1, '20240401').value).toBe(150.5);
    expect(cell(j, field('nhan'), fx.units.X1, '20240402')).toMatchObject({ value: 40, included: 1, expected: 1 });
    expect(cell(j, field('nhan'), fx.units.X2, '20240402')).toMatchObject({ value: null, included: 0 });
    // A ratio is recomputed from the summed parts: 20 / 40, not the mean of 50 % and 50 %.
    expect(cell(j, field('ty_le'), fx.units.H1, '20240401').value).toBe(50);
    expect(cell(j, field('ty_le'), fx.units.H1, '20240402').value).toBe(10);
  });

  it('keeps the consolidating units’ rows in the rollup store and the entry units’ in the entry store', async () => {
    const units = async (table: 'analytics_rollups' | 'analytics_values') =>
      (
        await sql<{ unitId: number }>`SELECT DISTINCT unit_id FROM ${sql.table(table)}
          WHERE form_id = ${rg.formId} ORDER BY 1`.execute(t.db)
      ).rows.map((r) => r.unitId);
    expect(await units('analytics_values')).toEqual([fx.units.X1, fx.units.X2].sort((a, b) => a - b));
    const rollups = await units('analytics_rollups');
    expect(rollups).toEqual(expect.arrayContaining([fx.units.H1, fx.units.T1]));
    expect(rollups).not.toContain(fx.units.X1);
    expect(rollups).not.toContain(fx.units.X2);
  });

  it('aggregates over time by each field’s method (last value for these stocks) and totals a level', async () => {
    const res = await query(admin, {
      fields: [field('nhan'), field('ty_le')],
      units: { level: 'province' },
      periods: { type: 'month', ids: ['202404'] },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.units.map((u: any) => u.id)).toEqual([fx.units.T1, fx.units.T2].sort((a, b) => a - b));
    expect(cell(res.json, field('nhan'), fx.units.T1, '202404').value).toBe(40);
    expect(cell(res.json, field('ty_le'), fx.units.T1, '202404').value).toBe(10);
    expect(cell(res.json, field('nhan'), null, '202404')).toMatchObject({ value: 40, included: 1, expected: 2 });
  });

  it('answers CSV by Accept header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/query',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, accept: 'text/csv' },
      payload: { fields: [field('nhan')], units: { ids: [fx.units.H1] }, periods: { type: 'month', ids: ['202404'] } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toContain('ma_chi_tieu');
    expect(lines[1]).toBe(`${field('nhan')},Số hồ sơ tiếp nhận,,H1,UBND huyện Đồng Văn,202404,40,hồ sơ,1,2,0`);
  });

  it('keeps to the caller’s view: a unit outside it answers 404 naming it', async () => {
    const inside = await query(viewerH1, {
      fields: [field('nhan')],
      units: { childrenOf: 'mine' },
      periods: { type: 'day', ids: ['20240401'] },
    });
    expect(inside.status, JSON.stringify(inside.json)).toBe(200);
    expect(inside.json.units.map((u: any) => u.id).sort()).toEqual(
      [fx.units.H1, fx.units.X1, fx.units.X2].sort((a, b) => a - b),
    );
    const outside = await query(viewerH1, {
      fields: [field('nhan')],
      units: { ids: [fx.units.H1, fx.units.T2] },
      periods: { type: 'day', ids: ['20240401'] },
    });
    expect(outside.status).toBe(404);
    expect(outside.json).toMatchObject({ code: 'NOT_FOUND', field: 'units.ids.1' });
    const level = await query(viewerH1, {
      fields: [field('nhan')],
      units: { level: 'province' },
      periods: { type: 'day', ids: ['20240401'] },
    });
    expect(level.json.units).toEqual([]);
  });

  it('refuses bad input with an error naming the field, in Vietnamese by default', async () => {
    const base = {
      fields: [field('nhan')],
      units: { ids: [fx.units.H1] },
      periods: { type: 'day', ids: ['20240401'] },
    };
    const cases: [unknown, number, string, string][] = [
      [{ ...base, fields: [`${rg.formId}:khong_co`] }, 422, 'ANALYTICS_UNKNOWN_FIELD', 'fields.0'],
      [{ ...base, fields: ['999999:nhan'] }, 422, 'ANALYTICS_UNKNOWN_FIELD', 'fields.0'],
      [{ ...base, units: { ids: [fx.units.H1, 999_999] } }, 422, 'ANALYTICS_UNKNOWN_UNIT', 'units.ids.1'],
      [{ ...base, units: { level: 'province', ids: [fx.units.H1] } }, 400, 'VALIDATION_FAILED', 'units'],
      [
        { ...base, periods: { type: 'day', ids: ['20240401', '202404'] } },
        422,
        'ANALYTICS_BAD_PERIODS',
        'periods.ids.1',
      ],
      [
        { ...base, periods: { type: 'day', from: '20150101', to: '20241231' } },
        422,
        'ANALYTICS_QUERY_TOO_BIG',
        'periods',
      ],
      [
        { ...base, periods: { type: 'day', from: '20240402', to: '20240401' } },
        422,
        'ANALYTICS_BAD_PERIODS',
        'periods.to',
      ],
      [{ ...base, filters: { [field('nhan')]: ['nu'] } }, 422, 'ANALYTICS_UNKNOWN_FIELD', `filters.${field('nhan')}.0`],
      [{ ...base, extra: 1 }, 400, 'VALIDATION_FAILED', ''],
      [{ ...base, fields: ['x'.repeat(60)] }, 400, 'VALIDATION_FAILED', ''],
    ];
    for (const [body, status, code, name] of cases) {
      const res = await query(admin, body);
      expect(res.status, JSON.stringify([body, res.json])).toBe(status);
      expect(res.json.code).toBe(code);
      if (name) expect(res.json.field).toBe(name);
      expect(res.json.message).toBeTruthy();
      expect(res.json.requestId).toBeTruthy();
    }
  });

  it('combines days into weeks, and refuses a type finer than the form’s', async () => {
    const weekly = await query(admin, {
      fields: [field('nhan')],
      units: { ids: [fx.units.H1] },
      periods: { type: 'week', ids: ['2024W14'] },
    });
    expect(weekly.status).toBe(200);
    expect(cell(weekly.json, field('nhan'), fx.units.H1, '2024W14').value).toBe(40);
    const monthly = await seedRegime(t.db, { ...fixtureRegime, frequency: 'month' }, fixtureForm);
    const finer = await query(admin, {
      fields: [`${monthly.formId}:nhan`],
      units: { ids: [fx.units.H1] },
      periods: { type: 'day', ids: ['20240401'] },
    });
    expect(finer.status).toBe(422);
    expect(finer.json).toMatchObject({ code: 'ANALYTICS_BAD_PERIODS', field: 'periods.type' });
  });
});
