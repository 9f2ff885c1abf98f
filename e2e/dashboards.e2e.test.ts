import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { loadDemoData } from '../server/src/features/demo/demo-data';
import { generatePeriod } from '../server/src/features/demo/demo-history';
import { ensureAdmin, ensureRootUnit } from '../server/src/features/setup/bootstrap';
import type { ConsolidationWorker } from '../server/src/jobs/consolidation.job';
import { ReportCatalog } from '../server/src/reporting/report-context';
import { FIXTURE_PASSWORD, type Fixture, seedFixture, type UnitKey } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import { fixtureForm, quarterlyRegime, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

const at = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+07:00`);

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
        rg = await seedRegime(db, quarterlyRegime, fixtureForm);
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
    return signedInPage(browser, baseUrl, { width, username: 'admin', password: FIXTURE_PASSWORD, errors: pageErrors });
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

/**
 * The preset COVID-19 board on the demo tree and two generated days of the daily regime (the
 * demo history's own generator): its tiles show the analytics API's figures, the map and the
 * charts draw, a new district report changes a tile without a reload, a number opens the
 * consolidation page listing its source reports, and the large-screen mode renders — at 1440
 * and 390 px. Screenshots in screenshots/dashboards-preset-*.png.
 */
describe('the preset COVID-19 board (browser)', () => {
  const PASSWORD = 'quan-tri-bang-mau-2026-kiem-thu';
  const DAY = '2021-07-15';
  let server: BrowserServer;
  let app: App;
  let worker: ConsolidationWorker;
  let browser: Browser;
  let baseUrl: string;
  let admin: Client;
  let boardId: number;
  let b04: number;
  let rootId: number;
  const clock = { now: at(DAY, '15:00') };
  const pageErrors: string[] = [];
  const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      seed: async ({ db }) => {
        await loadDemoData(db, () => {});
        await ensureAdmin(db, await ensureRootUnit(db), PASSWORD);
        const regime = await db
          .selectFrom('regimes')
          .select('id')
          .where('code', '=', 'NQ68-HANG-NGAY')
          .executeTakeFirstOrThrow();
        for (const period of ['20210714', '20210715'])
          await db.transaction().execute((tx) => generatePeriod(tx, new ReportCatalog(), regime.id, period));
      },
    });
    ({ app, baseUrl, browser } = server);
    worker = server.worker!;
    admin = await signIn(app, 'admin', PASSWORD);
    const list = await admin.request('GET', '/api/v1/dashboards');
    boardId = list.json.items.find((b: { preset: string }) => b.preset === 'covid-nq68').id;
    const board = await admin.request('GET', `/api/v1/dashboards/${boardId}`);
    expect(board.json.definition.defaultDate).toBe(DAY);
    b04 = Number(
      board.json.definition.widgets.find((w: { id: string }) => w.id === 'nguoi-chi').query.fields[0].split(':')[0],
    );
    rootId = (await app.deps.db.selectFrom('units').select('id').where('code', '=', 'CP').executeTakeFirstOrThrow()).id;
  }, 600_000);

  afterAll(async () => {
    await server?.close();
  });

  /** What the tile of a field shows: the country's figure of the day, from the analytics API. */
  async function national(field: string): Promise<number> {
    const answer = await admin.request('POST', '/api/v1/analytics/query', {
      fields: [field],
      units: { ids: [rootId] },
      periods: { type: 'day', ids: ['20210715'] },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    return answer.json.cells[0].value;
  }

  async function signedIn(width: number): Promise<Page> {
    return signedInPage(browser, baseUrl, {
      width,
      username: 'admin',
      password: PASSWORD,
      errors: pageErrors,
      who: `preset@${width}`,
    });
  }

  /** A chart has drawn when its canvas holds more than the background. */
  const drawn = (page: Page, widget: string) =>
    page
      .locator(`[data-widget="${widget}"] canvas`)
      .first()
      .evaluate((canvas) => {
        const c = canvas as unknown as { width: number; height: number; getContext(t: '2d'): any };
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data as Uint8ClampedArray;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4 * 16) if (data[i]! > 0) painted++;
        return painted;
      });

  it('at 1440 px: tiles show the API’s figures, map and charts draw, a new report changes a tile live, a number opens its sources', async () => {
    const people = await national(`${b04}:nguoi_chi`);
    const money = await national(`${b04}:tien_chi`);
    const page = await signedIn(1440);
    await page.goto(`${baseUrl}/dashboards/${boardId}`);
    // The board opens on its own day (the 2021 campaign), not on today.
    await expect.poll(() => page.getByTestId('kpi-value-nguoi-chi').textContent()).toBe(vi.format(people));
    expect(await page.getByTestId('kpi-value-tien-chi').textContent()).toBe(vi.format(money));
    await page.getByTestId('map-ban-do').locator('canvas').first().waitFor();
    for (const widget of ['ban-do', 'xu-huong', 'tinh-cao-nhat', 'tinh-thap-nhat', 'theo-chinh-sach'])
      await expect.poll(() => drawn(page, widget), { message: widget }).toBeGreaterThan(50);
    await page.getByTestId('crosscheck-value-kiem-tra-cheo').waitFor();
    await page.getByText('Trực tuyến', { exact: true }).waitFor();
    await shot(page, 'dashboards-preset-1440', { tall: true });

    // A district agency that had not reported sends its report: the tile moves without a reload.
    const db = app.deps.db;
    const missing = await sql<{ id: number }>`
      SELECT u.id FROM units u
      WHERE u.kind = 'labour_office_district' AND u.valid_from <= '2021-07-15'
        AND (u.valid_to IS NULL OR u.valid_to >= '2021-07-15')
        AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.unit_id = u.id AND s.form_id = ${b04}
                        AND s.period_id = '20210715' AND s.current_revision_id IS NOT NULL)
      ORDER BY u.id LIMIT 1`.execute(db);
    const unitId = missing.rows[0]!.id;
    const sent = await admin.request('POST', '/api/v1/reports/submit', {
      unitId,
      formId: b04,
      period: '20210715',
      values: { nguoi_chi: 1234, tien_chi: 4321 },
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    await worker.drain();
    expect(await national(`${b04}:nguoi_chi`)).toBe(people + 1234);
    await expect
      .poll(() => page.getByTestId('kpi-value-nguoi-chi').textContent(), { timeout: 15_000 })
      .toBe(vi.format(people + 1234));

    // The number opens the national consolidation of that form and day, which lists the provinces' reports.
    await page.getByTestId('kpi-value-nguoi-chi').click();
    await page.waitForURL('**/consolidation?**');
    expect(page.url()).toContain(`unitId=${rootId}`);
    expect(page.url()).toContain(`formId=${b04}`);
    expect(page.url()).toContain('period=20210715');
    await page.getByTestId('consolidation-title').waitFor();
    await page.getByTestId('children-table').waitFor();
    await page.getByTestId('child-status-01').waitFor();
    await shot(page, 'dashboards-preset-sources-1440');
    await page.context().close();
  });

  it('the large-screen mode renders the preset board dark', async () => {
    const people = await national(`${b04}:nguoi_chi`);
    const page = await signedIn(1440);
    await page.goto(`${baseUrl}/dashboards/${boardId}/wall`);
    await page.getByTestId('wall').waitFor();
    await expect.poll(() => page.getByTestId('kpi-value-nguoi-chi').textContent()).toBe(vi.format(people));
    await expect.poll(() => drawn(page, 'ban-do')).toBeGreaterThan(50);
    await shot(page, 'dashboards-preset-wall-1440');
    await page.context().close();
  });

  it('at 390 px: the preset board stacks in one column with its figures', async () => {
    const people = await national(`${b04}:nguoi_chi`);
    const page = await signedIn(PHONE);
    await page.goto(`${baseUrl}/dashboards/${boardId}`);
    await expect.poll(() => page.getByTestId('kpi-value-nguoi-chi').textContent()).toBe(vi.format(people));
    await expect.poll(() => drawn(page, 'ban-do')).toBeGreaterThan(50);
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(width).toBeLessThanOrEqual(PHONE);
    await shot(page, 'dashboards-preset-390', { tall: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
