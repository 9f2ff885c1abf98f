/**
 * Two Baocao instances on one machine, each with its own database: A (a province's system)
 * forwards its sent-up reports to B (the Government's) through B's public import API, under B's
 * codes. B's HTTP server is stopped mid-way and started again on the same port: every report
 * arrives exactly once, in order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FormDefinition, foldForSearch, type RegimeDefinition } from '@baocao/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditOf, expectError } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, fixtureForm, fixtureRegime, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

const connectors = { maxAttempts: 3, retryBaseMs: 50, noticeAfter: 2, timeoutMs: 5000, maxBytes: 1024 * 1024 };
const DAYS = ['2024-03-15', '2024-03-16', '2024-03-17'] as const;
const periodOf = (day: string) => day.replaceAll('-', '');

/** B's form: the same report under other codes (form B03G, cells renamed), entered by provinces and districts. */
const bForm: FormDefinition = JSON.parse(
  JSON.stringify({ ...fixtureForm, code: 'B03G', entryUnitKinds: ['ubnd_province', 'ubnd_district'] })
    .replaceAll('"nhan"', '"tiep_nhan"')
    .replaceAll('#{nhan}', '#{tiep_nhan}')
    .replaceAll('"duyet"', '"duoc_duyet"')
    .replaceAll('#{duyet}', '#{duoc_duyet}'),
);
const bRegime: RegimeDefinition = {
  ...fixtureRegime,
  consolidatingUnitKinds: ['government'],
  recipientUnitCodes: ['CP'],
  schedules: [{ ...fixtureRegime.schedules[2]!, unitKinds: ['ubnd_province', 'ubnd_district'], role: 'entry' }],
};

let a: TestApp;
let b: TestApp;
let fxA: Fixture;
let fxB: Fixture;
let rgA: RegimeFixture;
let rgB: RegimeFixture;
let adminA: Client;
let adminB: Client;
let commune: Client;
let district: Client;
let province: Client;
let token: string;
let serviceUserB: number;
let server: Server | null = null;
let port = 0;
let linkId = 0;

/** B's HTTP server (B's app, jobs and database stay up while it is stopped). */
async function startB(): Promise<void> {
  const s = createServer((request, response) => b.app.routing(request, response));
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve());
  });
  port = (s.address() as AddressInfo).port;
  server = s;
}
async function stopB(): Promise<void> {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

async function account(client: Client, username: string, unitId: number, roles: string[], kind = 'person') {
  const created = await client.request('POST', '/api/v1/users', {
    username,
    displayName: `Cán bộ ${username}`,
    unitId,
    roles,
    ...(kind === 'service' ? { kind } : { password: FIXTURE_PASSWORD }),
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.user.id as number;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp({ connectors }), createTestApp({ connectors })]);
  [fxA, fxB] = await Promise.all([seedFixture(a.db), seedFixture(b.db)]);
  // B names the province HG where A says T1.
  await b.db
    .updateTable('units')
    .set({ code: 'HG', searchText: foldForSearch('HG UBND tỉnh Hà Giang') })
    .where('id', '=', fxB.units.T1)
    .execute();
  rgA = await seedRegime(a.db);
  rgB = await seedRegime(b.db, bRegime, bForm);
  a.clock.now = during(DAYS[0]);
  b.clock.now = during(DAYS[0]);
  adminA = await signIn(a.app, 'admin', FIXTURE_PASSWORD);
  adminB = await signIn(b.app, 'admin', FIXTURE_PASSWORD);
  await account(adminA, 'lanhdao.t1', fxA.units.T1, ['approver', 'entry_officer', 'viewer']);
  await account(adminA, 'lanhdao.h1', fxA.units.H1, ['approver', 'entry_officer', 'viewer']);
  province = await signIn(a.app, 'lanhdao.t1', FIXTURE_PASSWORD);
  district = await signIn(a.app, 'lanhdao.h1', FIXTURE_PASSWORD);
  commune = await signIn(a.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  // B's service token for the province's subtree.
  serviceUserB = await account(adminB, 'lienthong.hg', fxB.units.T1, ['entry_officer'], 'service');
  const created = await adminB.request('POST', '/api/v1/tokens', {
    userId: serviceUserB,
    name: 'Liên thông từ tỉnh Hà Giang',
    unitIds: [fxB.units.T1],
    permissions: ['data.read', 'data.submit'],
    expiresInDays: 30,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  token = created.json.token;
  await startB();
});
afterAll(async () => {
  await stopB();
  await Promise.all([a?.close(), b?.close()]);
});

/** X1 enters, H1 accepts and sends, T1 accepts and sends, on A: two sent-up reports (H1, then T1). */
async function sendUpTheChain(day: string, values: { nhan: number; duyet: number; tien: number }) {
  a.clock.now = during(day);
  b.clock.now = during(day);
  const base = { formId: rgA.formId, period: periodOf(day) };
  const entered = await commune.request('POST', '/api/v1/reports/submit', { ...base, unitId: fxA.units.X1, values });
  expect(entered.status, JSON.stringify(entered.json)).toBe(200);
  const reviewed = await district.request('POST', `/api/v1/submissions/${entered.json.submissionId}/review`, {
    action: 'accept',
  });
  expect(reviewed.status, JSON.stringify(reviewed.json)).toBe(200);
  await a.worker.drain();
  const h1 = await district.request('POST', '/api/v1/reports/submit', { ...base, unitId: fxA.units.H1 });
  expect(h1.status, JSON.stringify(h1.json)).toBe(200);
  const accepted = await province.request('POST', `/api/v1/submissions/${h1.json.submissionId}/review`, {
    action: 'accept',
  });
  expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
  await a.worker.drain();
  const t1 = await province.request('POST', '/api/v1/reports/submit', { ...base, unitId: fxA.units.T1 });
  expect(t1.status, JSON.stringify(t1.json)).toBe(200);
}

/** What B holds for the form: each revision as (unit code, period, values), in the order B wrote them. */
async function receivedByB() {
  const { rows } = await sql<{ unit: string; period: string; values: Record<string, unknown>; channel: string }>`
    SELECT u.code AS unit, s.period_id AS period, r.values, r.channel
    FROM submission_revisions r JOIN submissions s ON s.id = r.submission_id JOIN units u ON u.id = s.unit_id
    WHERE s.form_id = ${rgB.formId} ORDER BY r.id`.execute(b.db);
  return rows;
}

const linkBody = () => ({
  name: 'Liên thông lên Chính phủ',
  targetUrl: `http://127.0.0.1:${port}`,
  token,
  unitIds: [fxA.units.T1],
  forms: [
    {
      formId: rgA.formId,
      code: `${rgBCode}/B03G`,
      cells: { nhan: 'tiep_nhan', duyet: 'duoc_duyet' },
    },
  ],
  indicators: [],
  unitCodes: { T1: 'HG' },
});
let rgBCode = '';

async function link() {
  const r = await adminA.request('GET', `/api/v1/federation-links/${linkId}`);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json;
}

describe('federation between two instances', () => {
  it('defines a link with its sealed token and mappings, refusing bad input and non-administrators', async () => {
    rgBCode = (await b.db.selectFrom('regimes').select('code').where('id', '=', rgB.regimeId).executeTakeFirstOrThrow())
      .code;
    expectError(
      await adminA.request('POST', '/api/v1/federation-links', { ...linkBody(), targetUrl: 'ftp://example.org' }),
      400,
      'VALIDATION_FAILED',
      'targetUrl',
    );
    expectError(
      await adminA.request('POST', '/api/v1/federation-links', { ...linkBody(), extra: 1 }),
      400,
      'VALIDATION_FAILED',
      'extra',
    );
    expectError(
      await adminA.request('POST', '/api/v1/federation-links', {
        ...linkBody(),
        forms: [{ formId: 999_999 }],
      }),
      400,
      'VALIDATION_FAILED',
      'forms.0.formId',
    );
    expectError(
      await adminA.request('POST', '/api/v1/federation-links', { ...linkBody(), forms: [] }),
      400,
      'VALIDATION_FAILED',
      'forms',
    );
    expect((await province.request('POST', '/api/v1/federation-links', linkBody())).status).toBe(403);
    const created = await adminA.request('POST', '/api/v1/federation-links', linkBody());
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    linkId = created.json.id;
    expect(created.json).toMatchObject({
      targetUrl: `http://127.0.0.1:${port}`,
      unitIds: [fxA.units.T1],
      forms: [{ formId: rgA.formId, formCode: 'B03', code: `${rgBCode}/B03G` }],
      unitCodes: { T1: 'HG' },
      active: true,
      outbox: { pending: 0, sent: 0, rejected: 0 },
    });
    expect(JSON.stringify(created.json)).not.toContain(token);
    // The token is stored sealed, never in clear.
    const stored = await a.db.selectFrom('federationLinks').select('token').where('id', '=', linkId).executeTakeFirst();
    expect(stored?.token).not.toContain(token);
    const audit = await auditOf(adminA, 'federation_link', linkId);
    expect(audit.map((e: any) => e.action)).toEqual(['federation.create']);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('forwards the sent-up reports under the other instance’s codes', async () => {
    await sendUpTheChain(DAYS[0], { nhan: 12, duyet: 9, tien: 30 });
    await vi.waitFor(
      async () => {
        expect((await link()).outbox).toMatchObject({ pending: 0, sent: 2, rejected: 0 });
      },
      { timeout: 30_000, interval: 50 },
    );
    const received = await receivedByB();
    expect(received.map((r) => [r.unit, r.period])).toEqual([
      ['H1', periodOf(DAYS[0])],
      ['HG', periodOf(DAYS[0])],
    ]);
    expect(received[1]!.values).toMatchObject({ tiep_nhan: 12, duoc_duyet: 9, tien: 30 });
    const items = await adminA.request('GET', `/api/v1/federation-links/${linkId}/items`);
    expect(items.status).toBe(200);
    expect(items.json.total).toBe(2);
    expect(items.json.items.map((i: any) => [i.status, i.responseCode])).toEqual([
      ['sent', 200],
      ['sent', 200],
    ]);
  });

  it('keeps the items while the other instance is down and delivers them exactly once, in order, when it is back', async () => {
    await stopB();
    await sendUpTheChain(DAYS[1], { nhan: 20, duyet: 15, tien: 41 });
    await sendUpTheChain(DAYS[2], { nhan: 7, duyet: 7, tien: 12 });
    // A tries, fails, and backs off; nothing is lost meanwhile.
    await vi.waitFor(
      async () => {
        const l = await link();
        expect(l.consecutiveFailures).toBeGreaterThanOrEqual(2);
        expect(l.outbox).toMatchObject({ pending: 4, sent: 2 });
        expect(l.lastError).toMatch(/ECONNREFUSED|fetch failed/);
      },
      { timeout: 30_000, interval: 50 },
    );
    // Administrators are told once the link keeps failing.
    const notices = await adminA.request('GET', '/api/v1/notices');
    expect(JSON.stringify(notices.json)).toContain('Liên thông lên Chính phủ');
    await startB();
    await vi.waitFor(
      async () => {
        const l = await link();
        expect(l.outbox).toMatchObject({ pending: 0, sent: 6, rejected: 0 });
        expect(l.consecutiveFailures).toBe(0);
      },
      { timeout: 60_000, interval: 50 },
    );
    const received = await receivedByB();
    expect(received.map((r) => [r.unit, r.period])).toEqual(
      DAYS.flatMap((d) => [
        ['H1', periodOf(d)],
        ['HG', periodOf(d)],
      ]),
    );
    expect(received.find((r) => r.unit === 'HG' && r.period === periodOf(DAYS[1]))!.values).toMatchObject({
      tiep_nhan: 20,
      duoc_duyet: 15,
      tien: 41,
    });
    // One request per item reached B's import (its idempotency record and its import history).
    const keys = await b.db.selectFrom('idempotencyKeys').select('key').where('userId', '=', serviceUserB).execute();
    expect(keys).toHaveLength(6);
    const imports = await b.db.selectFrom('importJobs').select('id').where('userId', '=', serviceUserB).execute();
    expect(imports).toHaveLength(6);
  });

  it('sends an item again under the same key when its answer was lost, and the other instance changes nothing', async () => {
    // As after a crash between B's answer and A's record: the item is pending again.
    const { id } = await a.db
      .selectFrom('federationOutbox')
      .select('id')
      .where('linkId', '=', linkId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await a.db.updateTable('federationOutbox').set({ status: 'pending' }).where('id', '=', id).execute();
    const before = await receivedByB();
    const sent = await adminA.request('POST', `/api/v1/federation-links/${linkId}/send`);
    expect(sent.status, JSON.stringify(sent.json)).toBe(202);
    await vi.waitFor(
      async () => {
        expect((await link()).outbox).toMatchObject({ pending: 0, sent: 6 });
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(await receivedByB()).toEqual(before);
    const imports = await b.db.selectFrom('importJobs').select('id').where('userId', '=', serviceUserB).execute();
    expect(imports).toHaveLength(6);
  });

  it('forwards indicator values under the other instance’s indicator and unit codes', async () => {
    const indicator = (code: string, source: string) => ({
      code,
      name: { vi: 'Số bác sĩ trên 10.000 dân', en: 'Doctors per 10,000 people' },
      unitOfMeasure: 'bác sĩ',
      frequency: 'year',
      area: 'social',
      source,
      timeMethod: 'last',
      disaggregations: [],
      agencies: [{ validFrom: '2010-01-01', agency: 'Bộ Y tế' }],
    });
    const ownA = await adminA.request('POST', '/api/v1/indicators', indicator('BS10K', 'direct'));
    expect(ownA.status, JSON.stringify(ownA.json)).toBe(201);
    const ownB = await adminB.request('POST', '/api/v1/indicators', indicator('YT-BS10K', 'push'));
    expect(ownB.status, JSON.stringify(ownB.json)).toBe(201);
    const updated = await adminA.request('PUT', `/api/v1/federation-links/${linkId}`, {
      ...linkBody(),
      token: undefined,
      indicators: [{ indicatorId: ownA.json.id, code: 'YT-BS10K' }],
    });
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    const entered = await adminA.request('POST', `/api/v1/indicators/${ownA.json.id}/values`, {
      values: [
        { unitId: fxA.units.T1, period: '2023', vintage: 'preliminary', releasedOn: '2024-01-05', value: 8.1 },
        { unitId: fxA.units.T1, period: '2023', vintage: 'official', releasedOn: '2024-06-30', value: 8.3 },
      ],
    });
    expect(entered.status, JSON.stringify(entered.json)).toBe(200);
    await vi.waitFor(
      async () => {
        expect((await link()).outbox).toMatchObject({ pending: 0, sent: 7, rejected: 0 });
      },
      { timeout: 30_000, interval: 50 },
    );
    const onB = await b.db
      .selectFrom('indicatorValues')
      .select(['unitId', 'periodId', 'vintage', 'value', 'source'])
      .where('indicatorId', '=', ownB.json.id)
      .orderBy('releasedOn')
      .execute();
    expect(onB.map((v) => [v.unitId, v.periodId, v.vintage, Number(v.value), v.source])).toEqual([
      [fxB.units.T1, '2023', 'preliminary', 8.1, 'push'],
      [fxB.units.T1, '2023', 'official', 8.3, 'push'],
    ]);
  });

  it('updates, lists and deletes a link, audited', async () => {
    const updated = await adminA.request('PUT', `/api/v1/federation-links/${linkId}`, {
      ...linkBody(),
      token: undefined,
      active: false,
    });
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    expect(updated.json.active).toBe(false);
    expectError(
      await adminA.request('POST', `/api/v1/federation-links/${linkId}/send`),
      409,
      'INVALID_STATE',
      'active',
    );
    const list = await adminA.request('GET', '/api/v1/federation-links');
    expect(list.json.map((l: any) => l.id)).toEqual([linkId]);
    expect((await adminA.request('DELETE', `/api/v1/federation-links/${linkId}`)).status).toBe(204);
    expect((await adminA.request('GET', `/api/v1/federation-links/${linkId}`)).status).toBe(404);
    const audit = await auditOf(adminA, 'federation_link', linkId);
    expect([...new Set(audit.map((e: any) => e.action))].sort()).toEqual(
      ['federation.create', 'federation.delete', 'federation.send', 'federation.update'].sort(),
    );
  });
});
