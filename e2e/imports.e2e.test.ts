/**
 * The import page in Chromium: the commune officer of X1 chooses a CSV file (its format
 * detected), dry-runs it and reads the bad row with its position, fixes the file, dry-runs
 * it again (exact counts, nothing written), confirms, and finds the import in the unit's
 * history. A file above the inline size runs as a job: the page shows its progress bar
 * until the job runner has imported it. The export section then downloads what was imported,
 * as XLSX (read back with ExcelJS) and, for one period, as ADX XML (parsed). At 1440 and 390 px;
 * screenshots in screenshots/imports-*.png.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobRunner, startJobRunner } from '../server/src/jobs/runner';
import { FIXTURE_PASSWORD, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

const INLINE_BYTES = 8 * 1024;

describe('the import page (browser)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let baseUrl: string;
  let rg: RegimeFixture;
  let runner: JobRunner | undefined;
  const clock = { now: during('2024-03-20') };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      seed: async ({ db }) => {
        await seedFixture(db);
        rg = await seedRegime(db);
      },
      app: { imports: { bodyLimit: 16 * 1024 * 1024, inlineBytes: INLINE_BYTES, tokenRatePerMinute: 120 } },
    });
    ({ baseUrl, browser } = server);
  });

  afterAll(async () => {
    await runner?.stop();
    await server?.close();
  });

  async function signedIn(width: number): Promise<Page> {
    return signedInPage(browser, baseUrl, {
      width,
      username: 'entry_officer.x1',
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
      who: `officer@${width}`,
      clock: clock.now,
    });
  }

  const csv = (lines: string[]) => Buffer.from(`form,unit,period,cell,value\n${lines.join('\n')}\n`);
  const choose = (page: Page, name: string, buffer: Buffer) =>
    page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  const count = (page: Page, name: string) =>
    page.getByTestId(`import-count-${name}`).locator('.ant-statistic-content').textContent();

  it('dry-runs a file, shows the bad row by its position, then imports the fixed file at 1440 px', async () => {
    const page = await signedIn(1440);
    await page.getByTestId('side-nav').getByText('Nhập dữ liệu').click();
    await page.waitForURL(/\/imports/);
    const form = `${rg.formId}`;

    await choose(
      page,
      'xa-lung-cu.csv',
      csv([`${form},X1,20240311,nhan,12`, `${form},X1,20240311,duyet,abc`, `${form},X1,20240311,tien,3.5`]),
    );
    await expect.poll(() => page.getByTestId('import-detected').textContent()).toContain('CSV (form,unit,period');
    await page.getByTestId('import-check').click();
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.textContent()).toContain('Tệp có lỗi');
    const conflicts = page.getByTestId('import-conflicts');
    expect(await conflicts.textContent()).toContain('duyet');
    expect(await conflicts.textContent()).toContain('abc');
    // The bad value is the file's 2nd data row.
    expect(await conflicts.locator('tbody tr').first().locator('td').first().textContent()).toBe('2');
    expect(await count(page, 'rejected')).toBe('3');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await shot(page, 'imports-dry-run-rejected-1440', { tall: true });

    const fixed = [];
    for (let day = 11; day <= 15; day++)
      fixed.push(
        `${form},X1,202403${day},nhan,${day}`,
        `${form},X1,202403${day},duyet,5`,
        `${form},X1,202403${day},tien,2.5`,
      );
    await choose(page, 'xa-lung-cu.csv', csv(fixed));
    await page.getByTestId('import-check').click();
    await expect.poll(() => status.textContent()).toContain('Tệp hợp lệ');
    expect(await count(page, 'created')).toBe('15');
    expect(await count(page, 'rejected')).toBe('0');
    expect(await page.getByText('Kết quả kiểm tra thử (chưa ghi gì)').count()).toBe(1);
    await shot(page, 'imports-dry-run-ok-1440', { tall: true });

    await page.getByTestId('import-confirm').click();
    await expect.poll(() => status.textContent()).toContain('Đã nhập xong');
    expect(await count(page, 'created')).toBe('15');
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.textContent()).toContain('15 mới · 0 cập nhật · 0 không đổi · 0 từ chối');
    expect(await history.textContent()).toContain('Hoàn thành');
    await shot(page, 'imports-done-1440', { tall: true });

    // The same file again changes nothing.
    await page.getByTestId('import-check').click();
    await expect.poll(() => status.textContent()).toContain('Mọi giá trị đã có sẵn');
    expect(await count(page, 'unchanged')).toBe('15');
    await page.context().close();
  });

  it('runs a large file as a job with a progress bar, then shows its result', async () => {
    const page = await signedIn(1440);
    await page.goto(`${baseUrl}/imports`);
    const form = `${rg.formId}`;
    const lines = [];
    for (let day = 1; day <= 29; day++) {
      const p = `202402${String(day).padStart(2, '0')}`;
      lines.push(`${form},X1,${p},nhan,${day * 10}`, `${form},X1,${p},duyet,${day}`, `${form},X1,${p},tien,${day}.5`);
    }
    // Blank lines carry the file above the inline size: it is queued, not answered at once.
    const file = Buffer.concat([csv(lines), Buffer.from('\n'.repeat(INLINE_BYTES))]);
    await choose(page, 'thang-2.csv', file);
    await page.getByTestId('import-check').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    expect(await progress.locator('.ant-progress').count()).toBe(1);
    expect(await page.getByTestId('import-progress-text').textContent()).toContain('Đang chờ đến lượt');
    await shot(page, 'imports-progress-1440');

    // The job runner takes the queued dry run; the page polls until it is done.
    runner = await startJobRunner({ connectionString: server.database.url });
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('Tệp hợp lệ');
    expect(await count(page, 'created')).toBe('87');
    expect(await progress.count()).toBe(0);

    await page.getByTestId('import-confirm').click();
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('Đã nhập xong');
    expect(await count(page, 'created')).toBe('87');
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.textContent()).toContain('87 mới');
    await shot(page, 'imports-job-done-1440', { tall: true });
    await page.context().close();
  });

  /** Picks an option of a select found by test id. */
  async function selectByTestId(page: Page, testId: string, option: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
  }

  it('exports the imported data as XLSX and, for one period, as ADX at 1440 px', async () => {
    const page = await signedIn(1440);
    await page.goto(`${baseUrl}/imports`);
    const section = page.getByTestId('export-section');
    await section.waitFor();
    expect(await section.textContent()).toContain('Xuất dữ liệu');
    await selectByTestId(page, 'export-regime', 'Báo cáo thử nghiệm hằng ngày');
    await selectByTestId(page, 'export-form', 'B03');

    // XLSX (the default format), every period: the 34 reports imported above, 3 values each.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(xlsx.suggestedFilename()).toBe('du-lieu_B03.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
    const rows: ExcelJS.CellValue[][] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    });
    expect(rows[0]).toEqual(['form', 'unit', 'period', 'cell', 'value']);
    expect(rows).toHaveLength(1 + 34 * 3);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(['X1']));
    expect(rows.find((r) => r[2] === '20240315' && r[3] === 'tien')?.[4]).toBe(2.5);
    expect(rows.find((r) => r[2] === '20240228' && r[3] === 'nhan')?.[4]).toBe(280);
    const result = page.getByTestId('export-result');
    await expect.poll(() => result.textContent()).toContain('Đã tải du-lieu_B03.xlsx');

    // ADX for one day: 20/03 (today on the page's clock) back five days to 15/03.
    await selectByTestId(page, 'export-format', 'ADX (XML)');
    await page.getByTestId('export-one-period').click();
    const period = page.getByTestId('export-period');
    for (let i = 0; i < 5; i++) await period.getByRole('button', { name: 'Kỳ trước' }).click();
    await expect.poll(() => period.textContent()).toContain('20240315');
    await shot(page, 'imports-export-1440', { tall: true });
    const [adx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(adx.suggestedFilename()).toBe('du-lieu_B03_20240315.xml');
    const groups: { attributes: Record<string, string>; values: Record<string, string>[] }[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => {
      const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]));
      if (tag.local === 'group') groups.push({ attributes, values: [] });
      else if (tag.local === 'dataValue') groups.at(-1)!.values.push(attributes);
    });
    parser.write(await readFile(await adx.path(), 'utf8')).close();
    expect(groups).toHaveLength(1);
    expect(groups[0]!.attributes).toMatchObject({ orgUnit: 'X1', period: '2024-03-15/P1D' });
    expect(groups[0]!.values.map((v) => `${v.dataElement}=${v.value}`).sort()).toEqual([
      'duyet=5',
      'nhan=15',
      'tien=2.5',
    ]);
    await expect.poll(() => result.textContent()).toContain('du-lieu_B03_20240315.xml');
    await page.context().close();
  });

  it('fits a phone at 390 px', async () => {
    const page = await signedIn(PHONE);
    await page.getByTestId('nav-toggle').click();
    await page.getByText('Nhập dữ liệu').click();
    await page.waitForURL(/\/imports/);
    await page.getByTestId('import-history').getByText('87 mới', { exact: false }).first().waitFor();
    const form = `${rg.formId}`;
    await choose(page, 'sai.csv', csv([`${form},X1,20240316,nhan,-4`, `${form},X9,20240316,nhan,4`]));
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('Tệp có lỗi');
    const scrollWidth = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE);
    await shot(page, 'imports-phone-390', { tall: true });
    // The export section fits the phone too: its fields stack, the download button is at hand.
    const section = page.getByTestId('export-section');
    await section.scrollIntoViewIfNeeded();
    const box = await section.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE);
    expect(await page.getByTestId('export-download').isVisible()).toBe(true);
    await shot(page, 'imports-export-phone-390');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
