/**
 * Cross-source checks on the consolidation page: a second form of the regime
 * (the treasury's "KB", entered by the same communes here) compares its amount
 * with B03's "tien"; the district sees the comparison on its consolidated
 * figures of both forms.
 */
import type { FormDefinition } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let treasuryFormId: number;
let officer: Client;
let approver: Client;
const DAY = '20240410';

const treasuryForm = {
  code: 'KB',
  title: { vi: 'Kho bạc: kinh phí đã giải ngân', en: 'Treasury: amounts disbursed' },
  entryUnitKinds: ['ubnd_commune'],
  optionSets: [],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Giải ngân', en: 'Disbursed' },
      layout: 'list',
      fields: [
        {
          code: 'chi',
          label: { vi: 'Kinh phí đã giải ngân', en: 'Disbursed' },
          type: 'decimal',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
  rules: [
    {
      code: 'doi_chieu',
      left: '#{chi}',
      operator: '=',
      right: '#{B03:tien}',
      tolerance: 0.5,
      severity: 'warning',
      message: { vi: 'Kho bạc và xã báo cáo khác nhau.', en: 'Treasury and communes differ.' },
    },
  ],
} as unknown as FormDefinition;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  const form = await t.db
    .insertInto('forms')
    .values({ regimeId: rg.regimeId, code: 'KB', createdAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('formVersions')
    .values({
      formId: form.id,
      number: 1,
      status: 'published',
      definition: JSON.stringify(treasuryForm),
      publishedAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .execute();
  treasuryFormId = form.id;
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
      expect.objectContaining({ code: 'doi_chieu', status: 'skipped', left: 12.5, right: null, forms: ['B03'] }),
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
        message: { vi: 'Kho bạc và xã báo cáo khác nhau.', en: 'Treasury and communes differ.' },
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
