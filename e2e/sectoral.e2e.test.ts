import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type Client, signIn } from '../server/test/harness';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { shot, signedInPage } from './support';

/**
 * A sectoral hierarchy on the unit pages: the administrator creates the State Treasury's
 * hierarchy ("Tạo hệ thống ngành"), places a district treasury under the central treasury in it
 * from a date ("Đặt vào hệ thống"), and browses it beside the administrative tree.
 */
describe('sectoral hierarchies (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let api: Client;
  let fx: Fixture;
  let browser: Browser;
  let baseUrl: string;
  const ids: Record<string, number> = {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      seed: async ({ db }) => {
        fx = await seedFixture(db);
      },
    });
    ({ app, baseUrl, browser } = server);
    api = await signIn(app, 'admin', FIXTURE_PASSWORD);
    for (const [code, name, kind, parentId] of [
      ['KB-TW', 'Kho bạc Nhà nước', 'treasury_central', fx.units.CP],
      ['KB-H1', 'Kho bạc Nhà nước huyện Đồng Văn', 'treasury_district', fx.units.H1],
    ] as const) {
      const created = await api.request('POST', '/api/v1/units', {
        code,
        name,
        kind,
        parentId,
        validFrom: '2020-01-01',
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      ids[code] = created.json.id;
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  const newPage = (width: number): Promise<Page> =>
    signedInPage(browser, baseUrl, { width, username: 'admin', password: FIXTURE_PASSWORD, errors: pageErrors });

  it('creates the treasury hierarchy and places a district treasury in it from a date', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/units`);
    await page.getByTestId('unit-tree').waitFor();
    // The district treasury, found in the administrative tree.
    await page.getByTestId('unit-search').fill('kho bac dong van');
    await page.getByTestId('unit-search-results').getByText('Kho bạc Nhà nước huyện Đồng Văn').click();
    await expect.poll(() => page.getByTestId('unit-detail-name').textContent()).toBe('Kho bạc Nhà nước huyện Đồng Văn');
    await page.getByTestId('unit-search').fill('');

    await page.getByTestId('hierarchy-create').click();
    await page.getByTestId('hierarchy-code').fill('kbnn');
    await page.getByTestId('hierarchy-name-vi').fill('Hệ thống Kho bạc Nhà nước');
    await page.getByTestId('hierarchy-name-en').fill('State Treasury');
    await page.getByTestId('hierarchy-description').fill('Kho bạc Nhà nước → kho bạc tỉnh → kho bạc huyện');
    await shot(page, 'sectoral-create-hierarchy-1440');
    await page.getByTestId('hierarchy-create-save').click();
    await page.getByText('Đã tạo hệ thống “Hệ thống Kho bạc Nhà nước”.').waitFor();
    await expect.poll(() => page.getByTestId('hierarchy-picker').textContent()).toBe('Hệ thống Kho bạc Nhà nước');
    await page.getByText('Không có đơn vị nào').waitFor();

    await page.getByTestId('place-unit').click();
    const modal = page.getByTestId('place-unit-form');
    await expect.poll(() => modal.getByTestId('place-unit-hierarchy').textContent()).toBe('Hệ thống Kho bạc Nhà nước');
    await modal.getByTestId('place-unit-parent').click();
    await page.keyboard.type('KB-TW');
    await page.locator('.ant-select-item-option').filter({ hasText: 'KB-TW' }).click();
    const date = modal.locator('input[data-testid="place-unit-date"], [data-testid="place-unit-date"] input').first();
    await date.click();
    await date.fill('01/01/2025');
    await date.press('Enter');
    await shot(page, 'sectoral-place-unit-1440');
    await page.getByTestId('place-unit-save').click();
    await page
      .getByText('Đã đặt “Kho bạc Nhà nước huyện Đồng Văn” vào Hệ thống Kho bạc Nhà nước từ ngày 01/01/2025.')
      .waitFor();

    // The treasury's tree: the central treasury with the district treasury under it; the detail's
    // path follows the hierarchy, and its placements list both lines.
    const tree = page.getByTestId('unit-tree');
    await tree.getByText('Kho bạc Nhà nước huyện Đồng Văn').waitFor();
    expect(await tree.getByText('KB-TW').count()).toBe(1);
    await expect
      .poll(() => page.locator('.ant-breadcrumb').textContent())
      .toBe('Kho bạc Nhà nước/Kho bạc Nhà nước huyện Đồng Văn');
    const placements = page.getByTestId('unit-placements');
    await expect.poll(() => placements.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await placements.textContent()).toContain('Hệ thống Kho bạc Nhà nước');
    await shot(page, 'sectoral-tree-1440', { tall: true });

    // Renamed: the code stays, the picker shows the new name.
    await page.getByTestId('hierarchy-edit').click();
    expect(await page.getByTestId('hierarchy-code').isDisabled()).toBe(true);
    await page.getByTestId('hierarchy-name-vi').fill('Hệ thống Kho bạc Nhà nước (KBNN)');
    await page.getByTestId('hierarchy-create-save').click();
    await page.getByText('Đã lưu hệ thống “Hệ thống Kho bạc Nhà nước (KBNN)”.').waitFor();
    await expect
      .poll(() => page.getByTestId('hierarchy-picker').textContent())
      .toBe('Hệ thống Kho bạc Nhà nước (KBNN)');

    const stored = await api.request('GET', `/api/v1/units/${ids['KB-H1']}/parents?hierarchy=kbnn`);
    expect(stored.json.map((p: any) => [p.parentCode, p.validFrom, p.validTo])).toEqual([
      ['KB-TW', '2025-01-01', null],
    ]);
  });

  it('on a phone, shows the hierarchy picker, the dialogs and the treasury tree', async () => {
    const page = await newPage(390);
    await page.goto(`${baseUrl}/units?hierarchy=kbnn&unit=${ids['KB-H1']}`);
    await page.getByTestId('unit-tree').getByText('Kho bạc Nhà nước huyện Đồng Văn').waitFor();
    await shot(page, 'sectoral-tree-390', { tall: true });
    await page.getByTestId('hierarchy-create').click();
    await page.getByTestId('hierarchy-code').waitFor();
    await shot(page, 'sectoral-create-hierarchy-390');
    await page.getByRole('button', { name: 'Hủy' }).click();
    await page.getByTestId('hierarchy-code').waitFor({ state: 'detached' });
    await page.getByTestId('place-unit').click();
    await page.getByTestId('place-unit-form').waitFor();
    await shot(page, 'sectoral-place-unit-390');
    expect(pageErrors).toEqual([]);
  });
});
