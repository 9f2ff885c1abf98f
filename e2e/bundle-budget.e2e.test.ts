import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
// For the types of the values the global setup provides (inject('pgAdminUrl') in the harness).
import type {} from '../server/test/global-setup';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { BUNDLE_BUDGETS_KB, BUNDLE_PAGES, type Manifest, measurePages, pageFiles } from '../web/bundle-budget';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { ensureWebBuild, WEB_DIST } from './support';

const DAY = '2024-03-15';
const PERIOD = '20240315';

/** The JavaScript files a page fetches, with each one's gzipped size (level 9, as measured). */
function recordScripts(page: Page): Map<string, number> {
  const fetched = new Map<string, number>();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js')) return;
    fetched.set(url.pathname.slice(1), gzipSync(await response.body(), { level: 9 }).length);
  });
  return fetched;
}

function readManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(WEB_DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

// Issue 11: the pages commune officers open on slow links stay within their JavaScript budget.
describe('web bundle budgets', () => {
  let server: BrowserServer;
  let fixture: Fixture;
  let regime: RegimeFixture;
  const now = during(DAY);

  beforeAll(async () => {
    await ensureWebBuild();
    server = await startBrowserServer({
      clock: () => now,
      seed: async ({ db }) => {
        fixture = await seedFixture(db);
        regime = await seedRegime(db);
      },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('every budgeted page, measured from the build manifest, is within its budget', () => {
    const sizes = measurePages(WEB_DIST);
    const budgeted = sizes.filter((size) => size.budgetKb !== undefined);
    expect(budgeted.map((size) => size.page).sort()).toEqual(Object.keys(BUNDLE_BUDGETS_KB).sort());
    for (const { page, gzipKb, budgetKb } of budgeted) {
      expect({ page, gzipKb, withinBudget: gzipKb <= (budgetKb ?? 0) }).toEqual({ page, gzipKb, withinBudget: true });
    }
  });

  it('the sign-in page in Chromium fetches only the measured files, within the budget', async () => {
    const context = await server.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const fetched = recordScripts(page);
    await page.goto(server.baseUrl);
    await page.getByTestId('signin-submit').waitFor();
    await page.waitForLoadState('networkidle');

    const measured = pageFiles(readManifest(), BUNDLE_PAGES['sign-in'] ?? []);
    expect([...fetched.keys()].filter((file) => !measured.includes(file))).toEqual([]);
    const totalKb = [...fetched.values()].reduce((sum, size) => sum + size, 0) / 1000;
    expect(totalKb).toBeGreaterThan(50);
    expect(totalKb).toBeLessThanOrEqual(BUNDLE_BUDGETS_KB['sign-in'] ?? 0);
    await context.close();
  });

  // What the entry page needs comes before it is interactive, and nothing more: what it fetches only
  // on demand (the phone's menu drawer, the user menu, dialogs) stays out of the first load.
  it.each([1440, 390])(
    'a commune officer opening the entry page at %i px fetches only the measured files',
    async (width) => {
      const viewport = { width, height: 900 };
      // Signed in first, in a context of its own: the entry page then loads with an empty cache.
      const signing = await server.browser.newContext({ viewport, locale: 'vi-VN' });
      const signIn = await signing.newPage();
      await signIn.goto(server.baseUrl);
      await signIn.getByTestId('signin-username').fill('entry_officer.x1');
      await signIn.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
      await signIn.getByTestId('signin-submit').click();
      await signIn.getByTestId(width < 992 ? 'nav-toggle' : 'side-nav').waitFor();
      const storageState = await signing.storageState();
      await signing.close();

      const context = await server.browser.newContext({ viewport, locale: 'vi-VN', storageState });
      await context.clock.install({ time: now });
      const page = await context.newPage();
      const fetched = recordScripts(page);
      await page.goto(
        `${server.baseUrl}/reports/entry?unitId=${fixture.units.X1}&formId=${regime.formId}&period=${PERIOD}`,
      );
      await page.getByTestId('entry-grid').waitFor();
      await page.waitForLoadState('networkidle');

      const measured = pageFiles(readManifest(), BUNDLE_PAGES.entry ?? []);
      expect([...fetched.keys()].filter((file) => !measured.includes(file))).toEqual([]);
      const totalKb = [...fetched.values()].reduce((sum, size) => sum + size, 0) / 1000;
      expect(totalKb).toBeLessThanOrEqual(BUNDLE_BUDGETS_KB.entry ?? 0);
      await context.close();
    },
  );
});
