import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeriod } from '../server/src/features/demo/demo-history';
import { ReportCatalog } from '../server/src/reporting/report-context';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { shot, watchErrors } from './support';

const DAY = '2024-03-15';
const PERIOD = '20240315';

/**
 * The demo history as a newcomer meets it: generated reports tagged "Dữ liệu minh họa" on
 * the consolidation page and in "Báo cáo của tôi", and "Đang nạp dữ liệu minh họa" while
 * periods of the plan are still to generate. The generator runs on the fixture tree.
 */
describe('demo history (browser)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let baseUrl: string;
  let fixture: Fixture;
  let regime: RegimeFixture;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => during(DAY, '18:00'),
      seed: async ({ db }) => {
        fixture = await seedFixture(db);
        regime = await seedRegime(db);
        await db.transaction().execute((tx) => generatePeriod(tx, new ReportCatalog(), regime.regimeId, PERIOD));
        // One period generated, one still waiting: the pages say the history is loading.
        await db
          .insertInto('demoHistoryPeriods')
          .values([
            { regimeId: regime.regimeId, periodId: PERIOD, loadedAt: new Date() },
            { regimeId: regime.regimeId, periodId: '20240314' },
          ])
          .execute();
      },
    });
    ({ baseUrl, browser } = server);
  });

  afterAll(async () => {
    await server?.close();
  });

  for (const width of [1440, 390])
    it(`tags generated reports and says the history is loading (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
      await context.clock.install({ time: during(DAY, '18:00') });
      const page = watchErrors(await context.newPage(), pageErrors, `approver.h1 ${width}`);
      page.setDefaultTimeout(30_000);
      await page.goto(baseUrl);
      await page.getByTestId('signin-username').fill('approver.h1');
      await page.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('signin-submit').waitFor({ state: 'detached' });

      await page.goto(`${baseUrl}/consolidation?unitId=${fixture.units.H1}&formId=${regime.formId}&period=${PERIOD}`);
      await page.getByTestId('consolidation-title').waitFor();
      await page.getByTestId('demo-data-tag').first().waitFor();
      expect(await page.getByTestId('demo-history-loading').textContent()).toContain(
        'Đang nạp dữ liệu minh họa: 1/2 kỳ báo cáo',
      );
      await shot(page, `demo-history-consolidation-${width}`, { tall: width === 1440 });

      await page.goto(`${baseUrl}/reports?date=${DAY}`);
      await page.getByTestId(`my-report-B03-${PERIOD}`).waitFor();
      await page.getByTestId('demo-history-loading').waitFor();
      await shot(page, `demo-history-my-reports-${width}`);
      await context.close();
      expect(pageErrors).toEqual([]);
    });
});
