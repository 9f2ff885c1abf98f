import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { FIXTURE_PASSWORD, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { signIn } from '../server/test/harness';
import { fixtureForm, fixtureRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { shot, signedInPage } from './support';

/** The first day of next month in Vietnam: the earliest an amendment of a monthly regime may take effect. */
function nextMonthStart(): string {
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

describe('regime versions (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let browser: Browser;
  let baseUrl: string;
  let regimeId: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      seed: async ({ db }) => {
        await seedFixture(db);
      },
    });
    ({ app, baseUrl, browser } = server);
    const api = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const regime = await api.request('POST', '/api/v1/regimes', {
      code: 'BC-PHIEN-BAN',
      definition: { ...fixtureRegime, frequency: 'month', dataWindow: 'decree09' },
    });
    expect(regime.status, JSON.stringify(regime.json)).toBe(201);
    regimeId = regime.json.id;
    const form = await api.request('POST', `/api/v1/regimes/${regimeId}/forms`, {
      code: fixtureForm.code,
      title: fixtureForm.title,
      definition: fixtureForm,
    });
    expect((await api.request('POST', `/api/v1/form-versions/${form.json.id}/publish`)).status).toBe(200);
    expect((await api.request('POST', `/api/v1/regimes/${regimeId}/activate`, { version: 1 })).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  const newPage = (width: number): Promise<Page> =>
    signedInPage(browser, baseUrl, { width, username: 'admin', password: FIXTURE_PASSWORD, errors: pageErrors });

  it('saving an active regime asks for the effective date and legal basis, then shows both versions', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/regimes/${regimeId}`);
    await page.getByTestId('regime-version-1').waitFor();
    await page.getByTestId('regime-name-vi').fill('Báo cáo hằng tháng (sửa đổi)');
    await page.getByTestId('regime-save').click();
    const modal = page.getByTestId('regime-amend-modal');
    await modal.getByTestId('regime-amend-basis').waitFor();
    const effectiveFrom = nextMonthStart();
    const [y, m, d] = effectiveFrom.split('-');
    const date = page
      .locator('input[data-testid="regime-amend-date"], [data-testid="regime-amend-date"] input')
      .first();
    await date.click();
    await date.fill(`${d}/${m}/${y}`);
    await date.press('Enter');
    await page.getByTestId('regime-amend-basis').fill('Thông tư 5/2025/TT-VPCP');
    await shot(page, 'regime-amend-dialog');
    await page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await page.getByTestId('regime-version-2').waitFor();
    await expect(page.getByTestId('regime-version-2').textContent()).resolves.toContain('Sắp có hiệu lực');
    await expect(page.getByTestId('regime-version-1').textContent()).resolves.toContain('Đang áp dụng');
    await shot(page, 'regime-versions-1440');
    await page.getByTestId('regime-version-1').getByRole('button', { name: 'Xem' }).click();
    await page.getByText('Phiên bản 1 (chỉ xem)').waitFor();
    await shot(page, 'regime-version-view-1440');
    await page.keyboard.press('Escape');
    await page.getByTestId('regime-version-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('regime-version-2').getByRole('button', { name: 'Xem' }).click();
    const changes = page.getByTestId('regime-version-changes');
    await changes.getByText('Báo cáo hằng tháng (sửa đổi)').waitFor();
    await expect(changes.textContent()).resolves.toContain('Thay đổi so với phiên bản 1');
    await expect(changes.textContent()).resolves.toContain('Tên báo cáo');
    await shot(page, 'regime-version-changes-1440');
    const versions = await (await signIn(app, 'admin', FIXTURE_PASSWORD)).request(
      'GET',
      `/api/v1/regimes/${regimeId}/versions`,
    );
    expect(versions.json.map((v: any) => [v.number, v.effectiveFrom, v.legalBasis])).toEqual([
      [1, fixtureRegime.validFrom, null],
      [2, effectiveFrom, 'Thông tư 5/2025/TT-VPCP'],
    ]);
  });

  it('shows the timeline on a phone', async () => {
    const page = await newPage(390);
    await page.goto(`${baseUrl}/regimes/${regimeId}`);
    await page.getByTestId('regime-versions').waitFor();
    await page.getByTestId('regime-versions').scrollIntoViewIfNeeded();
    await shot(page, 'regime-versions-390');
    await page.getByTestId('regime-version-2').getByRole('button', { name: 'Xem' }).click();
    await page.getByTestId('regime-version-changes').getByText('Tên báo cáo').waitFor();
    await shot(page, 'regime-version-changes-390');
    expect(pageErrors).toEqual([]);
  });
});
