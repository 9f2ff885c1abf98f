import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp-test-server';

let t: TestApp;
let smtp: TestSmtpServer;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let officer: Client;
let approver: Client;
const DAY = '20240401';

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ mail: smtp.mailConfig() });
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  await t.db
    .updateTable('users')
    .set({ email: 'xa.lungcu@example.gov.vn' })
    .where('username', '=', 'entry_officer.x1')
    .execute();
  t.clock.now = during('2024-04-01');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

const inbox = async (client: Client) => (await client.request('GET', '/api/v1/notices')).json;
const submit = (unit: keyof Fixture['units'], values: Record<string, number>, period = DAY) =>
  officer.request('POST', '/api/v1/reports/submit', { unitId: fx.units[unit], formId: rg.formId, period, values });
const submissionOf = async (unit: keyof Fixture['units'], period = DAY) =>
  (await officer.request('GET', `/api/v1/reports?unitId=${fx.units[unit]}&formId=${rg.formId}&period=${period}`)).json
    .submission.id as number;
const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

describe('event notices', () => {
  it('a returned report tells its unit’s officers why, in the inbox and by e-mail; accepting it tells them too', async () => {
    expect((await submit('X1', { nhan: 5, duyet: 3 })).status).toBe(200);
    const id = await submissionOf('X1');
    const returned = await approver.request('POST', `/api/v1/submissions/${id}/review`, {
      action: 'return',
      reason: 'Số hồ sơ tiếp nhận chưa khớp sổ theo dõi',
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    const list = await inbox(officer);
    expect(list.unread).toBe(1);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      kind: 'report_returned',
      title: {
        vi: 'Báo cáo B03 kỳ Ngày 01/04/2024 của UBND xã Lũng Cú bị trả lại',
        en: 'Report B03 for 1 Apr 2024 of UBND xã Lũng Cú was returned',
      },
      body: { vi: 'Lý do: Số hồ sơ tiếp nhận chưa khớp sổ theo dõi' },
      link: `/reports/entry?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`,
      readAt: null,
    });
    // Only the unit's officers: the approver who returned it, and other units, get nothing.
    expect((await inbox(approver)).items).toEqual([]);
    expect((await inbox(await signIn(t.app, 'entry_officer.h2', FIXTURE_PASSWORD))).items).toEqual([]);
    // The e-mail arrives with its Vietnamese subject and body intact.
    await vi.waitFor(() => expect(mailTo('xa.lungcu@example.gov.vn')).toHaveLength(1), { timeout: 10_000 });
    const [mail] = mailTo('xa.lungcu@example.gov.vn');
    expect(mail!.subject).toBe('Báo cáo B03 kỳ Ngày 01/04/2024 của UBND xã Lũng Cú bị trả lại');
    expect(mail!.text).toContain('Lý do: Số hồ sơ tiếp nhận chưa khớp sổ theo dõi');
    expect(mail!.text).toContain(
      `Xem trên hệ thống: https://baocao.example.gov.vn/reports/entry?unitId=${fx.units.X1}&formId=${rg.formId}&period=${DAY}`,
    );

    expect((await submit('X1', { nhan: 5, duyet: 4 })).status).toBe(200);
    expect((await approver.request('POST', `/api/v1/submissions/${id}/review`, { action: 'accept' })).status).toBe(200);
    const after = await inbox(officer);
    expect(after.items.map((n: { kind: string }) => n.kind)).toEqual(['report_accepted', 'report_returned']);
    expect(after.unread).toBe(2);
  });

  it('marks one notice read, then all; another person’s notice is not found', async () => {
    const [first] = (await inbox(officer)).items;
    expectError(await approver.request('POST', `/api/v1/notices/${first.id}/read`), 404, 'NOT_FOUND');
    const read = await officer.request('POST', `/api/v1/notices/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.json.readAt).not.toBeNull();
    expect((await officer.request('GET', '/api/v1/notices/unread-count')).json).toEqual({ unread: 1 });
    expect((await officer.request('GET', '/api/v1/notices?unread=true')).json.items).toHaveLength(1);
    expect((await officer.request('POST', '/api/v1/notices/read-all')).json).toEqual({ updated: 1 });
    expect((await officer.request('GET', '/api/v1/notices/unread-count')).json).toEqual({ unread: 0 });
    expect((await officer.request('POST', '/api/v1/notices/read-all')).json).toEqual({ updated: 0 });
  });

  it('a refused unlock request and an unlock tell the unit that asked', async () => {
    const lock = (locked: boolean) =>
      admin.request('POST', '/api/v1/period-locks', {
        regimeId: rg.regimeId,
        period: DAY,
        locked,
        reason: 'Chốt số liệu',
      });
    const ask = () =>
      officer.request('POST', '/api/v1/period-unlock-requests', {
        regimeId: rg.regimeId,
        period: DAY,
        unitId: fx.units.X1,
        reason: 'Cần sửa số liệu',
      });
    expect((await lock(true)).status).toBe(200);
    const asked = await ask();
    const refused = await admin.request('POST', `/api/v1/period-unlock-requests/${asked.json.id}/decision`, {
      grant: false,
      reason: 'Số liệu đã chốt với Bộ',
    });
    expect(refused.status).toBe(200);
    const again = await ask();
    expect(
      (
        await admin.request('POST', `/api/v1/period-unlock-requests/${again.json.id}/decision`, {
          grant: true,
          reason: 'Cho phép sửa trong ngày',
        })
      ).status,
    ).toBe(200);
    const kinds = (await officer.request('GET', '/api/v1/notices?unread=true')).json.items.map(
      (n: { kind: string; body: { vi: string } }) => [n.kind, n.body.vi],
    );
    expect(kinds).toEqual([
      ['period_unlocked', 'Lý do: Cho phép sửa trong ngày'],
      ['unlock_refused', 'Lý do: Số liệu đã chốt với Bộ'],
    ]);
  });
});

describe('preferences and the delivery log', () => {
  it('a person chooses per kind: e-mail only keeps it out of the inbox; nothing at all writes nothing', async () => {
    const defaults = await officer.request('GET', '/api/v1/notices/preferences');
    expect(defaults.json.email).toBe('xa.lungcu@example.gov.vn');
    expect(defaults.json.items).toContainEqual({ kind: 'report_returned', inbox: true, email: true });
    const set = await officer.request('PUT', '/api/v1/notices/preferences', {
      items: [
        { kind: 'report_returned', inbox: false, email: true },
        { kind: 'report_accepted', inbox: false, email: false },
      ],
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json.items).toContainEqual({ kind: 'report_returned', inbox: false, email: true });
    expectError(
      await officer.request('PUT', '/api/v1/notices/preferences', {
        items: [{ kind: 'fax', inbox: true, email: true }],
      }),
      400,
      'VALIDATION_FAILED',
      'items.0.kind',
    );
    // The earlier tests' e-mails are still on their way: count only once every delivery has arrived.
    await vi.waitFor(
      async () => {
        const pending = await t.db
          .selectFrom('emailDeliveries')
          .select(t.db.fn.countAll<string>().as('n'))
          .where('toAddress', '=', 'xa.lungcu@example.gov.vn')
          .where('status', '<>', 'sent')
          .executeTakeFirstOrThrow();
        expect(Number(pending.n)).toBe(0);
      },
      { timeout: 10_000 },
    );
    const mailsBefore = mailTo('xa.lungcu@example.gov.vn').length;
    const countBefore = (await inbox(officer)).total;
    const unitAdmin = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
    // The next day's report is returned, then accepted.
    t.clock.now = during('2024-04-02');
    expect((await submit('X1', { nhan: 6, duyet: 4 }, '20240402')).status).toBe(200);
    const id = await submissionOf('X1', '20240402');
    expect(
      (await unitAdmin.request('POST', `/api/v1/submissions/${id}/review`, { action: 'return', reason: 'Bổ sung' }))
        .status,
    ).toBe(200);
    await vi.waitFor(() => expect(mailTo('xa.lungcu@example.gov.vn')).toHaveLength(mailsBefore + 1), {
      timeout: 10_000,
    });
    expect((await inbox(officer)).total).toBe(countBefore);
    expect((await submit('X1', { nhan: 6, duyet: 5 }, '20240402')).status).toBe(200);
    expect((await unitAdmin.request('POST', `/api/v1/submissions/${id}/review`, { action: 'accept' })).status).toBe(
      200,
    );
    const accepted = await t.db
      .selectFrom('notices')
      .select('id')
      .where('kind', '=', 'report_accepted')
      .where('userId', '=', fx.users['entry_officer.x1']!)
      .execute();
    expect(accepted).toHaveLength(1); // the first acceptance only; the second reached no channel
  });

  it('the delivery log shows each e-mail and its attempts to those who read the audit of the unit', async () => {
    await vi.waitFor(
      async () =>
        expect((await approver.request('GET', '/api/v1/notices/deliveries?status=pending')).json.total).toBe(0),
      { timeout: 10_000 },
    );
    const log = await approver.request('GET', '/api/v1/notices/deliveries');
    expect(log.status).toBe(200);
    expect(log.json.total).toBe(mailTo('xa.lungcu@example.gov.vn').length);
    expect(log.json.items.length).toBeGreaterThanOrEqual(2);
    for (const item of log.json.items) {
      expect(item.toAddress).toBe('xa.lungcu@example.gov.vn');
      expect(item.status).toBe('sent');
      expect(item.attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: 'sent', error: null })]);
    }
    const sibling = await signIn(t.app, 'unit_admin.t1', FIXTURE_PASSWORD);
    expect((await sibling.request('GET', '/api/v1/notices/deliveries')).json.total).toBe(log.json.total);
    const other = await (async () => {
      await t.db
        .insertInto('userRoles')
        .values({ userId: fx.users['entry_officer.h2']!, role: 'unit_admin' })
        .execute();
      return signIn(t.app, 'entry_officer.h2', FIXTURE_PASSWORD);
    })();
    expect((await other.request('GET', '/api/v1/notices/deliveries')).json).toMatchObject({ items: [], total: 0 });
  });
});

describe('a lower unit changes its data after the district sent its consolidation', () => {
  it('tells the district once per report it sent', async () => {
    const PERIOD = '20240404';
    t.clock.now = during('2024-04-04');
    const district = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const changedNotices = async () =>
      (await district.request('GET', '/api/v1/notices')).json.items.filter(
        (n: { kind: string }) => n.kind === 'child_changed',
      );
    expect((await submit('X1', { nhan: 2 }, PERIOD)).status).toBe(200);
    await t.worker.drain();
    const sendUp = await district.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.H1,
      formId: rg.formId,
      period: PERIOD,
    });
    expect(sendUp.status, JSON.stringify(sendUp.json)).toBe(200);
    await t.worker.drain();
    expect(await changedNotices()).toEqual([]);
    expect((await submit('X1', { nhan: 3 }, PERIOD)).status).toBe(200);
    await t.worker.drain();
    const [notice, ...more] = await changedNotices();
    expect(more).toEqual([]);
    expect(notice).toMatchObject({
      title: {
        vi: 'Số liệu của đơn vị cấp dưới đã thay đổi sau khi UBND huyện Đồng Văn gửi báo cáo B03 kỳ Ngày 04/04/2024',
      },
      body: { vi: '1 chỉ tiêu khác với số liệu đã gửi; xem và gửi lại báo cáo tổng hợp nếu cần.' },
      link: `/consolidation?unitId=${fx.units.H1}&formId=${rg.formId}&period=${PERIOD}`,
    });
    expect((await submit('X1', { nhan: 4 }, PERIOD)).status).toBe(200);
    await t.worker.drain();
    expect(await changedNotices()).toHaveLength(1);
  });
});
