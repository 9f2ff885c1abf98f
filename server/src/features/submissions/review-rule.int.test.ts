/**
 * Who reviews what: a report is accepted or returned by its direct consolidator (the nearest
 * consolidating ancestor) only. A province approver cannot return a commune's report that its
 * district already accepted: the page offers no button, and the API answers NOT_DIRECT_REVIEWER
 * naming the district.
 */
import type { Role } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let commune: Client;
let district: Client;
let province: Client;
let government: Client;
const DAY = '20240315';

async function account(username: string, unit: keyof Fixture['units'], roles: Role[]): Promise<Client> {
  const created = await admin.request('POST', '/api/v1/users', {
    username,
    displayName: `Cán bộ ${username}`,
    unitId: fx.units[unit],
    roles,
    password: FIXTURE_PASSWORD,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return signIn(t.app, username, FIXTURE_PASSWORD);
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  commune = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  district = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  province = await account('lanhdao.t1', 'T1', ['approver', 'entry_officer', 'viewer']);
  government = await account('lanhdao.cp', 'CP', ['approver', 'viewer']);
});
afterAll(async () => t?.close());

const query = (unit: keyof Fixture['units']) => `unitId=${fx.units[unit]}&formId=${rg.formId}&period=${DAY}`;
const review = (client: Client, id: number, action: 'accept' | 'return') =>
  client.request('POST', `/api/v1/submissions/${id}/review`, {
    action,
    ...(action === 'return' ? { reason: 'Đề nghị kiểm tra lại' } : {}),
  });
async function canReviewAt(client: Client, unit: keyof Fixture['units']) {
  const view = await client.request('GET', `/api/v1/consolidation?${query(unit)}`);
  expect(view.status, JSON.stringify(view.json)).toBe(200);
  return view.json.canReview as boolean;
}

describe('only the direct consolidator reviews a report', () => {
  let x1: number;
  let h1: number;

  it('a province approver cannot return a commune report its district accepted', async () => {
    const sent = await commune.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: DAY,
      values: { nhan: 4, duyet: 2 },
    });
    expect(sent.status).toBe(200);
    x1 = sent.json.submissionId;
    // The report page offers the district its review, not the province.
    const asDistrict = await district.request('GET', `/api/v1/reports?${query('X1')}`);
    expect(asDistrict.json.actions).toEqual(['accept', 'return']);
    const asProvince = await province.request('GET', `/api/v1/reports?${query('X1')}`);
    expect(asProvince.status).toBe(200);
    // (It may still enter the commune's data, as any capture scope above may.)
    expect(asProvince.json.actions).toEqual(['save', 'submit']);
    // The page names who reviews it.
    expect(asProvince.json.reviewer).toMatchObject({
      unit: { id: fx.units.H1, name: 'UBND huyện Đồng Văn' },
      withRecipients: false,
    });
    expect((await review(district, x1, 'accept')).json.state).toBe('accepted');

    for (const action of ['return', 'accept'] as const) {
      const refused = await review(province, x1, action);
      expect(refused.status).toBe(403);
      expect(refused.json.code).toBe('NOT_DIRECT_REVIEWER');
      expect(refused.json.message).toBe(
        'Chỉ UBND huyện Đồng Văn — đơn vị tổng hợp trực tiếp — được tiếp nhận hoặc trả lại báo cáo này.',
      );
      expect(refused.json.details).toEqual({ reviewerUnitId: fx.units.H1 });
    }
    const still = await district.request('GET', `/api/v1/reports?${query('X1')}`);
    expect(still.json.submission.state).toBe('accepted');
    // Nor does the government, two levels further up.
    expect((await review(government, x1, 'return')).json.code).toBe('NOT_DIRECT_REVIEWER');
  });

  it('each consolidating page offers review to its own approvers only', async () => {
    expect(await canReviewAt(district, 'H1')).toBe(true);
    expect(await canReviewAt(province, 'H1')).toBe(false);
    expect(await canReviewAt(province, 'T1')).toBe(true);
    expect(await canReviewAt(government, 'T1')).toBe(false);
    expect(await canReviewAt(government, 'CP')).toBe(true);
    // A viewer of the district reviews nothing.
    expect(await canReviewAt(await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD), 'H1')).toBe(false);
  });

  it('the district’s sent report is its province’s to review, the province’s the top’s', async () => {
    await t.worker.drain();
    const sent = await district.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.H1,
      formId: rg.formId,
      period: DAY,
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    h1 = sent.json.submissionId;
    // Its own unit's report is not the district's to review.
    expect((await review(district, h1, 'accept')).json.code).toBe('NOT_DIRECT_REVIEWER');
    expect((await review(government, h1, 'accept')).json.code).toBe('NOT_DIRECT_REVIEWER');
    expect((await review(province, h1, 'return')).json.state).toBe('returned');
    await t.worker.drain();
    expect(
      (
        await district.request('POST', '/api/v1/reports/submit', {
          unitId: fx.units.H1,
          formId: rg.formId,
          period: DAY,
        })
      ).json.state,
    ).toBe('submitted');
    expect((await review(province, h1, 'accept')).json.state).toBe('accepted');
    await t.worker.drain();
    const t1 = await province.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.T1,
      formId: rg.formId,
      period: DAY,
    });
    expect(t1.status, JSON.stringify(t1.json)).toBe(200);
    const t1Report = await province.request('GET', `/api/v1/reports?${query('T1')}`);
    expect(t1Report.json.reviewer).toMatchObject({ unit: { id: fx.units.CP }, withRecipients: true });
    // The province's report goes to the top: the government reviews it (and the recipients do).
    const refused = await review(province, t1.json.submissionId, 'accept');
    expect(refused.json.code).toBe('NOT_DIRECT_REVIEWER');
    expect(refused.json.message).toBe(
      'Báo cáo này gửi lên Chính phủ và cơ quan nhận báo cáo (Bộ Lao động – Thương binh và Xã hội); chỉ các đơn vị đó được tiếp nhận hoặc trả lại.',
    );
    expect((await review(government, t1.json.submissionId, 'accept')).json.state).toBe('accepted');
  });

  it('a system administrator still reviews anywhere', async () => {
    expect((await review(admin, x1, 'return')).json.state).toBe('returned');
  });
});
