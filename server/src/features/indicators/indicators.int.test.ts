import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, expectError, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let fx: Fixture;
let admin: Client;
let officerH1: Client;
let viewerH1: Client;
let viewerT2: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  officerH1 = await signIn(t.app, 'entry_officer.h1', FIXTURE_PASSWORD);
  viewerH1 = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
  viewerT2 = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

const indicator = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: { vi: 'Số bác sĩ trên 10.000 dân', en: 'Doctors per 10,000 people' },
  unitOfMeasure: 'bác sĩ',
  frequency: 'year',
  area: 'social',
  source: 'direct',
  timeMethod: 'last',
  disaggregations: [
    {
      code: 'sex',
      label: { vi: 'Giới tính', en: 'Sex' },
      options: [
        { code: 'nam', label: { vi: 'Nam', en: 'Male' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Female' } },
      ],
    },
  ],
  agencies: [
    { validFrom: '2010-01-01', agency: 'Bộ Y tế' },
    { validFrom: '2025-03-01', agency: 'Bộ Y tế (Cục Quản lý khám, chữa bệnh)' },
  ],
  ...extra,
});

async function create(code: string, extra: Record<string, unknown> = {}): Promise<number> {
  const response = await admin.request('POST', '/api/v1/indicators', indicator(code, extra));
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json.id;
}

async function push(client: Client, body: unknown, key?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/indicator-values',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body as object,
  });
  return { status: response.statusCode, json: response.json(), headers: response.headers };
}

describe('catalogue', () => {
  it('creates, reads, searches without diacritics, changes with the version, deletes; all audited', async () => {
    const id = await create('Y-BS10K');
    const read = await viewerH1.request('GET', `/api/v1/indicators/${id}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      code: 'Y-BS10K',
      area: 'social',
      frequency: 'year',
      source: 'direct',
      agency: 'Bộ Y tế (Cục Quản lý khám, chữa bệnh)',
      version: 1,
    });
    expect(read.json.agencies).toEqual([
      { validFrom: '2010-01-01', agency: 'Bộ Y tế' },
      { validFrom: '2025-03-01', agency: 'Bộ Y tế (Cục Quản lý khám, chữa bệnh)' },
    ]);
    const found = await viewerH1.request('GET', '/api/v1/indicators?q=bac%20si%20tren&area=social');
    expect(found.status, JSON.stringify(found.json)).toBe(200);
    expect(found.json.items.map((i: { code: string }) => i.code)).toContain('Y-BS10K');
    const none = await viewerH1.request('GET', '/api/v1/indicators?q=bac%20si&area=labour');
    expect(none.json.items.map((i: { code: string }) => i.code)).not.toContain('Y-BS10K');

    const changed = await admin.request('PUT', `/api/v1/indicators/${id}`, {
      ...indicator('Y-BS10K'),
      unitOfMeasure: 'bác sĩ/10.000 dân',
      version: 1,
    });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json.version).toBe(2);
    const stale = await admin.request('PUT', `/api/v1/indicators/${id}`, { ...indicator('Y-BS10K'), version: 1 });
    expectError(stale, 409, 'CONFLICT', 'version');

    const gone = await create('TAM-THOI');
    expect((await admin.request('DELETE', `/api/v1/indicators/${gone}`)).status).toBe(200);
    expect((await admin.request('GET', `/api/v1/indicators/${gone}`)).status).toBe(404);
    expect((await auditOf(admin, 'indicator', id)).map((a) => a.action)).toEqual([
      'indicator.create',
      'indicator.update',
    ]);
  });

  it('refuses bad definitions clearly and changes nothing', async () => {
    await create('TRUNG-MA');
    const before = await snapshot(t.db, ['indicators', 'indicator_agencies']);
    expectError(
      await admin.request('POST', '/api/v1/indicators', indicator('TRUNG-MA')),
      409,
      'ALREADY_EXISTS',
      'code',
    );
    expectError(
      await admin.request('POST', '/api/v1/indicators', indicator('X1', { area: 'weather' })),
      400,
      'VALIDATION_FAILED',
      'area',
    );
    expectError(
      await admin.request('POST', '/api/v1/indicators', indicator('X2', { extra: true })),
      400,
      'VALIDATION_FAILED',
      'extra',
    );
    expectError(
      await admin.request('POST', '/api/v1/indicators', indicator('X3', { name: { vi: 'a'.repeat(301), en: 'b' } })),
      400,
      'VALIDATION_FAILED',
      'name.vi',
    );
    expectError(
      await admin.request('POST', '/api/v1/indicators', indicator('X4', { source: 'formula' })),
      422,
      'INDICATOR_INVALID',
      'formula',
    );
    expectError(
      await admin.request(
        'POST',
        '/api/v1/indicators',
        indicator('X5', {
          agencies: [
            { validFrom: '2010-01-01', agency: 'A' },
            { validFrom: '2010-01-01', agency: 'B' },
          ],
        }),
      ),
      422,
      'INDICATOR_INVALID',
      'agencies.1.validFrom',
    );
    expectError(
      await admin.request(
        'POST',
        '/api/v1/indicators',
        indicator('X6', { source: 'formula', formula: { formId: 999999, expression: '#{a}' } }),
      ),
      404,
      'NOT_FOUND',
      'formula.formId',
    );
    expectError(await viewerH1.request('POST', '/api/v1/indicators', indicator('X7')), 403, 'FORBIDDEN');
    expect(await snapshot(t.db, ['indicators', 'indicator_agencies'])).toEqual(before);
  });
});

describe('values', () => {
  it('keeps vintages; the series shows the latest and its history', async () => {
    const id = await create('VINTAGES');
    const enter = (values: unknown[]) => officerH1.request('POST', `/api/v1/indicators/${id}/values`, { values });
    const h1 = fx.units.H1;
    const first = await enter([
      { unitId: h1, period: '2023', vintage: 'preliminary', releasedOn: '2024-01-05', value: 8.1 },
      { unitId: h1, period: '2024', vintage: 'preliminary', releasedOn: '2025-01-05', value: 9 },
      { unitId: h1, period: '2024', option: 'sex.nu', vintage: 'preliminary', releasedOn: '2025-01-05', value: 4 },
    ]);
    expect(first.json).toEqual({ created: 3, updated: 0, unchanged: 0 });
    await enter([{ unitId: h1, period: '2023', vintage: 'official', releasedOn: '2024-06-30', value: 8.3 }]);
    await enter([{ unitId: h1, period: '2023', vintage: 'revised', releasedOn: '2024-09-30', value: 8.2 }]);
    const again = await enter([
      { unitId: h1, period: '2023', vintage: 'revised', releasedOn: '2024-09-30', value: 8.2 },
      { unitId: h1, period: '2024', vintage: 'preliminary', releasedOn: '2025-01-05', value: 9.5 },
    ]);
    expect(again.json).toEqual({ created: 0, updated: 1, unchanged: 1 });

    const series = await viewerH1.request('GET', `/api/v1/indicators/${id}/series?unitId=${h1}&from=2020&to=2025`);
    expect(series.status, JSON.stringify(series.json)).toBe(200);
    expect(series.json.points.map((p: any) => [p.period, p.value, p.vintage])).toEqual([
      ['2023', 8.3, 'official'],
      ['2024', 9.5, 'preliminary'],
    ]);
    expect(series.json.points[0].history.map((h: any) => [h.vintage, h.releasedOn, h.value, h.source])).toEqual([
      ['preliminary', '2024-01-05', 8.1, 'direct'],
      ['official', '2024-06-30', 8.3, 'direct'],
      ['revised', '2024-09-30', 8.2, 'direct'],
    ]);
    const women = await viewerH1.request('GET', `/api/v1/indicators/${id}/series?unitId=${h1}&option=sex.nu`);
    expect(women.json.points.map((p: any) => [p.period, p.value])).toEqual([['2024', 4]]);
    const events = await t.db
      .selectFrom('events')
      .select(['type', 'unitId'])
      .where('type', '=', 'indicator.updated')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.unitId === h1)).toBe(true);
  });

  it('refuses bad values naming the row, and stores nothing of the request', async () => {
    const id = await create('BAD-VALUES');
    const pushOnly = await create('PUSH-ONLY', { source: 'push' });
    const before = await snapshot(t.db, ['indicator_values']);
    const enter = (values: unknown[]) => officerH1.request('POST', `/api/v1/indicators/${id}/values`, { values });
    const ok = { unitId: fx.units.H1, period: '2024', vintage: 'official', releasedOn: '2025-03-01', value: 1 };
    expectError(await enter([ok, { ...ok, period: '2024Q1' }]), 422, 'INDICATOR_VALUE_INVALID', 'values.1.period');
    expectError(await enter([ok, { ...ok, option: 'sex.khac' }]), 422, 'INDICATOR_VALUE_INVALID', 'values.1.option');
    expectError(
      await enter([{ ...ok, releasedOn: '2023-12-31' }]),
      422,
      'INDICATOR_VALUE_INVALID',
      'values.0.releasedOn',
    );
    expectError(await enter([ok, ok]), 422, 'INDICATOR_VALUE_INVALID', 'values.1.period');
    expectError(await enter([{ ...ok, value: '1' }]), 400, 'VALIDATION_FAILED', 'values.0.value');
    expectError(await enter([{ ...ok, vintage: 'final' }]), 400, 'VALIDATION_FAILED', 'values.0.vintage');
    // Scope: a sibling district (visible to nobody at H1) is 404; the province above is visible to no H1 officer either.
    expectError(await enter([ok, { ...ok, unitId: fx.units.H2 }]), 404, 'NOT_FOUND', 'values.1.unitId');
    expectError(await viewerH1.request('POST', `/api/v1/indicators/${id}/values`, { values: [ok] }), 403, 'FORBIDDEN');
    expectError(
      await officerH1.request('POST', `/api/v1/indicators/${pushOnly}/values`, { values: [ok] }),
      409,
      'INDICATOR_NOT_DIRECT_ENTRY',
    );
    expect(await snapshot(t.db, ['indicator_values'])).toEqual(before);
  });

  it('a push takes codes, is idempotent under its key, and refuses a key reused for another body', async () => {
    await create('FDI-VON', {
      source: 'push',
      unitOfMeasure: 'triệu USD',
      area: 'macro_stability',
      disaggregations: [],
    });
    const body = {
      values: [
        {
          indicator: 'FDI-VON',
          unitCode: 'H1',
          period: '2024',
          vintage: 'preliminary',
          releasedOn: '2025-01-02',
          value: 120.5,
        },
        {
          indicator: 'FDI-VON',
          unitId: fx.units.X1,
          period: '2024',
          vintage: 'preliminary',
          releasedOn: '2025-01-02',
          value: 20,
        },
      ],
    };
    const first = await push(officerH1, body, 'fdi-2024-lan-1');
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('indicatorValues')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const stored = await count();
    const replay = await push(officerH1, body, 'fdi-2024-lan-1');
    expect(replay.json).toEqual(first.json);
    expect(await count()).toBe(stored);
    expectError(
      await push(officerH1, { values: [{ ...body.values[0]!, value: 1 }] }, 'fdi-2024-lan-1'),
      409,
      'CONFLICT',
      'Idempotency-Key',
    );
    // Without a key the same values are counted unchanged.
    expect((await push(officerH1, body)).json).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expectError(
      await push(officerH1, { values: [{ ...body.values[0]!, unitCode: 'KHONG-CO' }] }),
      422,
      'INDICATOR_VALUE_INVALID',
      'values.0.unitCode',
    );
    expectError(
      await push(officerH1, { values: [{ ...body.values[0]!, indicator: 'KHONG-CO' }] }),
      422,
      'INDICATOR_VALUE_INVALID',
      'values.0.indicator',
    );
    expectError(
      await push(officerH1, { values: [{ ...body.values[0]!, unitId: fx.units.H1 }] }),
      422,
      'INDICATOR_VALUE_INVALID',
      'values.0.unitId',
    );
    expectError(
      await push(officerH1, { values: [{ ...body.values[0]!, unitCode: 'T1' }] }),
      403,
      'FORBIDDEN',
      'values.0.unitCode',
    );
    expect(await count()).toBe(stored);
  });

  it('reads a series only in the caller’s view', async () => {
    const id = await create('SCOPE');
    await admin.request('POST', `/api/v1/indicators/${id}/values`, {
      values: [
        { unitId: fx.units.T1, period: '2024', vintage: 'official', releasedOn: '2025-02-01', value: 7 },
        { unitId: fx.units.T2, period: '2024', vintage: 'official', releasedOn: '2025-02-01', value: 8 },
      ],
    });
    expectError(
      await viewerH1.request('GET', `/api/v1/indicators/${id}/series?unitId=${fx.units.T1}`),
      404,
      'NOT_FOUND',
      'unitId',
    );
    const own = await viewerT2.request('GET', `/api/v1/indicators/${id}/series`);
    expect(own.json.unit.id).toBe(fx.units.T2);
    expect(own.json.points.map((p: any) => p.value)).toEqual([8]);
    const national = await admin.request('GET', `/api/v1/indicators/${id}/series?unitId=${fx.units.T1}`);
    expect(national.json.points.map((p: any) => p.value)).toEqual([7]);
    expectError(
      await viewerT2.request('GET', `/api/v1/indicators/${id}/series?from=2024Q1`),
      400,
      'VALIDATION_FAILED',
      'from',
    );
  });
});

describe('analytics', () => {
  it('answers an indicator as the field ind:<code>, by unit and period, in the caller’s view', async () => {
    const id = await create('DN-HOAT-DONG', {
      unitOfMeasure: 'doanh nghiệp',
      area: 'business_environment',
      timeMethod: 'sum',
      disaggregations: [],
      frequency: 'quarter',
    });
    const values = [
      ['T1', '2024Q1', 10],
      ['T1', '2024Q2', 20],
      ['T2', '2024Q1', 5],
      ['T2', '2024Q3', 7],
    ].map(([unit, period, value]) => ({
      unitId: fx.units[unit as 'T1' | 'T2'],
      period,
      vintage: 'official',
      releasedOn: '2024-12-31',
      value,
    }));
    expect((await admin.request('POST', `/api/v1/indicators/${id}/values`, { values })).status).toBe(200);
    // A later preliminary estimate does not replace the official figure.
    await admin.request('POST', `/api/v1/indicators/${id}/values`, {
      values: [{ unitId: fx.units.T1, period: '2024Q1', vintage: 'preliminary', releasedOn: '2025-01-10', value: 999 }],
    });

    const fields = await viewerH1.request('GET', '/api/v1/analytics/fields');
    expect(fields.json.items.map((f: { id: string }) => f.id)).toContain('ind:DN-HOAT-DONG');
    const query = {
      fields: ['ind:DN-HOAT-DONG'],
      units: { ids: [fx.units.T1, fx.units.T2] },
      periods: { type: 'year', from: '2024', to: '2024' },
    };
    const answer = await admin.request('POST', '/api/v1/analytics/query', query);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json.fields.map((f: { id: string; timeMethod: string }) => [f.id, f.timeMethod])).toEqual([
      ['ind:DN-HOAT-DONG', 'sum'],
    ]);
    expect(answer.json.cells.map((c: any) => [c.unitId, c.period, c.value, c.approximate])).toEqual([
      [fx.units.T1, '2024', 30, true],
      [fx.units.T2, '2024', 12, true],
    ]);
    expect(answer.json.totals.map((c: any) => [c.period, c.value, c.included, c.expected])).toEqual([
      ['2024', 42, 2, 2],
    ]);
    const quarters = await admin.request('POST', '/api/v1/analytics/query', {
      ...query,
      units: { ids: [fx.units.T2] },
      periods: { type: 'quarter', from: '2024Q1', to: '2024Q4' },
    });
    expect(quarters.json.cells.map((c: any) => c.value)).toEqual([5, null, 7, null]);

    expectError(await viewerT2.request('POST', '/api/v1/analytics/query', query), 404, 'NOT_FOUND', 'units.ids.0');
    expectError(
      await admin.request('POST', '/api/v1/analytics/query', {
        ...query,
        periods: { type: 'month', from: '202401', to: '202402' },
      }),
      422,
      'ANALYTICS_BAD_PERIODS',
      'periods.type',
    );
    expectError(
      await admin.request('POST', '/api/v1/analytics/query', { ...query, fields: ['ind:KHONG-CO'] }),
      422,
      'ANALYTICS_UNKNOWN_FIELD',
      'fields.0',
    );
  });
});
