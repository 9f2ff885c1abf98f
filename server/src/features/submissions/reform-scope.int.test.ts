/**
 * Scope follows the hierarchy of the report's date. As in the 2025 reform, a
 * commune (X2) leaves its district (H1) and comes directly under the province
 * (T1) on 1 July 2024: the district's people keep the commune's earlier
 * reports and lose its later ones; the province has both.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let districtOfficer: Client;
let districtApprover: Client;
let province: Client;
const BEFORE = '20240615';
const AFTER = '20240715';

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  await sql`UPDATE unit_parents SET valid_to = '2024-06-30' WHERE unit_id = ${fx.units.X2} AND parent_id = ${fx.units.H1}`.execute(
    t.db,
  );
  await sql`INSERT INTO unit_parents (hierarchy, unit_id, parent_id, valid_from)
    VALUES ('administrative', ${fx.units.X2}, ${fx.units.T1}, '2024-07-01')`.execute(t.db);
  // The district's unit administrator is also an entry officer; its approver reviews.
  districtOfficer = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
  districtApprover = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  province = await signIn(t.app, 'unit_admin.t1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const key = (period: string) => ({ unitId: fx.units.X2, formId: rg.formId, period });
const report = (client: Client, period: string) =>
  client.request('GET', `/api/v1/reports?unitId=${fx.units.X2}&formId=${rg.formId}&period=${period}`);
const consolidation = async (client: Client, unit: 'H1' | 'T1', period: string) => {
  await t.worker.drain();
  return client.request('GET', `/api/v1/consolidation?unitId=${fx.units[unit]}&formId=${rg.formId}&period=${period}`);
};

describe('scope on the report’s date', () => {
  it('before the move, the district enters, reviews and consolidates the commune', async () => {
    t.clock.now = during('2024-06-15');
    expect((await report(districtOfficer, BEFORE)).status).toBe(200);
    const submitted = await districtOfficer.request('POST', '/api/v1/reports/submit', {
      ...key(BEFORE),
      values: { nhan: 4, duyet: 3 },
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    const view = await report(districtApprover, BEFORE);
    expect(view.json.actions).toEqual(expect.arrayContaining(['accept', 'return']));
    const h1 = await consolidation(districtApprover, 'H1', BEFORE);
    expect(h1.json.children.map((c: { unit: { id: number } }) => c.unit.id)).toContain(fx.units.X2);
    expect(h1.json.values).toMatchObject({ nhan: 4 });
  });

  it('after the move, the commune’s reports are out of the district’s reach, as if they did not exist', async () => {
    t.clock.now = during('2024-07-15');
    expect((await report(districtOfficer, AFTER)).status).toBe(404);
    expect((await report(districtApprover, AFTER)).status).toBe(404);
    const submit = await districtOfficer.request('POST', '/api/v1/reports/submit', {
      ...key(AFTER),
      values: { nhan: 1, duyet: 1 },
    });
    expect(submit.status).toBe(404);
    const draft = await districtOfficer.request('PUT', '/api/v1/reports/draft', {
      ...key(AFTER),
      values: { nhan: 1 },
      baseVersion: 0,
    });
    expect(draft.status).toBe(404);
    const h1 = await consolidation(districtApprover, 'H1', AFTER);
    expect(h1.json.children.map((c: { unit: { id: number } }) => c.unit.id)).not.toContain(fx.units.X2);
    // The earlier report is still theirs.
    expect((await report(districtApprover, BEFORE)).status).toBe(200);
  });

  it('the live stream tells the district of the commune’s changes before the move only', async () => {
    const heard: { unitId: number; periodId: string }[] = [];
    const stop = t.live.subscribe({
      viewRoots: [fx.units.H1],
      all: false,
      send: (event) => heard.push(event),
    });
    const provinceHeard: { unitId: number; periodId: string }[] = [];
    const stopProvince = t.live.subscribe({
      viewRoots: [fx.units.T1],
      all: false,
      send: (event) => provinceHeard.push(event),
    });
    for (const period of [BEFORE, AFTER]) {
      t.clock.now = during(period === BEFORE ? '2024-06-15' : '2024-07-15');
      const saved = await (await signIn(t.app, 'admin', FIXTURE_PASSWORD)).request('PUT', '/api/v1/reports/draft', {
        ...key(period),
        values: { nhan: 2 },
        baseVersion: (await report(province, period)).json.submission?.draftVersion ?? 0,
      });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    }
    const deadline = Date.now() + 10_000;
    while (provinceHeard.filter((e) => e.unitId === fx.units.X2).length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    stop();
    stopProvince();
    expect(provinceHeard.filter((e) => e.unitId === fx.units.X2).map((e) => e.periodId)).toEqual([BEFORE, AFTER]);
    expect(heard.filter((e) => e.unitId === fx.units.X2).map((e) => e.periodId)).toEqual([BEFORE]);
  });

  it('the province has the commune’s reports on both sides of the move', async () => {
    expect((await report(province, BEFORE)).status).toBe(200);
    expect((await report(province, AFTER)).status).toBe(200);
    const t1 = await consolidation(province, 'T1', AFTER);
    expect(t1.json.children.map((c: { unit: { id: number } }) => c.unit.id)).toContain(fx.units.X2);
  });
});
