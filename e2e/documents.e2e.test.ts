/**
 * Generated reports in Chromium: the administrator's template (made through the API), one
 * version generated on demand, then the archive, the version page and the template editor at
 * 1440 and 390 px; an unknown placeholder typed in the editor is refused beside the outline.
 * Screenshots in screenshots/documents-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import { during, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

describe('generated reports (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let browser: Browser;
  let baseUrl: string;
  let fx: Fixture;
  let rg: RegimeFixture;
  let admin: Client;
  let templateId: number;
  let documentId: number;
  const clock = { now: during('2024-04-01') };
  const pageErrors: string[] = [];

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
    const sent = await admin.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: '20240401',
      values: { nhan: 12, duyet: 5, tien: 30 },
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    clock.now = during('2024-05-05', '09:00');
    const made = await admin.request('POST', '/api/v1/document-templates', {
      code: 'BC-THANG-T1',
      name: 'Báo cáo tháng tỉnh T1',
      regimeId: rg.regimeId,
      unitId: fx.units.T1,
      scheduleDay: 5,
      definition: {
        periodType: 'month',
        issuer: { governingBody: 'Ủy ban nhân dân tỉnh T1', agency: 'Sở Lao động - Thương binh và Xã hội' },
        symbol: 'BC-SLĐTBXH',
        place: 'Hà Giang',
        title: 'Tình hình tiếp nhận hồ sơ {ky_bao_cao}',
        narrative: 'Trong {ky_bao_cao}, toàn tỉnh tiếp nhận {ho_so} hồ sơ, tăng {tang_giam_pct}% so với {ky_truoc}.',
        values: [{ key: 'ho_so', field: `${rg.formId}:nhan`, label: 'Số hồ sơ tiếp nhận' }],
        tables: [{ title: 'Theo huyện', fields: [`${rg.formId}:nhan`], rows: 'children' }],
        charts: [],
        compliance: false,
        recipients: [{ name: 'UBND tỉnh' }],
        signer: { authority: 'KT. Giám đốc', position: 'Phó Giám đốc', name: 'Nguyễn Văn An' },
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    templateId = made.json.id;
    const issued = await admin.request('POST', `/api/v1/document-templates/${templateId}/generate`, {
      periodId: '202404',
    });
    expect(issued.status, JSON.stringify(issued.json)).toBe(200);
    documentId = issued.json.id;
  });

  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(width: number): Promise<Page> {
    return signedInPage(browser, baseUrl, {
      width,
      username: 'admin',
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
      clock: clock.now,
    });
  }

  for (const width of [1440, PHONE]) {
    it(`shows the archive, a version and the template editor at ${width} px`, async () => {
      const page = await signedIn(width);
      await page.goto(`${baseUrl}/documents`);
      await page.getByRole('link', { name: /Tình hình tiếp nhận hồ sơ Tháng 4\/2024/ }).waitFor();
      await expect(page.getByText('01/BC-SLĐTBXH').first().isVisible()).resolves.toBe(true);
      await shot(page, `documents-archive-${width}`);

      await page.goto(`${baseUrl}/documents/${documentId}`);
      await page.getByText(/toàn tỉnh tiếp nhận/).waitFor();
      await page.getByText('Phiên bản đầu tiên.').waitFor();
      await shot(page, `documents-version-${width}`, { tall: true });

      await page.goto(`${baseUrl}/documents/templates/${templateId}`);
      const outline = page.getByLabel('Đề cương (trường giữ chỗ trong ngoặc nhọn)');
      await outline.waitFor();
      await expect(outline.inputValue()).resolves.toContain('{ho_so}');
      await page.getByText('{ho_so_tang_giam_pct}').waitFor();
      if (width === 1440) {
        await outline.fill('Tổng số {khong_co} hồ sơ.');
        await page.getByRole('button', { name: 'Lưu mẫu' }).click();
        // Beside the outline, not elsewhere on the form.
        await page
          .locator('.ant-form-item')
          .filter({ has: outline })
          .getByText('Trường giữ chỗ {khong_co} không có trong số liệu của mẫu báo cáo.')
          .waitFor();
      }
      await shot(page, `documents-editor-${width}`, { tall: true });
      await page.context().close();
    });
  }

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
