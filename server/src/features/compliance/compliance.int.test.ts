/**
 * The compliance board and statistics through the HTTP API, on the fixture tree
 * (CP → T1 → H1 → X1, X2; T1 → H2; CP → T2 → H3) and a daily regime where
 * communes enter (due 16:00, accepted late until 16:00 the next day) and districts
 * and provinces send their consolidation up.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture, type UnitKey } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import {
  addPublishedForm,
  during,
  fixtureRegime,
  type RegimeFixture,
  seedRegime,
  treasuryCrossForm,
} from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let approver: Client;

const nextDay = (days: number, time: string) => ({ anchor: 'period_end' as const, days, time });
const lateTolerantRegime = {
  ...fixtureRegime,
  schedules: [
    {
      unitKinds: ['ubnd_commune'],
      role: 'entry' as const,
      opens: nextDay(0, '08:00'),
      due: nextDay(0, '16:00'),
      closes: nextDay(1, '16:00'),
    },
    {
      unitKinds: ['ubnd_district'],
      role: 'consolidation' as const,
      opens: nextDay(0, '08:00'),
      due: nextDay(0, '17:00'),
      closes: nextDay(1, '17:00'),
    },
    {
      unitKinds: ['ubnd_province'],
      role: 'consolidation' as const,
      opens: nextDay(0, '08:00'),
      due: nextDay(0, '18:00'),
      closes: nextDay(1, '18:00'),
    },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db, lateTolerantRegime);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const submit = async (unit: UnitKey, period: string, at: number, extra: object = { values: { nhan: 3, duyet: 2 } }) => {
  t.clock.now = at;
  const response = await admin.request('POST', '/api/v1/reports/submit', {
    unitId: fx.units[unit],
    formId: rg.formId,
    period,
    ...extra,
  });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json;
};

const board = async (client: Client, period: string, query = '') => {
  const response = await client.request(
    'GET',
    `/api/v1/compliance/board?regimeId=${rg.regimeId}&periodId=${period}${query}`,
  );
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json;
};
const statusesOf = (json: any) =>
  Object.fromEntries(
    json.rows.map((r: any) => [r.unit.code, r.minutesLate > 0 ? `${r.status}:${r.minutesLate}` : r.status]),
  );

describe('the board of a period', () => {
  it('judges each expected unit: on time, late by how long, missing once the window closed', async () => {
    await submit('X1', '20240311', during('2024-03-11', '15:00'));
    await submit('X2', '20240311', during('2024-03-11', '18:00'));
    t.clock.now = during('2024-03-13', '09:00');
    const json = await board(admin, '20240311', `&unitId=${fx.units.T1}`);
    expect(statusesOf(json)).toEqual({ T1: 'missing', H1: 'missing', H2: 'missing', X1: 'on_time', X2: 'late:120' });
    expect(json.totals).toMatchObject({ expected: 5, reported: 2 });
    expect(json.totals.counts).toMatchObject({ on_time: 1, late: 1, missing: 3 });
    const x2 = json.rows.find((r: any) => r.unit.code === 'X2');
    expect(x2).toMatchObject({ parent: { id: fx.units.H1 }, sent: 1, forms: 1, dueAt: '2024-03-11T09:00:00.000Z' });
    expect(x2.submittedAt).toBe('2024-03-11T11:00:00.000Z');
  });

  it('filters by level and by status, the totals staying those of the level', async () => {
    t.clock.now = during('2024-03-13', '09:00');
    const communes = await board(admin, '20240311', `&unitId=${fx.units.T1}&level=commune`);
    expect(communes.rows.map((r: any) => r.unit.code)).toEqual(['X1', 'X2']);
    expect(communes.totals).toMatchObject({ expected: 2, reported: 2 });
    const late = await board(admin, '20240311', `&unitId=${fx.units.T1}&status=late`);
    expect(late.rows.map((r: any) => r.unit.code)).toEqual(['X2']);
    expect(late.totals.expected).toBe(5);
  });

  it('tells a draft before the deadline, overdue after it, returned, nothing to report, exempt', async () => {
    const sent = await submit('X1', '20240312', during('2024-03-12', '10:00'));
    t.clock.now = during('2024-03-12', '11:00');
    const returned = await approver.request('POST', `/api/v1/submissions/${sent.submissionId}/review`, {
      action: 'return',
      reason: 'Số liệu chưa khớp',
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    const draft = await admin.request('PUT', '/api/v1/reports/draft', {
      unitId: fx.units.X2,
      formId: rg.formId,
      period: '20240312',
      values: { nhan: 1 },
      baseVersion: 0,
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);
    await submit('H2', '20240312', during('2024-03-12', '12:00'), { isNil: true, values: {} });
    t.clock.now = during('2024-03-12', '15:30');
    expect(statusesOf(await board(admin, '20240312', `&unitId=${fx.units.T1}`))).toEqual({
      T1: 'not_due',
      H1: 'not_due',
      H2: 'nothing_to_report',
      X1: 'returned',
      X2: 'draft',
    });
    t.clock.now = during('2024-03-12', '16:30');
    expect(statusesOf(await board(admin, '20240312', `&unitId=${fx.units.H1}`))).toMatchObject({ X2: 'overdue' });
    t.clock.now = during('2024-03-13', '16:30');
    expect(statusesOf(await board(admin, '20240312', `&unitId=${fx.units.H1}`))).toMatchObject({ X2: 'missing' });

    const exempted = await admin.request('POST', '/api/v1/compliance/exemptions', {
      unitId: fx.units.X2,
      regimeId: rg.regimeId,
      periodFrom: '20240313',
      periodTo: '20240313',
      reason: 'Trụ sở bị ngập, tạm dừng hoạt động',
    });
    expect(exempted.status, JSON.stringify(exempted.json)).toBe(201);
    t.clock.now = during('2024-03-15', '09:00');
    const exempt = await board(admin, '20240313', `&unitId=${fx.units.H1}`);
    expect(exempt.rows.find((r: any) => r.unit.code === 'X2')).toMatchObject({
      status: 'exempt',
      exemptionReason: 'Trụ sở bị ngập, tạm dừng hoạt động',
    });
    const audit = await sql<{
      action: string;
    }>`SELECT action FROM audit_pending WHERE object_type = 'compliance_exemption'`.execute(t.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['compliance_exemption.create']);
  });

  it('refuses a reversed exemption range with a message in both languages', async () => {
    const response = await admin.request('POST', '/api/v1/compliance/exemptions', {
      unitId: fx.units.X2,
      regimeId: rg.regimeId,
      periodFrom: '20240320',
      periodTo: '20240319',
      reason: 'Thử',
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'periodTo' });
    expect(response.json.message).toContain('20240319');
  });
});

describe('the hierarchy of each period’s date', () => {
  beforeAll(async () => {
    // X2 moves from H1 to H2 on 14 March 2024; a new commune X9 opens under H1 that day.
    await sql`UPDATE unit_parents SET valid_to = '2024-03-13' WHERE unit_id = ${fx.units.X2} AND parent_id = ${fx.units.H1}`.execute(
      t.db,
    );
    await sql`INSERT INTO unit_parents (hierarchy, unit_id, parent_id, valid_from)
      VALUES ('administrative', ${fx.units.X2}, ${fx.units.H2}, '2024-03-14')`.execute(t.db);
    const x9 = await sql<{ id: number }>`INSERT INTO units (code, name, kind, search_text, valid_from)
      VALUES ('X9', 'UBND xã Mới Lập', 'ubnd_commune', 'x9 ubnd xa moi lap', '2024-03-14') RETURNING id`.execute(t.db);
    await sql`INSERT INTO unit_parents (hierarchy, unit_id, parent_id, valid_from)
      VALUES ('administrative', ${x9.rows[0]!.id}, ${fx.units.H1}, '2024-03-14')`.execute(t.db);
  });

  it('counts a moved unit under the parent valid on the period’s date', async () => {
    t.clock.now = during('2024-03-20', '09:00');
    const codes = async (root: UnitKey, period: string) =>
      (await board(admin, period, `&unitId=${fx.units[root]}&level=commune`)).rows.map((r: any) => r.unit.code);
    expect(await codes('H1', '20240313')).toEqual(['X1', 'X2']);
    expect(await codes('H1', '20240314')).toEqual(['X1', 'X9']);
    expect(await codes('H2', '20240313')).toEqual([]);
    expect(await codes('H2', '20240314')).toEqual(['X2']);
    const x2 = (await board(admin, '20240314', `&unitId=${fx.units.T1}`)).rows.find((r: any) => r.unit.code === 'X2');
    expect(x2.parent.id).toBe(fx.units.H2);
  });

  it('statistics: per unit, per level (all / some / none), ranking and trend', async () => {
    await submit('X1', '20240313', during('2024-03-13', '09:00'));
    t.clock.now = during('2024-03-20', '09:00');
    const response = await admin.request(
      'GET',
      `/api/v1/compliance/stats?regimeId=${rg.regimeId}&from=20240311&to=20240313&unitId=${fx.units.H1}`,
    );
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const stats = response.json;
    expect(stats.periods.map((p: any) => p.id)).toEqual(['20240311', '20240312', '20240313']);
    const byCode = Object.fromEntries(stats.units.map((u: any) => [u.unit.code, u]));
    expect(Object.keys(byCode).sort()).toEqual(['H1', 'X1', 'X2']);
    expect(byCode.X1).toMatchObject({ expected: 3, reported: 3, counts: { on_time: 2, returned: 1 } });
    expect(byCode.X2).toMatchObject({ expected: 2, reported: 1, counts: { late: 1, missing: 1, exempt: 1 } });
    expect(byCode.H1).toMatchObject({ expected: 3, reported: 0, counts: { missing: 3 } });
    expect(stats.units.map((u: any) => [u.rank, u.unit.code])).toEqual([
      [1, 'X1'],
      [2, 'X2'],
      [3, 'H1'],
    ]);
    expect(stats.levels).toEqual([
      { level: 'district', units: 1, all: 0, some: 0, none: 1 },
      { level: 'commune', units: 2, all: 1, some: 1, none: 0 },
    ]);
    expect(stats.trend[0]).toMatchObject({
      periodId: '20240311',
      expected: 3,
      counts: { on_time: 1, late: 1, missing: 1 },
    });
    expect(stats.trend[2]).toMatchObject({
      periodId: '20240313',
      expected: 2,
      counts: { on_time: 1, exempt: 1, missing: 1 },
    });
  });

  it('refuses a reversed or too long range', async () => {
    const reversed = await admin.request(
      'GET',
      `/api/v1/compliance/stats?regimeId=${rg.regimeId}&from=20240313&to=20240311`,
    );
    expect(reversed.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'from' });
    const long = await admin.request(
      'GET',
      `/api/v1/compliance/stats?regimeId=${rg.regimeId}&from=20220101&to=20240311`,
    );
    expect(long.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
  });
});

describe('scope', () => {
  it('a province officer sees only its own units, and another province answers 404', async () => {
    t.clock.now = during('2024-03-13', '09:00');
    const t1 = await signIn(t.app, 'unit_admin.t1', FIXTURE_PASSWORD);
    const own = await board(t1, '20240311');
    expect(own.root.id).toBe(fx.units.T1);
    expect(own.rows.map((r: any) => r.unit.code).sort()).toEqual(['H1', 'H2', 'T1', 'X1', 'X2']);
    const other = await t1.request(
      'GET',
      `/api/v1/compliance/board?regimeId=${rg.regimeId}&periodId=20240311&unitId=${fx.units.T2}`,
    );
    expect(other.status).toBe(404);
    const t2 = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
    expect((await board(t2, '20240311')).rows.map((r: any) => r.unit.code)).toEqual(['H3', 'T2']);
    const stats = await t2.request('GET', `/api/v1/compliance/stats?regimeId=${rg.regimeId}&from=20240311&to=20240313`);
    expect(stats.json.units.map((u: any) => u.unit.code).sort()).toEqual(['H3', 'T2']);
    const exemptions = await t2.request('GET', `/api/v1/compliance/exemptions?regimeId=${rg.regimeId}`);
    expect(exemptions.json.items).toEqual([]);
  });
});

describe('the spreadsheet', () => {
  it('opens with ExcelJS and has a row per unit with its status in Vietnamese', async () => {
    t.clock.now = during('2024-03-13', '09:00');
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/compliance/board.xlsx?regimeId=${rg.regimeId}&periodId=20240311&unitId=${fx.units.T1}`,
      headers: { cookie: admin.cookie, 'accept-language': 'vi' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(rows[4]![0]).toBe('Đã gửi 2/5, trong đó muộn 1; không gửi 3; quá hạn chưa gửi 0');
    const units = rows.filter((r) => /^\d+$/.test(r[0]!)).map((r) => [r[1], r[5], r[8]]);
    expect(units).toEqual([
      ['H1', 'Không gửi', ''],
      ['H2', 'Không gửi', ''],
      ['T1', 'Không gửi', ''],
      ['X1', 'Đúng hạn', ''],
      ['X2', 'Gửi muộn', '2 giờ'],
    ]);
  });
});

describe('a reform of the provinces', () => {
  it('expects the former provinces before it and the merged one after it', async () => {
    // As on 1 July 2025: T1 and T2 end on 30 June and merge into T12.
    await sql`UPDATE units SET valid_to = '2025-06-30' WHERE id IN (${fx.units.T1}, ${fx.units.T2})`.execute(t.db);
    await sql`UPDATE unit_parents SET valid_to = '2025-06-30' WHERE unit_id IN (${fx.units.T1}, ${fx.units.T2})`.execute(
      t.db,
    );
    const merged = await sql<{ id: number }>`INSERT INTO units (code, name, kind, search_text, valid_from)
      VALUES ('T12', 'UBND tỉnh Hợp Nhất', 'ubnd_province', 't12 ubnd tinh hop nhat', '2025-07-01') RETURNING id`.execute(
      t.db,
    );
    await sql`INSERT INTO unit_parents (hierarchy, unit_id, parent_id, valid_from)
      VALUES ('administrative', ${merged.rows[0]!.id}, ${fx.units.CP}, '2025-07-01')`.execute(t.db);
    t.clock.now = during('2026-03-20', '09:00');
    const provinces = async (period: string) =>
      (await board(admin, period, `&unitId=${fx.units.CP}&level=province`)).rows.map((r: any) => r.unit.code);
    expect(await provinces('20240311')).toEqual(['T1', 'T2']);
    expect(await provinces('20260310')).toEqual(['T12']);
    const stats = await admin.request(
      'GET',
      `/api/v1/compliance/stats?regimeId=${rg.regimeId}&from=20250629&to=20250702&level=province`,
    );
    expect(stats.json.trend.map((p: any) => [p.periodId, p.expected])).toEqual([
      ['20250629', 2],
      ['20250630', 2],
      ['20250701', 1],
      ['20250702', 1],
    ]);
    expect(stats.json.levels).toEqual([{ level: 'province', units: 3, all: 0, some: 0, none: 3 }]);
  });
});

describe('several forms', () => {
  it('gives a unit owing two forms its worst status, and each form its own with formId', async () => {
    const kb = await addPublishedForm(t.db, rg.regimeId, treasuryCrossForm);
    await submit('X1', '20240318', during('2024-03-18', '15:00'));
    t.clock.now = during('2024-03-20', '09:00');
    const all = await board(admin, '20240318', `&unitId=${fx.units.H1}`);
    expect(all.form).toBeNull();
    expect(all.rows.find((r: any) => r.unit.code === 'X1')).toMatchObject({ status: 'missing', forms: 2, sent: 1 });
    expect(all.rows.find((r: any) => r.unit.code === 'H1')).toMatchObject({ status: 'missing', forms: 2, sent: 0 });
    const b03 = await board(admin, '20240318', `&unitId=${fx.units.H1}&formId=${rg.formId}`);
    expect(b03.form).toMatchObject({ id: rg.formId, code: 'B03' });
    expect(b03.rows.find((r: any) => r.unit.code === 'X1')).toMatchObject({ status: 'on_time', forms: 1, sent: 1 });
    const kbBoard = await board(admin, '20240318', `&unitId=${fx.units.H1}&formId=${kb}`);
    expect(kbBoard.rows.find((r: any) => r.unit.code === 'X1')).toMatchObject({ status: 'missing', forms: 1, sent: 0 });
    const otherRegimeForm = await admin.request(
      'GET',
      `/api/v1/compliance/board?regimeId=${rg.regimeId}&periodId=20240318&formId=999999`,
    );
    expect(otherRegimeForm.json).toMatchObject({ code: 'NOT_FOUND', field: 'formId' });
  });
});

describe('what the page opens on', () => {
  it('is the regime its view root sent the most reports of, at the latest period sent; nulls before any', async () => {
    const viewer = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
    // T2 has sent nothing: the page falls back to the first regime in force.
    expect((await viewer.request('GET', '/api/v1/compliance/default')).json).toEqual({
      regimeId: null,
      periodId: null,
    });
    await submit('X1', '20240319', during('2024-03-19', '09:00'));
    await submit('X1', '20240320', during('2024-03-20', '09:00'));
    const officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const opened = await officer.request('GET', '/api/v1/compliance/default');
    expect(opened.status).toBe(200);
    expect(opened.json).toEqual({ regimeId: rg.regimeId, periodId: '20240320' });
    // No parameter is accepted: the answer is always the caller's own.
    const bad = await officer.request('GET', `/api/v1/compliance/default?unitId=${fx.units.T2}`);
    expect(bad.status).toBe(400);
  });
});
