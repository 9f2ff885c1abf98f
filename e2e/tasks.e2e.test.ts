/**
 * Directives and tasks in Chromium: a ministry records a directive with a task for a province
 * (the server's error on a deadline before the directive shows next to the field), imports two
 * more tasks from an XLSX list (per-row errors, then a dry run and the confirmed import); the
 * province reports progress with an attachment at 390 px and then completes the task; the
 * statistics show it done on time beside an imported task now overdue; a dashboard's tasks widget counts
 * what each viewer sees. 1440 and 390 px;
 * screenshots in screenshots/tasks-*.png.
 */
import { foldForSearch } from '@baocao/domain';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/src/features/auth/passwords';
import { insertDashboard, replaceShares } from '../server/src/features/dashboards/dashboards.queries';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

const at = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+07:00`);

async function xlsx(rows: (string | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Nhiệm vụ');
  sheet.addRow(['Nhiệm vụ', 'Thời hạn', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả dự kiến']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('directives and tasks (browser)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let baseUrl: string;
  let fx: Fixture;
  const clock = { now: at('2026-03-02') };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      seed: async ({ db }) => {
        fx = await seedFixture(db);
        // A ministry's leader who sees every province (its view: the government) and an officer of a province.
        const passwordHash = await hashPassword(FIXTURE_PASSWORD);
        for (const [username, unit, viewRoot, role] of [
          ['lanhdao.bo', fx.units.BO, fx.units.CP, 'approver'],
          ['canbo.tinh', fx.units.T1, fx.units.T1, 'entry_officer'],
        ] as const) {
          const { id } = await db
            .insertInto('users')
            .values({
              username,
              displayName: username === 'lanhdao.bo' ? 'Nguyễn Văn Bộ' : 'Trần Thị Tỉnh',
              searchText: foldForSearch(username),
              unitId: unit,
              captureRootId: unit,
              viewRootId: viewRoot,
              passwordHash,
              kind: 'person',
              passwordChangedAt: new Date(),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await db.insertInto('userRoles').values({ userId: id, role }).execute();
        }
      },
    });
    ({ baseUrl, browser } = server);
  });

  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(username: string, width: number): Promise<{ context: BrowserContext; page: Page }> {
    const page = await signedInPage(browser, baseUrl, {
      width,
      username,
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
      clock: clock.now,
    });
    return { context: page.context(), page };
  }

  const option = (page: Page, text: string) =>
    page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  /** The input of an Ant Design picker or number box, whichever element carries the test id. */
  const dateInput = (page: Page, testId: string) =>
    page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  const documentWidth = (page: Page) =>
    page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);

  it('at 1440 px: the ministry records a directive with a task for a province, then imports two more', async () => {
    const { context, page } = await signedIn('lanhdao.bo', 1440);
    await page.getByTestId('side-nav').getByText('Nhiệm vụ', { exact: true }).click();
    await page.waitForURL(/\/tasks$/);
    await page.getByTestId('directive-new').click();
    await page.getByTestId('directive-kind').click();
    await option(page, 'Công văn').click();
    await page.getByTestId('directive-number').fill('125/CĐ-BLĐTBXH');
    await page.getByTestId('directive-summary').fill('Công điện về việc triển khai hỗ trợ người lao động gặp khó khăn');
    await page.getByTestId('task-title-0').fill('Lập danh sách người lao động được hỗ trợ trên địa bàn tỉnh');
    await page.getByTestId('task-lead-0').click();
    await page.keyboard.type('ha giang');
    await option(page, 'UBND tỉnh Hà Giang').click();
    await page.getByTestId('task-expected-0').fill('Danh sách được phê duyệt, gửi Bộ');
    // A deadline before the directive's date: the server refuses it, and says so next to the field.
    await dateInput(page, 'task-deadline-0').click();
    await dateInput(page, 'task-deadline-0').fill('01/03/2026');
    await dateInput(page, 'task-deadline-0').press('Tab');
    await page.getByTestId('directive-save').click();
    const taskCard = page.getByTestId('directive-task-0');
    await expect.poll(() => taskCard.locator('.ant-form-item-explain-error').textContent()).toContain('01/03/2026');
    await shot(page, 'tasks-directive-error-1440', { tall: true });
    await dateInput(page, 'task-deadline-0').click();
    await dateInput(page, 'task-deadline-0').fill('31/03/2026');
    await dateInput(page, 'task-deadline-0').press('Tab');
    await page.getByTestId('directive-save').click();
    await page.waitForURL(/\/tasks\/directives\/\d+$/);
    await expect.poll(() => page.getByTestId('directive-title').textContent()).toBe('Công văn 125/CĐ-BLĐTBXH');
    const status = page.locator('[data-testid^="task-status-"]');
    await expect.poll(() => status.count()).toBe(1);
    expect(await status.getAttribute('data-status')).toBe('in_progress');
    expect(await status.textContent()).toBe('Đang thực hiện trong hạn');
    await shot(page, 'tasks-directive-1440', { tall: true });

    // Import: a file with an unknown unit is refused with its row; a good one is checked, then imported.
    await page.getByTestId('directive-import').click();
    await page.waitForURL(/\/import$/);
    const fileInput = page.getByTestId('task-import-file').locator('input[type=file]');
    await fileInput.setInputFiles({
      name: 'nhiem-vu.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx([
        ['Báo cáo kết quả hỗ trợ đợt 1', '10/03/2026', 'T2', 'H3', 'Báo cáo gửi Bộ'],
        ['Theo dõi, đôn đốc việc chi trả', 'Thường xuyên', 'KHONGCO', null, null],
      ]),
    });
    await page.getByTestId('task-import-check').click();
    const errors = page.getByTestId('task-import-errors');
    await expect.poll(() => errors.textContent()).toContain('KHONGCO');
    expect(await errors.locator('tbody tr').first().locator('td').first().textContent()).toBe('3');
    await fileInput.setInputFiles({
      name: 'nhiem-vu.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx([
        ['Báo cáo kết quả hỗ trợ đợt 1', '10/03/2026', 'T2', 'H3', 'Báo cáo gửi Bộ'],
        ['Theo dõi, đôn đốc việc chi trả', 'Thường xuyên', 'T1', null, null],
      ]),
    });
    await page.getByTestId('task-import-check').click();
    await expect.poll(() => page.getByTestId('task-import-checked').textContent()).toContain('2 nhiệm vụ sẽ được nhập');
    await shot(page, 'tasks-import-1440', { tall: true });
    await page.getByTestId('task-import-confirm').click();
    await page.waitForURL(/\/tasks\/directives\/\d+$/);
    await expect.poll(() => status.count()).toBe(3);
    expect(await status.allTextContents()).toEqual([
      'Đang thực hiện trong hạn',
      'Đang thực hiện trong hạn',
      'Thường xuyên',
    ]);
    await context.close();
  });

  it('at 390 px: the province reports progress with an attachment, then completes the task on time', async () => {
    clock.now = at('2026-03-12');
    const { context, page } = await signedIn('canbo.tinh', PHONE);
    await page.goto(`${baseUrl}/tasks`);
    const mine = page.getByTestId('task-list').getByText('Lập danh sách người lao động');
    await mine.waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
    await shot(page, 'tasks-mine-390', { tall: true });
    await mine.click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByTestId('progress-note').fill('Đã rà soát 9/11 huyện, dự kiến hoàn thành trước thời hạn.');
    await dateInput(page, 'progress-percent').fill('60');
    await page
      .getByTestId('progress-files')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'danh-sach-dot-1.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
      });
    await page.getByTestId('progress-submit').click();
    const history = page.getByTestId('progress-history');
    await expect.poll(() => history.textContent()).toContain('danh-sach-dot-1.pdf');
    expect(await history.textContent()).toContain('60%');
    expect(await page.getByTestId('task-status').getAttribute('data-status')).toBe('in_progress');

    clock.now = at('2026-03-20', '16:00');
    await page.getByTestId('progress-note').fill('Danh sách đã được phê duyệt và gửi Bộ.');
    await dateInput(page, 'progress-percent').fill('100');
    await page.getByTestId('progress-done').click();
    await page.getByTestId('progress-submit').click();
    await expect.poll(() => page.getByTestId('task-status').getAttribute('data-status')).toBe('done_on_time');
    expect(await page.getByTestId('task-status').textContent()).toBe('Hoàn thành đúng hạn');
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
    await shot(page, 'tasks-progress-390', { tall: true });
    await context.close();
  });

  it('at 1440 and 390 px: the statistics show the task done on time, an imported one overdue, and the ranking', async () => {
    for (const width of [1440, PHONE]) {
      const { context, page } = await signedIn('lanhdao.bo', width);
      await page.goto(`${baseUrl}/tasks?tab=stats`);
      await expect.poll(() => page.getByTestId('task-total-assigned-value').textContent()).toBe('3');
      expect(await page.getByTestId('task-total-done_on_time-value').textContent()).toBe('1');
      expect(await page.getByTestId('task-total-overdue-value').textContent()).toBe('1');
      expect(await page.getByTestId('task-total-regular-value').textContent()).toBe('1');
      await page.getByTestId('task-stats-chart').locator('svg').waitFor();
      expect(await page.getByTestId('task-stats-chart').textContent()).toContain('UBND tỉnh Hà Giang');
      const ranking = await page
        .locator('[data-testid^="task-rank-unit-"]')
        .evaluateAll((rows) => rows.map((row) => (row as unknown as { dataset: { testid: string } }).dataset.testid));
      // Hà Giang: 1 of 1 judged task on time; Hà Nội: its only task overdue.
      expect(ranking).toEqual(['task-rank-unit-T1', 'task-rank-unit-T2']);
      expect(await page.getByTestId('task-rank-issuer-BO').isVisible()).toBe(true);
      if (width === PHONE) expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
      await shot(page, `tasks-stats-${width}`, { tall: true });
      await context.close();
    }
  });

  it('at 1440 and 390 px: the tasks widget of a dashboard counts the tasks each viewer sees and ranks the units', async () => {
    const db = server.database.db;
    const boardId = await db.transaction().execute(async (tx) => {
      const id = await insertDashboard(tx, {
        unitId: fx.units.BO,
        title: { vi: 'Theo dõi nhiệm vụ của Bộ', en: 'The ministry’s tasks' },
        definition: {
          widgets: [
            {
              id: 'nhiem-vu',
              type: 'tasks',
              title: { vi: 'Nhiệm vụ được giao', en: 'Tasks assigned' },
              x: 0,
              y: 0,
              w: 12,
              h: 5,
              tasks: { by: 'unit' },
              rank: { order: 'top', limit: 10 },
            },
          ],
        },
        createdBy: null,
      });
      await replaceShares(tx, id, [{ unitId: fx.units.CP, role: null }]);
      return id;
    });
    // The ministry's leader sees all three tasks; the province's officer only its own two.
    for (const [username, width, totals] of [
      ['lanhdao.bo', 1440, { assigned: '3', done_on_time: '1', overdue: '1', in_progress: '0' }],
      ['canbo.tinh', PHONE, { assigned: '2', done_on_time: '1', overdue: '0', in_progress: '0' }],
    ] as const) {
      const { context, page } = await signedIn(username, width);
      await page.goto(`${baseUrl}/dashboards/${boardId}`);
      const widget = page.getByTestId('tasks-nhiem-vu');
      await expect.poll(() => page.getByTestId('tasks-nhiem-vu-assigned').textContent()).toBe(totals.assigned);
      for (const [key, value] of Object.entries(totals))
        expect(await page.getByTestId(`tasks-nhiem-vu-${key}`).textContent(), key).toBe(value);
      await page.getByTestId('tasks-chart-nhiem-vu').locator('svg').waitFor();
      expect(await widget.textContent()).toContain('Hoàn thành đúng hạn');
      if (width === PHONE) expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE);
      await shot(page, `tasks-widget-${width}`, { tall: true });
      await widget.getByText('Xem thống kê nhiệm vụ').click();
      await page.waitForURL(/\/tasks\?tab=stats$/);
      await context.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
