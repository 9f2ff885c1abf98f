/**
 * A consolidator's "not yet submitted" list and its reminders (rate-limited), and the ladder
 * settings of the regime editor: each wrong request names its field and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, fixtureRegime, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let approver: Client;
let officer: Client;
let admin: Client;
const PERIOD = '20240403';

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-04-03', '15:00');
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const remind = (body: Record<string, unknown>, client = approver) =>
  client.request('POST', '/api/v1/notices/reminders', { regimeId: rg.regimeId, period: PERIOD, ...body });
const notSubmitted = (unit: keyof Fixture['units'], client = approver) =>
  client.request(
    'GET',
    `/api/v1/notices/not-submitted?regimeId=${rg.regimeId}&period=${PERIOD}&unitId=${fx.units[unit]}`,
  );
const noticeCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('notices')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the not-yet-submitted list and reminders', () => {
  it('lists the communes a district waits for, with when each was reminded', async () => {
    const list = await notSubmitted('H1');
    expect(list.status).toBe(200);
    expect(list.json).toEqual({
      expected: 2,
      dueAt: '2024-04-03T16:00:00+07:00',
      items: [
        { id: fx.units.X1, code: 'X1', name: 'UBND xã Lũng Cú', remindedAt: null, nextReminderAt: null },
        { id: fx.units.X2, code: 'X2', name: 'UBND thị trấn Phó Bảng', remindedAt: null, nextReminderAt: null },
      ],
    });
    expectError(await notSubmitted('H2'), 404, 'NOT_FOUND', 'unitId');
  });

  it('reminds one unit, then all; a unit reminded in the last 30 minutes is skipped, and refused alone', async () => {
    const one = await remind({ unitId: fx.units.H1, unitIds: [fx.units.X1] });
    expect(one.status, JSON.stringify(one.json)).toBe(200);
    expect(one.json).toEqual({ reminded: [fx.units.X1], skipped: [] });
    const [notice] = (await officer.request('GET', '/api/v1/notices')).json.items;
    expect(notice).toMatchObject({
      kind: 'manual_reminder',
      title: {
        vi: 'UBND huyện Đồng Văn nhắc UBND xã Lũng Cú gửi báo cáo “Báo cáo thử nghiệm hằng ngày” kỳ Ngày 03/04/2024 (hạn 03/04/2024 16:00)',
      },
      link: `/reports/entry?unitId=${fx.units.X1}&formId=${rg.formId}&period=${PERIOD}`,
    });
    const before = await noticeCount();
    expectError(await remind({ unitId: fx.units.H1, unitIds: [fx.units.X1] }), 429, 'TOO_MANY_REMINDERS', 'unitIds');
    expect(await noticeCount()).toBe(before);
    const all = await remind({ unitId: fx.units.H1 });
    expect(all.json).toEqual({
      reminded: [fx.units.X2],
      skipped: [{ unitId: fx.units.X1, nextReminderAt: '2024-04-03T08:30:00.000Z' }],
    });
    expectError(await remind({ unitId: fx.units.H1 }), 429, 'TOO_MANY_REMINDERS', 'unitIds');
    expect((await notSubmitted('H1')).json.items[0]).toMatchObject({
      remindedAt: '2024-04-03T08:00:00.000Z',
      nextReminderAt: '2024-04-03T08:30:00.000Z',
    });
    t.clock.now = during('2024-04-03', '15:31');
    expect((await remind({ unitId: fx.units.H1 })).json.reminded).toEqual([fx.units.X1, fx.units.X2]);
  });

  it('refuses units outside the caller’s scope or not waited for, naming the field, and sends nothing', async () => {
    const before = await noticeCount();
    // A sibling district, outside the approver's subtree.
    expectError(
      await remind({ unitId: fx.units.H1, unitIds: [fx.units.X2, fx.units.H2] }),
      404,
      'NOT_FOUND',
      'unitIds.1',
    );
    // Reminding for a district outside the caller's scope.
    expectError(await remind({ unitId: fx.units.H2 }), 404, 'NOT_FOUND');
    // X1 sends; it is no longer among the units that have not sent.
    t.clock.now = during('2024-04-03', '15:40');
    const sent = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: PERIOD,
      values: { nhan: 1 },
    });
    expect(sent.status).toBe(200);
    expectError(await remind({ unitId: fx.units.H1, unitIds: [fx.units.X1] }), 400, 'VALIDATION_FAILED', 'unitIds.0');
    expect(await noticeCount()).toBe(before);
    expect((await notSubmitted('H1')).json.items.map((u: { code: string }) => u.code)).toEqual(['X2']);
  });
});

describe('ladder settings in the regime editor', () => {
  const regimeWith = (ladder: unknown) => ({
    code: `LADDER-${Math.floor(Math.random() * 1e6)}`,
    definition: {
      ...fixtureRegime,
      schedules: fixtureRegime.schedules.map((s, i) => (i === 0 ? { ...s, ladder } : s)),
    },
  });
  const ladder = {
    reminderMinutesBeforeDue: 30,
    lateWarning: true,
    escalationMinutesAfterClose: 30,
    channels: ['inbox'],
  };
  const regimeCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('regimes')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a reminder before the window opens, an unknown channel, a negative offset, naming the field', async () => {
    const before = await regimeCount();
    const early = await admin.request(
      'POST',
      '/api/v1/regimes',
      regimeWith({ ...ladder, reminderMinutesBeforeDue: 180 }),
    );
    expectError(early, 422, 'REGIME_DEFINITION_INVALID', 'definition.schedules.0.ladder.reminderMinutesBeforeDue');
    expect(early.json.details.problems).toHaveLength(1);
    const channel = await admin.request(
      'POST',
      '/api/v1/regimes',
      regimeWith({ ...ladder, channels: ['inbox', 'sms'] }),
    );
    expectError(channel, 422, 'REGIME_DEFINITION_INVALID', 'definition.schedules.0.ladder.channels.1');
    expect(channel.json.details.problems).toEqual([
      {
        field: 'definition.schedules.0.ladder.channels.1',
        message: {
          vi: 'Kênh thông báo “sms” không tồn tại (chỉ có: inbox, email).',
          en: 'Unknown notice channel “sms” (known: inbox, email).',
        },
      },
    ]);
    const negative = await admin.request(
      'POST',
      '/api/v1/regimes',
      regimeWith({ ...ladder, escalationMinutesAfterClose: -5 }),
    );
    expect(negative.status).toBe(400);
    expect(negative.json.field).toContain('escalationMinutesAfterClose');
    expect(await regimeCount()).toBe(before);
    const fine = await admin.request('POST', '/api/v1/regimes', regimeWith(ladder));
    expect(fine.status, JSON.stringify(fine.json)).toBe(201);
    expect((await regimeCount()) - before).toBe(1);
  });
});
