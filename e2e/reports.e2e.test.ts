import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FieldDefinition, FormDefinition } from '@baocao/domain';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import type { ConsolidationWorker } from '../server/src/jobs/consolidation.job';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
// For the types of the values the global setup provides (inject('pgAdminUrl') in the harness).
import type {} from '../server/test/global-setup';
import { signIn, type TestDatabase } from '../server/test/harness';
import {
  addPublishedForm,
  during,
  fixtureForm,
  fixtureRegime,
  type RegimeFixture,
  seedRegime,
  treasuryCrossForm,
} from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { settle, shot, watchErrors } from './support';

const DAY = '2024-03-15';
const PERIOD = '20240315';

const sum = { hierarchy: 'sum', time: 'last' } as const;
const byGroup = (
  code: string,
  column: string,
  label: string,
  extra: Partial<FieldDefinition> = {},
): FieldDefinition => ({
  code,
  label: { vi: label, en: label },
  type: 'integer',
  min: 0,
  column,
  disaggregation: 'gioi',
  aggregation: sum,
  ...extra,
});
const total = (code: string, column: string, of: string): FieldDefinition => ({
  code,
  label: { vi: 'Cộng', en: 'Total' },
  type: of === 'tien_gioi' ? 'money' : 'integer',
  row: 'cong',
  column,
  expression: `#{${of}.nam} + #{${of}.nu}`,
  aggregation: sum,
});

/** The fixture form, with a table by sex (totals computed) and a narrative part, as officers know them. */
const form: FormDefinition = {
  ...fixtureForm,
  optionSets: [
    {
      code: 'gioi',
      label: { vi: 'Giới tính', en: 'Sex' },
      options: [
        { code: 'nam', label: { vi: 'Nam', en: 'Men' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Women' } },
      ],
    },
  ],
  sections: [
    fixtureForm.sections[0]!,
    {
      code: 'S2',
      title: { vi: 'Chi tiết theo giới tính', en: 'By sex' },
      layout: 'table',
      rows: [
        { code: 'nam', label: { vi: 'Nam', en: 'Men' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Women' } },
        { code: 'cong', label: { vi: 'Cộng', en: 'Total' } },
      ],
      columns: [
        { code: 'duyet', label: { vi: 'Được duyệt', en: 'Approved' }, unit: 'người' },
        { code: 'chi_tra', label: { vi: 'Đã chi trả', en: 'Paid' }, unit: 'người' },
        { code: 'so_tien', label: { vi: 'Số tiền', en: 'Amount' }, unit: 'triệu đồng' },
      ],
      fields: [
        byGroup('duyet_gioi', 'duyet', 'Số người được duyệt'),
        byGroup('chi_tra_gioi', 'chi_tra', 'Số người đã chi trả'),
        byGroup('tien_gioi', 'so_tien', 'Số tiền đã chi', { type: 'money' }),
        total('duyet_cong', 'duyet', 'duyet_gioi'),
        total('chi_tra_cong', 'chi_tra', 'chi_tra_gioi'),
        total('tien_cong', 'so_tien', 'tien_gioi'),
      ],
    },
    {
      code: 'S3',
      title: { vi: 'Đề cương báo cáo', en: 'Outline' },
      layout: 'narrative',
      fields: [
        {
          code: 'tinh_hinh',
          label: { vi: 'Tình hình thực hiện, khó khăn, kiến nghị', en: 'Progress, difficulties, proposals' },
          type: 'text',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
      ],
    },
  ],
  rules: [
    ...fixtureForm.rules,
    {
      code: 'R2',
      left: '#{chi_tra_gioi.nam} + #{chi_tra_gioi.nu}',
      operator: '<=',
      right: '#{duyet_gioi.nam} + #{duyet_gioi.nu}',
      severity: 'warning',
      message: {
        vi: 'Số người đã chi trả lớn hơn số người được duyệt.',
        en: 'More people paid than approved.',
      },
    },
  ],
};

describe('reporting journey (browser)', () => {
  let database: TestDatabase;
  let server: BrowserServer;
  let app: App;
  let worker: ConsolidationWorker;
  let browser: Browser;
  let baseUrl: string;
  let fixture: Fixture;
  let regime: RegimeFixture;
  const clock = { now: during(DAY) };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      jobs: true,
      seed: async ({ db }) => {
        fixture = await seedFixture(db);
        regime = await seedRegime(db, fixtureRegime, form);
      },
    });
    ({ app, baseUrl, browser, database } = server);
    worker = server.worker!;
  });

  afterAll(async () => {
    await server?.close();
  });

  /** A page whose script errors fail the test. */
  function watched(page: Page, who: string): Page {
    page.setDefaultTimeout(30_000);
    return watchErrors(page, pageErrors, who);
  }

  /** A signed-in browser context whose clock agrees with the server's (15:00 on the report day). */
  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    await context.clock.install({ time: clock.now });
    const page = watched(await context.newPage(), username);
    await page.goto(baseUrl);
    await page.getByTestId('signin-username').fill(username);
    await page.getByTestId('signin-password').fill(FIXTURE_PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('side-nav').waitFor();
    return { context, page };
  }

  const query = (unit: number) => `unitId=${unit}&formId=${regime.formId}&period=${PERIOD}`;
  const cell = (page: Page, key: string) => page.getByTestId(`cell-${key}`);
  const shownCell = (page: Page, key: string) => page.locator(`[data-cell="${key}"]`).first();

  it('enters, submits, sees it live at the district, sends up, and the province sees it', async () => {
    // The district approver opens H1's consolidation page and leaves it open.
    const district = await signedIn('approver.h1');
    await district.page.goto(`${baseUrl}/consolidation?${query(fixture.units.H1)}`);
    await district.page.getByTestId('consolidation-title').waitFor();
    await expect.poll(() => district.page.getByTestId('live-indicator').getAttribute('data-connected')).toBe('true');
    await expect.poll(() => district.page.getByTestId('child-status-X1').textContent()).toBe('Chưa gửi');
    expect(await district.page.getByTestId('submitted-count').textContent()).toBe('0/2 đơn vị đã gửi');

    // The commune officer opens "Báo cáo của tôi": today's report, open, with its countdown.
    const commune = await signedIn('entry_officer.x1');
    const officer = commune.page;
    await officer.getByTestId('side-nav').getByText('Báo cáo của tôi', { exact: true }).click();
    await officer.waitForURL(/\/reports$/);
    const row = officer.getByTestId(`my-report-B03-${PERIOD}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Ngày 15/03/2024');
    expect(await row.textContent()).toContain('15/03/2024 16:00');
    await expect.poll(() => row.getByTestId('countdown').textContent()).toMatch(/^Còn \d+ phút \d+ giây$/);
    const yesterday = officer.getByTestId('my-report-B03-20240314');
    await expect.poll(() => yesterday.getByTestId('countdown').textContent()).toMatch(/^Quá hạn 23 giờ/);
    expect(await yesterday.getByTestId('late-badge').textContent()).toBe('Trễ hạn');
    await shot(officer, 'my-reports');

    // The entry page: the form as a table, typed with the keyboard.
    await row.click();
    await officer.waitForURL(/\/reports\/entry\?/);
    await officer.getByTestId('entry-title').waitFor();
    await cell(officer, 'nhan').click();
    await officer.keyboard.type('40');
    await officer.keyboard.press('Tab');
    await officer.keyboard.type('50');
    // Approved above received breaks rule R1: shown beside the cells and in the summary.
    await officer.keyboard.press('Enter');
    await expect
      .poll(() => officer.getByTestId('issues-panel').textContent())
      .toContain('Số được duyệt không vượt quá');
    expect(await officer.locator('[data-cell="duyet"]').getAttribute('class')).toContain('rg-error');
    // Focus is on "tien" after Enter; a vi-VN decimal goes in.
    await officer.keyboard.type('12,5');
    await expect.poll(() => shownCell(officer, 'ty_le').textContent()).toBe('125');
    // Back up to fix "duyet": the computed rate follows as it is typed.
    await officer.keyboard.press('ArrowUp');
    await officer.keyboard.type('30');
    await expect.poll(() => shownCell(officer, 'ty_le').textContent()).toBe('75');
    await expect.poll(() => officer.getByTestId('issues-panel').textContent()).toContain('Không phát hiện lỗi');
    await cell(officer, 'tien').click();
    await expect.poll(() => cell(officer, 'tien').inputValue()).toBe('12,5');

    // The table by sex: arrows move across it, and a block copied from Excel pastes from the focused cell.
    await cell(officer, 'duyet_gioi.nam').click();
    await officer.keyboard.type('18');
    await officer.keyboard.press('ArrowDown');
    await officer.keyboard.type('12');
    await officer.keyboard.press('ArrowUp');
    await officer.keyboard.press('ArrowRight');
    await cell(officer, 'chi_tra_gioi.nam').evaluate((element, text) => {
      // What Excel puts on the clipboard for a 2 × 2 block (this tsconfig has no DOM types).
      const dom = globalThis as any;
      const data = new dom.DataTransfer();
      data.setData('text/plain', text);
      element.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, '15\t7,5\r\n10\t5\r\n');
    await expect.poll(() => cell(officer, 'tien_gioi.nu').inputValue()).toBe('5');
    await expect.poll(() => shownCell(officer, 'duyet_cong').textContent()).toBe('30');
    await expect.poll(() => shownCell(officer, 'chi_tra_cong').textContent()).toBe('25');
    await expect.poll(() => shownCell(officer, 'tien_cong').textContent()).toBe('12,5');
    await cell(officer, 'tinh_hinh').fill('Đã chi trả đủ cho người lao động tạm hoãn hợp đồng; không có khó khăn.');
    // A comment on a cell.
    await cell(officer, 'tien').click();
    await officer.getByTestId('comment-tien').click();
    await officer.getByTestId('comment-input').fill('Số tiền tạm tính đến 15 giờ.');
    await officer.getByRole('button', { name: 'Xong' }).click();
    expect(await officer.getByTestId('comment-tien').getAttribute('class')).toContain('rg-has-comment');

    // Autosaved, and kept across a reload.
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toMatch(/Đã lưu lúc \d\d:\d\d:\d\d$/);
    // The district's open page hears of the draft at once.
    await expect
      .poll(() => district.page.getByTestId('child-status-X1').textContent(), { timeout: 10_000 })
      .toBe('Đang soạn');
    await officer.reload();
    await expect.poll(() => cell(officer, 'tien_gioi.nam').inputValue()).toBe('7,5');
    await expect.poll(() => shownCell(officer, 'ty_le').textContent()).toBe('75');

    // Someone else at the district saves the same draft meanwhile: the officer's next save is refused,
    // and she merges (their outline text, her new amount) — nothing is overwritten silently.
    const colleague = await signIn(app, 'unit_admin.h1', FIXTURE_PASSWORD);
    const report = await colleague.request('GET', `/api/v1/reports?${query(fixture.units.X1)}`);
    const otherText = 'Huyện đã rà soát: số liệu khớp với danh sách chi trả.';
    const saved = await colleague.request('PUT', '/api/v1/reports/draft', {
      unitId: fixture.units.X1,
      formId: regime.formId,
      period: PERIOD,
      values: { ...report.json.submission.draft, tinh_hinh: otherText },
      comments: report.json.submission.draftComments,
      baseVersion: report.json.submission.draftVersion,
    });
    expect(saved.status).toBe(200);
    await cell(officer, 'tien').click();
    await officer.keyboard.type('13,5');
    const conflict = officer.getByTestId('conflict-modal');
    await expect.poll(() => conflict.textContent(), { timeout: 10_000 }).toContain('Bản của bạn');
    expect(await conflict.getByRole('row').filter({ hasText: 'Số tiền đã chi' }).textContent()).toContain('13,5');
    await shot(officer, 'entry-conflict');
    await officer.getByTestId('conflict-merge').click();
    await expect.poll(() => cell(officer, 'tinh_hinh').inputValue()).toBe(otherText);
    await expect
      .poll(() => officer.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toMatch(/Đã lưu lúc/);
    const merged = await colleague.request('GET', `/api/v1/reports?${query(fixture.units.X1)}`);
    expect(merged.json.submission.draft).toMatchObject({ tien: 13.5, tinh_hinh: otherText });
    expect(merged.json.submission.draftComments).toEqual({ tien: 'Số tiền tạm tính đến 15 giờ.' });

    // The connection drops: what is typed stays on the device, and comes back after the tab is closed.
    await commune.context.setOffline(true);
    await cell(officer, 'chi_tra_gioi.nu').click();
    await officer.keyboard.type('9');
    await expect.poll(() => officer.getByTestId('save-status').textContent()).toContain('mất kết nối');
    const entryUrl = officer.url();
    await officer.close();
    await commune.context.setOffline(false);
    const reopened = watched(await commune.context.newPage(), 'entry_officer.x1');
    await reopened.goto(entryUrl);
    await reopened.getByTestId('restored-alert').waitFor();
    await expect.poll(() => cell(reopened, 'chi_tra_gioi.nu').inputValue()).toBe('9');
    await expect.poll(() => shownCell(reopened, 'chi_tra_cong').textContent()).toBe('24');
    await expect
      .poll(() => reopened.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toMatch(/Đã lưu lúc/);
    await cell(reopened, 'nhan').focus();
    await shot(reopened, 'entry-page', { tall: true });

    // Submit: on time, stamped by the server clock.
    await reopened.getByTestId('submit-report').click();
    await expect.poll(() => reopened.getByTestId('submit-result').textContent()).toContain('đúng hạn');
    await expect.poll(() => reopened.getByTestId('current-revision').textContent()).toContain('Lần 1');
    expect(await reopened.getByTestId('state-tag').first().textContent()).toBe('Đã gửi');

    // The district page, never reloaded, shows X1 and the new totals.
    const page = district.page;
    await expect.poll(() => page.getByTestId('child-status-X1').textContent(), { timeout: 10_000 }).toBe('Đúng hạn');
    await expect.poll(() => shownCell(page, 'nhan').textContent()).toBe('40');
    await expect.poll(() => shownCell(page, 'tien').textContent()).toBe('13,5');
    await expect.poll(() => shownCell(page, 'ty_le').textContent()).toBe('75');
    expect(await page.getByTestId('submitted-count').textContent()).toBe('1/2 đơn vị đã gửi');

    // Drill a figure down to the revision and officer behind it.
    await shownCell(page, 'tien').click();
    const drawer = page.getByTestId('drilldown-table');
    await drawer.getByText('UBND xã Lũng Cú').waitFor();
    const lungCu = drawer.getByRole('row').filter({ hasText: 'UBND xã Lũng Cú' });
    expect(await lungCu.textContent()).toContain('13,5');
    expect(await lungCu.textContent()).toContain('Người dùng entry_officer.x1');
    expect(await lungCu.textContent()).toContain('Biểu mẫu web');
    // The drawer's opening motion must have ended: a close clicked mid-motion can be lost (CI, under load).
    await settle(page);
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // The approver first returns X1's report with a reason; the officer sees it, corrects and resubmits.
    await page.getByTestId('child-X1').getByTestId('review-return').click();
    await page.locator('.ant-modal').getByRole('button', { name: 'Trả lại' }).click();
    await page.getByText('Vui lòng nêu lý do (ít nhất 3 ký tự).').waitFor();
    await page.getByTestId('return-reason').fill('Số tiền đã chi chưa khớp bảng kê, đề nghị kiểm tra lại.');
    await page.locator('.ant-modal').getByRole('button', { name: 'Trả lại' }).click();
    await page.getByText('Đã trả lại báo cáo của UBND xã Lũng Cú.').waitFor();
    await expect.poll(() => page.getByTestId('child-status-X1').textContent(), { timeout: 10_000 }).toBe('Bị trả lại');
    await reopened.reload();
    await expect
      .poll(() => reopened.getByTestId('return-reason-text').textContent())
      .toBe('Số tiền đã chi chưa khớp bảng kê, đề nghị kiểm tra lại.');
    await reopened.getByTestId('submit-report').click();
    await expect.poll(() => reopened.getByTestId('current-revision').textContent()).toContain('Lần 2');
    await expect.poll(() => page.getByTestId('child-status-X1').textContent(), { timeout: 10_000 }).toBe('Đúng hạn');

    // The approver accepts X1's report, then sends the consolidation up.
    await page.getByTestId('child-X1').getByTestId('review-accept').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByText('Đã tiếp nhận báo cáo của UBND xã Lũng Cú.').waitFor();
    await page.getByTestId('send-up').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByText(/Đã gửi báo cáo tổng hợp lúc 15\/03\/2024 15:00 — đúng hạn\./).waitFor();
    await expect.poll(() => page.getByTestId('sent-info').textContent()).toContain('Đã gửi lên cấp trên lúc');

    // A justified adjustment after sending: shown apart, and the page says the figures changed since sent.
    await page.getByTestId('add-adjustment').click();
    const adjustment = page.getByTestId('adjustment-modal');
    await adjustment.getByTestId('adjustment-cell').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Số hồ sơ tiếp nhận' }).first().click();
    await adjustment.getByTestId('adjustment-delta').fill('2');
    await adjustment.getByTestId('adjustment-reason').fill('Bổ sung 2 hồ sơ nộp bản giấy tại xã Phó Bảng');
    await adjustment.getByRole('button', { name: 'Ghi điều chỉnh' }).click();
    await expect.poll(() => shownCell(page, 'nhan').textContent(), { timeout: 10_000 }).toBe('42');
    await expect.poll(() => page.getByTestId('adjustments-table').textContent()).toContain('+2');
    const changed = page.getByTestId('changed-since-sent');
    await expect.poll(() => changed.textContent()).toContain('Số hồ sơ tiếp nhận');
    expect(await changed.textContent()).toContain('71,4');
    await page.mouse.move(0, 0);
    await shot(page, 'consolidation-page', { tall: true });
    await page.getByTestId('send-up').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Gửi', exact: true }).click();
    await changed.waitFor({ state: 'detached' });

    // The province sees H1's figures, and drills through H1 down to X1.
    const province = await signedIn('unit_admin.t1');
    await province.page.goto(`${baseUrl}/consolidation?${query(fixture.units.T1)}`);
    await expect.poll(() => province.page.getByTestId('child-status-H1').textContent()).toBe('Đúng hạn');
    await expect.poll(() => shownCell(province.page, 'nhan').textContent()).toBe('42');
    await expect.poll(() => shownCell(province.page, 'duyet_cong').textContent()).toBe('30');
    await shownCell(province.page, 'nhan').click();
    await province.page.getByTestId(`drill-H1`).click();
    await province.page.getByTestId('drilldown-table').getByText('UBND xã Lũng Cú').waitFor();
    await shot(province.page, 'consolidation-province');

    // The district's own entries (the approver cannot enter data; its unit administrator, an entry officer too, can):
    // edited in a drawer over the form, and the consolidated total follows without a reload.
    const districtOfficer = await signedIn('unit_admin.h1');
    const own = districtOfficer.page;
    await own.goto(`${baseUrl}/consolidation?${query(fixture.units.H1)}`);
    await expect.poll(() => shownCell(own, 'nhan').textContent()).toBe('42');
    await own.getByTestId('edit-own-entries').click();
    const ownDrawer = own.getByTestId('own-entries-drawer');
    await cell(own, 'nhan').click();
    await own.keyboard.type('5');
    await own.keyboard.press('Enter');
    await ownDrawer.getByTestId('own-entries-save').click();
    await ownDrawer.waitFor({ state: 'detached' });
    await expect.poll(() => shownCell(own, 'nhan').textContent(), { timeout: 10_000 }).toBe('47');
    await expect.poll(() => own.getByTestId('own-entries-table').textContent()).toContain('Số hồ sơ tiếp nhận5');
    await own.mouse.move(0, 0);
    await shot(own, 'consolidation-own-entries', { tall: true });

    await Promise.all([
      district.context.close(),
      commune.context.close(),
      province.context.close(),
      districtOfficer.context.close(),
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('downloads the Excel template from the entry page, fills it offline and imports it', async () => {
    const { context, page } = await signedIn('entry_officer.x1');
    const downloads = await mkdtemp(path.join(os.tmpdir(), 'baocao-excel-'));
    const entry = (period: string) =>
      `${baseUrl}/reports/entry?unitId=${fixture.units.X1}&formId=${regime.formId}&period=${period}`;
    const downloadTemplate = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('excel-download').click()]);
      const file = path.join(downloads, download.suggestedFilename());
      await download.saveAs(file);
      return file;
    };
    const importFile = (file: string) =>
      page.getByTestId('excel-upload').locator('input[type=file]').setInputFiles(file);

    // The template of another day's report, kept to be imported into the wrong report below.
    const OTHER_DAY = '20240313';
    await page.goto(entry(OTHER_DAY));
    await page.getByTestId('entry-title').waitFor();
    const otherDays = await downloadTemplate();
    expect(path.basename(otherDays)).toBe(`B03_X1_${OTHER_DAY}.xlsx`);

    // Yesterday's report (late, still accepted): its template gets two figures in Excel.
    const YESTERDAY = '20240314';
    await page.goto(entry(YESTERDAY));
    await page.getByTestId('entry-title').waitFor();
    const template = await downloadTemplate();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const addresses = new Map<string, string>();
    workbook
      .getWorksheet('_baocao')!
      .eachRow((row) => addresses.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    const sheet = workbook.worksheets.find((s) => s.name !== '_baocao')!;
    const fill = async (values: Record<string, ExcelJS.CellValue>) => {
      for (const [key, value] of Object.entries(values)) sheet.getCell(addresses.get(key)!).value = value;
      const file = path.join(downloads, `filled-${Object.keys(values).join('-')}.xlsx`);
      await workbook.xlsx.writeFile(file);
      return file;
    };
    await importFile(await fill({ nhan: 25, 'tien_gioi.nu': 3.5 }));
    await page.getByText('Đã nhập 2 ô số liệu từ tệp Excel').waitFor();
    await expect.poll(() => cell(page, 'nhan').inputValue()).toBe('25');
    await expect.poll(() => cell(page, 'tien_gioi.nu').inputValue()).toBe('3,5');
    const officer = await signIn(app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const saved = await officer.request(
      'GET',
      `/api/v1/reports?unitId=${fixture.units.X1}&formId=${regime.formId}&period=${YESTERDAY}`,
    );
    expect(saved.json.submission.draft).toEqual({ nhan: 25, 'tien_gioi.nu': 3.5 });
    // Nothing unsaved is left on the device to override the imported draft.
    expect(await page.evaluate(() => (globalThis as any).localStorage.length)).toBe(0);
    await page.mouse.move(0, 0);
    await shot(page, 'entry-excel', { tall: true });

    // A cell that is not a number: listed by address and indicator, and nothing is saved.
    await importFile(await fill({ duyet: 'mười' }));
    const errors = page.getByTestId('excel-errors');
    await errors.waitFor();
    const row = errors.getByRole('row').filter({ hasText: 'Số người được duyệt' });
    expect(await row.textContent()).toContain(addresses.get('duyet'));
    expect(await row.textContent()).toContain('“mười” không phải là số.');
    await shot(page, 'entry-excel-errors');
    await page.getByTestId('excel-errors-close').click();
    await errors.waitFor({ state: 'hidden' });

    // The other day's template imported into yesterday's report: refused, with the server's reason.
    await importFile(otherDays);
    await expect
      .poll(() => page.getByTestId('excel-error').textContent())
      .toContain(`mẫu này dành cho kỳ ${OTHER_DAY}`);
    expect(await cell(page, 'nhan').inputValue()).toBe('25');

    await context.close();
    await rm(downloads, { recursive: true, force: true });
    expect(pageErrors).toEqual([]);
  });

  it('the period is locked with a reason, no unit can submit, and unlocking reopens it', async () => {
    // Yesterday's report, a draft since the Excel import above (late submission is allowed).
    const day = '20240314';
    const at = (unit: number) => `unitId=${unit}&formId=${regime.formId}&period=${day}`;
    const admin = await signedIn('admin');
    const page = admin.page;
    await page.goto(`${baseUrl}/consolidation?${at(fixture.units.H1)}`);
    await page.getByTestId('consolidation-title').waitFor();
    const lockButton = page.getByTestId('period-lock-button');
    await expect.poll(() => lockButton.textContent()).toContain('Khóa kỳ báo cáo');
    await lockButton.click();
    const modal = page.getByRole('dialog');
    await page.getByTestId('period-lock-reason').waitFor();
    // A reason is required.
    await modal.getByRole('button', { name: 'Khóa kỳ' }).click();
    await modal.getByText('Vui lòng nêu lý do (ít nhất 3 ký tự).').waitFor();
    await page.getByTestId('period-lock-reason').fill('Đã chốt số liệu ngày 14/3 để báo cáo Chính phủ');
    await shot(page, 'period-lock-modal');
    await modal.getByRole('button', { name: 'Khóa kỳ' }).click();
    await page.getByText('Đã khóa kỳ báo cáo.').waitFor();
    await expect.poll(() => lockButton.textContent()).toContain('Mở khóa kỳ');

    // The commune officer's entry page says so and offers no submit.
    const commune = await signedIn('entry_officer.x1');
    const entry = commune.page;
    await entry.goto(`${baseUrl}/reports/entry?${at(fixture.units.X1)}`);
    await entry.getByTestId('entry-title').waitFor();
    await entry.getByText('Kỳ báo cáo đã khóa').waitFor();
    const why = entry.getByTestId('period-locked-alert');
    expect(await why.getByTestId('period-lock-reason-text').textContent()).toBe(
      'Đã chốt số liệu ngày 14/3 để báo cáo Chính phủ',
    );
    expect(await why.textContent()).toContain('Khóa bởi Người dùng admin, lúc');
    expect(await entry.getByTestId('submit-report').count()).toBe(0);
    await shot(entry, 'entry-locked');
    // Nor does the API take one.
    const officer = await signIn(app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const refused = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fixture.units.X1,
      formId: regime.formId,
      period: day,
    });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toBe('Kỳ báo cáo đã bị khóa.');

    // The officer asks for the period to be unlocked, saying why; the request shows as pending.
    await entry.getByTestId('request-unlock').click();
    await entry.getByTestId('request-unlock-reason').fill('Xã Lũng Cú xin bổ sung số liệu chi trả ngày 14/3');
    await entry.getByRole('dialog').getByRole('button', { name: 'Gửi đề nghị' }).click();
    await entry.getByText('Đã gửi đề nghị mở khóa.').waitFor();
    const section = entry.getByTestId('unlock-request-section');
    await expect.poll(() => section.textContent()).toContain('Đang chờ');
    expect(await entry.getByTestId('request-unlock').count()).toBe(0);
    await shot(entry, 'entry-unlock-requested');

    // The recipient sees the request beside the lock and grants it: the period opens, the officer can resubmit.
    await page.reload();
    const requests = page.getByTestId('unlock-requests-button');
    await requests.click();
    const item = page.getByTestId('unlock-request-X1');
    await item.waitFor();
    expect(await item.textContent()).toContain('Xã Lũng Cú xin bổ sung số liệu chi trả ngày 14/3');
    expect(await item.textContent()).toContain('Đề nghị bởi Người dùng entry_officer.x1');
    await shot(page, 'unlock-requests');
    await item.getByTestId('unlock-grant').click();
    await page.getByTestId('unlock-decision-reason').fill('Đồng ý cho xã bổ sung');
    await page.locator('.ant-modal').getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByText('Đã mở khóa kỳ báo cáo.').waitFor();
    await expect.poll(() => item.textContent()).toContain('Đã mở khóa');
    await expect.poll(() => lockButton.textContent()).toContain('Khóa kỳ báo cáo');
    await entry.reload();
    await entry.getByTestId('submit-report').waitFor();
    expect(await entry.getByTestId('period-locked-alert').count()).toBe(0);

    const audit = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const trail = await audit.request('GET', '/api/v1/audit?objectType=period_lock&limit=10');
    expect(
      trail.json.items.map((e: { action: string; after: { reason: string } }) => [e.action, e.after.reason]),
    ).toEqual([
      ['period.unlock', 'Đồng ý cho xã bổ sung'],
      ['period.lock', 'Đã chốt số liệu ngày 14/3 để báo cáo Chính phủ'],
    ]);
    await Promise.all([admin.context.close(), commune.context.close()]);
    expect(pageErrors).toEqual([]);
  });
  it('shows the cross-source check between two forms on the district’s consolidation', async () => {
    // A treasury form of the same regime whose amount is compared with B03's.
    const kb = { id: await addPublishedForm(database.db, regime.regimeId, treasuryCrossForm) };
    const day = '20240312';
    const officer = await signIn(app, 'entry_officer.x1', FIXTURE_PASSWORD);
    for (const [formId, values] of [
      [regime.formId, { nhan: 10, duyet: 8, tien: 12 }],
      [kb.id, { chi: 15.5 }],
    ] as const) {
      const sent = await officer.request('POST', '/api/v1/reports/submit', {
        unitId: fixture.units.X1,
        formId,
        period: day,
        values,
      });
      expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    }
    await worker.drain();
    const { context, page } = await signedIn('approver.h1');
    await page.goto(`${baseUrl}/consolidation?unitId=${fixture.units.H1}&formId=${kb.id}&period=${day}`);
    const card = page.getByTestId('cross-checks');
    await card.waitFor();
    expect(await card.textContent()).toContain('1 chênh lệch cần xem xét');
    const row = card.getByTestId('cross-check-doi_chieu_chi');
    expect(await row.textContent()).toContain('Kinh phí Kho bạc giải ngân khác số tiền xã báo cáo đã chi (B03).');
    expect(await row.textContent()).toContain('15,5');
    expect(await row.textContent()).toContain('3,5');
    expect(await row.textContent()).toContain('Chênh lệch');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'consolidation-cross-checks');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
