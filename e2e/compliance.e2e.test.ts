import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import type { ConsolidationWorker } from '../server/src/jobs/consolidation.job';
import { FIXTURE_PASSWORD, type Fixture, seedFixture, type UnitKey } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import { fixtureForm, quarterlyRegime, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

const at = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+07:00`);

describe('compliance board and statistics (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let worker: ConsolidationWorker;
  let browser: Browser;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  let admin: Client;
  const clock = { now: at('2025-04-02') };
  const pageErrors: string[] = [];

  async function send(unit: UnitKey, period: string, when: number, body: object = {}) {
    clock.now = when;
    const values = unit.startsWith('X') ? { values: { nhan: 5, duyet: 4 } } : {};
    const sent = await admin.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units[unit],
      formId: rg.formId,
      period,
      ...values,
      ...body,
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
  }

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        rg = await seedRegime(db, quarterlyRegime, fixtureForm);
      },
    });
    ({ app, baseUrl, browser } = server);
    worker = server.worker!;
    admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
    // Q1: everyone on time.
    for (const unit of ['X1', 'X2', 'H1', 'H2', 'H3', 'T1', 'T2'] as const)
      await send(unit, '2025Q1', at('2025-04-02'));
    // Q2: the communes' X2 late; H2, H3 and T2 send nothing.
    for (const unit of ['X1', 'H1', 'T1'] as const) await send(unit, '2025Q2', at('2025-07-02'));
    await send('X2', '2025Q2', at('2025-07-08'));
    // Q3: X1 on time, H2 nothing to report, X2 late, H1 on time, T1 late; H3 and T2 nothing yet.
    await send('X1', '2025Q3', at('2025-10-02'));
    await send('H2', '2025Q3', at('2025-10-05'), { isNil: true, values: {} });
    await send('X2', '2025Q3', at('2025-10-08'));
    await send('H1', '2025Q3', at('2025-10-09'));
    await send('T1', '2025Q3', at('2025-10-20'));
    clock.now = at('2025-12-01');
    await worker.drain();
  });

  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(width: number): Promise<{ context: BrowserContext; page: Page }> {
    const page = await signedInPage(browser, baseUrl, {
      width,
      username: 'admin',
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
      clock: clock.now,
    });
    return { context: page.context(), page };
  }

  const statusOf = (page: Page, code: string) =>
    page.getByTestId(`compliance-status-${code}`).getAttribute('data-status');
  const documentWidth = (page: Page) =>
    page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);

  it('at 1440 px: the menu opens the board of the last quarter, with its progress, statuses and filters; it updates live', async () => {
    const { context, page } = await signedIn(1440);
    await page.getByTestId('side-nav').getByText('Tình hình báo cáo').click();
    await expect.poll(() => page.getByTestId('compliance-progress').textContent()).toBe('5/7 đơn vị đã gửi');
    expect(await statusOf(page, 'X1')).toBe('on_time');
    expect(await statusOf(page, 'X2')).toBe('late');
    expect(await statusOf(page, 'H2')).toBe('nothing_to_report');
    expect(await statusOf(page, 'H3')).toBe('missing');
    expect(await statusOf(page, 'T2')).toBe('overdue');
    expect(await page.getByTestId('compliance-status-X2').textContent()).toBe('Gửi muộn · 2 ngày 17 giờ');
    expect(page.url()).not.toContain('period=');
    await shot(page, 'compliance-board-1440', { tall: true });

    // A click on a count filters the table by that status.
    await page.getByTestId('compliance-count-late').click();
    await expect.poll(() => page.locator('[data-testid^="compliance-row-"]').count()).toBe(2);
    expect(await page.getByTestId('compliance-row-X2').isVisible()).toBe(true);
    expect(await page.getByTestId('compliance-row-T1').isVisible()).toBe(true);
    await page.getByTestId('compliance-count-late').click();
    await expect.poll(() => page.locator('[data-testid^="compliance-row-"]').count()).toBe(7);

    // The province T2 sends now, late: the board changes without a reload.
    await page.getByTestId('live-indicator').and(page.locator('[data-connected="true"]')).waitFor();
    await send('T2', '2025Q3', at('2025-12-01', '10:30'));
    await expect.poll(() => statusOf(page, 'T2'), { timeout: 15_000 }).toBe('late');
    expect(await page.getByTestId('compliance-progress').textContent()).toBe('6/7 đơn vị đã gửi');
    await context.close();
  });

  it('at 1440 px: the statistics give the per-level figure, the trend chart and the ranking', async () => {
    const { context, page } = await signedIn(1440);
    await page.goto(`${baseUrl}/compliance?tab=stats`);
    const province = page.getByTestId('compliance-level-figure-province');
    await expect
      .poll(() => province.textContent())
      .toBe('1/2 đơn vị cấp tỉnh gửi đủ 3 kỳ; 1 gửi một phần; 0 không gửi kỳ nào');
    expect(await page.getByTestId('compliance-level-figure-commune').textContent()).toBe(
      '2/2 đơn vị cấp xã gửi đủ 3 kỳ; 0 gửi một phần; 0 không gửi kỳ nào',
    );
    await page.getByTestId('compliance-trend-chart').locator('svg').waitFor();
    expect(await page.getByTestId('compliance-trend-chart').textContent()).toContain('Quý III/2025');
    const ranking = await page
      .locator('[data-testid^="compliance-rank-"]')
      .evaluateAll((rows) =>
        rows.map((row) =>
          (row as unknown as { dataset: { testid: string } }).dataset.testid.replace('compliance-rank-', ''),
        ),
      );
    // H1 and X1 sent every quarter on time: first, tied (by code); H3 sent one of three.
    expect(ranking.slice(0, 2)).toEqual(['H1', 'X1']);
    expect(ranking.slice(-1)).toEqual(['H3']);
    await shot(page, 'compliance-stats-1440', { tall: true });
    await context.close();
  });

  it('at 390 px: the board and the statistics fit the phone', async () => {
    const { context, page } = await signedIn(PHONE);
    await page.goto(`${baseUrl}/compliance`);
    await expect.poll(() => page.getByTestId('compliance-progress').textContent()).toBe('6/7 đơn vị đã gửi');
    expect(await statusOf(page, 'H3')).toBe('missing');
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
    await shot(page, 'compliance-board-390', { tall: true });
    await page.getByTestId('compliance-tabs').getByText('Thống kê nhiều kỳ').click();
    await page.getByTestId('compliance-trend-chart').locator('svg').waitFor();
    await page.getByTestId('compliance-level-figure-province').waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
    await shot(page, 'compliance-stats-390', { tall: true });
    await context.close();
  });

  it('at 1440 px: a reviewer exempts a unit for the period with a reason, and withdraws the exemption', async () => {
    const { context, page } = await signedIn(1440);
    await page.goto(`${baseUrl}/compliance`);
    await expect.poll(() => statusOf(page, 'H3')).toBe('missing');
    await page.getByTestId('compliance-exempt-H3').click();
    await page.getByTestId('compliance-exemption-reason').fill('Trụ sở bị ngập lụt, tạm dừng hoạt động');
    await shot(page, 'compliance-exemption-1440');
    await page.getByRole('button', { name: 'Miễn báo cáo' }).last().click();
    await expect.poll(() => statusOf(page, 'H3')).toBe('exempt');
    expect(await page.getByTestId('compliance-count-exempt').textContent()).toContain('Được miễn');
    await page.getByTestId('compliance-unexempt-H3').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Bỏ miễn' }).click();
    await expect.poll(() => statusOf(page, 'H3')).toBe('missing');
    const audit = await admin.request('GET', '/api/v1/audit?objectType=compliance_exemption&limit=10');
    expect(audit.json.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'compliance_exemption.create',
      'compliance_exemption.delete',
    ]);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
