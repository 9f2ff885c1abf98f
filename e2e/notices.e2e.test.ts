/**
 * Notices in the browser: the district's officer opens the consolidation, then the list of
 * communes that have not sent today's report, and reminds one; the commune's officer sees the
 * bell's count, opens the inbox and follows the reminder to the report. At 1440 px and 390 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { SCREENSHOTS, shot, watchErrors } from './support';

describe('notices (browser)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        rg = await seedRegime(db);
        await db
          .updateTable('users')
          .set({ email: 'xa.lungcu@example.gov.vn' })
          .where('username', '=', 'entry_officer.x1')
          .execute();
      },
    });
    ({ baseUrl, browser } = server);
  });

  afterAll(async () => {
    await server?.close();
  });

  async function newPage(width: number, username: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = watchErrors(await context.newPage(), pageErrors, username);
    page.setDefaultTimeout(20_000);
    await page.goto(baseUrl);
    await page.getByTestId('signin-username').fill(username);
    await page.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-submit').waitFor({ state: 'detached' });
    return page;
  }

  it('the district reminds a commune from its not-yet-submitted list', async () => {
    const page = await newPage(1440, 'approver.h1');
    await page.goto(`${baseUrl}/consolidation?unitId=${fx.units.H1}&formId=${rg.formId}&period=${today}`);
    await page.getByTestId('open-not-submitted').click();
    const list = page.getByTestId('not-submitted');
    await list.getByText('UBND xã Lũng Cú').waitFor();
    await expect(list.getByText('UBND thị trấn Phó Bảng').count()).resolves.toBe(1);
    await page.getByText('2/2 đơn vị chưa gửi').waitFor();
    await shot(page, 'notices-not-submitted-1440');
    await page.getByTestId('remind-X1').click();
    await page.getByText('Đã gửi nhắc nhở tới 1 đơn vị.').waitFor();
    // Reminded just now: the button waits out the rate limit.
    await expect(page.getByTestId('remind-X1').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('remind-X2').isDisabled()).resolves.toBe(false);
    await shot(page, 'notices-reminded-1440');
    // The reminder's e-mail waits in the delivery log (this server runs no job runner).
    await page.getByTestId('notice-bell').click();
    await page.getByTestId('open-deliveries').click();
    const log = page.getByTestId('deliveries');
    await log.getByText('xa.lungcu@example.gov.vn').waitFor();
    await expect(log.getByText('Đang chờ').count()).resolves.toBe(1);
    await shot(page, 'notices-deliveries-1440');
  });

  it('the commune’s officer sees the count, opens the inbox and follows the reminder (phone)', async () => {
    const page = await newPage(390, 'entry_officer.x1');
    await page.getByTestId('notice-badge').getByText('1').waitFor();
    await shot(page, 'notices-bell-390');
    await page.getByTestId('notice-bell').click();
    const notice = page.getByTestId('notice').first();
    await notice.waitFor();
    await expect(notice.getAttribute('data-kind')).resolves.toBe('manual_reminder');
    await expect(notice.getByTestId('notice-title').textContent()).resolves.toMatch(
      /^UBND huyện Đồng Văn nhắc UBND xã Lũng Cú gửi báo cáo “Báo cáo thử nghiệm hằng ngày” kỳ Ngày /,
    );
    await shot(page, 'notices-inbox-390', { tall: true });
    await notice.click();
    await page.waitForURL(/\/reports\/entry\?unitId=/);
    expect(new URL(page.url()).searchParams.get('period')).toBe(today);
    // Read now: the badge has no count left.
    await page.getByTestId('notice-badge').locator('.ant-badge-count').waitFor({ state: 'detached' });
  });

  it('the inbox and the notice preferences at 1440 px', async () => {
    const page = await newPage(1440, 'entry_officer.x1');
    await page.goto(`${baseUrl}/notices`);
    await page.getByTestId('notice').first().waitFor();
    await shot(page, 'notices-inbox-1440');
    await page.goto(`${baseUrl}/account`);
    const preferences = page.getByTestId('notice-preferences');
    await preferences.scrollIntoViewIfNeeded();
    await page.getByTestId('pref-deadline_reminder-inbox').click();
    await page.getByText('Đã lưu lựa chọn nhận thông báo.').waitFor();
    await expect(page.getByTestId('pref-deadline_reminder-inbox').isChecked()).resolves.toBe(false);
    await shot(page, 'notices-preferences-1440', { tall: true });
    const phone = await newPage(390, 'approver.h1');
    await phone.goto(
      `${baseUrl}/not-submitted?regimeId=${rg.regimeId}&unitId=${fx.units.H1}&formId=${rg.formId}&period=${today}`,
    );
    await phone.getByTestId('not-submitted').getByText('UBND xã Lũng Cú').waitFor();
    await shot(phone, 'notices-not-submitted-390', { tall: true });
  });

  it('the regime editor shows each level’s warning ladder', async () => {
    const page = await newPage(1440, 'admin');
    await page.goto(`${baseUrl}/regimes/${rg.regimeId}`);
    const ladder = page.getByTestId('schedule-0-ladder');
    await ladder.scrollIntoViewIfNeeded();
    await expect(ladder.getByLabel('Nhắc trước hạn nộp (phút; để trống: không nhắc)').inputValue()).resolves.toBe('30');
    await page.getByTestId('schedule-0').screenshot({ path: `${SCREENSHOTS}/notices-ladder-editor-1440.png` });
    expect(pageErrors).toEqual([]);
  });
});
