/**
 * Data quality in Chromium: a commune officer (X1) with ten days of ordinary figures
 * enters a far larger one; the entry grid flags it, the submit is refused until the
 * officer confirms it with a comment on the cell, then goes through; the district's
 * approver sees the flag and the comment on the report; the "Chất lượng số liệu"
 * page lists it at 1440 and 390 px. Screenshots in screenshots/quality-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

const DAY = '20240411';
const CONFIRMATION = 'Thôn Sáng Pả nộp bổ sung 480 hồ sơ trong ngày.';

describe('outliers and the data-quality page (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let browser: Browser;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  let admin: Client;
  const clock = { now: during('2024-04-01') };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        rg = await seedRegime(db);
      },
    });
    ({ app, baseUrl, browser } = server);
    admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
    for (let day = 1; day <= 10; day++) {
      clock.now = during(`2024-04-${String(day).padStart(2, '0')}`);
      const sent = await admin.request('POST', '/api/v1/reports/submit', {
        unitId: fx.units.X1,
        formId: rg.formId,
        period: `202404${String(day).padStart(2, '0')}`,
        values: { nhan: 10 + (day % 4), duyet: 5, tien: 12 },
      });
      expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    }
    clock.now = during('2024-04-11', '15:00');
  });

  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(username: string, width: number): Promise<Page> {
    return signedInPage(browser, baseUrl, {
      width,
      username,
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
      clock: clock.now,
    });
  }

  const reportUrl = () => `${baseUrl}/reports/entry?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`;
  const cell = (page: Page, key: string) => page.getByTestId(`cell-${key}`);

  it('the officer is warned, refused without a comment, and confirms the outlier with one', async () => {
    const officer = await signedIn('entry_officer.x1', 1440);
    await officer.goto(reportUrl());
    for (const [key, text] of [
      ['nhan', '500'],
      ['duyet', '5'],
      ['tien', '12'],
    ] as const) {
      await cell(officer, key).click();
      await officer.keyboard.type(text);
      await officer.keyboard.press('Enter');
    }
    const issues = officer.getByTestId('issues-panel');
    await expect.poll(() => issues.textContent()).toContain('Cao bất thường so với 10 kỳ trước (trung vị 11,5');
    expect(await issues.textContent()).toContain('Chưa xác nhận');
    await shot(officer, 'quality-entry-flagged-1440', { tall: true });

    // The server refuses the unconfirmed outlier and names the cell.
    await officer.getByTestId('submit-report').click();
    await expect
      .poll(() => officer.locator('.ant-notification').textContent())
      .toContain('Số liệu bất thường chưa được xác nhận ở 1 ô (nhan)');
    expect(await officer.getByTestId('current-revision').count()).toBe(0);

    // A comment on the cell confirms it.
    await cell(officer, 'nhan').click();
    await officer.getByTestId('comment-nhan').click();
    await officer.getByTestId('comment-input').fill(CONFIRMATION);
    await officer.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => issues.textContent()).toContain(`Đã xác nhận: “${CONFIRMATION}”`);
    await officer.getByTestId('submit-report').click();
    await expect.poll(() => officer.getByTestId('current-revision').textContent()).toContain('Lần 1');
    await expect.poll(() => officer.getByTestId('quality-flag-comment').textContent()).toBe(`“${CONFIRMATION}”`);
    await officer.context().close();
  });

  it('the approver sees the flag and the comment on the report', async () => {
    const approver = await signedIn('approver.h1', 1440);
    await approver.goto(reportUrl());
    const flags = approver.getByTestId('quality-flags');
    await expect.poll(() => flags.textContent()).toContain('Số liệu bất thường đã được xác nhận');
    expect(await flags.textContent()).toContain('Giá trị 500 — trung vị 11,5; 10–13 (10 kỳ)');
    expect(await approver.getByTestId('quality-flag-comment').textContent()).toBe(`“${CONFIRMATION}”`);
    await approver.mouse.move(0, 0);
    await shot(approver, 'quality-approver-1440', { tall: true });
    await approver.context().close();
  });

  for (const width of [1440, PHONE])
    it(`the quality page at ${width} px lists the outlier with its comment and the period's figures`, async () => {
      clock.now = during('2024-04-11', '18:00');
      const page = await signedIn('approver.h1', width);
      if (width === PHONE) {
        await page.getByTestId('nav-toggle').click();
        await page.getByText('Chất lượng số liệu').click();
        await page.waitForURL(/\/quality/);
        await page.goto(`${baseUrl}/quality?regimeId=${rg.regimeId}&period=${DAY}`);
      } else {
        await page.getByTestId('side-nav').getByText('Chất lượng số liệu').click();
        await page.waitForURL(/\/quality/);
        await page.goto(`${baseUrl}/quality?regimeId=${rg.regimeId}&period=${DAY}`);
      }
      const outliers = page.getByTestId('quality-outliers');
      await expect.poll(() => outliers.textContent()).toContain(CONFIRMATION);
      expect(await outliers.textContent()).toContain('UBND xã Lũng Cú');
      expect(await page.getByTestId('quality-tabs').textContent()).toContain('Số liệu bất thường (1)');
      // X1 sent; X2 and the district did not, past their windows.
      expect(await page.getByTestId('quality-completeness').textContent()).toContain('1/3 đơn vị đã gửi');
      const scrollWidth = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await shot(page, `quality-page-${width}`, { tall: true });
      // The link opens the report.
      await page.getByTestId('quality-open').first().click();
      await page.waitForURL(/\/reports\/entry\?/);
      await expect.poll(() => page.getByTestId('quality-flag-comment').textContent()).toBe(`“${CONFIRMATION}”`);
      await page.context().close();
    });

  it('left no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
