import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from './fixtures';
import { type Client, createTestApp, signIn, type TestApp } from './harness';
import { during, type RegimeFixture, seedRegime } from './regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let officer: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15');
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const revisions = async () =>
  Number(
    (
      await t.db
        .selectFrom('submissionRevisions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('unknown query parameters', () => {
  it('POST /reports/submit?dryRun=true is refused with the parameter named, and creates no revision', async () => {
    const before = await revisions();
    const response = await officer.request('POST', '/api/v1/reports/submit?dryRun=true', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: '20240315',
      values: { nhan: 10, duyet: 8 },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.dryRun' });
    expect(typeof response.json.message).toBe('string');
    expect(typeof response.json.requestId).toBe('string');
    expect(await revisions()).toBe(before);
  });

  it('a read with a misspelt filter is refused rather than answered unfiltered', async () => {
    const response = await officer.request('GET', `/api/v1/my-reports?date=2024-03-15&unitid=${fx.units.X1}`);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.unitid' });
  });

  it('known parameters still work', async () => {
    const response = await officer.request('GET', `/api/v1/my-reports?date=2024-03-15&unitId=${fx.units.X1}`);
    expect(response.status).toBe(200);
  });
});
