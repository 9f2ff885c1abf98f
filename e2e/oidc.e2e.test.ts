import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../server/src/app';
import { readSignInConfig } from '../server/src/config';
import { type Fixture, seedFixture } from '../server/test/fixtures';
// For the types of the values the global setup provides (inject('pgAdminUrl') in the harness).
import type {} from '../server/test/global-setup';
import { createTestDatabase, type TestDatabase } from '../server/test/harness';
import { startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestProvider } from '../server/test/oidc-provider';
import { ensureWebBuild, launchChromium, SCREENSHOTS, shot, snapshotWebBuild, watchErrors } from './support';

const LABEL = 'Cổng định danh thử nghiệm';

/** A port nobody listens on now (the provider must know Baocao's callback before Baocao listens). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Signing in with the identity provider in a real browser. Baocao listens on 127.0.0.1 and the
 * provider on localhost: two sites, as in production, so the cookies' SameSite rules are the real
 * ones (the provider sends the browser back with a cross-site navigation).
 */
describe('sign-in with the identity provider (browser)', () => {
  let database: TestDatabase;
  let fx: Fixture;
  let idp: TestProvider;
  /** Passwords and the provider; unknown people are refused. */
  let both: App;
  let bothUrl: string;
  /** The provider only; unknown people get an account without roles. */
  let providerOnly: App;
  let providerOnlyUrl: string;
  let browser: Browser;
  let webSnapshot = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await Promise.all([ensureWebBuild(), mkdir(SCREENSHOTS, { recursive: true })]);
    webSnapshot = await snapshotWebBuild();
    database = await createTestDatabase();
    fx = await seedFixture(database.db);
    const [bothPort, providerOnlyPort] = [await freePort(), await freePort()];
    bothUrl = `http://127.0.0.1:${bothPort}`;
    providerOnlyUrl = `http://127.0.0.1:${providerOnlyPort}`;
    const callback = (base: string) => `${base}/api/v1/auth/oidc/callback`;
    idp = await startTestProvider({ redirectUrls: [callback(bothUrl), callback(providerOnlyUrl)] });
    const env = (base: string) => ({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
      OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
      OIDC_REDIRECT_URL: callback(base),
      OIDC_LABEL: LABEL,
    });
    const deps = {
      db: database.db,
      pool: database.pool,
      config: { secureCookies: false, webDist: webSnapshot, logLevel: 'silent' },
      logger: false,
    } as const;
    both = await buildApp({ ...deps, signIn: readSignInConfig(env(bothUrl)) });
    await both.listen({ host: '127.0.0.1', port: bothPort });
    providerOnly = await buildApp({
      ...deps,
      signIn: readSignInConfig({
        ...env(providerOnlyUrl),
        BAOCAO_PASSWORD_SIGN_IN: 'off',
        OIDC_CREATE_ACCOUNTS: 'on',
        OIDC_ACCOUNT_UNIT: 'T1',
      }),
    });
    await providerOnly.listen({ host: '127.0.0.1', port: providerOnlyPort });
    idp.identities.set('an.nv', {
      login: 'an.nv',
      password: 'Mat-khau-cong-dinh-danh-1',
      subject: 'a1b2c3d4-0001',
      claims: { preferred_username: 'viewer.h1', name: 'Nguyễn Văn An' },
    });
    idp.identities.set('dung.pt', {
      login: 'dung.pt',
      password: 'Mat-khau-cong-dinh-danh-2',
      subject: 'a1b2c3d4-0002',
      claims: {
        preferred_username: 'dung.pt',
        name: 'Phạm Thị Dung',
        email: 'dung.pt@hagiang.gov.vn',
        email_verified: true,
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await both?.close();
    await providerOnly?.close();
    await idp?.close();
    await database?.drop();
    if (webSnapshot) await rm(webSnapshot, { recursive: true, force: true });
  });

  async function newPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 844 }, locale: 'vi-VN' });
    const page = watchErrors(await context.newPage(), pageErrors);
    page.setDefaultTimeout(20_000);
    return page;
  }

  /** At the provider: its login page, then its consent page; it sends the browser back to Baocao. */
  async function signInAtProvider(page: Page, login: string, password: string, screenshot?: string) {
    await page.waitForURL((url) => url.origin === idp.issuer && url.pathname.startsWith('/interaction/'));
    await page.getByLabel('Tên đăng nhập').fill(login);
    await page.getByLabel('Mật khẩu').fill(password);
    if (screenshot) await shot(page, screenshot);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Cho phép' }).click();
  }

  it('at 1440 px: clicks "Đăng nhập bằng …", signs in at the provider and lands signed in to the linked account', async () => {
    const page = await newPage(1440);
    await page.goto(bothUrl);
    const button = page.getByTestId('signin-oidc');
    await expect.poll(() => button.textContent()).toBe(`Đăng nhập bằng ${LABEL}`);
    // Passwords stay possible beside the provider.
    await page.getByTestId('signin-password').waitFor();
    await shot(page, 'oidc-signin-1440');

    await button.click();
    await signInAtProvider(page, 'an.nv', 'Mat-khau-cong-dinh-danh-1', 'oidc-provider-login-1440');

    await page.waitForURL((url) => url.origin === bothUrl && url.pathname === '/reports');
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Người dùng viewer.h1');
    await page.getByTestId('side-nav').getByText('Báo cáo của tôi', { exact: true }).waitFor();
    await shot(page, 'oidc-signed-in-1440');
    const cookies = await page.context().cookies(bothUrl);
    expect(cookies.find((c) => c.name === 'baocao_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.find((c) => c.name === 'baocao_oidc')).toBeUndefined();

    // Signing out ends the Baocao session; the sign-in page offers the provider again.
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-oidc').waitFor();
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('at 390 px: someone without an account is told why, on the sign-in page', async () => {
    idp.identities.set('lan.tt', {
      login: 'lan.tt',
      password: 'Mat-khau-cong-dinh-danh-3',
      subject: 'a1b2c3d4-0003',
      claims: { preferred_username: 'lan.tt', name: 'Trần Thị Lan' },
    });
    const page = await newPage(390);
    await page.goto(bothUrl);
    await page.getByTestId('signin-oidc').click();
    await signInAtProvider(page, 'lan.tt', 'Mat-khau-cong-dinh-danh-3');
    await page.waitForURL((url) => url.origin === bothUrl);
    const alert = page.getByTestId('error-alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('Chưa có tài khoản Baocao nào ứng với danh tính của bạn; hãy đề nghị quản trị đơn vị tạo tài khoản.');
    // The address no longer carries the error: a reload shows a clean page.
    expect(new URL(page.url()).search).toBe('');
    await shot(page, 'oidc-refused-390', { fullPage: true });
    const account = await database.db.selectFrom('users').select('id').where('username', '=', 'lan.tt').execute();
    expect(account).toEqual([]);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('at 390 px, passwords off: only the button; a first sign-in creates an account that awaits its roles', async () => {
    const page = await newPage(390);
    await page.goto(providerOnlyUrl);
    await page.getByTestId('signin-oidc').waitFor();
    await expect(page.getByTestId('signin-password').count()).resolves.toBe(0);
    await shot(page, 'oidc-provider-only-390', { fullPage: true });

    await page.getByTestId('signin-oidc').click();
    const methodsAnswered = page.waitForResponse((r) => r.url() === `${providerOnlyUrl}/api/v1/auth/sign-in-methods`);
    await signInAtProvider(page, 'dung.pt', 'Mat-khau-cong-dinh-danh-2', 'oidc-provider-login-390');
    await page.waitForURL((url) => url.origin === providerOnlyUrl && url.pathname === '/account');
    await methodsAnswered;
    await page.getByText('Xác thực hai lớp', { exact: false }).first().waitFor();
    const notice = page.getByTestId('no-role-notice');
    await expect
      .poll(() => notice.textContent())
      .toContain(
        'Tài khoản dung.pt được tạo khi bạn đăng nhập lần đầu qua nhà cung cấp định danh, tạm đặt tại UBND tỉnh Hà Giang',
      );
    // No password to change where passwords are off.
    await expect(page.getByText('Đổi mật khẩu', { exact: true }).count()).resolves.toBe(0);
    await shot(page, 'oidc-new-account-390', { fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'oidc-new-account-1440');
    const created = await database.db
      .selectFrom('users')
      .select(['unitId', 'displayName', 'passwordHash'])
      .where('username', '=', 'dung.pt')
      .executeTakeFirstOrThrow();
    expect(created).toEqual({ unitId: fx.units.T1, displayName: 'Phạm Thị Dung', passwordHash: null });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
