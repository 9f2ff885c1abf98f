/** What every browser journey needs: the built web app and Debian's Chromium. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
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

/**
 * Debian's Chromium, headless, with the flags this machine needs. Every context it makes (and so
 * every page: `browser.newPage` makes a context too) asks for reduced motion, as a person can in
 * their system's accessibility settings, unless the context's options say otherwise: the app then
 * turns antd's motion off (web/src/app/reduced-motion.ts), so a drawer, modal or dropdown is fully
 * there as soon as it appears and a click never lands on something still sliding in.
 * (Chromium's `--force-prefers-reduced-motion` would not do: Playwright sets `no-preference` on
 * each context by default.)
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options: BrowserContextOptions = {}) => newContext({ ...REDUCED_MOTION, ...options });
  return browser;
}

/** What every journey's browser context asks for unless told otherwise (see `launchChromium`). */
export const REDUCED_MOTION: BrowserContextOptions = { reducedMotion: 'reduce' };

/**
 * Waits until no Ant Design motion (appear, enter, leave) or spinner is running. With reduced
 * motion (every journey's context) antd runs no motion, so this waits for the spinners; the check
 * for motion classes stays for a context that asks for motion.
 */
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
 * The elements of the page that scroll sideways because their content is wider than they are (a
 * table too wide for a phone), each as `tag.class [data-testid]`: none on a page that fits.
 */
export function sidewaysScrolling(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const g = globalThis as any;
    const found: string[] = [];
    for (const element of g.document.querySelectorAll('body *')) {
      const overflowX = g.getComputedStyle(element).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        const owner = element.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
        found.push(`${element.tagName.toLowerCase()}.${String(element.getAttribute('class') ?? '').trim()} [${owner}]`);
      }
    }
    return found;
  });
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
 * Clicks the option showing `text` in the open Ant Design select, once the page has settled. Under
 * load a click during a dropdown's motion could be lost (as a drawer's close was), and the journey
 * then waited for what that choice should have loaded; with reduced motion (every journey's
 * context) the dropdown no longer slides in, and `settle` leaves no motion to wait for.
 */
export async function pickOption(page: Page, text: string): Promise<void> {
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await item.waitFor();
  await settle(page);
  await item.click();
}
