import { authenticator } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../server/src/features/demo/demo-data';
import { ensureAdmin, ensureRootUnit } from '../server/src/features/setup/bootstrap';
// For the types of the values the global setup provides (inject('pgAdminUrl') in the harness).
import type {} from '../server/test/global-setup';
import type { TestDatabase } from '../server/test/harness';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { settle, shot, watchErrors } from './support';

const ADMIN_PASSWORD = 'E2e-Admin-Password-2026';
const NEW_PASSWORD = 'Ba-Vi-Officer-Password-2026';

describe('foundation journey (browser)', () => {
  let database: TestDatabase;
  let server: BrowserServer;
  let browser: Browser;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      seed: async ({ db }) => {
        await loadDemoData(db, () => {});
        const rootId = await ensureRootUnit(db);
        await ensureAdmin(db, rootId, ADMIN_PASSWORD);
      },
    });
    ({ baseUrl, browser, database } = server);
  });

  afterAll(async () => {
    await server?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const page = watchErrors(await context.newPage(), pageErrors);
    page.setDefaultTimeout(20_000);
    return page;
  }

  it('signs in, finds a unit without diacritics, creates a user there and sees it listed, in both languages', async () => {
    const page = await newPage();
    await page.goto(baseUrl);

    // Sign-in page, in Vietnamese by default (its chunk arrives after the session check).
    await page.getByText('Hệ thống thông tin báo cáo').first().waitFor();
    await shot(page, 'foundation-signin');
    await page.getByTestId('signin-username').fill('admin');
    await page.getByTestId('signin-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('signin-submit').click();

    // The shell opens on the unit browser; the tree starts at the Government.
    await page.getByTestId('side-nav').getByText('Đơn vị', { exact: true }).waitFor();
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Quản trị hệ thống');
    await page.getByTestId('unit-tree').getByText('Chính phủ').first().waitFor();

    // Before the 2025 reform there were 63 provinces and districts such as Ba Vì.
    const asOf = page.locator('.ant-picker input').first();
    await asOf.click();
    await asOf.fill('30/06/2025');
    await asOf.press('Enter');
    await page.waitForURL(/asOf=2025-06-30/);
    await page.getByTestId('unit-tree').getByText('UBND thành phố Hà Nội').first().waitFor();
    await shot(page, 'foundation-units-tree');

    await page.getByPlaceholder('Tìm theo tên hoặc mã đơn vị').fill('ba vi');
    const results = page.getByTestId('unit-search-results');
    const baVi = results.getByRole('row').filter({ hasText: 'UBND huyện Ba Vì' });
    await baVi.first().waitFor();
    await baVi.first().click();
    const detail = page.getByTestId('unit-detail');
    await expect.poll(() => detail.getByTestId('unit-detail-name').textContent()).toBe('UBND huyện Ba Vì');
    await expect.poll(() => detail.getByText('271', { exact: true }).first().isVisible()).toBe(true);
    await detail.getByText('Thành phố Hà Nội').first().waitFor();
    await shot(page, 'foundation-units');

    // Create an entry officer in Ba Vì from the unit's page.
    await page.getByTestId('create-user-here').click();
    const form = page.getByTestId('user-form');
    await form.waitFor();
    await expect.poll(() => form.getByText('UBND huyện Ba Vì').first().isVisible()).toBe(true);
    await page.getByTestId('user-username').fill('e2e.bavi');
    await page.getByTestId('user-display-name').fill('Nguyễn Thị Thử Nghiệm');
    await form.getByText('Cán bộ nhập liệu', { exact: true }).click();
    await page.getByTestId('user-form-submit').click();

    const temporary = page.getByTestId('temporary-password');
    await temporary.waitFor();
    const temporaryPassword = (await temporary.textContent())?.trim() ?? '';
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    await shot(page, 'foundation-temporary-password');
    await page.getByTestId('temporary-password-done').click();
    await temporary.waitFor({ state: 'detached' });

    // The account is in the user list, at Ba Vì, with its role.
    await page.getByTestId('side-nav').getByText('Người dùng', { exact: true }).click();
    await page.waitForURL(/\/users$/);
    await page.getByTestId('user-search').fill('e2e.bavi');
    const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'e2e.bavi' });
    await row.first().waitFor();
    await expect(row.count()).resolves.toBe(1);
    const rowText = await row.first().textContent();
    expect(rowText).toContain('UBND huyện Ba Vì');
    expect(rowText).toContain('Cán bộ nhập liệu');
    expect(rowText).toContain('Nguyễn Thị Thử Nghiệm');
    await page.getByTestId('user-search').fill('');
    await page.getByTestId('users-table').getByRole('row').filter({ hasText: 'hanoi.admin' }).first().waitFor();
    await shot(page, 'foundation-users');

    const stored = await database.db
      .selectFrom('users as u')
      .innerJoin('units as un', 'un.id', 'u.unitId')
      .select(['u.displayName', 'u.mustChangePassword', 'un.code'])
      .where('u.username', '=', 'e2e.bavi')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ displayName: 'Nguyễn Thị Thử Nghiệm', mustChangePassword: true, code: '271' });

    // English: labels switch, the choice survives a reload, and the server answers in English.
    await page.getByTestId('language-switch').first().click();
    const english = page.getByRole('menuitem', { name: 'English' });
    await english.waitFor();
    await settle(page);
    await english.click();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await page.getByTestId('side-nav').getByText('Units', { exact: true }).waitFor();
    await page.getByText('Sign out', { exact: true }).first().waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'lang')?.value).toBe('en');
    await shot(page, 'foundation-english');

    await page.goto(`${baseUrl}/units?unit=2147483000`);
    await page.getByRole('heading', { name: 'Units', exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('error-alert').first().textContent()).toContain('Not found.');
    // Unit kinds are named in English too.
    const baViDistrict = await database.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', '271')
      .where('kind', '=', 'ubnd_district')
      .executeTakeFirstOrThrow();
    await page.goto(`${baseUrl}/units?unit=${baViDistrict.id}`);
    await expect.poll(() => page.getByTestId('unit-detail').textContent()).toContain("District People's Committee");

    await page.context().close();

    // The new officer must replace the temporary password before anything else.
    const officer = await newPage();
    await officer.goto(baseUrl);
    await officer.getByTestId('signin-username').fill('e2e.bavi');
    await officer.getByTestId('signin-password').fill(temporaryPassword);
    await officer.getByTestId('signin-submit').click();
    await officer.getByTestId('current-password').waitFor();
    await shot(officer, 'foundation-password-change');
    await officer.getByTestId('current-password').fill(temporaryPassword);
    await officer.getByTestId('new-password').fill(NEW_PASSWORD);
    await officer.getByTestId('confirm-password').fill(NEW_PASSWORD);
    await officer.getByTestId('change-password-submit').click();
    await officer.getByTestId('side-nav').getByText('Đơn vị', { exact: true }).waitFor();
    await expect(officer.getByTestId('user-name').textContent()).resolves.toBe('Nguyễn Thị Thử Nghiệm');
    // An entry officer may not manage users, so the entry is not offered.
    await expect(officer.getByTestId('side-nav').getByText('Người dùng', { exact: true }).count()).resolves.toBe(0);
    await officer.context().close();

    expect(pageErrors).toEqual([]);
  });

  async function signInAsAdmin(page: Page): Promise<void> {
    await page.goto(baseUrl);
    await page.getByTestId('signin-username').fill('admin');
    await page.getByTestId('signin-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('signin-submit').click();
  }

  async function chooseOption(page: Page, label: string, typed: string, option: string): Promise<void> {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    if (typed) await input.pressSequentially(typed);
    await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  }

  async function typeCode(page: Page, testId: string, code: string): Promise<void> {
    await page.getByTestId(testId).locator('input').first().click();
    await page.keyboard.type(code);
  }

  it('issues an API token for a service account, shows the audit log, and turns on two-factor sign-in', async () => {
    const page = await newPage();
    await signInAsAdmin(page);

    // Today Hà Nội has more communes than one page: the rest load from a "show more" node.
    const tree = page.getByTestId('unit-tree');
    const hanoi = tree.locator('.ant-tree-treenode').filter({ hasText: 'UBND thành phố Hà Nội' }).first();
    await hanoi.locator('.ant-tree-switcher').click();
    const more = tree.getByTestId('tree-more');
    await tree.getByText('UBND phường Ba Đình').first().waitFor();
    // The tree renders only the rows in view: scroll down to the end of Hà Nội's first page.
    await tree.hover();
    for (let i = 0; i < 150 && (await more.count()) === 0; i++) {
      await page.mouse.wheel(0, 150);
      await page.waitForTimeout(50);
    }
    await more.waitFor();
    expect(await more.textContent()).toMatch(/^Xem thêm \(còn \d+ đơn vị\)$/);
    await shot(page, 'foundation-units-more');
    await more.click();
    await expect.poll(() => more.count()).toBe(0);

    // The 2025 reform: a dissolved town split into two new communes, and back.
    await page.getByPlaceholder('Tìm theo tên hoặc mã đơn vị').fill('tay dang');
    await page.getByText('Tìm cả đơn vị không còn hiệu lực tại ngày đã chọn').click();
    await page.getByTestId('unit-search-results').getByText('UBND thị trấn Tây Đằng').first().click();
    const detail = page.getByTestId('unit-detail');
    await detail.getByRole('tab', { name: 'Sắp xếp, sáp nhập 2025' }).click();
    const successor = detail.getByRole('row').filter({ hasText: 'Quảng Oai' });
    await successor.first().waitFor();
    expect(await successor.first().textContent()).toContain('Một phần');
    await shot(page, 'foundation-unit-reform');
    await successor.first().getByText('Quảng Oai').click();
    await expect.poll(() => detail.getByTestId('unit-detail-name').textContent()).toContain('Quảng Oai');
    await detail.getByRole('tab', { name: 'Sắp xếp, sáp nhập 2025' }).click();
    await detail.getByRole('row').filter({ hasText: 'Tây Đằng' }).first().waitFor();

    // A service account at Hà Nội, created from the user list.
    await page.getByTestId('side-nav').getByText('Người dùng', { exact: true }).click();
    await page.getByTestId('create-user').click();
    const form = page.getByTestId('user-form');
    await form.getByText('Tài khoản dịch vụ (hệ thống kết nối)').click();
    await page.getByTestId('user-username').fill('svc.hanoi');
    await page.getByTestId('user-display-name').fill('Hệ thống một cửa TP Hà Nội');
    await chooseOption(page, 'Đơn vị công tác', 'ha noi', 'UBND thành phố Hà Nội');
    await form.getByText('Người xem', { exact: true }).click();
    await page.getByTestId('user-form-submit').click();
    await page.getByText('Đã tạo tài khoản dịch vụ svc.hanoi.').waitFor();

    // Bulk import: a bad file is refused row by row, then a good one creates every account.
    await page.getByTestId('import-users').click();
    const upload = page.locator('.ant-modal input[type=file]');
    await upload.setInputFiles({
      name: 'nguoi-dung.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'ten_dang_nhap,ho_ten,ma_don_vi,vai_tro\nimport.mot,Nguyễn Văn Một,01,entry_officer\nimport.hai,Trần Thị Hai,XX,chief\n',
      ),
    });
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const errorText = (await errors.textContent()) ?? '';
    expect(errorText).toContain('Không có đơn vị mã “XX”.');
    expect(errorText).toContain('Vai trò không hợp lệ: chief.');
    await shot(page, 'foundation-import-errors');
    await upload.setInputFiles({
      name: 'nguoi-dung.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'ten_dang_nhap,ho_ten,ma_don_vi,vai_tro\nimport.mot,Nguyễn Văn Một,01,entry_officer\nimport.hai,Trần Thị Hai,01,approver;viewer\n',
      ),
    });
    await page.getByTestId('import-submit').click();
    await page.getByText('Đã tạo 2 tài khoản.').waitFor();
    await shot(page, 'foundation-import-done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^tai-khoan-moi-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.getByRole('button', { name: 'Tôi đã lưu mật khẩu' }).click();
    await page.getByTestId('users-table').getByText('import.hai').first().waitFor();

    // A token for it, shown once.
    await page.getByTestId('side-nav').getByText('Mã truy cập API', { exact: true }).click();
    await page.getByRole('button', { name: 'Cấp mã truy cập' }).click();
    await chooseOption(page, 'Tài khoản dịch vụ', '', 'svc.hanoi');
    await page.getByLabel('Tên mã', { exact: true }).fill('Kết nối một cửa Hà Nội');
    await page.getByText('Xem số liệu', { exact: true }).click();
    await page.getByRole('button', { name: 'Cấp mã', exact: true }).click();
    const secret = page
      .locator('.ant-modal')
      .getByText(/^[A-Za-z0-9_-]{20,}/)
      .first();
    await secret.waitFor();
    await shot(page, 'foundation-token');
    await page.getByRole('button', { name: 'Tôi đã lưu mã' }).click();
    const tokenRow = page.getByRole('row').filter({ hasText: 'Kết nối một cửa Hà Nội' });
    await tokenRow.first().waitFor();
    expect(await tokenRow.first().textContent()).toContain('UBND thành phố Hà Nội');
    await shot(page, 'foundation-tokens');

    // The audit log lists the token's issue with its details.
    await page.getByTestId('side-nav').getByText('Nhật ký', { exact: true }).click();
    const issued = page.getByRole('row').filter({ hasText: 'Cấp mã truy cập' }).first();
    await issued.waitFor();
    await issued.locator('.ant-table-row-expand-icon').click();
    await page.getByText('Kết nối một cửa Hà Nội').first().waitFor();
    await shot(page, 'foundation-audit');

    // Two-factor sign-in: enrol from My account, then sign in again with a code.
    await page.getByTestId('side-nav').getByText('Tài khoản của tôi', { exact: true }).click();
    await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    const totpSecret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(totpSecret.length).toBeGreaterThanOrEqual(16);
    await page.getByTestId('totp-qr').waitFor();
    await shot(page, 'foundation-totp');
    await typeCode(page, 'totp-code', authenticator.generate(totpSecret));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.getByText('Xác thực hai lớp đang bật: mỗi lần đăng nhập cần mã từ ứng dụng xác thực.').waitFor();
    await shot(page, 'foundation-account');

    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-username').waitFor();
    await signInAsAdmin(page);
    await page.getByTestId('second-factor-code').waitFor();
    await shot(page, 'foundation-second-factor');
    await typeCode(page, 'second-factor-code', authenticator.generate(totpSecret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('side-nav').waitFor();
    await page.context().close();

    expect(pageErrors).toEqual([]);
  });
});
