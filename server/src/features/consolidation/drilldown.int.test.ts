import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
const DAY = '20240315';

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

async function drill(unit: keyof Fixture['units']) {
  await t.worker.drain();
  const response = await admin.request(
    'GET',
    `/api/v1/consolidation/drilldown?unitId=${fx.units[unit]}&formId=${rg.formId}&period=${DAY}&cell=nhan`,
  );
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return (response.json.contributions as { unit: { code: string }; counted: boolean; revisionId: number | null }[]).map(
    (c) => [c.unit.code, c.counted, c.revisionId !== null],
  );
}

describe('drill-down: which children count', () => {
  it('counts a consolidating child only once something reached it, and an entry unit only once it sent', async () => {
    // Nothing sent anywhere: no child counts, at either level.
    expect(await drill('T1')).toEqual([
      ['H1', false, false],
      ['H2', false, false],
    ]);
    expect(await drill('H1')).toEqual([
      ['X1', false, false],
      ['X2', false, false],
    ]);

    const sent = await admin.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: DAY,
      values: { nhan: 7, duyet: 5 },
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    // H1 now carries X1's report; H2, with nothing below it, still counts for nothing.
    expect(await drill('T1')).toEqual([
      ['H1', true, false],
      ['H2', false, false],
    ]);
    expect(await drill('H1')).toEqual([
      ['X1', true, true],
      ['X2', false, false],
    ]);

    // Returned, X1's report is still there but no longer counts, and H1 is left with nothing.
    const back = await admin.request('POST', `/api/v1/submissions/${sent.json.submissionId}/review`, {
      action: 'return',
      reason: 'Kiểm tra lại số hồ sơ',
    });
    expect(back.status).toBe(200);
    expect(await drill('H1')).toEqual([
      ['X1', false, true],
      ['X2', false, false],
    ]);
    expect(await drill('T1')).toEqual([
      ['H1', false, false],
      ['H2', false, false],
    ]);
  });
});
