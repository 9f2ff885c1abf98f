import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let officer: Client;
let approver: Client;
const DAY = '20240401';

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-04-01');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const lock = (locked: boolean, reason: string, period = DAY) =>
  admin.request('POST', '/api/v1/period-locks', { regimeId: rg.regimeId, period, locked, reason });
const ask = (client: Client, unit: keyof Fixture['units'], reason: string, period = DAY) =>
  client.request('POST', '/api/v1/period-unlock-requests', {
    regimeId: rg.regimeId,
    period,
    unitId: fx.units[unit],
    reason,
  });
const list = (client: Client, period = DAY) =>
  client.request('GET', `/api/v1/period-unlock-requests?regimeId=${rg.regimeId}&period=${period}`);
const report = (client: Client, unit: keyof Fixture['units'], period = DAY) =>
  client.request('GET', `/api/v1/reports?unitId=${fx.units[unit]}&formId=${rg.formId}&period=${period}`);

describe('unlock requests', () => {
  it('a unit asks with its reason, only while the period is locked, one pending request at a time', async () => {
    const open = await ask(officer, 'X1', 'Cần sửa số hồ sơ');
    expect(open.status).toBe(409);
    expect(open.json.code).toBe('INVALID_STATE');
    expect((await lock(true, 'Chốt số liệu ngày 1/4')).status).toBe(200);
    expect((await report(officer, 'X1')).json).toMatchObject({
      locked: true,
      canRequestUnlock: true,
      unlockRequest: null,
    });
    const asked = await ask(officer, 'X1', 'Cần sửa số hồ sơ tiếp nhận');
    expect(asked.status, JSON.stringify(asked.json)).toBe(200);
    expect(asked.json).toMatchObject({
      unit: { id: fx.units.X1 },
      reason: 'Cần sửa số hồ sơ tiếp nhận',
      requestedByName: 'Người dùng entry_officer.x1',
      status: 'pending',
      decidedAt: null,
    });
    const again = await ask(officer, 'X1', 'Nhắc lại đề nghị');
    expect(again.status).toBe(409);
    expect(again.json.field).toBe('unitId');
    // A reason of fewer than 3 characters, or a unit outside the officer's scope, is refused.
    expect((await ask(officer, 'X1', 'x')).status).toBe(400);
    expect((await ask(officer, 'X2', 'Cần sửa')).status).toBe(404);
    // The report shows the pending request.
    expect((await report(officer, 'X1')).json.unlockRequest).toMatchObject({ status: 'pending' });
  });

  it('requesters see their subtree’s requests; the recipient sees all and decides', async () => {
    const unitAdmin = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
    expect((await ask(unitAdmin, 'X2', 'Phó Bảng cần bổ sung')).status).toBe(200);
    const seen = await list(officer);
    expect(seen.json.mayDecide).toBe(false);
    expect(seen.json.items.map((i: { unit: { id: number } }) => i.unit.id)).toEqual([fx.units.X1]);
    const all = await list(admin);
    expect(all.json.mayDecide).toBe(true);
    expect(all.json.items).toHaveLength(2);
    // The district approver is not the regime's recipient: it cannot decide.
    const request = all.json.items.find((i: { unit: { id: number } }) => i.unit.id === fx.units.X2);
    const denied = await approver.request('POST', `/api/v1/period-unlock-requests/${request.id}/decision`, {
      grant: true,
      reason: 'Đồng ý',
    });
    expect(denied.status).toBe(403);
    const refused = await admin.request('POST', `/api/v1/period-unlock-requests/${request.id}/decision`, {
      grant: false,
      reason: 'Số liệu đã báo cáo Chính phủ',
    });
    expect(refused.status, JSON.stringify(refused.json)).toBe(200);
    expect(refused.json).toMatchObject({
      status: 'refused',
      decidedByName: 'Người dùng admin',
      decisionReason: 'Số liệu đã báo cáo Chính phủ',
    });
    const twice = await admin.request('POST', `/api/v1/period-unlock-requests/${request.id}/decision`, {
      grant: true,
      reason: 'Đổi ý',
    });
    expect(twice.status).toBe(409);
    // Still locked; the refused unit may ask again.
    expect((await report(officer, 'X1')).json.locked).toBe(true);
    expect((await ask(unitAdmin, 'X2', 'Xin xem xét lại')).status).toBe(200);
  });

  it('granting a request unlocks the period for every unit and answers every pending request', async () => {
    const all = await list(admin);
    const x1 = all.json.items.find(
      (i: { unit: { id: number }; status: string }) => i.unit.id === fx.units.X1 && i.status === 'pending',
    );
    const granted = await admin.request('POST', `/api/v1/period-unlock-requests/${x1.id}/decision`, {
      grant: true,
      reason: 'Đồng ý mở để sửa',
    });
    expect(granted.status, JSON.stringify(granted.json)).toBe(200);
    expect(granted.json.status).toBe('granted');
    const after = await list(admin);
    expect(after.json.items.filter((i: { status: string }) => i.status === 'pending')).toEqual([]);
    expect((await report(officer, 'X1')).json).toMatchObject({ locked: false, lock: null, canRequestUnlock: false });
    const submitted = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: DAY,
      values: { nhan: 5, duyet: 4 },
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    // Every step is in the audit trail.
    const trail = await admin.request('GET', '/api/v1/audit?objectType=period_unlock_request&limit=20');
    expect(trail.json.items.map((e: { action: string }) => e.action).sort()).toEqual(
      [
        'period_unlock_request.create',
        'period_unlock_request.create',
        'period_unlock_request.create',
        'period_unlock_request.refuse',
        'period_unlock_request.grant',
        'period_unlock_request.grant',
      ].sort(),
    );
  });
});
