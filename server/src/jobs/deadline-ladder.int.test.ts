/**
 * The warning ladder walked through a whole day of the daily regime (communes 14:00–16:00,
 * districts due 16:30, provinces 17:00; default ladder: reminder 30 minutes before, late warning
 * at the deadline, escalation 30 minutes after closing) on a moved clock: exactly which notices
 * go to whom, and when. Then two job runners (two server processes) on one database send each
 * step once.
 */
import { foldForSearch } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture, type UnitKey } from '../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../test/harness';
import { during, fixtureForm, fixtureRegime, type RegimeFixture, seedRegime } from '../../test/regime-fixture';
import { hashPassword } from '../features/auth/passwords';
import { DEADLINE_LADDER } from './deadline-ladder.job';
import { addJob } from './job-queue';
import { startJobRunner } from './runner';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
const DAY = '2024-04-05';
const PERIOD = '20240405';

/** People at units the fixture leaves without officers: a commune, a province, the ministry (the recipient). */
async function addOfficer(username: string, unit: UnitKey, role: 'entry_officer' | 'approver') {
  const row = await t.db
    .insertInto('users')
    .values({
      username,
      displayName: username,
      searchText: foldForSearch(username),
      unitId: fx.units[unit],
      captureRootId: fx.units[unit],
      viewRootId: fx.units[unit],
      passwordHash: await hashPassword(FIXTURE_PASSWORD),
      passwordChangedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('userRoles').values({ userId: row.id, role }).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  await addOfficer('entry_officer.x2', 'X2', 'entry_officer');
  await addOfficer('approver.t1', 'T1', 'approver');
  await addOfficer('approver.bo', 'BO', 'approver');
});
afterAll(async () => t?.close());

let seen = 0;
/** Moves the clock, runs the ladder as the crontab would, and answers the notices it wrote: "user: title". */
async function at(time: string): Promise<string[]> {
  t.clock.now = during(DAY, time);
  await addJob(t.db, DEADLINE_LADDER, {});
  await t.jobs.drain();
  const rows = await t.db
    .selectFrom('notices')
    .innerJoin('users', 'users.id', 'notices.userId')
    .select(['notices.id', 'users.username', 'notices.title', 'notices.createdAt'])
    .where('notices.id', '>', seen)
    .orderBy('users.username')
    .orderBy('notices.id')
    .execute();
  for (const row of rows) {
    seen = Math.max(seen, row.id);
    expect(row.createdAt.getTime()).toBe(t.clock.now);
  }
  return rows.map((r) => `${r.username}: ${(r.title as { vi: string }).vi}`);
}

const submit = (client: Client, unit: UnitKey, values?: Record<string, number>) =>
  client.request('POST', '/api/v1/reports/submit', {
    unitId: fx.units[unit],
    formId: rg.formId,
    period: PERIOD,
    ...(values ? { values } : {}),
  });

const REGIME = '“Báo cáo thử nghiệm hằng ngày” kỳ Ngày 05/04/2024';

describe('the warning ladder over a day of the daily regime', () => {
  it('reminds, warns, notifies the consolidating unit and escalates, each once, at its time', async () => {
    t.clock.now = during(DAY, '15:10');
    const x1 = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
    expect((await submit(x1, 'X1', { nhan: 3 })).status).toBe(200);

    expect(await at('15:29')).toEqual([]);
    // 30 minutes before the communes' deadline: the commune that has not sent is reminded.
    expect(await at('15:30')).toEqual([
      `entry_officer.x2: Nhắc hạn: UBND thị trấn Phó Bảng chưa gửi báo cáo ${REGIME}, hạn 05/04/2024 16:00`,
    ]);
    expect(await at('15:45')).toEqual([]);
    // The communes' deadline: the late commune is warned, its district told (grouped: 1 of 2); the
    // districts are reminded of theirs (16:30).
    expect(await at('16:00')).toEqual([
      `approver.h1: 1/2 đơn vị chưa gửi báo cáo ${REGIME} cho UBND huyện Đồng Văn (hạn 05/04/2024 16:00)`,
      `approver.h1: Nhắc hạn: UBND huyện Đồng Văn chưa gửi báo cáo ${REGIME}, hạn 05/04/2024 16:30`,
      `entry_officer.h1: 1/2 đơn vị chưa gửi báo cáo ${REGIME} cho UBND huyện Đồng Văn (hạn 05/04/2024 16:00)`,
      `entry_officer.h1: Nhắc hạn: UBND huyện Đồng Văn chưa gửi báo cáo ${REGIME}, hạn 05/04/2024 16:30`,
      `entry_officer.h2: Nhắc hạn: UBND huyện Mèo Vạc chưa gửi báo cáo ${REGIME}, hạn 05/04/2024 16:30`,
      `entry_officer.x2: Quá hạn: UBND thị trấn Phó Bảng chưa gửi báo cáo ${REGIME} (hạn 05/04/2024 16:00)`,
      `unit_admin.h1: 1/2 đơn vị chưa gửi báo cáo ${REGIME} cho UBND huyện Đồng Văn (hạn 05/04/2024 16:00)`,
      `unit_admin.h1: Nhắc hạn: UBND huyện Đồng Văn chưa gửi báo cáo ${REGIME}, hạn 05/04/2024 16:30`,
    ]);
    // Đồng Văn sends its consolidation before its deadline.
    t.clock.now = during(DAY, '16:20');
    const h1 = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    expect((await submit(h1, 'H1')).status).toBe(200);
    // 16:30: the commune still missing is escalated to the province; the districts that have not
    // sent are warned and their provinces told (Hà Nội has no officer to tell); the provinces are reminded.
    expect(await at('16:30')).toEqual([
      `approver.t1: Báo cáo cấp trên: 1/2 đơn vị thuộc UBND tỉnh Hà Giang chưa gửi báo cáo ${REGIME} (đã đóng 05/04/2024 16:00)`,
      `approver.t1: 1/2 đơn vị chưa gửi báo cáo ${REGIME} cho UBND tỉnh Hà Giang (hạn 05/04/2024 16:30)`,
      `approver.t1: Nhắc hạn: UBND tỉnh Hà Giang chưa gửi báo cáo ${REGIME}, hạn 05/04/2024 17:00`,
      `entry_officer.h2: Quá hạn: UBND huyện Mèo Vạc chưa gửi báo cáo ${REGIME} (hạn 05/04/2024 16:30)`,
    ]);
    // 17:00: the districts still missing are escalated to the ministry (the regime's recipient,
    // above the top consolidating level); the provinces are late and the ministry told.
    expect(await at('17:00')).toEqual([
      `approver.bo: Báo cáo cấp trên: 2/3 đơn vị thuộc Bộ Lao động – Thương binh và Xã hội chưa gửi báo cáo ${REGIME} (đã đóng 05/04/2024 16:30)`,
      `approver.bo: 2/2 đơn vị chưa gửi báo cáo ${REGIME} cho Bộ Lao động – Thương binh và Xã hội (hạn 05/04/2024 17:00)`,
      `approver.t1: Quá hạn: UBND tỉnh Hà Giang chưa gửi báo cáo ${REGIME} (hạn 05/04/2024 17:00)`,
    ]);
    // Nothing above the recipient; running again (a restart, the next minute) repeats nothing.
    expect(await at('17:30')).toEqual([]);
    expect(await at('17:31')).toEqual([]);
    const grouped = await t.db
      .selectFrom('notices')
      .select(['body'])
      .where('kind', '=', 'escalation')
      .where('userId', '=', (await userId('approver.bo')) as number)
      .executeTakeFirstOrThrow();
    expect((grouped.body as { vi: string }).vi).toBe('Đơn vị chưa gửi: UBND huyện Mèo Vạc, UBND huyện Ba Vì');
  });
});

async function userId(username: string) {
  return (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

describe('two server processes', () => {
  it('send each step of the ladder once', async () => {
    const second = await startJobRunner({ connectionString: t.url, clock: () => t.clock.now ?? Date.now() });
    try {
      const NEXT = '2024-04-06';
      t.clock.now = during(NEXT, '16:00');
      const before = await t.db
        .selectFrom('notices')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      // Each process's crontab fires in the same minute: two jobs without a key, run at once.
      await Promise.all([
        addJob(t.db, DEADLINE_LADDER, {}),
        addJob(t.db, DEADLINE_LADDER, {}),
        addJob(t.db, DEADLINE_LADDER, {}),
      ]);
      await Promise.all([t.jobs.drain(), second.drain()]);
      const rows = await t.db
        .selectFrom('notices')
        .select(['userId', 'dedupeKey'])
        .where('periodId', '=', '20240406')
        .execute();
      const keys = rows.map((r) => `${r.userId} ${r.dedupeKey}`);
      expect(new Set(keys).size).toBe(keys.length);
      // At 16:00 nobody has sent: both communes late (2 officers: X1, X2), H1's three officers told
      // and reminded, H2 reminded.
      expect(rows.length).toBe(2 + 3 + 3 + 1);
      const after = await t.db
        .selectFrom('notices')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n) - Number(before.n)).toBe(rows.length);
      const steps = await t.db
        .selectFrom('noticeLadderSteps')
        .select(['level', 'step'])
        .where('periodId', '=', '20240406')
        .orderBy('level')
        .orderBy('step')
        .execute();
      expect(steps).toEqual([
        { level: 0, step: 'late' },
        { level: 1, step: 'reminder' },
      ]);
    } finally {
      await second.stop();
    }
  });
});

describe('a unit kind in two levels', () => {
  it('judges each level by its own deadline', async () => {
    // As in the demo daily regime: districts enter a report of their own (due with the communes'
    // at 16:00) and consolidate their communes' (due 16:30).
    const [entry, ...rest] = fixtureRegime.schedules;
    const twoLevels = await seedRegime(
      t.db,
      { ...fixtureRegime, schedules: [{ ...entry!, unitKinds: ['ubnd_commune', 'ubnd_district'] }, ...rest] },
      { ...fixtureForm, code: 'B04', entryUnitKinds: ['ubnd_commune', 'ubnd_district'] },
    );
    const stepsOf = () =>
      t.db
        .selectFrom('noticeLadderSteps')
        .select(['level', 'step', 'dueAt'])
        .where('regimeId', '=', twoLevels.regimeId)
        .where('periodId', '=', '20240408')
        .orderBy('level')
        .orderBy('step')
        .execute();
    t.clock.now = during('2024-04-08', '16:00');
    await addJob(t.db, DEADLINE_LADDER, {});
    await t.jobs.drain();
    // At 16:00 the districts' consolidation is reminded of, not yet late.
    expect(await stepsOf()).toEqual([
      { level: 0, step: 'late', dueAt: new Date(during('2024-04-08', '16:00')) },
      { level: 1, step: 'reminder', dueAt: new Date(during('2024-04-08', '16:00')) },
    ]);
    t.clock.now = during('2024-04-08', '16:30');
    await addJob(t.db, DEADLINE_LADDER, {});
    await t.jobs.drain();
    expect((await stepsOf()).filter((s) => s.level === 1)).toEqual([
      { level: 1, step: 'late', dueAt: new Date(during('2024-04-08', '16:30')) },
      { level: 1, step: 'reminder', dueAt: new Date(during('2024-04-08', '16:00')) },
    ]);
  });
});
