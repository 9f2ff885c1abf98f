/**
 * A dashboard in Chromium at 1440 and 390 px: a board with a text widget and today's
 * compliance of a quarterly regime over the fixture tree, built through the API; the
 * compliance tile changes without a reload when a province sends, the large-screen mode
 * renders dark and full width. Screenshots in screenshots/dashboards-*.png.
 *
 * The analytics widgets (KPI, charts, pivot, map) and the preset boards wait for the
 * analytics API (h-analytics); this journey covers what stands without it.
 */
import type { RegimeDefinition } from '@baocao/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import type { ConsolidationWorker } from '../server/src/jobs/consolidation.job';
import { FIXTURE_PASSWORD, type Fixture, seedFixture, type UnitKey } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import { fixtureForm, fixtureRegime, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { shot, watchErrors } from './support';

const PHONE = 390;
const at = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+07:00`);
const after = (days: number, time = '17:00') => ({ anchor: 'period_end' as const, days, time });
const opens = { anchor: 'period_end' as const, days: 0, time: '00:00' };

const quarterly: RegimeDefinition = {
  ...fixtureRegime,
  name: { vi: 'Báo cáo thử nghiệm hằng quý', en: 'Quarterly test report' },
  frequency: 'quarter',
  validFrom: '2025-01-01',
  schedules: [
    { unitKinds: ['ubnd_commune'], role: 'entry', opens, due: after(5), closes: after(30) },
    { unitKinds: ['ubnd_district'], role: 'consolidation', opens, due: after(10), closes: after(40) },
    { unitKinds: ['ubnd_province'], role: 'consolidation', opens, due: after(15), closes: after(365) },
  ],
};

describe('dashboards (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let worker: ConsolidationWorker;
  let browser: Browser;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  let admin: Client;
  let boardId: number;
  const clock = { now: at('2025-10-02') };
  const pageErrors: string[] = [];

  async function send(unit: UnitKey, period: string, when: number) {
    clock.now = when;
    const values = unit.startsWith('X') ? { values: { nhan: 5, duyet: 4 } } : {};
    const sent = await admin.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units[unit],
      formId: rg.formId,
      period,
      ...values,
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
  }

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        rg = await seedRegime(db, quarterly, fixtureForm);
      },
    });
    ({ app, baseUrl, browser } = server);
    worker = server.worker!;
    admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
    for (const unit of ['X1', 'X2', 'H1', 'T1'] as const) await send(unit, '2025Q3', at('2025-10-02'));
    clock.now = at('2025-12-01');
    await worker.drain();
    const made = await admin.request('POST', '/api/v1/dashboards', {
      unitId: fx.units.CP,
      title: { vi: 'Điều hành báo cáo quý', en: 'Quarterly reporting' },
      definition: {
        widgets: [
          {
            id: 'tuan-thu',
            type: 'compliance',
            title: { vi: 'Tình hình báo cáo kỳ này', en: 'Compliance this period' },
            x: 0,
            y: 0,
            w: 6,
            h: 2,
            regimeId: rg.regimeId,
          },
          {
            id: 'ghi-chu',
            type: 'text',
            title: { vi: 'Ghi chú', en: 'Note' },
            x: 6,
            y: 0,
            w: 6,
            h: 2,
            text: { vi: 'Số liệu cập nhật trực tuyến khi các đơn vị gửi báo cáo.', en: 'Live figures.' },
          },
        ],
      },
      shares: [],
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    boardId = made.json.id;
  });

  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(width: number): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: width === PHONE ? 844 : 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      ...(width === PHONE ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = watchErrors(await context.newPage(), pageErrors, `admin@${width}`);
    page.setDefaultTimeout(30_000);
    await page.goto(baseUrl);
    await page.getByTestId('signin-username').fill('admin');
    await page.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId(width === PHONE ? 'nav-toggle' : 'side-nav').waitFor();
    return page;
  }

  const tile = (page: Page) => page.getByTestId('compliance-value-tuan-thu');

  it('at 1440 px: the board lists, renders its widgets, and a province’s report changes the tile without a reload', async () => {
    const page = await signedIn(1440);
    await page.getByTestId('side-nav').getByText('Bảng điều khiển').click();
    await page.getByText('Điều hành báo cáo quý').click();
    await page.waitForURL(`**/dashboards/${boardId}`);
    await page.goto(`${baseUrl}/dashboards/${boardId}?date=2025-09-30`);
    await expect.poll(() => tile(page).textContent()).toBe('4/7');
    expect(await page.getByText('Số liệu cập nhật trực tuyến khi các đơn vị gửi báo cáo.').isVisible()).toBe(true);
    await page.getByText('Trực tuyến', { exact: true }).waitFor();
    await shot(page, 'dashboards-board-1440');

    await send('T2', '2025Q3', at('2025-12-01', '11:00'));
    await worker.drain();
    await expect.poll(() => tile(page).textContent(), { timeout: 15_000 }).toBe('5/7');

    // The tile's link opens the compliance page of the same regime and period.
    await page.getByText('Xem chi tiết').click();
    await page.waitForURL('**/compliance?**');
    expect(page.url()).toContain('period=2025Q3');
    await page.context().close();
  });

  it('the large-screen mode renders dark and across the screen', async () => {
    const page = await signedIn(1440);
    await page.goto(`${baseUrl}/dashboards/${boardId}/wall?date=2025-09-30`);
    await page.getByTestId('wall').waitFor();
    await expect.poll(() => tile(page).textContent()).toBe('5/7');
    const background = await page
      .getByTestId('wall')
      .evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor as string);
    expect(background).toBe('rgb(11, 18, 32)');
    expect(await page.locator('.wall-title').textContent()).toBe('Điều hành báo cáo quý');
    await shot(page, 'dashboards-wall-1440');
    await page.context().close();
  });

  it('at 390 px: the widgets stack in one column without a horizontal scroll', async () => {
    const page = await signedIn(PHONE);
    await page.goto(`${baseUrl}/dashboards/${boardId}?date=2025-09-30`);
    await expect.poll(() => tile(page).textContent()).toBe('5/7');
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(width).toBeLessThanOrEqual(PHONE);
    await shot(page, 'dashboards-board-390', { tall: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
