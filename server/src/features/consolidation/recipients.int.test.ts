/**
 * A regime's recipient agencies (outside the territorial tree) see its national consolidation
 * live, drill down to the province, district and officer, accept or return the provinces'
 * reports, and see who has not sent; they change no data, and see nothing of other regimes.
 */
import { foldForSearch, type Role } from '@baocao/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, fixtureForm, fixtureRegime, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
/** Received by BO (the ministry) and VP (the Government Office). */
let rg: RegimeFixture;
/** Received by VP only. */
let other: RegimeFixture;
let vp: number;
let admin: Client;
let ministry: Client;
let ministryViewer: Client;
let office: Client;
let province: Client;
let district: Client;
let commune: Client;
const DAY = '20240315';

async function account(username: string, unitId: number, roles: Role[]): Promise<Client> {
  const created = await admin.request('POST', '/api/v1/users', {
    username,
    displayName: `Cán bộ ${username}`,
    unitId,
    roles,
    password: FIXTURE_PASSWORD,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return signIn(t.app, username, FIXTURE_PASSWORD);
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  const unit = await t.db
    .insertInto('units')
    .values({
      code: 'VP',
      name: 'Văn phòng Chính phủ',
      kind: 'government_office',
      searchText: foldForSearch('VP Văn phòng Chính phủ'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  vp = unit.id;
  await t.db
    .insertInto('unitParents')
    .values({ hierarchy: 'administrative', unitId: vp, parentId: fx.units.CP })
    .execute();
  rg = await seedRegime(t.db, { ...fixtureRegime, recipientUnitCodes: ['BO', 'VP'] });
  other = await seedRegime(t.db, { ...fixtureRegime, recipientUnitCodes: ['VP'] });
  t.clock.now = during('2024-03-15');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  ministry = await account('lanhdao.bo', fx.units.BO, ['approver', 'viewer']);
  ministryViewer = await account('xem.bo', fx.units.BO, ['viewer']);
  office = await account('xem.vp', vp, ['viewer']);
  province = await account('lanhdao.t1', fx.units.T1, ['approver', 'entry_officer', 'viewer']);
  district = await account('lanhdao.h1', fx.units.H1, ['approver', 'entry_officer', 'viewer']);
  commune = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const query = (unit: number, regime = rg) => `unitId=${unit}&formId=${regime.formId}&period=${DAY}`;
async function consolidation(client: Client, unit: number, regime = rg) {
  await t.worker.drain();
  return client.request('GET', `/api/v1/consolidation?${query(unit, regime)}`);
}
const children = (json: any) =>
  json.children.map((c: any) => [c.unit.code, c.status, c.state]) as [string, string, string | null][];

/** X1 enters, H1 accepts and sends, T1 accepts and sends: the province's report reaches the top. */
async function sendUpTheChain(regime: RegimeFixture) {
  const base = { formId: regime.formId, period: DAY };
  const entered = await commune.request('POST', '/api/v1/reports/submit', {
    ...base,
    unitId: fx.units.X1,
    values: { nhan: 12, duyet: 9, tien: 30 },
  });
  expect(entered.status, JSON.stringify(entered.json)).toBe(200);
  expect(
    (await district.request('POST', `/api/v1/submissions/${entered.json.submissionId}/review`, { action: 'accept' }))
      .status,
  ).toBe(200);
  await t.worker.drain();
  const h1 = await district.request('POST', '/api/v1/reports/submit', { ...base, unitId: fx.units.H1 });
  expect(h1.status, JSON.stringify(h1.json)).toBe(200);
  expect(
    (await province.request('POST', `/api/v1/submissions/${h1.json.submissionId}/review`, { action: 'accept' })).status,
  ).toBe(200);
  await t.worker.drain();
  const t1 = await province.request('POST', '/api/v1/reports/submit', { ...base, unitId: fx.units.T1 });
  expect(t1.status, JSON.stringify(t1.json)).toBe(200);
  await t.worker.drain();
  return { x1: entered.json.submissionId as number, h1: h1.json.submissionId as number, t1: t1.json.submissionId };
}

let sent: { x1: number; h1: number; t1: number };

describe('a regime’s recipient agencies', () => {
  it('see the national consolidation with the provinces’ statuses, read-only', async () => {
    // Before anything is sent: both provinces have not sent.
    const before = await consolidation(ministry, fx.units.CP);
    expect(before.status, JSON.stringify(before.json)).toBe(200);
    expect(children(before.json)).toEqual([
      ['T1', 'missing', null],
      ['T2', 'missing', null],
    ]);
    sent = await sendUpTheChain(rg);
    const view = await consolidation(ministry, fx.units.CP);
    expect(view.json.values).toMatchObject({ nhan: 12, duyet: 9, tien: 30, ty_le: 75 });
    expect(children(view.json)).toEqual([
      ['T1', 'on_time', 'submitted'],
      ['T2', 'missing', null],
    ]);
    expect(view.json.counts).toMatchObject({ expected: 2, submitted: 1, missing: 1, accepted: 0 });
    expect(view.json).toMatchObject({ canSend: false, canReview: true, asRecipient: true });
    // A viewer of the ministry and the second recipient see the same figures, and review nothing.
    for (const client of [ministryViewer, office]) {
      const seen = await consolidation(client, fx.units.CP);
      expect(seen.status).toBe(200);
      expect(seen.json.values).toEqual(view.json.values);
      expect(children(seen.json)).toEqual(children(view.json));
      expect(seen.json).toMatchObject({ canSend: false, canReview: false, asRecipient: true });
    }
  });

  it('drill down to the province, the district and the officer', async () => {
    const t1 = await consolidation(ministry, fx.units.T1);
    expect(t1.status).toBe(200);
    expect(children(t1.json)).toEqual([
      ['H1', 'on_time', 'accepted'],
      ['H2', 'missing', null],
    ]);
    expect(t1.json.canReview).toBe(false);
    const drill = await ministry.request('GET', `/api/v1/consolidation/drilldown?${query(fx.units.H1)}&cell=nhan`);
    expect(drill.status).toBe(200);
    expect(drill.json.contributions.map((c: any) => [c.unit.code, c.value, c.submittedByName])).toEqual([
      ['X1', 12, 'Người dùng entry_officer.x1'],
      ['X2', null, null],
    ]);
    const entry = await ministry.request('GET', `/api/v1/reports?${query(fx.units.X1)}`);
    expect(entry.status).toBe(200);
    expect(entry.json.submission.currentRevision.values).toMatchObject({ nhan: 12 });
    // Reading is all: no action on a commune's report, whose reviewer is its district.
    expect(entry.json.actions).toEqual([]);
  });

  it('list the national report in "my reports" with what was sent, accepted and returned', async () => {
    const mine = await ministry.request('GET', '/api/v1/my-reports?date=2024-03-15');
    expect(mine.status, JSON.stringify(mine.json)).toBe(200);
    const rows = mine.json.items.filter((i: any) => i.regime.id === rg.regimeId);
    expect(rows.map((i: any) => [i.role, i.unit.code, i.period.id, i.state, i.received])).toEqual([
      ['recipient', 'CP', '20240314', 'receiving', { expected: 2, sent: 0, accepted: 0, returned: 0 }],
      ['recipient', 'CP', DAY, 'receiving', { expected: 2, sent: 1, accepted: 0, returned: 0 }],
    ]);
    expect(rows[1].schedule.dueAt).toBe('2024-03-15T17:00:00+07:00');
    // The ministry does not receive the other regime.
    expect(mine.json.items.some((i: any) => i.regime.id === other.regimeId)).toBe(false);
    const theirs = await office.request('GET', '/api/v1/my-reports?date=2024-03-15');
    expect(theirs.json.items.filter((i: any) => i.role === 'recipient').map((i: any) => i.regime.id)).toEqual([
      rg.regimeId,
      rg.regimeId,
      other.regimeId,
      other.regimeId,
    ]);
  });

  it('return a province’s report with a reason, which the province sees, then accept it resent', async () => {
    const noReason = await ministry.request('POST', `/api/v1/submissions/${sent.t1}/review`, { action: 'return' });
    expect(noReason.status).toBe(400);
    const returned = await ministry.request('POST', `/api/v1/submissions/${sent.t1}/review`, {
      action: 'return',
      reason: 'Số tiền chi chưa khớp Kho bạc',
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    expect(returned.json.state).toBe('returned');
    const own = await province.request('GET', `/api/v1/reports?${query(fx.units.T1)}`);
    expect(own.json.submission.state).toBe('returned');
    expect(own.json.submission.currentRevision.reviewReason).toBe('Số tiền chi chưa khớp Kho bạc');
    // Its consolidation page says who returned it and why.
    const page = await consolidation(province, fx.units.T1);
    expect(page.json.own.state).toBe('returned');
    expect(page.json.sent).toMatchObject({
      reviewReason: 'Số tiền chi chưa khớp Kho bạc',
      reviewedByName: 'Cán bộ lanhdao.bo',
    });
    const top = await consolidation(office, fx.units.CP);
    expect(children(top.json)[0]).toEqual(['T1', 'returned', 'returned']);
    const resent = await province.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.T1,
      formId: rg.formId,
      period: DAY,
    });
    expect(resent.json.state).toBe('submitted');
    const accepted = await ministry.request('POST', `/api/v1/submissions/${sent.t1}/review`, { action: 'accept' });
    expect(accepted.json.state).toBe('accepted');
    const mine = await ministry.request('GET', '/api/v1/my-reports?date=2024-03-15');
    expect(mine.json.items.find((i: any) => i.regime.id === rg.regimeId && i.period.id === DAY).received).toEqual({
      expected: 2,
      sent: 1,
      accepted: 1,
      returned: 0,
    });
    // Sealed or still pending, both reviews are in the audit.
    const audit = await sql<{ action: string }>`
      SELECT action, at FROM audit_pending WHERE object_id = ${String(sent.t1)}
      UNION ALL SELECT action, at FROM audit_log WHERE object_id = ${String(sent.t1)}
      ORDER BY at`.execute(t.db);
    expect(audit.rows.map((a) => a.action).filter((a) => a !== 'submission.send')).toEqual([
      'submission.return',
      'submission.accept',
    ]);
  });

  it('review only the reports sent to the top: a district’s is its province’s to review', async () => {
    const refused = await ministry.request('POST', `/api/v1/submissions/${sent.h1}/review`, {
      action: 'return',
      reason: 'Thử trả lại',
    });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('NOT_DIRECT_REVIEWER');
    expect(refused.json.message).toContain('UBND tỉnh Hà Giang');
    // A viewer of a recipient reviews nothing.
    const viewer = await ministryViewer.request('POST', `/api/v1/submissions/${sent.t1}/review`, { action: 'accept' });
    expect(viewer.status).toBe(403);
    expect(viewer.json.code).toBe('FORBIDDEN');
  });

  it('change no data: no adjustment, no own entry, no send at the top', async () => {
    const adjust = await ministry.request('POST', '/api/v1/consolidation/adjustments', {
      unitId: fx.units.CP,
      formId: rg.formId,
      period: DAY,
      cellKey: 'tien',
      delta: 1,
      reason: 'Thử điều chỉnh',
    });
    expect([adjust.status, adjust.json.code]).toEqual([403, 'FORBIDDEN']);
    const draft = await ministry.request('PUT', '/api/v1/reports/draft', {
      unitId: fx.units.CP,
      formId: rg.formId,
      period: DAY,
      values: {},
      baseVersion: 0,
    });
    expect([draft.status, draft.json.code]).toEqual([403, 'FORBIDDEN']);
    const send = await ministry.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.CP,
      formId: rg.formId,
      period: DAY,
    });
    expect([send.status, send.json.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('see nothing of a regime they do not receive', async () => {
    const elsewhere = await sendUpTheChain(other);
    expect((await consolidation(ministry, fx.units.CP, other)).status).toBe(404);
    expect((await ministry.request('GET', `/api/v1/reports?${query(fx.units.T1, other)}`)).status).toBe(404);
    const review = await ministry.request('POST', `/api/v1/submissions/${elsewhere.t1}/review`, { action: 'accept' });
    expect([review.status, review.json.code]).toEqual([404, 'NOT_FOUND']);
    // Its own recipient does.
    const seen = await consolidation(office, fx.units.CP, other);
    expect(seen.status).toBe(200);
    expect(children(seen.json)[0]).toEqual(['T1', 'on_time', 'submitted']);
  });

  it('follow the regime’s slices live, and not those of other regimes', async () => {
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const events: { unitId: number; formId: number }[] = [];
    const abort = new AbortController();
    const response = await fetch(`${url}/api/v1/live`, { headers: { cookie: ministry.cookie }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          for (const line of buffer.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        }
      } catch {
        // aborted
      }
    })();
    // X2 has no officer of its own: the district's officer saves the draft of its commune.
    for (const regime of [other, rg]) {
      const saved = await district.request('PUT', '/api/v1/reports/draft', {
        unitId: fx.units.X2,
        formId: regime.formId,
        period: DAY,
        values: { nhan: 3 },
        baseVersion: 0,
      });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    }
    await expect
      .poll(() => events.filter((e) => e.unitId === fx.units.X2).map((e) => e.formId), { timeout: 10_000 })
      .toContain(rg.formId);
    expect(events.every((e) => e.formId === rg.formId)).toBe(true);
    abort.abort();
    await reading;
  });
});

describe('a recipient of a regime along a sectoral line', () => {
  it('sees the line’s root consolidation and reviews what the provincial treasury sent it', async () => {
    const created = async (response: { status: number; json: any }) => {
      expect(response.status, JSON.stringify(response.json)).toBe(201);
      return response.json;
    };
    await created(
      await admin.request('POST', '/api/v1/hierarchies', {
        code: 'kbnn',
        nameVi: 'Kho bạc Nhà nước',
        nameEn: 'Treasury',
      }),
    );
    const ids: Record<string, number> = {};
    const unit = async (code: string, kind: string, parentId: number, hierarchy?: string) => {
      const body = { code, name: `Kho bạc ${code}`, kind, parentId, validFrom: '2020-01-01', hierarchy };
      ids[code] = (await created(await admin.request('POST', '/api/v1/units', body))).id;
    };
    await unit('KB-TW', 'treasury_central', fx.units.CP);
    await unit('KB-T1', 'treasury_province', ids['KB-TW']!, 'kbnn');
    await unit('KB-H1', 'treasury_district', ids['KB-T1']!, 'kbnn');
    const line = await seedRegime(
      t.db,
      {
        ...fixtureRegime,
        hierarchy: 'kbnn',
        recipientUnitCodes: ['BO'],
        consolidatingUnitKinds: ['treasury_province', 'treasury_central'],
        schedules: fixtureRegime.schedules.map((s, i) => ({
          ...s,
          unitKinds: [['treasury_district'], ['treasury_province'], ['treasury_central']][i]!,
        })),
      },
      { ...fixtureForm, code: 'KB01', entryUnitKinds: ['treasury_district'] },
    );
    const base = { formId: line.formId, period: DAY };
    await admin.request('POST', '/api/v1/reports/submit', { ...base, unitId: ids['KB-H1'], values: { nhan: 5 } });
    await t.worker.drain();
    const province = await admin.request('POST', '/api/v1/reports/submit', { ...base, unitId: ids['KB-T1'] });
    expect(province.status, JSON.stringify(province.json)).toBe(200);
    await t.worker.drain();

    const mine = await ministry.request('GET', '/api/v1/my-reports?date=2024-03-15');
    const rows = mine.json.items.filter((i: any) => i.regime.id === line.regimeId);
    expect(rows.map((i: any) => [i.role, i.unit.code, i.period.id, i.received.sent])).toEqual([
      ['recipient', 'KB-TW', '20240314', 0],
      ['recipient', 'KB-TW', DAY, 1],
    ]);
    const top = await ministry.request(
      'GET',
      `/api/v1/consolidation?unitId=${ids['KB-TW']}&formId=${line.formId}&period=${DAY}`,
    );
    expect(top.status, JSON.stringify(top.json)).toBe(200);
    expect(children(top.json)).toEqual([['KB-T1', 'on_time', 'submitted']]);
    expect(top.json).toMatchObject({ canReview: true, asRecipient: true, values: { nhan: 5 } });
    const accepted = await ministry.request('POST', `/api/v1/submissions/${province.json.submissionId}/review`, {
      action: 'accept',
    });
    expect(accepted.json.state).toBe('accepted');
  });
});

describe('a recipient agency on a board', () => {
  const ask = (client: Client, regime: RegimeFixture, units: Record<string, unknown>) =>
    client.request('POST', '/api/v1/analytics/query', {
      fields: [`${regime.formId}:nhan`],
      units,
      periods: { type: 'day', ids: [DAY] },
    });

  it('reads its regimes’ figures from the hierarchy’s root, as the consolidation shows them', async () => {
    const national = await consolidation(ministryViewer, fx.units.CP);
    const mine = await ask(ministryViewer, rg, { childrenOf: 'mine' });
    expect(mine.status, JSON.stringify(mine.json)).toBe(200);
    const codes = mine.json.units.map((u: any) => u.code);
    expect(codes[0]).toBe('CP');
    expect(codes).toEqual(expect.arrayContaining(['T1', 'T2']));
    const top = mine.json.cells.find((c: any) => c.unitId === fx.units.CP && c.option === null);
    expect(top.value).toBe(national.json.values.nhan);
    const provinces = await ask(office, rg, { level: 'province' });
    expect(provinces.status, JSON.stringify(provinces.json)).toBe(200);
    expect(provinces.json.units.map((u: any) => u.code)).toEqual(['T1', 'T2']);
  });

  it('keeps its own reach for a regime it does not receive', async () => {
    // `other` goes to the Government Office only: for the ministry "my unit" stays its own.
    const own = await ask(ministryViewer, other, { childrenOf: 'mine' });
    expect(own.status, JSON.stringify(own.json)).toBe(200);
    expect(own.json.units[0].code).toBe('BO');
    const outside = await ask(ministryViewer, other, { ids: [fx.units.T1] });
    expect(outside.status).toBe(404);
    expect(outside.json).toMatchObject({ code: 'NOT_FOUND', field: 'units.ids.0' });
    // Asked beside a field of a regime it receives, the one it does not keeps the whole query in its reach.
    const mixed = await ministryViewer.request('POST', '/api/v1/analytics/query', {
      fields: [`${rg.formId}:nhan`, `${other.formId}:nhan`],
      units: { ids: [fx.units.T1] },
      periods: { type: 'day', ids: [DAY] },
    });
    expect(mixed.status).toBe(404);
  });
});

describe('a recipient agency on the compliance board', () => {
  it('sees who has reported under the hierarchy’s root for a regime it receives, and only its own unit otherwise', async () => {
    const board = await ministryViewer.request(
      'GET',
      `/api/v1/compliance/board?regimeId=${rg.regimeId}&periodId=${DAY}`,
    );
    expect(board.status, JSON.stringify(board.json)).toBe(200);
    expect(board.json.root.code).toBe('CP');
    const codes = board.json.rows.map((r: any) => r.unit.code);
    expect(codes).toEqual(expect.arrayContaining(['T1', 'T2', 'H1', 'X1']));
    expect(board.json.rows.find((r: any) => r.unit.code === 'T1').sent).toBeGreaterThan(0);
    const stats = await office.request('GET', `/api/v1/compliance/stats?regimeId=${rg.regimeId}&from=${DAY}&to=${DAY}`);
    expect(stats.status, JSON.stringify(stats.json)).toBe(200);
    // The regime the ministry does not receive: its board stays on the ministry's own unit.
    const own = await ministryViewer.request(
      'GET',
      `/api/v1/compliance/board?regimeId=${other.regimeId}&periodId=${DAY}`,
    );
    expect(own.status, JSON.stringify(own.json)).toBe(200);
    expect(own.json.root.code).toBe('BO');
    expect(own.json.rows.map((r: any) => r.unit.code)).not.toContain('T1');
  });
});
