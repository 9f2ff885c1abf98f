/**
 * Digital signatures in Chromium: the administrator issues a unit's certificate on "Chứng thư số";
 * the unit's officer signs its submitted report ("Ký số") and downloads the .json and .p7s; signed
 * out, /verify finds them valid, and a tampered .json invalid, naming the cell; a generated report
 * is signed on its page and its signed PDF verifies, there and at /verify. 1440 and 390 px;
 * screenshots in screenshots/signatures-*.png.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { newPage, PHONE, shot, signedInPage } from './support';

const DAY = '20240401';

describe('digital signatures (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let browser: Browser;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  let admin: Client;
  let documentId: number;
  const clock = { now: during('2024-04-01') };
  const pageErrors: string[] = [];
  // The files the journey downloads, verified later signed out.
  const files: { json?: Buffer; p7s?: Buffer; pdf?: Buffer } = {};

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        rg = await seedRegime(db);
      },
    });
    ({ app, baseUrl, browser } = server);
    admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const officer = await signIn(app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const sent = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: DAY,
      values: { nhan: 12, duyet: 5, tien: 30 },
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    clock.now = during('2024-05-05', '09:00');
    const made = await admin.request('POST', '/api/v1/document-templates', {
      code: 'BC-KY-SO',
      name: 'Báo cáo tháng huyện H1',
      regimeId: rg.regimeId,
      unitId: fx.units.H1,
      scheduleDay: null,
      definition: {
        periodType: 'month',
        issuer: { governingBody: 'Ủy ban nhân dân huyện Đồng Văn', agency: 'Phòng Lao động - Thương binh và Xã hội' },
        symbol: 'BC-LĐTBXH',
        place: 'Đồng Văn',
        title: 'Tình hình tiếp nhận hồ sơ {ky_bao_cao}',
        narrative: 'Trong {ky_bao_cao}, toàn huyện tiếp nhận {ho_so} hồ sơ.',
        values: [{ key: 'ho_so', field: `${rg.formId}:nhan`, label: 'Số hồ sơ tiếp nhận' }],
        tables: [],
        charts: [],
        compliance: false,
        recipients: [{ name: 'UBND huyện' }],
        signer: { authority: 'KT. Trưởng phòng', position: 'Phó Trưởng phòng', name: 'Nguyễn Văn An' },
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const issued = await admin.request('POST', `/api/v1/document-templates/${made.json.id}/generate`, {
      periodId: '202404',
    });
    expect(issued.status, JSON.stringify(issued.json)).toBe(200);
    documentId = issued.json.id;
  });

  afterAll(async () => {
    await server?.close();
  });

  const pageOptions = (width: number) => ({ width, errors: pageErrors, clock: clock.now, acceptDownloads: true });
  const signedIn = (width: number, username: string): Promise<Page> =>
    signedInPage(browser, baseUrl, { ...pageOptions(width), username, password: FIXTURE_PASSWORD });

  async function downloaded(page: Page, button: Locator): Promise<Buffer> {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return readFile((await download.path())!);
  }

  async function pickUnit(page: Page, picker: Locator, typed: string, name: string) {
    await picker.click();
    await page.keyboard.type(typed);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: name })
      .first()
      .click();
  }

  /** Chooses files on /verify and presses "Kiểm tra"; answers the outcome's text. */
  async function verifyAt(page: Page, chosen: { json?: Buffer; p7s?: Buffer; pdf?: Buffer }): Promise<string> {
    await page.goto(`${baseUrl}/verify`);
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).waitFor();
    if (chosen.json)
      await page
        .locator('input[type=file][accept=".json"]')
        .setInputFiles({ name: 'bao-cao.json', mimeType: 'application/json', buffer: chosen.json });
    if (chosen.p7s)
      await page
        .locator('input[type=file][accept=".p7s"]')
        .setInputFiles({ name: 'bao-cao.p7s', mimeType: 'application/pkcs7-signature', buffer: chosen.p7s });
    if (chosen.pdf)
      await page
        .locator('input[type=file][accept=".pdf"]')
        .setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: chosen.pdf });
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const outcome = page.getByTestId('verification-outcome');
    await outcome.waitFor();
    return (await outcome.textContent()) ?? '';
  }

  it('an administrator issues a unit certificate on "Chứng thư số" (1440 px); a missing unit is named beside its field', async () => {
    const page = await signedIn(1440, 'admin');
    await page.getByTestId('side-nav').getByText('Chứng thư số', { exact: true }).click();
    await page.waitForURL(/\/signing-certificates$/);
    await page.getByTestId('issue-certificate').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: 'Cấp chứng thư số từ CA nội bộ' });
    await dialog.getByRole('button', { name: 'Cấp chứng thư' }).click();
    await dialog.getByText('Vui lòng nhập Đơn vị').waitFor();
    await pickUnit(page, dialog.locator('.ant-select').first(), 'lung cu', 'UBND xã Lũng Cú');
    await dialog.getByRole('button', { name: 'Cấp chứng thư' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByTestId('certificates-table').locator('tr').filter({ hasText: 'UBND xã Lũng Cú' });
    await row.getByText('Còn hiệu lực').waitFor();
    // A PEM that is no certificate: the server's message lands beside the certificate field.
    await page.getByTestId('upload-certificate').click();
    const upload = page.locator('.ant-modal').filter({ hasText: 'Tải lên chứng thư số và khóa ký' });
    await pickUnit(page, upload.locator('.ant-select').first(), 'pho bang', 'UBND thị trấn Phó Bảng');
    await upload.getByLabel('Chứng thư (PEM)').fill('không phải chứng thư');
    await upload.getByLabel('Khóa riêng (PEM)').fill('không phải khóa');
    await upload.getByRole('button', { name: 'Tải lên chứng thư' }).click();
    const certificateItem = upload.locator('.ant-form-item').filter({ has: page.getByLabel('Chứng thư (PEM)') });
    await certificateItem.locator('.ant-form-item-explain-error').waitFor();
    await shot(page, 'signatures-certificate-error-1440');
    await upload.getByRole('button', { name: 'Hủy' }).click();
    await upload.waitFor({ state: 'hidden' });
    await shot(page, 'signatures-certificates-1440');
    await page.context().close();
  });

  it('the officer signs the submitted report and downloads its .json and .p7s (1440 px)', async () => {
    const page = await signedIn(1440, 'entry_officer.x1');
    await page.goto(`${baseUrl}/reports/entry?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`);
    const card = page.getByTestId('revision-signatures');
    await card.getByText('Chưa ký số').waitFor();
    await card.getByTestId('sign-revision').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Ký số' }).click();
    await card.getByTestId('revision-signature').waitFor();
    await expect(card.getByTestId('signed-by').textContent()).resolves.toBe('Người dùng entry_officer.x1');
    await card
      .getByText(/UBND xã Lũng Cú/)
      .first()
      .waitFor();
    files.json = await downloaded(page, card.getByTestId('download-json'));
    files.p7s = await downloaded(page, card.getByTestId('download-p7s'));
    expect(JSON.parse(files.json.toString('utf8')).format).toBe('baocao.signed-report/1');
    await shot(page, 'signatures-revision-1440', { tall: true });
    await page.context().close();
  });

  it('an approver signs the generated report; its signed PDF verifies on the document page (1440 px)', async () => {
    await admin.request('POST', '/api/v1/signing-certificates/issue', { unitId: fx.units.H1 });
    const page = await signedIn(1440, 'approver.h1');
    await page.goto(`${baseUrl}/documents/${documentId}`);
    const card = page.getByTestId('document-signature');
    await card.getByText('Chưa ký số').waitFor();
    await card.getByTestId('sign-document').click();
    await card.getByTestId('download-signed-pdf').waitFor();
    await expect(card.getByTestId('signed-by').textContent()).resolves.toBe('Người dùng approver.h1');
    files.pdf = await downloaded(page, card.getByTestId('download-signed-pdf'));
    expect(files.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await card
      .locator('input[type=file][accept=".pdf"]')
      .setInputFiles({ name: 'ky-so.pdf', mimeType: 'application/pdf', buffer: files.pdf });
    const result = page.locator('.ant-modal').filter({ hasText: 'Kết quả kiểm tra chữ ký' });
    await result.getByText('Chữ ký hợp lệ: dữ liệu đúng như khi ký').waitFor();
    await shot(page, 'signatures-document-verified-1440');
    await result.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
    await result.waitFor({ state: 'hidden' });
    await shot(page, 'signatures-document-1440', { tall: true });
    await page.context().close();
  });

  for (const width of [1440, PHONE]) {
    it(`signed out, /verify finds the files valid, a tampered .json invalid naming the cell, and the signed PDF valid (${width} px)`, async () => {
      const page = await newPage(browser, { ...pageOptions(width), who: `anonymous@${width}` });
      const valid = await verifyAt(page, { json: files.json!, p7s: files.p7s! });
      expect(valid).toBe('Chữ ký hợp lệ: dữ liệu đúng như khi ký');
      await page.getByText('Người dùng entry_officer.x1').waitFor();
      await shot(page, `signatures-verify-valid-${width}`, { tall: true });

      const data = JSON.parse(files.json!.toString('utf8')) as { cells: Record<string, unknown> };
      const cell = Object.keys(data.cells).find((key) => data.cells[key] === 12)!;
      expect(cell).toBeTruthy();
      const tampered = Buffer.from(
        files.json!.toString('utf8').replace(`${JSON.stringify(cell)}:12`, `${JSON.stringify(cell)}:13`),
        'utf8',
      );
      expect(tampered.equals(files.json!)).toBe(false);
      const invalid = await verifyAt(page, { json: tampered, p7s: files.p7s! });
      expect(invalid).toBe('Chữ ký KHÔNG hợp lệ: dữ liệu đã bị thay đổi hoặc chữ ký hỏng');
      const differences = page.locator('.ant-table').filter({ hasText: 'Các ô khác với dữ liệu đã ký' });
      await differences.getByRole('cell', { name: cell, exact: true }).waitFor();
      await expect(differences.getByRole('cell', { name: '13', exact: true }).count()).resolves.toBe(1);
      await shot(page, `signatures-verify-tampered-${width}`, { tall: true });

      const pdf = await verifyAt(page, { pdf: files.pdf! });
      expect(pdf).toBe('Chữ ký hợp lệ: dữ liệu đúng như khi ký');
      await page.getByText('Người dùng approver.h1').waitFor();
      await shot(page, `signatures-verify-pdf-${width}`, { tall: true });
      await page.context().close();
    });
  }

  it('shows the certificates, the signed report and the signed document at 390 px', async () => {
    const admin390 = await signedIn(PHONE, 'admin');
    await admin390.goto(`${baseUrl}/signing-certificates`);
    await admin390.getByTestId('certificates-table').getByText('UBND xã Lũng Cú').first().waitFor();
    await shot(admin390, `signatures-certificates-${PHONE}`, { tall: true });
    await admin390.goto(`${baseUrl}/documents/${documentId}`);
    await admin390.getByTestId('document-signature').getByTestId('signed-by').waitFor();
    await shot(admin390, `signatures-document-${PHONE}`, { tall: true });
    await admin390.context().close();
    const officer = await signedIn(PHONE, 'entry_officer.x1');
    await officer.goto(`${baseUrl}/reports/entry?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`);
    await officer.getByTestId('revision-signature').waitFor();
    await shot(officer, `signatures-revision-${PHONE}`, { tall: true });
    await officer.context().close();
  });

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
