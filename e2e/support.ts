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

/** The phone width every page is checked at (beside 1440 px). */
export const PHONE = 390;

/** How a journey's browser page is made. */
export interface PageOptions {
  /** At `PHONE` px, a touch phone 844 px high; otherwise a desktop 900 px high. */
  width: number;
  /** The page's script and console errors are collected here. */
  errors: string[];
  /** Names the page in its errors (default: the account and the width, `admin@390`). */
  who?: string;
  /** A fake clock set to this time (the server's clock is the test's to set). */
  clock?: number | Date;
  /** Vietnamese (the default) or English. */
  language?: 'vi' | 'en';
  acceptDownloads?: boolean;
}

/** A new page in Vietnam's time zone, as `options` say, its errors collected; not signed in. */
export async function newPage(browser: Browser, options: PageOptions): Promise<Page> {
  const phone = options.width === PHONE;
  const context = await browser.newContext({
    viewport: { width: options.width, height: phone ? 844 : 900 },
    locale: options.language === 'en' ? 'en-US' : 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  if (options.clock !== undefined) await context.clock.install({ time: options.clock });
  const page = watchErrors(await context.newPage(), options.errors, options.who ?? `@${options.width}`);
  page.setDefaultTimeout(30_000);
  return page;
}

/**
 * A new page (see `newPage`) signed in with the password as `username`, once the navigation
 * (the side menu, or on a phone its toggle) is there.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  options: PageOptions & { username: string; password: string },
): Promise<Page> {
  const page = await newPage(browser, { ...options, who: options.who ?? `${options.username}@${options.width}` });
  await page.goto(baseUrl);
  await page.getByTestId('signin-username').fill(options.username);
  await page.getByTestId('signin-password').fill(options.password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId(options.width === PHONE ? 'nav-toggle' : 'side-nav').waitFor();
  return page;
}

/**
 * Clicks the option showing `text` in the open Ant Design select, once the dropdown has finished
 * sliding in: under load a click during the motion can be lost (as a drawer's close was), and the
 * journey then waits for what that choice should have loaded.
 */
export async function pickOption(page: Page, text: string): Promise<void> {
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await item.waitFor();
  await settle(page);
  await item.click();
}
