import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS_KB, BUNDLE_PAGES, type Manifest, measurePages, pageFiles } from '../web/bundle-budget';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { ensureWebBuild, WEB_DIST } from './support';

// Issue 11: the pages commune officers open on slow links stay within their JavaScript budget.
describe('web bundle budgets', () => {
  let server: BrowserServer;

  beforeAll(async () => {
    await ensureWebBuild();
    server = await startBrowserServer();
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
    const fetched = new Map<string, number>();
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.endsWith('.js')) return;
      fetched.set(url.pathname.slice(1), gzipSync(await response.body(), { level: 9 }).length);
    });
    await page.goto(server.baseUrl);
    await page.getByTestId('signin-submit').waitFor();
    await page.waitForLoadState('networkidle');

    const manifest = JSON.parse(readFileSync(path.join(WEB_DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const measured = pageFiles(manifest, BUNDLE_PAGES['sign-in'] ?? []);
    expect([...fetched.keys()].filter((file) => !measured.includes(file))).toEqual([]);
    const totalKb = [...fetched.values()].reduce((sum, size) => sum + size, 0) / 1000;
    expect(totalKb).toBeGreaterThan(50);
    expect(totalKb).toBeLessThanOrEqual(BUNDLE_BUDGETS_KB['sign-in'] ?? 0);
    await context.close();
  });
});
