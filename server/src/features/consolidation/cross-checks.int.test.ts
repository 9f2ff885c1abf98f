/**
 * Cross-source checks on the consolidation page: a second form of the regime
 * (the treasury's "KB", entered by the same communes here) compares its amount
 * with B03's "tien"; the district sees the comparison on its consolidated
 * figures of both forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import {
  addPublishedForm,
  during,
  type RegimeFixture,
  seedRegime,
  treasuryCrossForm,
} from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let treasuryFormId: number;
let officer: Client;
let approver: Client;
const DAY = '20240410';

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  treasuryFormId = await addPublishedForm(t.db, rg.regimeId, treasuryCrossForm);
  t.clock.now = during('2024-04-10');
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const submit = (formId: number, values: Record<string, number>) =>
  officer.request('POST', '/api/v1/reports/submit', { unitId: fx.units.X1, formId, period: DAY, values });
const checks = async () => {
  await t.worker.drain();
  const view = await approver.request(
    'GET',
    `/api/v1/consolidation?unitId=${fx.units.H1}&formId=${treasuryFormId}&period=${DAY}`,
  );
  expect(view.status, JSON.stringify(view.json)).toBe(200);
  return view.json.crossChecks;
};

describe('cross-source checks at the consolidating unit', () => {
  it('are skipped while one source has not reported', async () => {
    expect((await submit(treasuryFormId, { chi: 12.5 })).status).toBe(200);
    expect(await checks()).toEqual([
      expect.objectContaining({ code: 'doi_chieu_chi', status: 'skipped', left: 12.5, right: null, forms: ['B03'] }),
    ]);
  });

  it('pass within the tolerance and fail beyond it, with the difference', async () => {
    expect((await submit(rg.formId, { nhan: 10, duyet: 8, tien: 12.2 })).status).toBe(200);
    expect(await checks()).toEqual([
      expect.objectContaining({ status: 'pass', left: 12.5, right: 12.2, difference: 0.3 }),
    ]);
    expect((await submit(treasuryFormId, { chi: 20 })).status).toBe(200);
    expect(await checks()).toEqual([
      expect.objectContaining({
        status: 'fail',
        difference: 7.8,
        message: treasuryCrossForm.rules[0]!.message,
      }),
    ]);
  });

  it('forms without cross-source rules have none', async () => {
    await t.worker.drain();
    const view = await approver.request(
      'GET',
      `/api/v1/consolidation?unitId=${fx.units.H1}&formId=${rg.formId}&period=${DAY}`,
    );
    expect(view.json.crossChecks).toEqual([]);
  });
});
