/**
 * The demonstration history on the real demo tree and regimes: two days of the
 * daily COVID-19 support regime and one month of the monthly socio-economic one,
 * generated as the job does (newest first, a period per transaction), then read
 * back through the API and checked against the tables.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { ReportCatalog } from '../../reporting/report-context';
import { verifyAuditChain } from '../audit/audit.service';
import { DEMO_PASSWORD, loadDemoData } from './demo-data';
import { DEMO_HISTORY_FIRST_DAY, loadNextDemoPeriod, planDemoHistory } from './demo-history';

let t: TestApp;
let molisa: Client;
let bavi: Client;
const loaded: string[] = [];

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.db)).rows[0]!;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoData(t.db, () => {});
  const reports = new ReportCatalog();
  // 2 days and 1 month: the job's plan, worked through as the job does.
  expect(await planDemoHistory(t.db, reports, { days: 2, months: 1 }, Date.parse('2026-12-05T00:00:00Z'))).toBe(3);
  for (;;) {
    const period = await loadNextDemoPeriod(t.db, reports);
    if (period === null) break;
    if (period !== 'busy') loaded.push(`${period.regimeCode} ${period.periodId}`);
  }
  molisa = await signIn(t.app, 'tw.molisa', DEMO_PASSWORD);
  bavi = await signIn(t.app, 'bavi.lanhdao', DEMO_PASSWORD);
}, 240_000);
afterAll(async () => t?.close());

describe('the demo history', () => {
  it('loads the day with demo data first, then newest first, then the month, and says it is done', async () => {
    expect(DEMO_HISTORY_FIRST_DAY).toBe('2021-07-14');
    expect(loaded).toEqual(['NQ68-HANG-NGAY 20210715', 'NQ68-HANG-NGAY 20210714', 'KTXH-HANG-THANG 202611']);
    const status = await molisa.request('GET', '/api/v1/demo/history');
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ loading: false, planned: 3, loaded: 3 });
    expect(status.json.regimes).toEqual([
      { code: 'KTXH-HANG-THANG', planned: 1, loaded: 1, firstPeriod: '202611', lastPeriod: '202611' },
      { code: 'NQ68-HANG-NGAY', planned: 2, loaded: 2, firstPeriod: '20210714', lastPeriod: '20210715' },
    ]);
  });

  it('has every outcome: on time, late, returned with a reason and sent again, drafts, missing units', async () => {
    const row = await one(sql<Record<string, number>>`
      SELECT
        count(*) FILTER (WHERE s.state = 'accepted')::int AS accepted,
        count(*) FILTER (WHERE s.state = 'submitted')::int AS submitted,
        count(*) FILTER (WHERE s.state = 'returned')::int AS returned,
        count(*) FILTER (WHERE s.state = 'draft' AND s.revision_count = 0)::int AS drafts,
        count(*) FILTER (WHERE r.minutes_late > 0)::int AS late,
        count(*) FILTER (WHERE r.minutes_late = 0)::int AS "onTime",
        count(*) FILTER (WHERE s.revision_count = 2)::int AS resent,
        count(*) FILTER (WHERE NOT s.is_demo)::int AS "notDemo"
      FROM submissions s JOIN regimes g ON g.id = s.regime_id
      LEFT JOIN submission_revisions r ON r.id = s.current_revision_id
      WHERE g.code = 'NQ68-HANG-NGAY' AND s.period_id = '20210715'`);
    for (const key of ['accepted', 'submitted', 'returned', 'drafts', 'late', 'onTime', 'resent'])
      expect(row[key], key).toBeGreaterThan(0);
    expect(row.notDemo).toBe(0);
    // Late is late by the schedule: 16:00 in Vietnam for the district agencies.
    expect(row.late! / (row.late! + row.onTime!)).toBeGreaterThan(0.1);
    const returns = await one(sql<{ withReason: number; without: number; resentAfter: number }>`
      SELECT count(*) FILTER (WHERE r1.review_reason IS NOT NULL)::int AS "withReason",
        count(*) FILTER (WHERE r1.review_reason IS NULL)::int AS without,
        count(*) FILTER (WHERE r2.submitted_at > r1.reviewed_at AND r1.reviewed_at > r1.submitted_at)::int AS "resentAfter"
      FROM submission_revisions r1 JOIN submissions s ON s.id = r1.submission_id
      LEFT JOIN submission_revisions r2 ON r2.submission_id = s.id AND r2.number = 2
      WHERE r1.review_state = 'returned' AND s.period_id = '20210715'`);
    expect(returns.withReason).toBeGreaterThan(0);
    expect(returns.without).toBe(0);
    expect(returns.resentAfter).toBeGreaterThan(0);
    const missing = await one(sql<{ missing: number; units: number }>`
      SELECT count(*) FILTER (WHERE s.id IS NULL)::int AS missing, count(*)::int AS units
      FROM units u JOIN forms f ON f.code = 'B03'
      JOIN regimes g ON g.id = f.regime_id AND g.code = 'NQ68-HANG-NGAY'
      LEFT JOIN submissions s ON s.unit_id = u.id AND s.form_id = f.id AND s.period_id = '20210715'
      WHERE u.kind = 'labour_office_district'`);
    expect(missing.units).toBe(696);
    expect(missing.missing).toBeGreaterThan(0);
    expect(missing.missing).toBeLessThan(100);
  });

  it('consolidates every level: the national total is the sum of the entries that count', async () => {
    const totals = await one(sql<{ national: number; entries: number; provinces: number }>`
      WITH f AS (SELECT f.id FROM forms f JOIN regimes g ON g.id = f.regime_id
        WHERE g.code = 'NQ68-HANG-NGAY' AND f.code = 'B03')
      SELECT
        (SELECT (c.values ->> 'tien_chi')::numeric FROM consolidations c JOIN units u ON u.id = c.unit_id
          WHERE u.kind = 'government' AND c.form_id = (SELECT id FROM f) AND c.period_id = '20210715') AS national,
        (SELECT sum((r.values ->> 'tien_chi')::numeric) FROM submissions s
          JOIN submission_revisions r ON r.id = s.current_revision_id
          WHERE s.form_id = (SELECT id FROM f) AND s.period_id = '20210715' AND r.channel <> 'consolidation'
            AND r.review_state IN ('submitted', 'accepted')) AS entries,
        (SELECT count(*) FROM submissions s JOIN units u ON u.id = s.unit_id
          WHERE u.kind = 'ubnd_province' AND s.form_id = (SELECT id FROM f) AND s.period_id = '20210715'
            AND s.state IN ('submitted', 'accepted'))::int AS provinces`);
    expect(totals.national).toBeGreaterThan(0);
    expect(totals.national).toBe(totals.entries);
    // Provinces sent to the ministry (a few did not).
    expect(totals.provinces).toBeGreaterThan(50);
    expect(totals.provinces).toBeLessThanOrEqual(63);
  });

  it("shows Ba Vì's consolidation of Biểu 11 with its cross-source checks, labelled as demonstration data", async () => {
    const ids = await one(sql<{ unitId: number; formId: number }>`
      SELECT (SELECT id FROM units WHERE code = '271' AND kind = 'ubnd_district') AS "unitId",
        (SELECT f.id FROM forms f JOIN regimes g ON g.id = f.regime_id
          WHERE g.code = 'NQ68-HANG-NGAY' AND f.code = 'B11') AS "formId"`);
    const view = await bavi.request(
      'GET',
      `/api/v1/consolidation?unitId=${ids.unitId}&formId=${ids.formId}&period=20210715`,
    );
    expect(view.status, JSON.stringify(view.json)).toBe(200);
    expect(view.json.isDemo).toBe(true);
    expect(view.json.crossChecks.map((c: { code: string }) => c.code)).toEqual([
      'doi_chieu_cs4',
      'doi_chieu_cs5',
      'doi_chieu_cs6',
      'doi_chieu_cs10',
    ]);
    for (const check of view.json.crossChecks) expect(['pass', 'fail', 'skipped']).toContain(check.status);
    // Over all districts, the treasury's figures agree in most and differ in some.
    const statuses = await one(sql<{ differ: number; agree: number }>`
      WITH f AS (SELECT f.id, f.code FROM forms f JOIN regimes g ON g.id = f.regime_id
        WHERE g.code = 'NQ68-HANG-NGAY' AND f.code IN ('B03', 'B11'))
      SELECT count(*) FILTER (WHERE abs((b11.values ->> 'chi_cs4')::numeric - (b03.values ->> 'tien_chi')::numeric) > 0.5)::int AS differ,
        count(*) FILTER (WHERE abs((b11.values ->> 'chi_cs4')::numeric - (b03.values ->> 'tien_chi')::numeric) <= 0.5)::int AS agree
      FROM consolidations b11 JOIN consolidations b03 ON b03.unit_id = b11.unit_id AND b03.period_id = b11.period_id
      JOIN units u ON u.id = b11.unit_id AND u.kind = 'ubnd_district'
      WHERE b11.form_id = (SELECT id FROM f WHERE code = 'B11') AND b03.form_id = (SELECT id FROM f WHERE code = 'B03')
        AND b11.period_id = '20210715'`);
    expect(statuses.differ).toBeGreaterThan(0);
    expect(statuses.agree).toBeGreaterThan(statuses.differ);
    // Policy 10 is paid by the district People's Committee itself (its own entries of Biểu 08).
    const own = await one(sql<{ differ: number; agree: number }>`
      WITH f AS (SELECT f.id, f.code FROM forms f JOIN regimes g ON g.id = f.regime_id
        WHERE g.code = 'NQ68-HANG-NGAY' AND f.code IN ('B08', 'B11'))
      SELECT count(*) FILTER (WHERE abs((b11.draft ->> 'chi_cs10')::numeric - (b08.draft ->> 'tien_chi')::numeric) > 0.5)::int AS differ,
        count(*) FILTER (WHERE abs((b11.draft ->> 'chi_cs10')::numeric - (b08.draft ->> 'tien_chi')::numeric) <= 0.5)::int AS agree
      FROM submissions b11 JOIN units t ON t.id = b11.unit_id AND t.kind = 'treasury_district'
      JOIN unit_parents p ON p.unit_id = t.id
      JOIN submissions b08 ON b08.unit_id = p.parent_id AND b08.period_id = b11.period_id
        AND b08.form_id = (SELECT id FROM f WHERE code = 'B08')
      WHERE b11.form_id = (SELECT id FROM f WHERE code = 'B11') AND b11.period_id = '20210715'
        AND b11.state IN ('submitted', 'accepted')`);
    expect(own.agree).toBeGreaterThan(own.differ * 4);
  });

  it("labels the generated reports in Ba Vì's labour office's 'my reports'", async () => {
    const office = await one(sql<{ id: number }>`SELECT id FROM units WHERE code = 'LDTBXH.271'`);
    const mine = await bavi.request('GET', `/api/v1/my-reports?date=2021-07-15&unitId=${office.id}`);
    expect(mine.status, JSON.stringify(mine.json)).toBe(200);
    const daily = mine.json.items.filter((i: { period: { id: string } }) => i.period.id === '20210715');
    expect(daily.map((i: { form: { code: string } }) => i.form.code).sort()).toEqual(['B03', 'B04', 'B05']);
    for (const item of daily) expect(item.isDemo).toBe(item.submissionId !== null);
  });

  it('keeps the audit chain whole, with one entry per generated period', async () => {
    const verdict = await verifyAuditChain(t.db);
    expect(verdict).toMatchObject({ ok: true });
    const entries = await one(sql<{ count: number }>`
      SELECT count(*)::int AS count FROM audit_log WHERE action = 'demo.history.load'
        AND after ->> 'note' = 'Dữ liệu minh họa'`);
    expect(entries.count).toBe(3);
  });
});
