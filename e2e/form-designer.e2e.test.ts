import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { periodForDate, periodLabel, type RegimeDefinition } from '@baocao/domain';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
// For the types of the values the global setup provides (inject('pgAdminUrl') in the harness).
import type {} from '../server/test/global-setup';
import { type Client, signIn, type TestDatabase } from '../server/test/harness';
import { fixtureForm, fixtureRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { shot, watchErrors } from './support';

/** The `<input>` (or `<textarea>`) of an Ant Design control, whether the test id sits on it or on its wrapper. */
function control(scope: Page | Locator, testId: string, tag: 'input' | 'textarea' = 'input'): Locator {
  return scope.locator(`${tag}[data-testid="${testId}"], [data-testid="${testId}"] ${tag}`).first();
}

/** Opens a select by its label, types to search, and picks the option showing `option`. */
async function chooseOption(page: Page, label: string, typed: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  if (typed) await input.pressSequentially(typed);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Picks an option of a select found by test id. */
async function selectByTestId(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

const monthlyRegime: RegimeDefinition = {
  ...fixtureRegime,
  name: { vi: 'Báo cáo tình hình kinh tế – xã hội hằng tháng', en: 'Monthly socio-economic report' },
  content: 'Tình hình kinh tế – xã hội của địa phương trong tháng',
  frequency: 'month',
  dataWindow: 'decree09',
  ownerUnitCode: 'CP',
  recipientUnitCodes: ['CP'],
  schedules: [],
  validFrom: '2025-07-01',
  isDemo: true,
};

const quarterlyRegime: RegimeDefinition = {
  ...fixtureRegime,
  name: { vi: 'Báo cáo tình hình giải quyết thủ tục hành chính', en: 'Administrative procedures report' },
  frequency: 'quarter',
  dataWindow: 'decree09',
  ownerUnitCode: 'T2',
  recipientUnitCodes: [],
  schedules: [],
  validFrom: '2024-01-01',
  validTo: '2025-12-31',
};

describe('form designer journey (browser)', () => {
  let database: TestDatabase;
  let fixture: Fixture;
  let server: BrowserServer;
  let app: App;
  let browser: Browser;
  let baseUrl: string;
  let downloads: string;
  const pageErrors: string[] = [];

  async function seedRegimes(api: Client): Promise<void> {
    const daily = await api.request('POST', '/api/v1/regimes', { code: 'BC-NGAY-68', definition: fixtureRegime });
    expect(daily.status).toBe(201);
    const form = await api.request('POST', `/api/v1/regimes/${daily.json.id}/forms`, {
      code: fixtureForm.code,
      title: fixtureForm.title,
      definition: fixtureForm,
    });
    expect(form.status).toBe(201);
    expect((await api.request('POST', `/api/v1/form-versions/${form.json.id}/publish`)).status).toBe(200);
    expect((await api.request('POST', `/api/v1/regimes/${daily.json.id}/activate`, { version: 1 })).status).toBe(200);
    for (const [code, definition] of [
      ['BC-KTXH-THANG', monthlyRegime],
      ['BC-TTHC-QUY', quarterlyRegime],
    ] as const) {
      expect((await api.request('POST', '/api/v1/regimes', { code, definition })).status).toBe(201);
    }
  }

  beforeAll(async () => {
    server = await startBrowserServer({
      seed: async ({ db }) => {
        fixture = await seedFixture(db);
      },
    });
    ({ app, baseUrl, browser, database } = server);
    downloads = await mkdtemp(path.join(os.tmpdir(), 'baocao-e2e-'));
    await seedRegimes(await signIn(app, 'admin', FIXTURE_PASSWORD));
  });

  afterAll(async () => {
    await server?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
    });
    const page = watchErrors(await context.newPage(), pageErrors);
    page.setDefaultTimeout(20_000);
    return page;
  }

  it('creates a regime, designs, checks, publishes and versions a form, and downloads its Excel template', async () => {
    const page = await newPage();
    await page.goto(baseUrl);
    await page.getByTestId('signin-username').fill('admin');
    await page.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
    await page.getByTestId('signin-submit').click();

    // The catalogue: every regime with its frequency, agency, status, validity and forms.
    await page.getByTestId('side-nav').getByText('Chế độ báo cáo', { exact: true }).click();
    await page.waitForURL(/\/regimes$/);
    const table = page.getByTestId('regimes-table');
    const dailyRow = table.getByRole('row').filter({ hasText: 'BC-NGAY-68' });
    await dailyRow.waitFor();
    const dailyText = await dailyRow.textContent();
    for (const text of ['Báo cáo thử nghiệm hằng ngày', 'Hằng ngày', 'Đang áp dụng', 'Từ 01/07/2021'])
      expect(dailyText).toContain(text);
    const monthlyText = await table.getByRole('row').filter({ hasText: 'BC-KTXH-THANG' }).textContent();
    for (const text of ['Hằng tháng', 'Chính phủ', 'Dữ liệu minh họa', 'Dự thảo']) expect(monthlyText).toContain(text);
    expect(await table.getByRole('row').filter({ hasText: 'BC-TTHC-QUY' }).textContent()).toContain(
      '01/01/2024 – 31/12/2025',
    );
    await shot(page, 'regime-catalogue');

    // Search ignores diacritics; the frequency filter narrows the list.
    await page.getByTestId('regime-search').fill('thu tuc hanh chinh');
    // Poll for the expected row itself: the previous list may still be on screen for a moment.
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'BC-TTHC-QUY' }).count()).toBe(1);
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'BC-' }).count()).toBe(1);
    await page.getByTestId('regime-search').fill('');
    await selectByTestId(page, 'regime-filter-frequency', 'Hằng tháng');
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'BC-KTXH-THANG' }).count()).toBe(1);
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'BC-' }).count()).toBe(1);
    // As a person does it: the clear icon shows when the pointer is over the select.
    await page.getByTestId('regime-filter-frequency').hover();
    await page.getByTestId('regime-filter-frequency').locator('.ant-select-clear').click();
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'BC-' }).count()).toBe(3);

    // A new regime: a code already taken is refused next to the code.
    await page.getByTestId('create-regime').click();
    await page.waitForURL(/\/regimes\/new$/);
    await page.getByTestId('regime-code').fill('BC-NGAY-68');
    await page.getByTestId('regime-name-vi').fill('Báo cáo kết quả giải quyết hồ sơ hằng quý');
    await page.getByTestId('regime-name-en').fill('Quarterly report on applications handled');
    await chooseOption(page, 'Cơ quan chủ trì (ban hành)', 'lao dong', 'Bộ Lao động – Thương binh và Xã hội');
    await chooseOption(page, 'Tần suất thực hiện báo cáo', '', 'Hằng quý');
    await page.getByLabel('2. Nội dung yêu cầu báo cáo').fill('Số hồ sơ tiếp nhận và đã giải quyết trong quý.');
    await page.getByTestId('regime-outline').fill('I. Tình hình chung\nII. Kết quả giải quyết hồ sơ\nIII. Kiến nghị');
    // The Decree 09 cut-off rule is explained with the current period's window.
    await page.getByText('Báo cáo quý: từ ngày 15 của tháng trước kỳ báo cáo').waitFor();
    await page.getByRole('button', { name: 'Dùng lịch mẫu' }).click();
    await page.getByText('Báo cáo tháng theo Nghị định 09 (ngày làm việc sau ngày chốt)').click();
    await page.getByTestId('schedule-1').waitFor();
    await page.getByTestId('regime-save').click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').first().textContent())
      .toContain('Đối tượng đã tồn tại');
    await page.getByTestId('regime-code').fill('BC-E2E-HOSO');
    await page.getByTestId('regime-save').click();
    await page.waitForURL(/\/regimes\/\d+$/);
    await page.getByText('Đã tạo chế độ báo cáo').first().waitFor();
    const regimeUrl = page.url();

    // The schedule preview: the server's instants for the current quarter, in Vietnam time.
    const preview = page.getByTestId('schedule-preview');
    await preview.scrollIntoViewIfNeeded();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const quarter = periodForDate('quarter', today);
    await preview.getByText(periodLabel(quarter, 'vi')).waitFor();
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(2);
    expect(await preview.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} 17:00/);
    await shot(page, 'regime-editor', { fullPage: true });

    // A form of the regime, designed in the browser.
    await page.getByTestId('add-form').click();
    await page.getByTestId('new-form-code').fill('B01');
    await page.getByTestId('new-form-title').fill('Biểu 01: Kết quả giải quyết hồ sơ');
    await page.getByRole('button', { name: 'Tạo và thiết kế' }).click();
    await page.waitForURL(/\/regimes\/\d+\/forms\/\d+$/);
    await page.getByTestId('structure-editor').waitFor();
    await control(page, 'section-0-title').fill('Kết quả giải quyết hồ sơ');

    const drawer = page.getByTestId('field-editor');
    const addField = async (code: string, label: string, unit: string) => {
      await page.getByTestId('add-field-0').click();
      await control(drawer, 'field-code').fill(code);
      await control(drawer, 'field-label-vi').fill(label);
      await control(drawer, 'field-unit').fill(unit);
      // Closes the unit suggestions (Escape would close the drawer).
      await drawer.locator('.ant-drawer-title').click();
    };
    await addField('tiep_nhan', 'Số hồ sơ tiếp nhận', 'hồ sơ');
    await drawer.getByTestId('field-required').click();
    await drawer.getByTestId('field-editor-done').click();
    await addField('da_giai_quyet', 'Số hồ sơ đã giải quyết', 'hồ sơ');
    await drawer.getByTestId('field-editor-done').click();

    // A computed ratio: an unfinished formula is pointed at its column, then completed.
    await page.getByTestId('add-computed-field-0').click();
    await control(drawer, 'field-code').fill('ty_le');
    await control(drawer, 'field-label-vi').fill('Tỷ lệ hồ sơ đã giải quyết');
    await selectByTestId(page, 'field-type', 'Tỷ lệ %');
    await control(drawer, 'field-unit').fill('%');
    await drawer.locator('.ant-drawer-title').click();
    const formula = control(drawer, 'field-expression-input', 'textarea');
    await formula.fill('round(#{da_giai_quyet} / #{tiep_nhn} * 100, 1)');
    const formulaErrors = drawer.getByTestId('field-expression-errors');
    await expect.poll(() => formulaErrors.textContent()).toContain('Dòng 1, cột 26:');
    expect(await formulaErrors.textContent()).toContain("Biểu mẫu không có chỉ tiêu 'tiep_nhn'");
    await formula.fill('round(#{da_giai_quyet} / #{tiep_nhan} * 100, 1');
    await expect.poll(() => formulaErrors.textContent()).toContain('Dòng 1, cột 47:');
    await formulaErrors.scrollIntoViewIfNeeded();
    await shot(page, 'form-designer-field');
    await formula.fill('round(#{da_giai_quyet} / #{tiep_nhan} * 100, 1)');
    await formulaErrors.waitFor({ state: 'detached' });
    await drawer.getByTestId('field-editor-done').click();
    await drawer.waitFor({ state: 'hidden' });
    const fields = page.getByTestId('section-0-fields');
    for (const code of ['tiep_nhan', 'da_giai_quyet', 'ty_le']) await fields.getByText(code, { exact: true }).waitFor();

    // Renaming a field rewrites the formula that uses it; renaming it back restores it.
    const renameField = async (from: string, to: string) => {
      await page.getByTestId(`edit-field-${from}`).click();
      await control(drawer, 'field-code').fill(to);
      await drawer.getByTestId('field-editor-done').click();
      await page.getByText(`Đã đổi 1 tham chiếu trong công thức và quy tắc từ mã “${from}” sang “${to}”.`).waitFor();
    };
    await renameField('da_giai_quyet', 'da_xu_ly');
    await page.getByTestId('edit-field-ty_le').click();
    await expect
      .poll(() => control(drawer, 'field-expression-input', 'textarea').inputValue())
      .toBe('round(#{da_xu_ly} / #{tiep_nhan} * 100, 1)');
    await drawer.getByTestId('field-editor-done').click();
    await renameField('da_xu_ly', 'da_giai_quyet');

    // A rule, tried on sample values as it is typed.
    await page.getByTestId('designer-tab-rules').click();
    await page.getByTestId('add-rule').click();
    const rule = page.getByTestId('rule-editor');
    await control(rule, 'rule-code', 'input').fill('qt_giai_quyet');
    await control(rule, 'rule-left-input', 'textarea').fill('#{da_giai_quyet}');
    await control(rule, 'rule-right-input', 'textarea').fill('#{tiep_nhan} +');
    await expect.poll(() => rule.getByTestId('rule-right-errors').textContent()).toContain('Dòng 1, cột 15:');
    await control(rule, 'rule-right-input', 'textarea').fill('#{tiep_nhan}');
    await control(rule, 'rule-message-vi', 'textarea').fill('Số hồ sơ đã giải quyết không được vượt số tiếp nhận.');
    const result = rule.getByTestId('rule-result');
    await control(rule, 'sample-tiep_nhan').fill('100');
    await control(rule, 'sample-da_giai_quyet').fill('120');
    await expect
      .poll(() => result.textContent())
      .toContain('Vi phạm: Số hồ sơ đã giải quyết không được vượt số tiếp nhận.');
    expect(await result.textContent()).toContain('chênh lệch 20');
    await control(rule, 'sample-da_giai_quyet').fill('80');
    await expect.poll(() => result.textContent()).toContain('Đạt');
    await shot(page, 'form-designer', { fullPage: true });

    // The preview is the entry grid with the sample values; the ratio is computed.
    await page.getByTestId('designer-tab-preview').click();
    const grid = page.getByTestId('preview-grid');
    await grid.getByText('Số hồ sơ tiếp nhận').waitFor();
    await expect.poll(() => grid.textContent()).toContain('80');
    await shot(page, 'form-designer-preview');

    // Save, check on the server, publish version 1.
    await page.getByTestId('designer-save').click();
    await page.getByText('Đã lưu bản nháp.').first().waitFor();
    await page.getByTestId('designer-check').click();
    await expect
      .poll(() => page.getByTestId('designer-check-result').textContent())
      .toContain('Biểu mẫu hợp lệ, có thể ban hành');
    await page.getByTestId('designer-publish').click();
    const publishModal = page.getByTestId('version-diff');
    await publishModal.getByText('Phiên bản 1 là phiên bản đầu tiên').waitFor();
    await publishModal.getByTestId('diff-added-ty_le').waitFor();
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('designer-published').textContent()).toContain('Đã ban hành phiên bản 1');
    expect(await page.getByTestId('designer-status').textContent()).toContain('Đã ban hành');
    await expect(page.getByTestId('designer-save').count()).resolves.toBe(0);

    // Version 2: a copy of the published one, changed, and its differences before publishing.
    await page.getByTestId('designer-new-draft').click();
    await page.waitForURL(/version=\d+/);
    await expect.poll(() => page.getByTestId('designer-status').textContent()).toContain('Phiên bản 2');
    await page.getByTestId('edit-field-da_giai_quyet').click();
    await control(drawer, 'field-label-vi').fill('Số hồ sơ đã giải quyết đúng và trước hạn');
    await drawer.getByTestId('field-editor-done').click();
    await addField('qua_han', 'Số hồ sơ giải quyết quá hạn', 'hồ sơ');
    await drawer.getByTestId('field-editor-done').click();
    await control(page, 'section-0-title').fill('Kết quả giải quyết hồ sơ trong kỳ');
    await page.getByTestId('designer-publish').click();
    const diff = page.getByTestId('version-diff');
    await diff.getByText('So với phiên bản 1 đang áp dụng, phiên bản 2 thay đổi:').waitFor();
    await diff.getByTestId('diff-added-qua_han').waitFor();
    expect(await diff.getByTestId('diff-changed-da_giai_quyet').textContent()).toContain(
      'Số hồ sơ đã giải quyết đúng và trước hạn',
    );
    await shot(page, 'publish-diff');
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('designer-published').textContent()).toContain('Đã ban hành phiên bản 2');
    await page.getByTestId('designer-tab-history').click();
    const history = page.getByTestId('version-history');
    expect(await history.getByRole('row').filter({ hasText: 'v2' }).textContent()).toContain('Đã ban hành');
    expect(await history.getByRole('row').filter({ hasText: 'v1' }).textContent()).toContain('Đã thay thế');

    // The Excel template for a district and the current quarter.
    await page.getByTestId('template-download').click();
    // The unit is searched on the server: a click while the answer replaces the list can land on the
    // option before it (the caller's own unit). Choose until the select shows the unit (at most three tries).
    const unitSelect = page.locator('.ant-select').filter({ has: page.getByLabel('Đơn vị báo cáo', { exact: true }) });
    for (let attempt = 1; ; attempt++) {
      await chooseOption(page, 'Đơn vị báo cáo', 'dong van', 'UBND huyện Đồng Văn');
      const shown = await unitSelect.textContent();
      if (shown?.includes('Đồng Văn')) break;
      if (attempt === 3) expect(shown).toContain('Đồng Văn');
    }
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('template-download-ok').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(`B01_H1_${quarter.id}.xlsx`);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('B01')!;
    expect(sheet.getCell('A1').value).toBe('Chế độ báo cáo: Báo cáo kết quả giải quyết hồ sơ hằng quý');
    expect(sheet.getCell('A2').value).toBe('Biểu 01: Kết quả giải quyết hồ sơ');
    expect(sheet.getCell('A3').value).toBe('Biểu số: B01 — phiên bản 2');
    expect(sheet.getCell('A4').value).toBe('Đơn vị báo cáo: UBND huyện Đồng Văn (mã H1)');
    expect(String(sheet.getCell('A5').value)).toContain(`Kỳ báo cáo: ${periodLabel(quarter, 'vi')} (từ ngày`);
    const meta = workbook.getWorksheet('_baocao')!;
    expect(meta.state).toBe('hidden');
    const metadata = new Map<string, unknown>();
    const addresses = new Map<string, string>();
    meta.eachRow((row) => {
      const key = String(row.getCell(1).value ?? '');
      metadata.set(key, row.getCell(2).value);
      if (/^[a-z_]+$/.test(key) && /^[A-Z]+\d+$/.test(String(row.getCell(2).value))) {
        addresses.set(key, String(row.getCell(2).value));
      }
    });
    expect(meta.getCell('A1').value).toBe('baocao-template');
    expect(metadata.get('formCode')).toBe('B01');
    expect(metadata.get('formVersionNumber')).toBe(2);
    expect(metadata.get('formVersionStatus')).toBe('published');
    expect(metadata.get('unitId')).toBe(fixture.units.H1);
    expect(metadata.get('unitCode')).toBe('H1');
    expect(metadata.get('periodId')).toBe(quarter.id);
    expect([...addresses.keys()]).toEqual(['tiep_nhan', 'da_giai_quyet', 'ty_le', 'qua_han']);

    // The section heading and the list's column headers, then one row per field.
    const receivedCell = sheet.getCell(addresses.get('tiep_nhan')!);
    const headerRow = sheet.getRow(Number(receivedCell.row) - 1);
    expect([1, 2, 3, 4].map((c) => headerRow.getCell(c).value)).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu']);
    expect(sheet.getRow(Number(receivedCell.row) - 2).getCell(1).value).toBe('I. Kết quả giải quyết hồ sơ trong kỳ');
    const label = sheet.getCell(`B${receivedCell.row}`);
    expect(label.value).toBe('Số hồ sơ tiếp nhận');
    expect(label.protection?.locked).not.toBe(false);
    expect(sheet.getCell(`C${receivedCell.row}`).value).toBe('hồ sơ');
    // Input cells are unlocked and validated as whole numbers from 0 (the designer's default minimum).
    expect(receivedCell.protection?.locked).toBe(false);
    expect(receivedCell.dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      showErrorMessage: true,
    });
    expect(sheet.getCell(addresses.get('qua_han')!).dataValidation?.type).toBe('whole');
    expect(sheet.getCell(`B${sheet.getCell(addresses.get('da_giai_quyet')!).row}`).value).toBe(
      'Số hồ sơ đã giải quyết đúng và trước hạn',
    );
    // The computed ratio is a locked formula over the two input cells.
    const ratio = sheet.getCell(addresses.get('ty_le')!);
    expect(ratio.protection?.locked).not.toBe(false);
    expect(ratio.formula).toBe(
      `IFERROR(ROUND(((${addresses.get('da_giai_quyet')}/${addresses.get('tiep_nhan')})*100),1),"")`,
    );
    expect((sheet as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection).toMatchObject({
      sheet: true,
    });

    // Every form has a published version, so the regime can be put in force.
    await page.goto(regimeUrl);
    // The freshly loaded page may still re-render its header (its queries settling) as the confirmation opens; a
    // click that lands while the popover is re-placed sends nothing. So the step is: confirm until the activation
    // request is seen, then require the server's answer to be 200 (its message is printed if not).
    const activationPath = `/regimes/${regimeUrl.split('/').pop()}/activate`;
    let activated: Awaited<ReturnType<typeof page.waitForResponse>> | undefined;
    for (let attempt = 1; !activated; attempt++) {
      const sent = page.waitForResponse((r) => r.url().endsWith(activationPath) && r.request().method() === 'POST', {
        timeout: 10_000,
      });
      try {
        await page.getByTestId('regime-activate').click({ timeout: 10_000 });
        await page.locator('.ant-popconfirm').getByRole('button', { name: 'Ban hành' }).click({ timeout: 10_000 });
        activated = await sent;
      } catch (failure) {
        sent.catch(() => undefined);
        if (attempt === 3) throw failure;
      }
    }
    expect(activated?.status(), await activated?.text()).toBe(200);
    // Activation is a server round trip and a refetch: wait for the status as long as a loaded machine needs.
    await expect
      .poll(() => page.getByTestId('regime-status').first().textContent(), { timeout: 15_000 })
      .toBe('Đang áp dụng');
    expect(await page.getByTestId('regime-forms').textContent()).toContain('Đã ban hành v2');

    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('designs a table section with a disaggregated field and a computed total, previewed as entry will show it', async () => {
    const api = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const regime = await api.request('POST', '/api/v1/regimes', { code: 'BC-BANG', definition: monthlyRegime });
    expect(regime.status).toBe(201);
    const created = await api.request('POST', `/api/v1/regimes/${regime.json.id}/forms`, {
      code: 'B02',
      title: { vi: 'Biểu 02: Hỗ trợ người lao động', en: 'Form 02: support to workers' },
    });
    expect(created.status).toBe(201);

    const page = await newPage();
    await page.goto(baseUrl);
    await page.getByTestId('signin-username').fill('admin');
    await page.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('side-nav').waitFor();
    await page.goto(`${baseUrl}/regimes/${regime.json.id}/forms/${created.json.formId}`);

    // An option set to disaggregate by.
    await page.getByTestId('designer-tab-optionSets').click();
    await page.getByTestId('add-option-set').click();
    await control(page, 'option-set-0-code').fill('gioi_tinh');
    await control(page, 'option-set-0-label').fill('Giới tính');
    await control(page, 'option-set-0-option-0-code').fill('nam');
    await control(page, 'option-set-0-option-0-label').fill('Nam');
    await control(page, 'option-set-0-option-1-code').fill('nu');
    await control(page, 'option-set-0-option-1-label').fill('Nữ');
    // A third option gets the next free code; removed again, two remain.
    await page.getByTestId('option-set-0-add-option').click();
    await expect.poll(() => control(page, 'option-set-0-option-2-code').inputValue()).toBe('lc3');
    await page.getByRole('button', { name: 'Xóa lc3' }).click();
    await expect(page.getByTestId('option-set-0-option-2-code').count()).resolves.toBe(0);

    // A table: one row per option plus a total row, two measures.
    await page.getByTestId('designer-tab-structure').click();
    await control(page, 'section-0-title').fill('Kết quả hỗ trợ');
    await selectByTestId(page, 'section-0-layout', 'Bảng (dòng × cột)');
    for (const [code, label] of [
      ['nam', 'Nam'],
      ['nu', 'Nữ'],
      ['tong', 'Tổng cộng'],
    ] as const) {
      await page.getByTestId('section-0-rows-add').click();
      const index = (await page.locator('[data-testid^="section-0-rows-"][data-testid$="-code"]').count()) - 1;
      await control(page, `section-0-rows-${index}-code`).fill(code);
      await control(page, `section-0-rows-${index}-label`).fill(label);
    }
    await page.getByTestId('section-0-columns-add').click();
    await control(page, 'section-0-columns-0-code').fill('nguoi');
    await control(page, 'section-0-columns-0-label').fill('Số người được hỗ trợ');
    await control(page, 'section-0-columns-0-unit').fill('người');

    const drawer = page.getByTestId('field-editor');
    await page.getByTestId('add-field-0').click();
    await control(drawer, 'field-code').fill('so_nguoi');
    await control(drawer, 'field-label-vi').fill('Số người được hỗ trợ');
    await selectByTestId(page, 'field-disaggregation', 'gioi_tinh');
    await drawer.getByTestId('field-editor-done').click();
    await page.getByTestId('add-computed-field-0').click();
    await control(drawer, 'field-code').fill('tong_nguoi');
    await control(drawer, 'field-label-vi').fill('Tổng số người');
    await control(drawer, 'field-expression-input', 'textarea').fill('sum(#{so_nguoi.nam}, #{so_nguoi.nu})');
    await selectByTestId(page, 'field-row', 'tong');
    await selectByTestId(page, 'field-column', 'nguoi');
    await drawer.getByTestId('field-editor-done').click();
    await expect.poll(() => page.getByTestId('designer-live-check').textContent()).toContain('Không có lỗi');

    // The preview: the entry grid, three rows under the column, the total computed.
    await page.getByTestId('designer-tab-preview').click();
    await page.getByTestId('fill-samples').click();
    const grid = page.getByTestId('preview-grid');
    await grid.getByText('Tổng cộng').waitFor();
    await expect.poll(() => grid.textContent()).toContain('1.745');
    await shot(page, 'form-designer-table');
    await page.getByTestId('designer-save').click();
    await page.getByText('Đã lưu bản nháp.').first().waitFor();
    const saved = await api.request('GET', `/api/v1/form-versions/${created.json.id}`);
    expect(saved.json.definition.sections[0]).toMatchObject({
      layout: 'table',
      rows: [{ code: 'nam' }, { code: 'nu' }, { code: 'tong' }],
      columns: [{ code: 'nguoi', unit: 'người' }],
      fields: [
        { code: 'so_nguoi', disaggregation: 'gioi_tinh', column: 'nguoi' },
        { code: 'tong_nguoi', row: 'tong', column: 'nguoi', expression: 'sum(#{so_nguoi.nam}, #{so_nguoi.nu})' },
      ],
    });
    expect(saved.json.cellKeys).toEqual(['so_nguoi.nam', 'so_nguoi.nu', 'tong_nguoi']);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
  it('keeps the holiday calendar that working-day deadlines skip', async () => {
    const page = await newPage();
    await page.goto(baseUrl);
    await page.getByTestId('signin-username').fill('admin');
    await page.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('side-nav').getByText('Ngày nghỉ lễ', { exact: true }).click();
    await page.waitForURL(/\/holidays$/);

    // 2024: Tết from the lunar calendar, with its weekday.
    await selectByTestId(page, 'holiday-year', '2024');
    const tet = page.getByTestId('holiday-2024-02-10');
    await tet.waitFor();
    expect(await tet.textContent()).toContain('10/02/2024');
    expect(await tet.textContent()).toContain('Thứ Bảy');
    expect(await tet.textContent()).toContain('Tết Nguyên đán (mùng 1)');

    // The Prime Minister adds a day off: it is added, renamed, and made a working day again.
    await page.getByTestId('holiday-add').click();
    const dialog = page.locator('.ant-modal');
    await page.getByTestId('holiday-date').click();
    await page.getByTestId('holiday-date').fill('03/06/2024');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Nhập tên ngày nghỉ.').waitFor();
    await page.getByTestId('holiday-name-vi').fill('Nghỉ bổ sung theo quyết định của Thủ tướng');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu ngày nghỉ 03/06/2024.').waitFor();
    const added = page.getByTestId('holiday-2024-06-03');
    await expect.poll(() => added.textContent()).toContain('Nghỉ bù');
    await shot(page, 'holidays');
    await added.getByTestId('holiday-edit').click();
    await page.getByTestId('holiday-name-vi').fill('Nghỉ bù Quốc khánh');
    await page.getByTestId('holiday-name-en').fill('National Day (compensatory)');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => added.textContent()).toContain('Nghỉ bù Quốc khánh');
    const stored = await database.db
      .selectFrom('holidays')
      .select(['nameVi', 'nameEn', 'kind'])
      .where('date', '=', '2024-06-03')
      .executeTakeFirst();
    expect(stored).toEqual({
      nameVi: 'Nghỉ bù Quốc khánh',
      nameEn: 'National Day (compensatory)',
      kind: 'compensatory',
    });
    await added.getByTestId('holiday-remove').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Bỏ' }).click();
    await page.getByText('Ngày 03/06/2024 đã là ngày làm việc.').waitFor();
    await added.waitFor({ state: 'detached' });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
