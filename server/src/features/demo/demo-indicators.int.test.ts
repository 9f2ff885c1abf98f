import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { demoIndicators, loadDemoIndicators } from './demo-indicators';

let t: TestApp;
let fx: Fixture;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('demonstration indicators', () => {
  it('loads the catalogue and its history from 2010 once, every value marked as demonstration data', async () => {
    const loaded = await loadDemoIndicators(t.db, '2026-03-01');
    expect(loaded?.indicators).toBe(demoIndicators.length);
    expect(await loadDemoIndicators(t.db, '2026-03-01')).toBeNull();
    const list = await admin.request('GET', '/api/v1/indicators?limit=500');
    expect(list.json.total).toBe(demoIndicators.length);
    expect(list.json.items.every((i: { isDemo: boolean }) => i.isDemo)).toBe(true);
    const fdi = list.json.items.find((i: { code: string }) => i.code === 'FDI-DANG-KY');
    expect(fdi.agency).toBe('Bộ Tài chính');

    const revenue = list.json.items.find((i: { code: string }) => i.code === 'NSNN-THU');
    const national = await admin.request('GET', `/api/v1/indicators/${revenue.id}/series?unitId=${fx.units.CP}`);
    expect(national.json.demo).toBe(true);
    expect(national.json.points.map((p: { period: string }) => p.period)).toEqual(
      Array.from({ length: 16 }, (_, i) => `${2010 + i}`),
    );
    // Old years are official, with their preliminary and revised vintages; the last year is only preliminary so far.
    expect(national.json.points[0].history.map((h: { vintage: string }) => h.vintage)).toEqual([
      'preliminary',
      'revised',
      'official',
    ]);
    expect(national.json.points.at(-1).vintage).toBe('preliminary');
    expect(
      national.json.points.every((p: { source: string; isDemo: boolean }) => p.source === 'demo' && p.isDemo),
    ).toBe(true);
    // Yearly indicators are also given per province.
    const province = await admin.request('GET', `/api/v1/indicators/${revenue.id}/series?unitId=${fx.units.T1}`);
    expect(province.json.points).toHaveLength(16);
    const debt = list.json.items.find((i: { code: string }) => i.code === 'NO-CONG-GDP');
    const ratio = await admin.request('GET', `/api/v1/indicators/${debt.id}/series?unitId=${fx.units.CP}`);
    expect(ratio.json.points.every((p: { value: number }) => p.value > 0 && p.value < 100)).toBe(true);
  });
});
