/** What every browser journey needs: the built web app and Debian's Chromium. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const WEB = path.join(ROOT, 'web');
export const WEB_DIST = path.join(WEB, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm test` builds the web app first; a missing or stale build is made here. */
export async function ensureWebBuild(): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(WEB, 'src')), statSync(path.join(WEB, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // Vitest sets NODE_ENV=test, and Vite would then make a development build (React and Ant Design
  // warnings on the console, which the journeys count as page errors): build as `npm run build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: WEB, configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** A private copy of the build, so a concurrent rebuild cannot change the files being served. */
export async function snapshotWebBuild(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-web-'));
  await cp(WEB_DIST, dir, { recursive: true });
  return dir;
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}

/** Waits until no Ant Design motion (appear, enter, leave) or spinner is running. */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      // A function, not a string: the app's CSP forbids eval, which a string predicate needs (no DOM types here).
      () =>
        !(globalThis as any).document.querySelector(
          '[class*="-appear"], [class*="-enter"], [class*="-leave"], .ant-spin-spinning',
        ),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => {});
}

/**
 * A screenshot in screenshots/ once the page has settled. `fullPage` captures the whole page
 * from the top; `tall` instead grows the viewport to the page (up to 2,400 px), which keeps
 * sticky bars where a reader sees them.
 */
export async function shot(page: Page, name: string, options: { fullPage?: boolean; tall?: boolean } = {}) {
  const viewport = page.viewportSize()!;
  if (options.tall) {
    const height = await page.evaluate(() => (globalThis as any).document.documentElement.scrollHeight as number);
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 2400) });
  }
  // A full-page capture of a scrolled page would draw the sticky header mid-way.
  if (options.fullPage || options.tall) await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await settle(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
  if (options.tall) await page.setViewportSize(viewport);
}

/**
 * Collects the page's script errors and console errors into `errors` (prefixed with `who`), so a
 * journey can fail on them. The first /auth/me of a visitor answers 401 by design (and offline
 * saves fail); Chromium logs every failed load, so those are not errors of the page.
 */
export function watchErrors(page: Page, errors: string[], who = ''): Page {
  const prefix = who ? `${who}: ` : '';
  page.on('pageerror', (error) => errors.push(`${prefix}${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(`${prefix}${message.text()}`);
  });
  return page;
}

/**
 * A new page of `width` px in Vietnamese and Vietnam's time zone, signed in with the password as
 * `username`, its errors collected into `errors`.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  options: { width: number; username: string; password: string; errors: string[] },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = watchErrors(await context.newPage(), options.errors);
  page.setDefaultTimeout(20_000);
  await page.goto(baseUrl);
  await page.getByTestId('signin-username').fill(options.username);
  await page.getByTestId('signin-password').fill(options.password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('signin-submit').waitFor({ state: 'detached' });
  return page;
}
