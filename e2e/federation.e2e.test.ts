/**
 * The federation page in Chromium, as the system administrator. A link to a local receiver (it
 * answers as another Baocao's import API would, and can be "down") is created from the form with
 * its code mappings: an address with credentials in it is refused, the message beside that field,
 * then a link that forwards nothing, the message under the forms.
 * A district sends its consolidated report up; the receiver is down, so the item waits with its
 * error; the receiver comes back, “Gửi ngay” cuts the back-off short, and the item log shows it
 * sent, under the receiver's codes, with the same Idempotency-Key as the failed attempt. At 1440
 * and 390 px; the link is edited (its token never shown back) and deleted with confirmation.
 * Screenshots in screenshots/federation-*.png.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { signIn } from '../server/test/harness';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, pickOption, shot, sidewaysScrolling, signedInPage } from './support';

const DAY = '2026-12-01';
const TOKEN = 'bct_lienthong_thu_nghiem_0123456789';
const LINK_NAME = 'Liên thông lên Chính phủ (thử)';

interface Received {
  url: string;
  authorization: string;
  idempotencyKey: string;
  body: any;
  answered: number;
}

describe('the federation page (browser)', () => {
  let server: BrowserServer;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  let receiver: Server;
  let receiverUrl: string;
  /** While false the receiver answers 503, as an instance under maintenance would. */
  let receiverUp = false;
  const received: Received[] = [];
  const clock = { now: during(DAY) };
  const pageErrors: string[] = [];
  let linkId = 0;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
        const answered = receiverUp ? 200 : 503;
        received.push({
          url: request.url ?? '',
          authorization: String(request.headers.authorization ?? ''),
          idempotencyKey: String(request.headers['idempotency-key'] ?? ''),
          body,
          answered,
        });
        response.writeHead(answered, { 'content-type': 'application/json' });
        const rows = Array.isArray(body?.values) ? body.values.length : 0;
        response.end(
          JSON.stringify(
            receiverUp
              ? {
                  status: 'ok',
                  dryRun: false,
                  atomic: true,
                  counts: { rows, created: rows, updated: 0, unchanged: 0, rejected: 0, ignored: 0 },
                  reports: { written: 1, unchanged: 0, rejected: 0 },
                  conflicts: [],
                  conflictCount: 0,
                }
              : { code: 'SERVICE_UNAVAILABLE', message: 'Hệ thống đang bảo trì.' },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    server = await startBrowserServer({
      clock: () => clock.now,
      jobs: true,
      consolidation: true,
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        rg = await seedRegime(db);
      },
    });
    baseUrl = server.baseUrl;
  });

  afterAll(async () => {
    await server?.close();
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

  /** X1 enters, H1 accepts and sends its consolidated report up: one `report.sent_up` of H1. */
  async function sendUpFromTheDistrict() {
    const commune = await signIn(server.app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const district = await signIn(server.app, 'approver.h1', FIXTURE_PASSWORD);
    const base = { formId: rg.formId, period: DAY.replaceAll('-', '') };
    const entered = await commune.request('POST', '/api/v1/reports/submit', {
      ...base,
      unitId: fx.units.X1,
      values: { nhan: 12, duyet: 9, tien: 30 },
    });
    expect(entered.status, JSON.stringify(entered.json)).toBe(200);
    const accepted = await district.request('POST', `/api/v1/submissions/${entered.json.submissionId}/review`, {
      action: 'accept',
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    await server.worker!.drain();
    const sentUp = await district.request('POST', '/api/v1/reports/submit', { ...base, unitId: fx.units.H1 });
    expect(sentUp.status, JSON.stringify(sentUp.json)).toBe(200);
  }

  it('creates a link with its mappings, shows a field error, and sees an item wait, then sent at 1440 px', async () => {
    const page = await signedIn(1440);
    await page.getByTestId('side-nav').getByText('Liên thông', { exact: true }).click();
    await page.waitForURL(/\/federation/);
    await expect.poll(() => page.getByTestId('federation-table').textContent()).toContain('Chưa có liên kết');
    await page.getByTestId('federation-add').click();
    const form = page.getByTestId('federation-form');
    await form.waitFor();
    await page.getByTestId('federation-name').fill(LINK_NAME);
    // An address with a user and password in it: the form lets it through, the server does not.
    await page.getByTestId('federation-target-url').fill(receiverUrl.replace('http://', 'http://lienthong:matkhau@'));
    await page.getByTestId('federation-token').fill(TOKEN);
    await page.getByTestId('federation-units').click();
    await page.keyboard.type('ha giang');
    await pickOption(page, 'UBND tỉnh Hà Giang');
    await page.keyboard.press('Escape');
    // Nothing forwarded at first: the form row is removed.
    await page.getByTestId('federation-remove-form-0').click();
    await page.getByTestId('federation-save').click();

    // The server refuses the address; its message stands beside the address.
    const urlItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('federation-target-url') });
    await expect.poll(() => urlItem.locator('.ant-form-item-explain').textContent()).toContain('http hoặc https');
    await shot(page, 'federation-field-error-1440');
    await page.getByTestId('federation-target-url').fill(receiverUrl);
    await page.getByTestId('federation-save').click();
    // Then it refuses a link that forwards nothing; the message stands under the forms.
    await expect
      .poll(() => page.getByTestId('federation-error-forms').textContent())
      .toContain('Chọn ít nhất một biểu mẫu hoặc một chỉ tiêu');

    await page.getByTestId('federation-add-form').click();
    await page.getByTestId('federation-regime-0').click();
    const regimeDetail = page.waitForResponse((r) => /\/api\/v1\/regimes\/\d+$/.test(new URL(r.url()).pathname));
    await pickOption(page, 'Báo cáo thử nghiệm hằng ngày');
    await regimeDetail;
    await page.getByTestId('federation-form-select-0').click();
    await pickOption(page, 'B03 —');
    await page.getByTestId('federation-form-code-0').fill('CP-TH/B03G');
    await page.getByTestId('federation-cell-0-add').click();
    await page.getByTestId('federation-cell-0-from-0').fill('nhan');
    await page.getByTestId('federation-cell-0-to-0').fill('tiep_nhan');
    await page.getByTestId('federation-cell-0-add').click();
    await page.getByTestId('federation-cell-0-from-1').fill('duyet');
    await page.getByTestId('federation-cell-0-to-1').fill('duoc_duyet');
    await page.getByTestId('federation-unit-code-add').click();
    await page.getByTestId('federation-unit-code-from-0').fill('H1');
    await page.getByTestId('federation-unit-code-to-0').fill('DONGVAN');
    await shot(page, 'federation-form-1440');
    await page.getByTestId('federation-save').click();
    await form.waitFor({ state: 'detached' });

    const admin = await signIn(server.app, 'admin', FIXTURE_PASSWORD);
    const links = await admin.request('GET', '/api/v1/federation-links');
    expect(links.json.map((l: any) => l.name)).toEqual([LINK_NAME]);
    linkId = links.json[0].id;
    expect(links.json[0]).toMatchObject({
      targetUrl: receiverUrl,
      unitIds: [fx.units.T1],
      forms: [{ formId: rg.formId, code: 'CP-TH/B03G', cells: { nhan: 'tiep_nhan', duyet: 'duoc_duyet' } }],
      unitCodes: { H1: 'DONGVAN' },
      active: true,
    });
    expect(JSON.stringify(links.json)).not.toContain(TOKEN);
    const table = page.getByTestId('federation-table');
    await expect.poll(() => table.textContent()).toContain(LINK_NAME);
    expect(await table.textContent()).toContain('Đang hoạt động');
    expect(await page.getByTestId(`federation-forwarded-${linkId}`).textContent()).toContain('CP-TH/B03G');
    expect(await page.getByTestId(`federation-last-${linkId}`).textContent()).toContain('Chưa gửi mục nào');
    // Saving opened the link's log, empty so far.
    const log = page.getByTestId('federation-log');
    await expect.poll(() => log.textContent()).toContain('Chưa có mục nào');

    // The receiver is down: the district's report waits, with the receiver's answer as its error.
    await sendUpFromTheDistrict();
    await expect
      .poll(() => log.getByTestId('federation-item-status').first().textContent(), { timeout: 60_000 })
      .toBe('Chờ gửi lại');
    expect(await log.getByTestId('federation-item-error').first().textContent()).toContain('HTTP 503');
    await expect.poll(() => log.getByTestId('federation-item').first().textContent()).toContain('UBND huyện Đồng Văn');
    await expect
      .poll(() => page.getByTestId(`federation-status-${linkId}`).textContent(), { timeout: 15_000 })
      .toMatch(/\d+ lỗi liên tiếp/);
    expect(await page.getByTestId(`federation-backlog-${linkId}`).textContent()).toContain('1 đang chờ');
    expect(await page.getByTestId(`federation-last-${linkId}`).textContent()).toContain('HTTP 503');
    await shot(page, 'federation-waiting-1440', { tall: true });

    // The receiver is back; “Gửi ngay” does not wait out the back-off.
    receiverUp = true;
    await page.getByTestId(`federation-send-${linkId}`).click();
    await expect
      .poll(() => log.getByTestId('federation-item-status').first().textContent(), { timeout: 60_000 })
      .toBe('Đã gửi');
    // Every attempt reached the receiver: the failed ones (one, unless the machine was slow enough for
    // the back-off to pass before the click) and the one that went through.
    expect(received.at(-1)!.answered).toBe(200);
    expect(received.slice(0, -1).map((r) => r.answered)).toEqual(received.slice(0, -1).map(() => 503));
    expect(received.length).toBeGreaterThanOrEqual(2);
    const attempts = await log.getByTestId('federation-item-attempts').first().textContent();
    expect(attempts).toContain(`${received.length}HTTP 200`);
    await expect
      .poll(() => page.getByTestId(`federation-backlog-${linkId}`).textContent(), { timeout: 15_000 })
      .toBe('0 đang chờ1 đã gửi0 bị từ chối');
    expect(await page.getByTestId(`federation-status-${linkId}`).textContent()).not.toContain('lỗi liên tiếp');
    expect(await page.getByTestId(`federation-last-${linkId}`).textContent()).toContain('Gửi thành công lúc');

    // What the receiver got: the same request twice under one key, under its own codes.
    expect(new Set(received.map((r) => r.idempotencyKey)).size).toBe(1);
    const delivered = received.at(-1)!;
    expect(delivered.url).toBe('/api/v1/imports?format=native');
    expect(delivered.authorization).toBe(`ApiToken ${TOKEN}`);
    const rows = delivered.body.values as {
      form: string;
      unit: string;
      period: string;
      cell: string;
      value: unknown;
    }[];
    const period = DAY.replaceAll('-', '');
    expect(rows.every((r) => r.form === 'CP-TH/B03G' && r.unit === 'DONGVAN' && r.period === period)).toBe(true);
    const cellValue = (cell: string) => Number(rows.find((r) => r.cell === cell)?.value);
    expect([cellValue('tiep_nhan'), cellValue('duoc_duyet'), cellValue('tien')]).toEqual([12, 9, 30]);
    expect(rows.map((r) => r.cell)).not.toContain('nhan');
    // The receiver's answer, in short, in the log.
    expect(await log.getByTestId('federation-item-summary').first().textContent()).toContain(
      `Bên nhận: ${rows.length} mới`,
    );
    await shot(page, 'federation-sent-1440', { tall: true });
    await page.context().close();
  });

  it('fits a phone at 390 px: the log, the edit form without the token, and delete with confirmation', async () => {
    const page = await signedIn(PHONE);
    await page.getByTestId('nav-toggle').click();
    await page.getByText('Liên thông', { exact: true }).click();
    await page.waitForURL(/\/federation/);
    await page.getByTestId(`federation-items-${linkId}`).click();
    const log = page.getByTestId('federation-log');
    await expect.poll(() => log.getByTestId('federation-item-status').first().textContent()).toBe('Đã gửi');
    const width = () => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(await width()).toBeLessThanOrEqual(PHONE);
    // A phone gets the links and the log as cards, with the same fields and actions: nothing scrolls sideways.
    const card = page.getByTestId('federation-table-card');
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain(LINK_NAME);
    expect(await card.textContent()).toContain('Hàng đợi');
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(await sidewaysScrolling(page)).toEqual([]);
    await shot(page, 'federation-phone-390', { tall: true });

    // Editing shows the mappings as saved, and an empty token field: the token is never shown back.
    await page.getByTestId(`federation-edit-${linkId}`).click();
    const form = page.getByTestId('federation-form');
    await form.waitFor();
    expect(await page.getByTestId('federation-token').inputValue()).toBe('');
    expect(await page.getByTestId('federation-form-code-0').inputValue()).toBe('CP-TH/B03G');
    expect(await page.getByTestId('federation-cell-0-to-0').inputValue()).toBe('tiep_nhan');
    expect(await page.getByTestId('federation-unit-code-to-0').inputValue()).toBe('DONGVAN');
    expect(await form.textContent()).toContain('Để trống để giữ mã đang lưu');
    await shot(page, 'federation-edit-phone-390');
    await page.getByRole('button', { name: 'Hủy' }).click();
    await form.waitFor({ state: 'detached' });

    await page.getByTestId(`federation-delete-${linkId}`).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Xóa' }).click();
    await expect.poll(() => page.getByTestId('federation-table').textContent()).toContain('Chưa có liên kết');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
