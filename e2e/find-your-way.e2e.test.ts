import type { FormDefinition } from '@baocao/domain';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import type { ConsolidationWorker } from '../server/src/jobs/consolidation.job';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
// For the types of the values the global setup provides (inject('pgAdminUrl') in the harness).
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import {
  addPublishedForm,
  during,
  fixtureForm,
  fixtureRegime,
  type RegimeFixture,
  seedRegime,
  treasuryCrossForm,
} from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, settle, shot, signedInPage } from './support';

const DAY = '2024-03-15';
const PERIOD = '20240315';
const DESK = 1440;

/** The fixture form with an indicator whose code is as long as real ones are. */
const form: FormDefinition = {
  ...fixtureForm,
  sections: [
    {
      ...fixtureForm.sections[0]!,
      fields: [
        ...fixtureForm.sections[0]!.fields,
        {
          code: 'so_nguoi_duoc_ho_tro',
          label: { vi: 'Số người được hỗ trợ', en: 'People supported' },
          type: 'integer',
          unit: 'người',
          min: 0,
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
};

describe('finding one’s way, on a desk and on a phone (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let worker: ConsolidationWorker;
  let browser: Browser;
  let baseUrl: string;
  let fixture: Fixture;
  let regime: RegimeFixture;
  let treasuryFormId: number;
  let officer: Client;
  const clock = { now: during(DAY) };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      jobs: true,
      seed: async ({ db }) => {
        fixture = await seedFixture(db);
        regime = await seedRegime(db, fixtureRegime, form);
        treasuryFormId = await addPublishedForm(db, regime.regimeId, treasuryCrossForm);
      },
    });
    ({ app, baseUrl, browser } = server);
    worker = server.worker!;
    // Lũng Cú (X1) sends its report; Phó Bảng (X2) sends nothing, nor does the district Mèo Vạc (H2).
    officer = await signIn(app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const sent = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fixture.units.X1,
      formId: regime.formId,
      period: PERIOD,
      values: { nhan: 40, duyet: 30, tien: 12.5, so_nguoi_duoc_ho_tro: 28 },
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    await worker.drain();
  });

  afterAll(async () => {
    await server?.close();
  });

  /** A signed-in browser at `width` px whose clock agrees with the server's (15:00 on the report day). */
  async function signedIn(username: string, width: number): Promise<{ context: BrowserContext; page: Page }> {
    const page = await signedInPage(browser, baseUrl, {
      width,
      username,
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
      clock: clock.now,
    });
    return { context: page.context(), page };
  }

  const documentWidth = (page: Page) =>
    page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);

  /** The page's title keeps most of the width: it never wraps one word per line. */
  async function titleWidth(page: Page): Promise<number> {
    const box = await page.locator('.ant-layout-content h3, .ant-layout-content h4').first().boundingBox();
    return box?.width ?? 0;
  }

  /** The top bar's items side by side, none over another. */
  async function expectHeaderItemsApart(page: Page, width: number) {
    const ids = width === PHONE ? ['nav-toggle', 'app-title', 'language-switch', 'user-menu'] : ['app-title'];
    const boxes = await Promise.all(ids.map((id) => page.getByTestId(id).boundingBox()));
    for (const [index, box] of boxes.entries()) {
      expect(box, ids[index]).not.toBeNull();
      expect(box!.x + box!.width, ids[index]).toBeLessThanOrEqual(width);
      const next = boxes[index + 1];
      if (next) expect(box!.x + box!.width, `${ids[index]} before ${ids[index + 1]}`).toBeLessThanOrEqual(next.x + 0.5);
    }
  }

  const consolidationUrl = (unit: keyof Fixture['units'], formId = regime.formId) =>
    `${baseUrl}/consolidation?unitId=${fixture.units[unit]}&formId=${formId}&period=${PERIOD}`;

  it('every page of the menu, and the pages they open, fit at 1440 px and at 390 px', async () => {
    const pages: { name: string; path: string; ready: (page: Page) => Locator }[] = [
      { name: 'my-reports', path: '/reports', ready: (p) => p.getByTestId('regime-group').first() },
      { name: 'consolidation-picker', path: '/consolidation', ready: (p) => p.getByTestId('picker-open') },
      {
        name: 'consolidation',
        path: `/consolidation?unitId=${fixture.units.H1}&formId=${regime.formId}&period=${PERIOD}`,
        ready: (p) => p.getByTestId('child-status-X1'),
      },
      {
        name: 'entry',
        path: `/reports/entry?unitId=${fixture.units.X1}&formId=${regime.formId}&period=${PERIOD}`,
        ready: (p) => p.getByTestId('current-revision'),
      },
      { name: 'regimes', path: '/regimes', ready: (p) => p.getByTestId('regimes-table').getByRole('link').first() },
      {
        name: 'regime-editor',
        path: `/regimes/${regime.regimeId}`,
        ready: (p) => p.getByRole('heading', { name: 'Báo cáo thử nghiệm hằng ngày' }),
      },
      {
        name: 'form-designer',
        path: `/regimes/${regime.regimeId}/forms/${regime.formId}`,
        ready: (p) => p.getByTestId('section-0-fields'),
      },
      { name: 'holidays', path: '/holidays', ready: (p) => p.getByTestId('holiday-2024-01-01') },
      { name: 'units', path: '/units', ready: (p) => p.getByTestId('unit-tree').getByText('Chính phủ').first() },
      { name: 'users', path: '/users', ready: (p) => p.getByTestId('users-table').getByText('admin').first() },
      { name: 'tokens', path: '/tokens', ready: (p) => p.getByRole('heading', { name: 'Mã truy cập API' }) },
      { name: 'audit', path: '/audit', ready: (p) => p.getByRole('heading', { name: 'Nhật ký' }) },
      { name: 'account', path: '/account', ready: (p) => p.getByRole('heading', { name: 'Tài khoản của tôi' }) },
    ];
    for (const width of [DESK, PHONE]) {
      const { context, page } = await signedIn('admin', width);
      await expectHeaderItemsApart(page, width);
      for (const entry of pages) {
        await page.goto(`${baseUrl}${entry.path}`);
        await entry.ready(page).waitFor();
        await settle(page);
        expect(await documentWidth(page), `${entry.name} at ${width} px`).toBeLessThanOrEqual(width);
        if (width === PHONE) expect(await titleWidth(page), `${entry.name}'s title`).toBeGreaterThan(width * 0.6);
        await page.mouse.move(0, 0);
        await shot(page, `layout-${entry.name}-${width}`);
      }
      await context.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('on a phone, the drawer menu leads to the consolidation pickers, which open the district’s consolidation', async () => {
    const { context, page } = await signedIn('approver.h1', PHONE);
    await expectHeaderItemsApart(page, PHONE);
    expect(await page.getByTestId('side-nav').count()).toBe(0);
    await page.getByTestId('nav-toggle').click();
    const menu = page.getByTestId('drawer-nav');
    await menu.getByText('Báo cáo của tôi', { exact: true }).waitFor();
    await settle(page);
    await shot(page, 'drawer-menu-390');
    await menu.getByText('Tổng hợp', { exact: true }).click();
    await page.waitForURL(/\/consolidation$/);
    await menu.waitFor({ state: 'hidden' });

    // Defaults: the regime the district consolidates, its first form, the user's own unit, today.
    const picker = page.getByTestId('consolidation-picker');
    await expect.poll(() => picker.getByTestId('picker-regime').textContent()).toBe('Báo cáo thử nghiệm hằng ngày');
    await expect.poll(() => picker.getByTestId('picker-form').textContent()).toContain('B03 — Biểu 03');
    await expect.poll(() => picker.getByTestId('picker-unit').textContent()).toContain('UBND huyện Đồng Văn');
    expect(await picker.getByTestId('picker-period').textContent()).toContain('Ngày 15/03/2024');
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
    await shot(page, 'consolidation-picker-390');
    await page.getByTestId('picker-open').click();
    await page.waitForURL(
      (url) =>
        url.pathname === '/consolidation' &&
        url.searchParams.get('unitId') === String(fixture.units.H1) &&
        url.searchParams.get('formId') === String(regime.formId) &&
        url.searchParams.get('period') === PERIOD,
    );
    await expect.poll(() => page.getByTestId('child-status-X1').textContent()).toBe('Đúng hạn');
    expect(await page.getByTestId('child-status-X2').textContent()).toBe('Chưa gửi');
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
    await shot(page, 'consolidation-390', { tall: true });
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('on a desk, the side menu is a nav of links: the current page is marked, arrows move, collapsed it keeps the icons', async () => {
    const { context, page } = await signedIn('approver.h1', DESK);
    await page.goto(`${baseUrl}/consolidation`);
    const nav = page.getByRole('navigation', { name: 'Danh mục chức năng' });
    const current = nav.getByRole('link', { name: 'Tổng hợp', exact: true });
    await expect.poll(() => current.getAttribute('aria-current')).toBe('page');
    expect(await nav.locator('[aria-current="page"]').count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Báo cáo của tôi', exact: true }).getAttribute('href')).toBe('/reports');
    // The selected item is drawn in the theme's primary colour on its light background, as antd's Menu did.
    const colours = await current.evaluate((link) => {
      const style = (globalThis as any).getComputedStyle(link);
      return { color: style.color as string, background: style.backgroundColor as string };
    });
    expect(colours).toEqual({ color: 'rgb(20, 86, 184)', background: expect.stringMatching(/^rgb/) });
    expect(colours.background).not.toBe('rgba(0, 0, 0, 0)');
    // The keyboard: Tab reaches the links, the arrows move between them.
    await current.focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.textContent as string))
      .toBe('Tình hình báo cáo');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.textContent as string))
      .toBe('Báo cáo của tôi');
    await settle(page);
    await shot(page, 'side-menu-focus-1440');
    // Collapsed: icons only, each link still named (for screen readers, and as its title on hover).
    await page.getByRole('button', { name: 'Thu gọn hoặc mở rộng thanh điều hướng' }).click();
    await expect.poll(async () => (await nav.boundingBox())?.width).toBeLessThan(100);
    expect(await current.getAttribute('title')).toBe('Tổng hợp');
    expect(await current.getAttribute('aria-current')).toBe('page');
    await page.mouse.move(0, 0);
    await settle(page);
    await shot(page, 'side-menu-collapsed-1440');
    await nav.getByRole('link', { name: 'Báo cáo của tôi', exact: true }).click();
    await page.waitForURL(/\/reports$/);
    await expect
      .poll(() => nav.getByRole('link', { name: 'Báo cáo của tôi', exact: true }).getAttribute('aria-current'))
      .toBe('page');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('a page whose code cannot be downloaded says so inside the shell, and loads once the link is back', async () => {
    for (const width of [DESK, PHONE]) {
      // Its own list of errors: the page's failure is logged to the console on purpose.
      const errors: string[] = [];
      const page = await signedInPage(browser, baseUrl, {
        width,
        username: 'admin',
        password: FIXTURE_PASSWORD,
        errors,
        clock: clock.now,
      });
      const context = page.context();
      // The audit page's chunk is lost on the way (a link dropping, or a release that replaced it).
      const auditChunk = /\/assets\/audit-page-[^/]*\.js$/;
      await context.route(auditChunk, (route) => route.abort('internetdisconnected'));
      await page.goto(`${baseUrl}/audit`);
      const failed = page.getByTestId('page-failed');
      await failed.waitFor();
      expect(await failed.textContent()).toContain('Không tải được trang');
      expect(await failed.textContent()).toContain('Kiểm tra kết nối rồi tải lại trang');
      // The shell around it still works: the menu (or its toggle on a phone) and the header are there.
      await page.getByTestId(width === PHONE ? 'nav-toggle' : 'side-nav').waitFor();
      expect(await documentWidth(page)).toBeLessThanOrEqual(width);
      await shot(page, `page-download-failed-${width}`);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error).toMatch(/audit-page|dynamically imported module|page failed/);
      errors.length = 0;
      // The link is back: the button loads the page.
      await context.unroute(auditChunk);
      await page.getByTestId('page-reload').click();
      await page.getByRole('heading', { name: 'Nhật ký' }).waitFor();
      expect(await failed.count()).toBe(0);
      await context.close();
      expect(errors).toEqual([]);
    }
  });

  it('on a desk, the menu’s Tổng hợp picks another unit: the province, whose districts have not sent up', async () => {
    const { context, page } = await signedIn('admin', DESK);
    await page.getByTestId('side-nav').getByText('Tổng hợp', { exact: true }).click();
    await page.waitForURL(/\/consolidation$/);
    const picker = page.getByTestId('consolidation-picker');
    await expect.poll(() => picker.getByTestId('picker-unit').textContent()).toContain('Chính phủ');
    await picker.getByTestId('picker-unit').click();
    await page.keyboard.type('ha giang');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'UBND tỉnh Hà Giang' })
      .first()
      .click();
    await page.getByTestId('picker-open').click();
    await page.waitForURL((url) => url.searchParams.get('unitId') === String(fixture.units.T1));
    // Consolidating children that have not sent their consolidation up say so.
    await expect.poll(() => page.getByTestId('child-status-H1').textContent()).toBe('Chưa gửi lên cấp trên');
    expect(await page.getByTestId('child-status-H2').textContent()).toBe('Chưa gửi lên cấp trên');
    // A commune cannot consolidate: the picker says so rather than opening a page that refuses.
    await page.getByTestId('choose-consolidation').click();
    await picker.getByTestId('picker-unit').click();
    await page.keyboard.type('lung cu');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'UBND xã Lũng Cú' })
      .first()
      .click();
    await expect
      .poll(() => picker.getByTestId('picker-not-consolidating').textContent())
      .toContain('UBND xã Lũng Cú không phải đơn vị tổng hợp');
    expect(await picker.getByTestId('picker-open').isDisabled()).toBe(true);
    await page.mouse.move(0, 0);
    await shot(page, 'consolidation-picker-1440');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('the drill-down lists the counted sources first, folds the units that sent nothing, and fits', async () => {
    for (const width of [DESK, PHONE]) {
      const { context, page } = await signedIn('admin', width);
      await page.goto(consolidationUrl('H1'));
      await page.locator('[data-cell="nhan"]').first().click();
      const drawer = page.getByTestId('drilldown');
      await expect
        .poll(() => drawer.getByTestId('drill-counted-title').textContent())
        .toBe('Được tính vào số tổng hợp (1)');
      const lungCu = drawer.getByTestId('drill-row-X1');
      await lungCu.waitFor();
      expect(await lungCu.textContent()).toContain('40');
      expect(await lungCu.textContent()).toContain('Người dùng entry_officer.x1');
      expect(await lungCu.textContent()).toContain('Biểu mẫu web');
      // Phó Bảng sent nothing: folded away, never "counted: yes".
      const folded = drawer.getByTestId('drill-not-sent');
      expect(await folded.textContent()).toBe('1 đơn vị chưa gửi');
      expect(await drawer.getByTestId('drill-row-X2').isVisible()).toBe(false);
      await folded.getByText('1 đơn vị chưa gửi').click();
      await expect
        .poll(() => drawer.getByTestId('drill-row-X2').textContent())
        .toBe('UBND thị trấn Phó Bảng X2Chưa gửi');
      expect(await drawer.textContent()).not.toMatch(/Được tính\s*:?\s*Có/);
      const body = drawer.locator('.ant-drawer-body');
      const fits = await body.evaluate((element) => element.scrollWidth <= element.clientWidth);
      expect(fits, `drill-down columns fit at ${width} px`).toBe(true);
      expect(await documentWidth(page)).toBeLessThanOrEqual(width);
      await settle(page);
      await shot(page, `drilldown-district-${width}`);

      // At the province, the district that sent nothing up is folded away too.
      await page.goto(consolidationUrl('T1'));
      await page.locator('[data-cell="nhan"]').first().click();
      await drawer.getByTestId('drill-row-H1').waitFor();
      expect(await drawer.getByTestId('drill-row-H1').textContent()).toContain('Tổng hợp cấp dưới');
      expect(await drawer.getByTestId('drill-not-sent').textContent()).toBe('1 đơn vị chưa gửi');
      await drawer.getByTestId('drill-H1').click();
      await drawer.getByTestId('drill-row-X1').waitFor();
      await settle(page);
      expect(await body.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      await shot(page, `drilldown-province-${width}`);
      await context.close();
    }

    // A returned report is still listed, apart and marked as not counted; then X1 sends it again.
    const admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const report = await admin.request(
      'GET',
      `/api/v1/reports?unitId=${fixture.units.X1}&formId=${regime.formId}&period=${PERIOD}`,
    );
    const returned = await admin.request('POST', `/api/v1/submissions/${report.json.submission.id}/review`, {
      action: 'return',
      reason: 'Kiểm tra lại số hồ sơ tiếp nhận',
    });
    expect(returned.status).toBe(200);
    await worker.drain();
    const { context, page } = await signedIn('admin', DESK);
    await page.goto(consolidationUrl('H1'));
    await page.locator('[data-cell="nhan"]').first().click();
    const drawer = page.getByTestId('drilldown');
    await expect
      .poll(() => drawer.getByTestId('drill-counted-title').textContent())
      .toBe('Được tính vào số tổng hợp (0)');
    expect(await drawer.getByTestId('drill-not-counted-title').textContent()).toBe('Đã gửi nhưng chưa được tính (1)');
    expect(await drawer.getByTestId('drill-row-X1').textContent()).toContain('Chưa được tính');
    await settle(page);
    await shot(page, 'drilldown-returned-1440');
    await context.close();
    const again = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fixture.units.X1,
      formId: regime.formId,
      period: PERIOD,
      values: { nhan: 40, duyet: 30, tien: 12.5, so_nguoi_duoc_ho_tro: 28 },
    });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    await worker.drain();
    expect(pageErrors).toEqual([]);
  });

  it('the cross-check card’s header agrees with its rows', async () => {
    const { context, page } = await signedIn('approver.h1', DESK);
    await page.goto(consolidationUrl('H1', treasuryFormId));
    const card = page.getByTestId('cross-checks');
    // The treasury has sent nothing yet: nothing to compare, and the header says so.
    await expect
      .poll(() => card.getByTestId('cross-checks-summary').textContent())
      .toBe('Chưa đủ số liệu để đối chiếu');
    expect(await card.getByTestId('cross-check-doi_chieu_chi').textContent()).toContain('Chưa đủ số liệu');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'cross-checks-not-enough-data');

    const sent = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fixture.units.X1,
      formId: treasuryFormId,
      period: PERIOD,
      values: { chi: 12.8 },
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    await worker.drain();
    await page.reload();
    await expect
      .poll(() => card.getByTestId('cross-checks-summary').textContent())
      .toBe('Tất cả khớp trong mức cho phép');
    expect(await card.getByTestId('cross-check-doi_chieu_chi').textContent()).toContain('Khớp');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'cross-checks-within-tolerance');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('Vietnamese shows no English subtitles; English shows English names, units and breadcrumb', async () => {
    const { context, page } = await signedIn('admin', DESK);
    await page.goto(`${baseUrl}/regimes`);
    const table = page.getByTestId('regimes-table');
    await table.getByText('Báo cáo thử nghiệm hằng ngày').waitFor();
    expect(await table.textContent()).not.toContain('Daily test report');

    // The designer: wide enough code and type columns, and who published the version.
    await page.goto(`${baseUrl}/regimes/${regime.regimeId}/forms/${regime.formId}`);
    const code = page.getByTestId('section-0-fields').getByText('so_nguoi_duoc_ho_tro', { exact: true });
    await code.waitFor();
    const codeBox = await code.boundingBox();
    expect(codeBox!.height, 'the code stays on one line').toBeLessThan(30);
    const type = page.getByTestId('section-0-fields').getByRole('row').filter({ hasText: 'so_nguoi_duoc_ho_tro' });
    const typeCell = type.getByRole('cell').filter({ hasText: 'Số nguyên' });
    expect((await typeCell.boundingBox())!.height).toBeLessThan(50);
    const published = page.getByTestId('designer-published-by');
    expect(await published.textContent()).toMatch(
      /^Ban hành lúc \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d, do hệ thống nạp sẵn/,
    );
    await shot(page, 'form-designer-columns');

    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    // The breadcrumb names the regime in English.
    await page.getByRole('link', { name: 'Daily test report' }).waitFor();
    expect(await published.textContent()).toMatch(/^Published on .*, loaded by the system/);
    await page.goto(`${baseUrl}/regimes`);
    await table.getByText('Daily test report').waitFor();
    expect(await table.textContent()).not.toContain('Báo cáo thử nghiệm hằng ngày');
    await page.goto(consolidationUrl('H1'));
    const grid = page.getByTestId('consolidated-grid');
    await grid.getByText('Applications received').waitFor();
    const gridText = await grid.textContent();
    for (const unit of ['files', 'people', 'million VND']) expect(gridText).toContain(unit);
    expect(gridText).not.toContain('triệu đồng');
    expect(await page.getByTestId('consolidation-title').locator('..').locator('..').textContent()).toContain(
      'Daily test report',
    );
    await page.mouse.move(0, 0);
    await shot(page, 'consolidation-english', { tall: true });
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-vi').click();
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
