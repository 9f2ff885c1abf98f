/**
 * Data quality through the HTTP API, on the fixture tree (CP → T1 → H1 → X1, X2;
 * T1 → H2; CP → T2 → H3) and the daily fixture regime: a commune's figure far from
 * its own history is an outlier that the submit refuses until the officer confirms it
 * with a comment; the approver sees the flag and the comment; the quality view lists
 * outliers, rule violations and cross-source discrepancies in the caller's view.
 */
import type { FormDefinition } from '@baocao/domain';
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
let checkFormId: number;
let officer: Client;
let approver: Client;
let otherDistrict: Client;
let admin: Client;
const DAY = '20240411';
const CONFIRMATION = 'Tăng do đợt tiếp nhận hồ sơ bổ sung của thôn Lũng Cú';

/** A form whose rule only warns: a submitted report may break it. */
const checkedForm = {
  code: 'CL',
  title: { vi: 'Biểu kiểm tra', en: 'Checked form' },
  entryUnitKinds: ['ubnd_commune'],
  optionSets: [],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Số liệu', en: 'Figures' },
      layout: 'list',
      fields: [
        {
          code: 'so',
          label: { vi: 'Số hộ', en: 'Households' },
          type: 'integer',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
  rules: [
    {
      code: 'toi_da',
      left: '#{so}',
      operator: '<=',
      right: '100',
      severity: 'warning',
      message: { vi: 'Số hộ vượt quá 100.', en: 'More than 100 households.' },
    },
  ],
} as unknown as FormDefinition;

const dayOf = (period: string) => `${period.slice(0, 4)}-${period.slice(4, 6)}-${period.slice(6, 8)}`;

const submit = async (client: Client, unit: 'X1' | 'X2', period: string, body: object, formId = rg.formId) => {
  t.clock.now = during(dayOf(period));
  return client.request('POST', '/api/v1/reports/submit', { unitId: fx.units[unit], formId, period, ...body });
};

const quality = (client: Client, query: string) => client.request('GET', `/api/v1/quality?${query}`);

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  treasuryFormId = await addPublishedForm(t.db, rg.regimeId, treasuryCrossForm);
  checkFormId = await addPublishedForm(t.db, rg.regimeId, checkedForm);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  otherDistrict = await signIn(t.app, 'entry_officer.h2', FIXTURE_PASSWORD);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  // Ten days of ordinary figures for X1 (10–13 files received); X2 has only two days.
  for (let day = 1; day <= 10; day++) {
    const period = `202404${String(day).padStart(2, '0')}`;
    const response = await submit(officer, 'X1', period, { values: { nhan: 10 + (day % 4), duyet: 5, tien: 12 } });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
  }
  for (const period of ['20240409', '20240410'])
    expect((await submit(admin, 'X2', period, { values: { nhan: 3, duyet: 1, tien: 2 } })).status).toBe(200);
});
afterAll(async () => t?.close());

describe('outliers at entry', () => {
  it('sends the entry page the baselines of the unit’s history', async () => {
    t.clock.now = during('2024-04-11');
    const view = await officer.request(
      'GET',
      `/api/v1/reports?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`,
    );
    expect(view.status).toBe(200);
    expect(view.json.outlierBaselines.nhan).toEqual({
      count: 10,
      median: 11.5,
      scale: expect.any(Number),
      min: 10,
      max: 13,
    });
    expect(Object.keys(view.json.outlierBaselines).sort()).toEqual(['duyet', 'nhan', 'tien']);
  });

  it('refuses an unconfirmed outlier, naming the cell, and stores nothing', async () => {
    const response = await submit(officer, 'X1', DAY, { values: { nhan: 500, duyet: 5, tien: 12 } });
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({ code: 'OUTLIER_UNCONFIRMED', field: 'nhan' });
    expect(response.json.message).toContain('nhan');
    expect(response.json.details.outliers).toEqual([
      expect.objectContaining({ cell: 'nhan', value: 500, direction: 'high', comment: '' }),
    ]);
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/submit',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'accept-language': 'en' },
      payload: { unitId: fx.units.X1, formId: rg.formId, period: DAY, values: { nhan: 500, duyet: 5, tien: 12 } },
    });
    expect(english.json().message).toContain('Unconfirmed outliers in 1 cell(s) (nhan)');
    const view = await officer.request(
      'GET',
      `/api/v1/reports?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`,
    );
    expect(view.json.submission?.currentRevision ?? null).toBeNull();
  });

  it('a blank comment does not confirm; a comment does, and the revision keeps flag and comment', async () => {
    const blank = await submit(officer, 'X1', DAY, {
      values: { nhan: 500, duyet: 5, tien: 12 },
      comments: { nhan: '  ' },
    });
    expect(blank.status).toBe(422);
    const confirmed = await submit(officer, 'X1', DAY, {
      values: { nhan: 500, duyet: 5, tien: 12 },
      comments: { nhan: CONFIRMATION },
    });
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200);
    expect(confirmed.json.qualityFlags).toEqual([
      expect.objectContaining({ cell: 'nhan', value: 500, direction: 'high', comment: CONFIRMATION }),
    ]);
    expect(confirmed.json.warnings).toEqual([expect.objectContaining({ target: 'nhan', code: 'outlier' })]);
  });

  it('the approver sees the flag and the comment on the report', async () => {
    const view = await approver.request(
      'GET',
      `/api/v1/reports?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`,
    );
    expect(view.status).toBe(200);
    expect(view.json.submission.currentRevision.qualityFlags).toEqual([
      {
        cell: 'nhan',
        value: 500,
        z: expect.any(Number),
        direction: 'high',
        baseline: { count: 10, median: 11.5, scale: expect.any(Number), min: 10, max: 13 },
        comment: CONFIRMATION,
      },
    ]);
    // The approver does not enter this unit's data: no baselines are sent.
    expect(view.json.outlierBaselines).toEqual({});
  });

  it('does not judge a unit with too little history, nor a figure inside the usual range', async () => {
    const few = await submit(admin, 'X2', DAY, { values: { nhan: 900, duyet: 1, tien: 2 } });
    expect(few.status).toBe(200);
    expect(few.json.qualityFlags).toEqual([]);
    const usual = await submit(officer, 'X1', '20240412', { values: { nhan: 12, duyet: 5, tien: 12 } });
    expect(usual.status).toBe(200);
    expect(usual.json.qualityFlags).toEqual([]);
  });
});

describe('the data-quality view', () => {
  beforeAll(async () => {
    expect((await submit(officer, 'X1', DAY, { values: { chi: 99 } }, treasuryFormId)).status).toBe(200);
    expect((await submit(officer, 'X1', DAY, { values: { so: 150 } }, checkFormId)).status).toBe(200);
    await t.worker.drain();
  });

  it('lists the confirmed outliers, rule violations and cross-source discrepancies with links', async () => {
    t.clock.now = during('2024-04-11', '18:00');
    const response = await quality(approver, `regimeId=${rg.regimeId}&periodId=${DAY}`);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const view = response.json;
    expect(view.root).toEqual({ id: fx.units.H1, code: expect.any(String), name: 'UBND huyện Đồng Văn' });
    expect(view.outliers).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ id: fx.units.X1 }),
        form: { id: rg.formId, code: 'B03' },
        flag: expect.objectContaining({ cell: 'nhan', value: 500, comment: CONFIRMATION }),
        link: expect.objectContaining({
          page: 'report',
          href: `/reports/entry?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`,
        }),
      }),
    ]);
    expect(view.ruleViolations).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ id: fx.units.X1 }),
        form: { id: checkFormId, code: 'CL' },
        rule: 'toi_da',
        severity: 'warning',
      }),
    ]);
    expect(view.discrepancies).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ id: fx.units.H1 }),
        form: { id: treasuryFormId, code: 'KB' },
        rule: 'doi_chieu_chi',
        left: 99,
        // X1's 12 and X2's 2 in B03, against the treasury's 99.
        right: 14,
        difference: 85,
        link: expect.objectContaining({ page: 'consolidation' }),
      }),
    ]);
    expect(view.totals).toEqual({ outliers: 1, ruleViolations: 1, discrepancies: 1 });
    // From the compliance board under H1: X1 sent its three forms on time; X2 sent one of three and
    // H1 has not sent its consolidation, both past their windows.
    expect(view.timeliness).toEqual({
      expected: 3,
      reported: 1,
      onTime: 1,
      late: 0,
      missing: 2,
      completeness: 1 / 3,
      onTimeShare: 1,
    });
    expect(view.reportsChecked).toBe(4);
  });

  it('is scoped to the caller’s view: a root outside it is not found, its own root shows nothing of H1', async () => {
    const outside = await quality(otherDistrict, `regimeId=${rg.regimeId}&periodId=${DAY}&unitId=${fx.units.H1}`);
    expect(outside.status).toBe(404);
    expect(outside.json.code).toBe('NOT_FOUND');
    const own = await quality(otherDistrict, `regimeId=${rg.regimeId}&periodId=${DAY}`);
    expect(own.status).toBe(200);
    expect(own.json.root.id).toBe(fx.units.H2);
    expect(own.json.outliers).toEqual([]);
    expect(own.json.ruleViolations).toEqual([]);
    expect(own.json.discrepancies).toEqual([]);
    // The whole country, for the administrator: the province and the Government see the discrepancy too.
    const all = await quality(admin, `regimeId=${rg.regimeId}&periodId=${DAY}&unitId=${fx.units.CP}`);
    expect(all.json.outliers).toHaveLength(1);
    expect(all.json.discrepancies.map((d: { unit: { id: number } }) => d.unit.id)).toContain(fx.units.H1);
  });

  it('answers bad input with a clear error naming the field', async () => {
    for (const [query, field] of [
      [`regimeId=${rg.regimeId}&periodId=2024-04-11`, 'periodId'],
      [`regimeId=0&periodId=${DAY}`, 'regimeId'],
      [`periodId=${DAY}`, 'regimeId'],
      [`regimeId=${rg.regimeId}&periodId=${DAY}&colour=red`, 'colour'],
      [`regimeId=${rg.regimeId}&periodId=${DAY}&unitId=abc`, 'unitId'],
    ] as const) {
      const response = await quality(approver, query);
      expect(response.status, query).toBe(400);
      expect(response.json, query).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: `querystring.${field}`,
        requestId: expect.any(String),
      });
    }
    const unknownRegime = await quality(approver, `regimeId=999999&periodId=${DAY}`);
    expect(unknownRegime.status).toBe(404);
  });
});
