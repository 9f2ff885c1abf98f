/**
 * The data exchange pages in Chromium, as the system administrator. Connectors: a connector
 * against the AQI feed the test serves is created from the form (a mapping naming a cell the
 * form lacks is refused, the message beside that cell), paused, run with “Chạy ngay”, and its
 * run shows in the history with its counts once the job runner has imported the feed.
 * Webhooks: a subscription to a local receiver is created (its secret shown once), a report is
 * submitted, and the delivery shows in the log with the receiver's status code. At 1440 and
 * 390 px; screenshots in screenshots/exchange-*.png.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AqiFeed, aqiForm, aqiRegime, startAqiFeed } from '../server/src/features/connectors/aqi-feed';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { signIn } from '../server/test/harness';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, pickOption, shot, sidewaysScrolling, signedInPage } from './support';

const DAY = '2026-12-01';

describe('the data exchange pages (browser)', () => {
  let server: BrowserServer;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  let feed: AqiFeed;
  let receiver: Server;
  let receiverUrl: string;
  const received: { body: string; signature: string }[] = [];
  const clock = { now: during(DAY) };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    feed = await startAqiFeed({
      cities: [
        { code: 'T1', name: 'Hà Giang' },
        { code: 'T2', name: 'Hà Nội' },
      ],
    });
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(request.headers['baocao-signature'] ?? ''),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/baocao`;
    server = await startBrowserServer({
      clock: () => clock.now,
      jobs: true,
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        rg = await seedRegime(db);
        // The AQI regime over the fixture tree: its two provinces stand for the cities.
        await seedRegime(db, { ...aqiRegime, ownerUnitCode: 'CP', recipientUnitCodes: ['CP'] }, aqiForm);
      },
    });
    baseUrl = server.baseUrl;
  });

  afterAll(async () => {
    await server?.close();
    await feed?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  async function signedIn(width: number): Promise<Page> {
    return signedInPage(server.browser, baseUrl, {
      width,
      username: 'admin',
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
    });
  }

  it('creates a connector against a local feed, runs it now and shows the run at 1440 px', async () => {
    const page = await signedIn(1440);
    await page.getByTestId('side-nav').getByText('Kết nối dữ liệu').click();
    await page.waitForURL(/\/connectors/);
    await page.getByTestId('connector-add').click();
    const form = page.getByTestId('connector-form');
    await form.waitFor();
    await page.getByTestId('connector-code').fill('AQI-TEST');
    await page.getByTestId('connector-name').fill('Chỉ số AQI các tỉnh (thử)');
    await page.getByTestId('connector-url').fill(`${feed.url}/aqi.json?date=${DAY}`);
    await page.getByTestId('connector-regime').click();
    await pickOption(page, 'Chỉ số chất lượng không khí');
    await page.getByTestId('connector-form-select').click();
    await pickOption(page, 'AQI —');
    await page.getByTestId('connector-unit').click();
    await page.keyboard.type('chinh phu');
    await pickOption(page, 'Chính phủ');
    // Paused: the minute scheduler starts no run of its own beside the one started here.
    await page.getByTestId('connector-active').click();
    await page.getByTestId('connector-records').fill('$.data');
    await page.getByTestId('connector-unit-path').fill('$.city.code');
    await page.getByTestId('connector-period-path').fill('$.time');
    await page.getByTestId('connector-cell-0').fill('aqi');
    await page.getByTestId('connector-path-0').fill('$.aqi');
    await page.getByTestId('connector-add-value').click();
    await page.getByTestId('connector-cell-1').fill('so2');
    await page.getByTestId('connector-path-1').fill('$.so2');
    await page.getByTestId('connector-save').click();

    // The server refuses the cell the form lacks; its message stands beside that cell.
    const cellItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('connector-cell-1') });
    await expect.poll(() => cellItem.locator('.ant-form-item-explain').textContent()).toContain('so2');
    await shot(page, 'exchange-connector-field-error-1440');
    await page.getByTestId('connector-cell-1').fill('pm25');
    await page.getByTestId('connector-path-1').fill('$.pm25');
    await page.getByTestId('connector-save').click();
    await form.waitFor({ state: 'detached' });

    const table = page.getByTestId('connectors-table');
    await expect.poll(() => table.textContent()).toContain('Chỉ số AQI các tỉnh (thử)');
    expect(await table.textContent()).toContain('Tạm dừng');
    expect(await table.textContent()).toContain('Chưa chạy lần nào');

    await page.getByTestId('connector-run-AQI-TEST').click();
    const history = page.getByTestId('connector-runs');
    await history.waitFor();
    await expect
      .poll(() => history.getByTestId('connector-run-status').first().textContent(), { timeout: 60_000 })
      .toBe('Thành công');
    expect(await history.textContent()).toContain('Chạy tay');
    await expect
      .poll(() => history.getByTestId('connector-run-counts').first().textContent())
      .toContain('4 mới · 0 cập nhật · 0 không đổi · 0 từ chối');
    await expect
      .poll(() => page.getByTestId('connector-last-run-AQI-TEST').textContent(), { timeout: 15_000 })
      .toContain('Thành công');
    await shot(page, 'exchange-connectors-1440', { tall: true });
    await page.context().close();
  });

  it('creates a webhook to a local receiver, shows its secret once and its delivery at 1440 px', async () => {
    const page = await signedIn(1440);
    await page.getByTestId('side-nav').getByText('Webhook', { exact: true }).click();
    await page.waitForURL(/\/webhooks/);
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-url').fill(receiverUrl);
    await page.getByTestId('webhook-description').fill('Hệ thống của Bộ (thử)');
    await page.getByTestId('webhook-units').click();
    await page.keyboard.type('chinh phu');
    await pickOption(page, 'Chính phủ');
    await page.keyboard.press('Escape');
    await page.getByTestId('webhook-save').click();
    const secret = page.getByTestId('webhook-secret');
    await expect.poll(() => secret.textContent()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await shot(page, 'exchange-webhook-secret-1440');
    await page.getByTestId('webhook-secret-saved').click();
    const table = page.getByTestId('webhooks-table');
    await expect.poll(() => table.textContent()).toContain(receiverUrl);
    expect(await table.textContent()).toContain('Báo cáo được gửi');

    // A report of the fixture regime is submitted: the event goes to the receiver.
    const admin = await signIn(server.app, 'admin', FIXTURE_PASSWORD);
    const submitted = await admin.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: DAY.replaceAll('-', ''),
      values: { nhan: 5, duyet: 3 },
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);

    await page
      .getByRole('button', { name: /Nhật ký gửi/ })
      .first()
      .click();
    const log = page.getByTestId('webhook-log');
    await log.waitFor();
    await expect
      .poll(() => log.getByTestId('webhook-delivery-status').first().textContent(), { timeout: 60_000 })
      .toBe('Đã nhận');
    expect(await log.getByTestId('webhook-delivery-attempts').first().textContent()).toContain('204');
    expect(await log.textContent()).toContain('Báo cáo được gửi');
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(received[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'report.submitted', unitId: fx.units.X1 });
    await shot(page, 'exchange-webhooks-1440', { tall: true });

    // Redeliver: one more attempt, marked as a redelivery.
    await log
      .getByRole('button', { name: /Gửi lại/ })
      .first()
      .click();
    await expect
      .poll(() => log.getByTestId('webhook-delivery-attempts').first().textContent(), { timeout: 30_000 })
      .toContain('gửi lại');
    await page.context().close();
  });

  it('fits a phone at 390 px', async () => {
    const page = await signedIn(PHONE);
    await page.getByTestId('nav-toggle').click();
    await page.getByText('Kết nối dữ liệu').click();
    await page.waitForURL(/\/connectors/);
    await page.getByTestId('connector-history-AQI-TEST').click();
    await expect
      .poll(() => page.getByTestId('connector-runs').getByTestId('connector-run-status').first().textContent())
      .toBe('Thành công');
    const width = () => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(await width()).toBeLessThanOrEqual(PHONE);
    // Lists and histories are cards on a phone, with the same fields and actions: nothing scrolls sideways.
    expect(await page.getByTestId('connectors-table-card').count()).toBe(1);
    expect(await page.getByTestId('connectors-table-card').textContent()).toContain('Chỉ số AQI các tỉnh (thử)');
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(await sidewaysScrolling(page)).toEqual([]);
    await shot(page, 'exchange-connectors-phone-390', { tall: true });

    await page.goto(`${baseUrl}/webhooks`);
    await page
      .getByRole('button', { name: /Nhật ký gửi/ })
      .first()
      .click();
    await expect
      .poll(() => page.getByTestId('webhook-log').getByTestId('webhook-delivery-status').first().textContent())
      .toBe('Đã nhận');
    expect(await width()).toBeLessThanOrEqual(PHONE);
    expect(await page.getByTestId('webhooks-table-card').count()).toBe(1);
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(await sidewaysScrolling(page)).toEqual([]);
    await shot(page, 'exchange-webhooks-phone-390', { tall: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
