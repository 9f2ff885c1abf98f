/**
 * The indicator catalogue and an indicator page in Chromium at 1440 and 390 px, over the
 * demonstration indicators: search without diacritics, open a series, see its chart and
 * releases. Screenshots in screenshots/indicators-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIndicators } from '../server/src/features/demo/demo-indicators';
import { FIXTURE_PASSWORD, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

describe('indicators (browser)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      seed: async ({ db }) => {
        await seedFixture(db);
        await loadDemoIndicators(db, '2026-03-01');
      },
    });
    ({ baseUrl, browser } = server);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(width: number): Promise<Page> {
    return signedInPage(browser, baseUrl, { width, username: 'admin', password: FIXTURE_PASSWORD, errors: pageErrors });
  }

  for (const width of [1440, PHONE])
    it(`at ${width} px: searches the catalogue without diacritics and opens a series with its chart`, async () => {
      const page = await signedIn(width);
      await page.goto(`${baseUrl}/indicators`);
      await page.getByText('Thu ngân sách nhà nước').waitFor();
      await page.getByPlaceholder('Tìm theo mã').fill('no cong');
      await page.getByText('Nợ công so với GDP').waitFor();
      await expect.poll(() => page.getByText('Thu ngân sách nhà nước').count()).toBe(0);
      await shot(page, `indicators-catalogue-${width}`);
      await page.getByText('Nợ công so với GDP').click();
      await page.getByTestId('indicator-chart').locator('canvas').waitFor();
      await page.getByText('Dữ liệu minh họa', { exact: false }).first().waitFor();
      await page.getByRole('cell', { name: '2025', exact: true }).waitFor();
      await shot(page, `indicators-series-${width}`, { fullPage: true });
      expect(pageErrors).toEqual([]);
    });
});
