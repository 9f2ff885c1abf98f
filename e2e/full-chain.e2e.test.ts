/**
 * The whole reporting chain in a browser, at 1440 px and at 390 px: a commune officer enters and
 * submits; the district accepts and sends up; the province accepts and sends up; the ministry (the
 * regime's recipient, outside the tree) sees the national consolidation, drills down, and returns
 * the province's report with a reason; the province and the district return in turn, the officer
 * corrects and resubmits, the report climbs again, and the ministry accepts it. On the way, a
 * province approver looking at the district's page is told the district reviews its communes.
 */
import type { Role } from '@baocao/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../server/src/app';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../server/test/fixtures';
// For the types of the values the global setup provides (inject('pgAdminUrl') in the harness).
import type {} from '../server/test/global-setup';
import { signIn } from '../server/test/harness';
import { during, fixtureRegime, type RegimeFixture, seedRegime } from '../server/test/regime-fixture';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, shot, signedInPage } from './support';

describe('the full chain: commune → district → province → ministry (browser)', () => {
  let server: BrowserServer;
  let app: App;
  let browser: Browser;
  let baseUrl: string;
  let fixture: Fixture;
  let regime: RegimeFixture;
  const clock = { now: during('2024-03-15') };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({
      clock: () => clock.now,
      consolidation: true,
      jobs: true,
      seed: async ({ db }) => {
        fixture = await seedFixture(db);
        // The ministry (BO) receives the report.
        regime = await seedRegime(db, { ...fixtureRegime, recipientUnitCodes: ['BO'] });
      },
    });
    ({ app, baseUrl, browser } = server);
    const admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const accounts: [string, keyof Fixture['units'], Role[], string][] = [
      ['lanhdao.t1', 'T1', ['approver', 'viewer'], 'Lãnh đạo UBND tỉnh Hà Giang'],
      ['lanhdao.bo', 'BO', ['approver', 'viewer'], 'Chuyên viên Bộ LĐTBXH'],
    ];
    for (const [username, unit, roles, displayName] of accounts) {
      const created = await admin.request('POST', '/api/v1/users', {
        username,
        displayName,
        unitId: fixture.units[unit],
        roles,
        password: FIXTURE_PASSWORD,
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  /** A signed-in page at `width`, whose clock agrees with the server's and whose script errors fail the test. */
  async function signedIn(username: string, width: number): Promise<Page> {
    return signedInPage(browser, baseUrl, {
      width,
      username,
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
      clock: clock.now,
    });
  }

  for (const [width, day] of [
    [1440, '2024-03-15'],
    [PHONE, '2024-03-16'],
  ] as const) {
    it(`walks the chain with a return at the ministry and a resubmission, at ${width} px`, async () => {
      clock.now = during(day);
      const period = day.replaceAll('-', '');
      const name = (step: string) => `full-chain-${step}-${width}`;
      const query = (unit: keyof Fixture['units']) =>
        `unitId=${fixture.units[unit]}&formId=${regime.formId}&period=${period}`;
      const consolidation = async (page: Page, unit: keyof Fixture['units']) => {
        await page.goto(`${baseUrl}/consolidation?${query(unit)}`);
        await page.getByTestId('consolidation-title').waitFor();
      };
      const status = (page: Page, code: string) => page.getByTestId(`child-status-${code}`);
      const accept = async (page: Page, code: string, unitName: string) => {
        await page.getByTestId(`child-${code}`).getByTestId('review-accept').click();
        await page.locator('.ant-popconfirm').getByRole('button', { name: 'Tiếp nhận' }).click();
        await page.getByText(`Đã tiếp nhận báo cáo của ${unitName}.`).waitFor();
      };
      const giveBack = async (page: Page, code: string, unitName: string, reason: string) => {
        await page.getByTestId(`child-${code}`).getByTestId('review-return').click();
        await page.getByTestId('return-reason').fill(reason);
        await page.locator('.ant-modal').getByRole('button', { name: 'Trả lại' }).click();
        await page.getByText(`Đã trả lại báo cáo của ${unitName}.`).waitFor();
      };
      const sendUp = async (page: Page) => {
        await page.getByTestId('send-up').click();
        await page.locator('.ant-popconfirm').getByRole('button', { name: 'Gửi', exact: true }).click();
        await expect.poll(() => page.getByTestId('sent-info').textContent()).toContain('Đã gửi lên cấp trên lúc');
      };
      const shownCell = (page: Page, key: string) => page.locator(`[data-cell="${key}"]`).first();

      // 1. The commune officer enters the report and submits it.
      const officer = await signedIn('entry_officer.x1', width);
      await officer.goto(`${baseUrl}/reports/entry?${query('X1')}`);
      await officer.getByTestId('entry-title').waitFor();
      for (const [key, value] of [
        ['nhan', '40'],
        ['duyet', '30'],
        ['tien', '12,5'],
      ] as const) {
        await officer.getByTestId(`cell-${key}`).click();
        await officer.keyboard.type(value);
        await officer.keyboard.press('Enter');
      }
      await expect.poll(() => shownCell(officer, 'ty_le').textContent()).toBe('75');
      await officer.getByTestId('submit-report').click();
      await expect.poll(() => officer.getByTestId('submit-result').textContent()).toContain('đúng hạn');
      await shot(officer, name('1-commune-submitted'), { tall: true });

      // 2. The district accepts it and sends its consolidation up.
      const district = await signedIn('approver.h1', width);
      await consolidation(district, 'H1');
      await expect.poll(() => status(district, 'X1').textContent()).toBe('Đúng hạn');
      await accept(district, 'X1', 'UBND xã Lũng Cú');
      await sendUp(district);

      // 3. The province: on the district's page it is told the district reviews its communes…
      const province = await signedIn('lanhdao.t1', width);
      await consolidation(province, 'H1');
      await province.getByTestId('not-direct-reviewer').waitFor();
      expect(await province.getByTestId('not-direct-reviewer').textContent()).toContain('UBND huyện Đồng Văn');
      expect(await province.getByTestId('child-X1').getByTestId('review-return').count()).toBe(0);
      await shot(province, name('3-province-on-district-page'), { tall: true });
      // …and so does the commune's report page, which offers it no review.
      await province.goto(`${baseUrl}/reports/entry?${query('X1')}`);
      await province.getByTestId('reviewed-by').waitFor();
      expect(await province.getByTestId('reviewed-by').textContent()).toContain('UBND huyện Đồng Văn');
      expect(await province.getByTestId('review-return').count()).toBe(0);
      await shot(province, name('3-province-on-commune-report'));
      // …and on its own page it accepts the district's report and sends up.
      await consolidation(province, 'T1');
      await expect.poll(() => status(province, 'H1').textContent()).toBe('Đúng hạn');
      await accept(province, 'H1', 'UBND huyện Đồng Văn');
      await sendUp(province);

      // 4. The ministry finds the national report in "Báo cáo của tôi", with what reached it.
      const ministry = await signedIn('lanhdao.bo', width);
      await ministry.goto(`${baseUrl}/reports?date=${day}`);
      const row = ministry.getByTestId(`my-report-B03-${period}`);
      await expect.poll(() => row.getByTestId('received').textContent()).toBe('1/2 đã gửi');
      expect(await row.textContent()).toContain('Cơ quan nhận');
      await shot(ministry, name('4-ministry-my-reports'), { tall: true });
      await row.getByRole('button', { name: 'Xem tổng hợp toàn quốc' }).click();
      await ministry.getByTestId('consolidation-title').waitFor();
      await ministry.getByTestId('recipient-notice').waitFor();
      await expect.poll(() => status(ministry, 'T1').textContent()).toBe('Đúng hạn');
      expect(await status(ministry, 'T2').textContent()).toBe('Chưa gửi lên cấp trên');
      await expect.poll(() => shownCell(ministry, 'nhan').textContent()).toBe('40');
      // Read-only: nothing to send, adjust or enter.
      expect(await ministry.getByTestId('send-up').count()).toBe(0);
      expect(await ministry.getByTestId('add-adjustment').count()).toBe(0);
      expect(await ministry.getByTestId('edit-own-entries').count()).toBe(0);
      // Drill down from the national figure to the province, the district and the officer.
      await shownCell(ministry, 'nhan').click();
      const drawer = ministry.getByTestId('drilldown-table');
      await drawer.getByText('UBND tỉnh Hà Giang').waitFor();
      await ministry.getByTestId('drill-T1').click();
      await drawer.getByText('UBND huyện Đồng Văn').waitFor();
      await ministry.getByTestId('drill-H1').click();
      await drawer.getByText('UBND xã Lũng Cú').waitFor();
      expect(await ministry.getByTestId('drill-row-X1').textContent()).toContain('Người dùng entry_officer.x1');
      await shot(ministry, name('4-ministry-drilldown'));
      await ministry.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
      // It returns the province's report with a reason.
      await giveBack(ministry, 'T1', 'UBND tỉnh Hà Giang', 'Số tiền chi chưa khớp số liệu Kho bạc, đề nghị rà soát.');
      await expect.poll(() => status(ministry, 'T1').textContent(), { timeout: 10_000 }).toBe('Bị trả lại');
      await ministry.mouse.move(0, 0);
      await shot(ministry, name('4-ministry-returned'), { tall: true });

      // 5. The province sees why, and returns the district's report in turn.
      await consolidation(province, 'T1');
      await expect
        .poll(() => province.getByTestId('returned-reason').textContent())
        .toBe('Chuyên viên Bộ LĐTBXH trả lại: Số tiền chi chưa khớp số liệu Kho bạc, đề nghị rà soát.');
      await shot(province, name('5-province-returned'), { tall: true });
      await giveBack(province, 'H1', 'UBND huyện Đồng Văn', 'Bộ đề nghị rà soát số tiền chi của xã Lũng Cú.');

      // 6. The district sees why, and returns the commune's report.
      await consolidation(district, 'H1');
      await expect.poll(() => district.getByTestId('returned-reason').textContent()).toContain('Bộ đề nghị rà soát');
      await giveBack(district, 'X1', 'UBND xã Lũng Cú', 'Đề nghị kiểm tra lại số tiền đã chi theo bảng kê Kho bạc.');

      // 7. The officer corrects the amount and resubmits.
      await officer.reload();
      await expect
        .poll(() => officer.getByTestId('return-reason-text').textContent())
        .toBe('Đề nghị kiểm tra lại số tiền đã chi theo bảng kê Kho bạc.');
      await officer.getByTestId('cell-tien').click();
      await officer.keyboard.type('13,5');
      await officer.keyboard.press('Enter');
      await officer.getByTestId('submit-report').click();
      await expect.poll(() => officer.getByTestId('current-revision').textContent()).toContain('Lần 2');

      // 8. Up the chain again: the district and the province accept and send.
      await consolidation(district, 'H1');
      await expect.poll(() => status(district, 'X1').textContent(), { timeout: 10_000 }).toBe('Đúng hạn');
      await accept(district, 'X1', 'UBND xã Lũng Cú');
      await sendUp(district);
      await consolidation(province, 'T1');
      await expect.poll(() => status(province, 'H1').textContent(), { timeout: 10_000 }).toBe('Đúng hạn');
      await accept(province, 'H1', 'UBND huyện Đồng Văn');
      await sendUp(province);

      // 9. The ministry, whose page stayed open, sees the new figures and accepts.
      await expect.poll(() => status(ministry, 'T1').textContent(), { timeout: 10_000 }).toBe('Đúng hạn');
      await expect.poll(() => shownCell(ministry, 'tien').textContent(), { timeout: 10_000 }).toBe('13,5');
      await accept(ministry, 'T1', 'UBND tỉnh Hà Giang');
      await expect.poll(() => ministry.getByTestId('count-accepted').textContent()).toBe('Đã tiếp nhận: 1');
      await ministry.mouse.move(0, 0);
      await shot(ministry, name('9-ministry-accepted'), { tall: true });
      await ministry.goto(`${baseUrl}/reports?date=${day}`);
      await expect
        .poll(() => ministry.getByTestId(`my-report-B03-${period}`).getByTestId('received').textContent())
        .toBe('1/2 đã gửi1 đã tiếp nhận');

      for (const page of [officer, district, province, ministry]) await page.context().close();
      expect(pageErrors).toEqual([]);
    }, 240_000);
  }
});
