import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let officer: Client;
let approver: Client;
const DAY = '20240315';

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15');
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const key = (unit: keyof Fixture['units'], period = DAY) => ({ unitId: fx.units[unit], formId: rg.formId, period });
const report = (client: Client, unit: keyof Fixture['units'], period = DAY) =>
  client.request('GET', `/api/v1/reports?unitId=${fx.units[unit]}&formId=${rg.formId}&period=${period}`);
const consolidation = async (client: Client, unit: keyof Fixture['units'], period = DAY) => {
  await t.worker.drain();
  return client.request('GET', `/api/v1/consolidation?unitId=${fx.units[unit]}&formId=${rg.formId}&period=${period}`);
};

describe('entry and submission', () => {
  it('saves a draft, submits it on time, and every ancestor consolidates it', async () => {
    const saved = await officer.request('PUT', '/api/v1/reports/draft', {
      ...key('X1'),
      values: { nhan: 10, duyet: 8 },
      baseVersion: 0,
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.draftVersion).toBe(1);
    const submitted = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1'),
      values: { nhan: 10, duyet: 8, tien: 12.5 },
      baseVersion: 1,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    expect(submitted.json).toMatchObject({ state: 'submitted', revisionNumber: 1, onTime: true, minutesLate: 0 });
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    for (const unit of ['H1', 'T1', 'CP'] as const) {
      const view = await consolidation(admin, unit);
      expect(view.status).toBe(200);
      expect(view.json.values).toMatchObject({ nhan: 10, duyet: 8, tien: 12.5, ty_le: 80 });
    }
    const h1 = await consolidation(approver, 'H1');
    expect(h1.json.counts).toMatchObject({ expected: 2, submitted: 1, missing: 1, on_time: 1 });
    expect(h1.json.children.map((c: any) => [c.unit.code, c.status])).toEqual([
      ['X1', 'on_time'],
      ['X2', 'missing'],
    ]);
  });

  it('refuses values that break a rule, with the issues listed', async () => {
    const response = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1'),
      values: { nhan: 1, duyet: 5 },
    });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe('VALIDATION_FAILED');
    expect(response.json.details.issues.map((i: any) => i.target)).toEqual(['rule:R1']);
  });

  it('a stale draft write gets a conflict naming what changed', async () => {
    const current = await report(officer, 'X1');
    const base = current.json.submission.draftVersion;
    const first = await officer.request('PUT', '/api/v1/reports/draft', {
      ...key('X1'),
      values: { nhan: 11, duyet: 8 },
      baseVersion: base,
    });
    expect(first.status).toBe(200);
    const stale = await officer.request('PUT', '/api/v1/reports/draft', {
      ...key('X1'),
      values: { nhan: 10, duyet: 9 },
      baseVersion: base,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('CONFLICT');
    expect(stale.json.details.changed).toEqual(['duyet', 'nhan']);
  });

  it('an Idempotency-Key repeat returns the first result and creates nothing', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/reports/submit',
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'idempotency-key': 'gui-lan-1-20240316' },
        payload: { ...key('X1', '20240316'), values: { nhan: 3, duyet: 1 } },
      });
    t.clock.now = during('2024-03-16');
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([200, 200, 200]);
    expect(b.json().revisionId).toBe(a.json().revisionId);
    expect(c.json().revisionId).toBe(a.json().revisionId);
    const revisions = await t.db
      .selectFrom('submissionRevisions')
      .select('id')
      .where('submissionId', '=', a.json().submissionId)
      .execute();
    expect(revisions).toHaveLength(1);
    t.clock.now = during('2024-03-15');
  });

  it('parallel submits of one report make one gapless revision sequence', async () => {
    t.clock.now = during('2024-03-17');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        officer.request('POST', '/api/v1/reports/submit', {
          ...key('X1', '20240317'),
          values: { nhan: 20 + i, duyet: i },
        }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.map((r) => r.json.revisionNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    t.clock.now = during('2024-03-15');
  });

  it('submits racing draft saves keep one revision sequence and audit only what was written', async () => {
    t.clock.now = during('2024-03-20');
    const base = (await report(officer, 'X1', '20240320')).json.submission?.draftVersion ?? 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? officer.request('POST', '/api/v1/reports/submit', {
              ...key('X1', '20240320'),
              values: { nhan: 30 + i, duyet: i },
            })
          : officer.request('PUT', '/api/v1/reports/draft', {
              ...key('X1', '20240320'),
              values: { nhan: 40 + i, duyet: 1 },
              baseVersion: base,
            }),
      ),
    );
    const submits = results.filter((_, i) => i % 2 === 0);
    expect(submits.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const saves = results.filter((_, i) => i % 2 === 1).map((r) => r.status);
    expect(saves.every((status) => status === 200 || status === 409)).toBe(true);
    const submissionId = submits[0]!.json.submissionId;
    const revisions = await t.db
      .selectFrom('submissionRevisions')
      .select('number')
      .where('submissionId', '=', submissionId)
      .orderBy('number')
      .execute();
    expect(revisions.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT object_id FROM audit_pending WHERE action = 'submission.submit' AND object_id = ${String(submissionId)}
        UNION ALL
        SELECT object_id FROM audit_log WHERE action = 'submission.submit' AND object_id = ${String(submissionId)}) a`.execute(
      t.db,
    );
    expect(audited.rows[0]!.n).toBe(6);
    const stored = await t.db
      .selectFrom('submissions')
      .select(['revisionCount', 'state'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ revisionCount: 6, state: expect.stringMatching(/^(submitted|draft)$/) });
    t.clock.now = during('2024-03-15');
  });

  it('refuses a submit before the window opens and marks a late one with its minutes', async () => {
    t.clock.now = during('2024-03-18', '13:59');
    const early = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1', '20240318'),
      values: { nhan: 1 },
    });
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('INVALID_STATE');
    t.clock.now = during('2024-03-18', '16:42');
    const late = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1', '20240318'),
      values: { nhan: 1 },
    });
    expect(late.json).toMatchObject({ onTime: false, minutesLate: 42 });
    t.clock.now = during('2024-03-15');
  });

  it('"nothing to report" is an explicit submission', async () => {
    t.clock.now = during('2024-03-19');
    const nil = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1', '20240319'),
      isNil: true,
      values: {},
    });
    expect(nil.status, JSON.stringify(nil.json)).toBe(200);
    const again = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1', '20240319'),
      isNil: true,
      values: {},
    });
    expect(again.status).toBe(200);
    const h1 = await consolidation(approver, 'H1', '20240319');
    expect(h1.json.children.find((c: any) => c.unit.code === 'X1').status).toBe('nil');
    t.clock.now = during('2024-03-15');
  });
});

describe('authorization of reports', () => {
  it('an officer cannot see or submit another unit’s report', async () => {
    expect((await report(officer, 'X2')).status).toBe(404);
    const other = await officer.request('POST', '/api/v1/reports/submit', { ...key('X2'), values: { nhan: 1 } });
    expect(other.status).toBe(404);
    const viewer = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
    expect((await report(viewer, 'X1')).status).toBe(200);
    expect((await viewer.request('POST', '/api/v1/reports/submit', { ...key('X1'), values: { nhan: 1 } })).status).toBe(
      403,
    );
  });

  it('only an approver above the unit reviews it', async () => {
    const sub = (await report(officer, 'X1')).json.submission.id;
    const own = await officer.request('POST', `/api/v1/submissions/${sub}/review`, { action: 'accept' });
    expect(own.status).toBe(403);
    const sibling = await signIn(t.app, 'entry_officer.h2', FIXTURE_PASSWORD);
    expect((await sibling.request('POST', `/api/v1/submissions/${sub}/review`, { action: 'accept' })).status).toBe(403);
  });
});

describe('review, sending up and provenance', () => {
  it('returns with a reason, resubmits, accepts', async () => {
    const sub = (await report(approver, 'X1')).json.submission.id;
    const noReason = await approver.request('POST', `/api/v1/submissions/${sub}/review`, { action: 'return' });
    expect(noReason.status).toBe(400);
    const returned = await approver.request('POST', `/api/v1/submissions/${sub}/review`, {
      action: 'return',
      reason: 'Số tiền chưa khớp kho bạc',
    });
    expect(returned.json.state).toBe('returned');
    const h1 = await consolidation(approver, 'H1');
    expect(h1.status, JSON.stringify(h1.json)).toBe(200);
    expect(h1.json.children[0].status, JSON.stringify(h1.json.children)).toBe('returned');
    expect(h1.json.values.nhan).toBeUndefined();
    const again = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1'),
      values: { nhan: 10, duyet: 8, tien: 12.5 },
    });
    expect(again.json.state).toBe('submitted');
    expect((await approver.request('POST', `/api/v1/submissions/${sub}/review`, { action: 'accept' })).json.state).toBe(
      'accepted',
    );
  });

  it('sending up freezes the figures; a child change shows "changed since sent" with the difference', async () => {
    t.clock.now = during('2024-03-15', '16:10');
    const sent = await approver.request('POST', '/api/v1/reports/submit', key('H1'));
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    const revision = await t.db
      .selectFrom('submissionRevisions')
      .select(['values', 'channel', 'contains'])
      .where('id', '=', sent.json.revisionId)
      .executeTakeFirstOrThrow();
    expect(revision.channel).toBe('consolidation');
    expect(revision.values).toMatchObject({ nhan: 10 });
    expect((revision.contains as any).contributors.map((c: any) => c.unitId)).toEqual([fx.units.X1]);
    let view = await consolidation(approver, 'H1');
    expect(view.json.sent.changedSinceSent).toBe(false);
    t.clock.now = during('2024-03-15', '15:30');
    // An accepted report changes only after it is returned.
    const sub = (await report(approver, 'X1')).json.submission.id;
    const returned = await approver.request('POST', `/api/v1/submissions/${sub}/review`, {
      action: 'return',
      reason: 'Cập nhật số mới',
    });
    expect(returned.status).toBe(200);
    const resubmitted = await officer.request('POST', '/api/v1/reports/submit', {
      ...key('X1'),
      values: { nhan: 12, duyet: 8, tien: 12.5 },
    });
    expect(resubmitted.status).toBe(200);
    view = await consolidation(approver, 'H1');
    expect(view.json.sent.changedSinceSent).toBe(true);
    expect(view.json.sent.differences).toEqual([
      { cellKey: 'nhan', sent: 10, now: 12 },
      { cellKey: 'ty_le', sent: 80, now: 66.7 },
    ]);
  });

  it('drills a consolidated cell down to the revision and officer behind it', async () => {
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    const top = await admin.request(
      'GET',
      `/api/v1/consolidation/drilldown?unitId=${fx.units.T1}&formId=${rg.formId}&period=${DAY}&cell=nhan`,
    );
    expect(top.status).toBe(200);
    expect(top.json.contributions.map((c: any) => [c.unit.code, c.value, c.drillable])).toEqual([
      ['H1', 12, true],
      ['H2', null, true],
    ]);
    const district = await admin.request(
      'GET',
      `/api/v1/consolidation/drilldown?unitId=${fx.units.H1}&formId=${rg.formId}&period=${DAY}&cell=nhan`,
    );
    const x1 = district.json.contributions.find((c: any) => c.unit.code === 'X1');
    expect(x1).toMatchObject({
      value: 12,
      channel: 'web',
      submittedByName: 'Người dùng entry_officer.x1',
      counted: true,
    });
  });

  it('adjustments are added apart, with who and why', async () => {
    const added = await approver.request('POST', '/api/v1/consolidation/adjustments', {
      ...key('H1'),
      cellKey: 'tien',
      delta: 2.5,
      reason: 'Bổ sung số chi ngoài hệ thống',
    });
    expect(added.status).toBe(201);
    const view = await consolidation(approver, 'H1');
    expect(view.json.values.tien).toBe(15);
    expect(view.json.adjustments[0]).toMatchObject({
      cellKey: 'tien',
      delta: 2.5,
      reason: 'Bổ sung số chi ngoài hệ thống',
    });
  });

  it('a locked period refuses submissions until unlocked', async () => {
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    expect(
      (
        await admin.request('POST', '/api/v1/period-locks', {
          regimeId: rg.regimeId,
          period: DAY,
          locked: true,
          reason: 'Chốt số liệu',
        })
      ).status,
    ).toBe(200);
    const refused = await officer.request('POST', '/api/v1/reports/submit', { ...key('X1'), values: { nhan: 1 } });
    expect(refused.status).toBe(409);
    const draft = await officer.request('PUT', '/api/v1/reports/draft', { ...key('X1'), values: {}, baseVersion: 0 });
    expect(draft.status).toBe(409);
    // The officer's view says who locked it, when and why, and offers no submit.
    const locked = await report(officer, 'X1');
    expect(locked.json).toMatchObject({
      locked: true,
      lock: { lockedByName: 'Người dùng admin', reason: 'Chốt số liệu' },
    });
    expect(locked.json.actions).not.toContain('submit');
    expect(
      (
        await admin.request('POST', '/api/v1/period-locks', {
          regimeId: rg.regimeId,
          period: DAY,
          locked: false,
          reason: 'Tỉnh đề nghị mở lại',
        })
      ).status,
    ).toBe(200);
    expect((await report(officer, 'X1')).json).toMatchObject({ locked: false, lock: null });
  });
});
