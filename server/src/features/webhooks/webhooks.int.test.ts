import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditOf, expectError, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';
import { type JobRunner, startJobRunner } from '../../jobs/runner';

/** A receiver started by the test: each event fails twice (HTTP 500), then is accepted. */
interface Received {
  body: string;
  event: { id: number; type: string; unitId: number; cursor: string };
  signature: string;
  delivery: string;
  status: number;
}
function startReceiver(failFirst: number) {
  const received: Received[] = [];
  const hits = new Map<number, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body);
      const n = (hits.get(event.id) ?? 0) + 1;
      hits.set(event.id, n);
      const status = n <= failFirst ? 500 : 204;
      received.push({
        body,
        event,
        signature: String(request.headers['baocao-signature']),
        delivery: String(request.headers['baocao-delivery']),
        status,
      });
      response.statusCode = status;
      response.end();
    });
  });
  return new Promise<{ url: string; received: Received[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

/** The check a receiver makes (README): HMAC-SHA256 of `<t>.<body>` with the secret. */
function verifies(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return parts.v1 === expected;
}

let t: TestApp;
let second: JobRunner;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let officer: Client;
let approver: Client;
let viewerT2: Client;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let broken: Awaited<ReturnType<typeof startReceiver>>;
const DAY = '20240401';
const webhooks = { maxAttempts: 3, retryBaseMs: 50, disableAfter: 12, timeoutMs: 5_000 };

beforeAll(async () => {
  receiver = await startReceiver(2);
  broken = await startReceiver(1_000);
  t = await createTestApp({ webhooks });
  // A second runner on the same database: each delivery must still be sent once.
  second = await startJobRunner({ connectionString: t.url, webhooks });
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-04-01');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  viewerT2 = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
});
afterAll(async () => {
  await second?.stop();
  await t?.close();
  await receiver?.close();
  await broken?.close();
});

const allEvents = async (client: Client) => {
  const items: any[] = [];
  let after = '0';
  for (;;) {
    const page = await client.request('GET', `/api/v1/events?after=${after}&limit=3`);
    expect(page.status, JSON.stringify(page.json)).toBe(200);
    items.push(...page.json.items);
    if (page.json.items.length === 0) return items;
    after = page.json.next;
  }
};

/**
 * Waits until every stored event can be read from the stream. The stream returns only events older
 * than every transaction still running in the cluster (so a reader never skips one that commits
 * late), and a test file running beside this one can hold a transaction open for seconds.
 */
async function allStoredEventsVisible() {
  await expect
    .poll(
      async () => {
        const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(t.db);
        return (await allEvents(admin)).length === stored.rows[0]!.n;
      },
      { timeout: 45_000 },
    )
    .toBe(true);
}

describe('webhooks', () => {
  let secret: string;
  let hookId: number;

  it('subscribes with a secret shown once, audited', async () => {
    const created = await approver.request('POST', '/api/v1/webhooks', {
      url: receiver.url,
      description: 'Hệ thống chuyên ngành',
      eventTypes: ['report.submitted', 'report.accepted', 'report.returned', 'report.consolidated'],
      unitIds: [fx.units.H1],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    secret = created.json.secret;
    hookId = created.json.webhook.id;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.json.webhook).toMatchObject({ url: receiver.url, active: true, unitIds: [fx.units.H1] });
    const list = await approver.request('GET', '/api/v1/webhooks');
    expect(list.json.map((w: any) => w.id)).toEqual([hookId]);
    expect(JSON.stringify(list.json)).not.toContain(secret);
    const audit = await auditOf(admin, 'webhook_subscription', hookId);
    expect(audit.map((a: any) => a.action)).toEqual(['webhook.create']);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('delivers each event of its units at least once through two failures, signed, every attempt logged', async () => {
    const submitted = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: DAY,
      values: { nhan: 5, duyet: 3 },
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    await t.worker.drain();
    const accepted = await approver.request('POST', `/api/v1/submissions/${submitted.json.submissionId}/review`, {
      action: 'accept',
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    await t.worker.drain();
    await allStoredEventsVisible();
    // What the subscription should get: the H1 subtree's events of its types.
    const expected = (await allEvents(admin)).filter(
      (e) => [fx.units.X1, fx.units.X2, fx.units.H1].includes(e.unitId) && e.type !== 'report.sent_up',
    );
    expect(expected.map((e) => e.type).sort()).toEqual(
      expect.arrayContaining(['report.accepted', 'report.consolidated', 'report.submitted']),
    );
    await vi.waitFor(
      () => {
        const delivered = new Set(receiver.received.filter((r) => r.status === 204).map((r) => r.event.id));
        expect([...delivered].sort()).toEqual(expected.map((e) => e.id).sort());
      },
      { timeout: 30_000, interval: 100 },
    );
    // Once per event, though two runners were taking jobs; each after exactly two failures.
    for (const e of expected) {
      const hits = receiver.received.filter((r) => r.event.id === e.id);
      expect(hits.map((h) => h.status)).toEqual([500, 500, 204]);
      expect(new Set(hits.map((h) => h.delivery)).size).toBe(1);
    }
    for (const r of receiver.received) {
      expect(verifies(secret, r.signature, r.body)).toBe(true);
      expect(verifies('whsec_wrong', r.signature, r.body)).toBe(false);
    }
    // The body is the event as GET /events gives it.
    const sample = receiver.received.find((r) => r.event.type === 'report.submitted')!;
    expect(JSON.parse(sample.body)).toEqual(expected.find((e) => e.type === 'report.submitted'));
    // The receiver answered before the attempt's transaction committed: wait for the log.
    let log = await approver.request('GET', `/api/v1/webhooks/${hookId}/deliveries`);
    await vi.waitFor(
      async () => {
        log = await approver.request('GET', `/api/v1/webhooks/${hookId}/deliveries`);
        expect(log.json.items.every((d: any) => d.status === 'delivered')).toBe(true);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(log.status).toBe(200);
    expect(log.json.total).toBe(expected.length);
    for (const d of log.json.items) {
      expect(d.status).toBe('delivered');
      expect(d.attempts.map((a: any) => [a.attempt, a.outcome, a.responseCode])).toEqual([
        [1, 'failed', 500],
        [2, 'failed', 500],
        [3, 'delivered', 204],
      ]);
      for (const a of d.attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('redelivers by hand: one more attempt, logged as manual, audited', async () => {
    const log = await approver.request('GET', `/api/v1/webhooks/${hookId}/deliveries`);
    const delivery = log.json.items[0];
    const before = receiver.received.length;
    const answer = await approver.request('POST', `/api/v1/webhooks/${hookId}/deliveries/${delivery.id}/redeliver`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    await vi.waitFor(() => expect(receiver.received.length).toBe(before + 1), { timeout: 10_000, interval: 50 });
    expect(receiver.received.at(-1)!.event.id).toBe(delivery.eventId);
    // The receiver answers before the delivery's outcome is written: wait for the log to record it.
    await vi.waitFor(
      async () => {
        const after = await approver.request('GET', `/api/v1/webhooks/${hookId}/deliveries`);
        const again = after.json.items.find((d: any) => d.id === delivery.id);
        expect(again.status).toBe('delivered');
        expect(again.attempts.at(-1)).toMatchObject({ attempt: 4, outcome: 'delivered', manual: true });
      },
      { timeout: 10_000, interval: 50 },
    );
    const audit = await auditOf(admin, 'webhook_delivery', delivery.id);
    expect(audit.map((a: any) => a.action)).toEqual(['webhook.redeliver']);
    // Someone else's subscription is not found.
    const other = await officer.request('POST', `/api/v1/webhooks/${hookId}/deliveries/${delivery.id}/redeliver`);
    expectError(other, 404, 'NOT_FOUND');
  });

  it('disables a subscription after repeated failure and tells its owner', async () => {
    const created = await admin.request('POST', '/api/v1/webhooks', {
      url: broken.url,
      eventTypes: ['report.submitted', 'report.consolidated'],
      unitIds: [fx.units.T1],
    });
    expect(created.status).toBe(201);
    const id = created.json.webhook.id;
    t.clock.now = during('2024-04-02');
    for (const unit of ['X1', 'X2'] as const) {
      const answer = await admin.request('POST', '/api/v1/reports/submit', {
        unitId: fx.units[unit],
        formId: rg.formId,
        period: '20240402',
        values: { nhan: 2, duyet: 1 },
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    }
    await vi.waitFor(
      async () => {
        const hook = (await admin.request('GET', '/api/v1/webhooks')).json.find((w: any) => w.id === id);
        expect(hook).toMatchObject({ active: false, consecutiveFailures: 12 });
        expect(hook.disabledReason).toContain('12');
      },
      { timeout: 30_000, interval: 100 },
    );
    const inbox = (await admin.request('GET', '/api/v1/notices')).json.items;
    expect(inbox.filter((n: any) => n.kind === 'webhook_disabled')).toHaveLength(1);
    // No further attempt while disabled; redelivery asks to enable it first.
    const deliveries = (await admin.request('GET', `/api/v1/webhooks/${id}/deliveries`)).json.items;
    expectError(
      await admin.request('POST', `/api/v1/webhooks/${id}/deliveries/${deliveries[0].id}/redeliver`),
      409,
      'INVALID_STATE',
      'id',
    );
    const enabled = await admin.request('PATCH', `/api/v1/webhooks/${id}`, { active: true });
    expect(enabled.json).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const tables = ['webhook_subscriptions'];
    const before = await snapshot(t.db, tables);
    const body = { url: receiver.url, eventTypes: ['report.submitted'], unitIds: [fx.units.H1] };
    expectError(
      await approver.request('POST', '/api/v1/webhooks', { ...body, url: 'ftp://example.gov.vn/x' }),
      400,
      'VALIDATION_FAILED',
      'url',
    );
    expectError(
      await approver.request('POST', '/api/v1/webhooks', { ...body, url: 'http://' }),
      400,
      'VALIDATION_FAILED',
      'url',
    );
    expectError(
      await approver.request('POST', '/api/v1/webhooks', { ...body, url: `https://a.vn/${'x'.repeat(2000)}` }),
      400,
      'VALIDATION_FAILED',
      'url',
    );
    expectError(
      await approver.request('POST', '/api/v1/webhooks', { ...body, url: 'http://exa mple.vn/hook' }),
      400,
      'VALIDATION_FAILED',
      'url',
    );
    const unknownType = await approver.request('POST', '/api/v1/webhooks', { ...body, eventTypes: ['report.deleted'] });
    expect(unknownType.status).toBe(400);
    expect(unknownType.json.field).toMatch(/^eventTypes/);
    const outside = await approver.request('POST', '/api/v1/webhooks', {
      ...body,
      unitIds: [fx.units.H1, fx.units.T2],
    });
    expectError(outside, 404, 'NOT_FOUND', 'unitIds');
    expect(outside.json.message).toContain(String(fx.units.T2));
    expectError(
      await approver.request('POST', '/api/v1/webhooks', { ...body, secret: 'x' }),
      400,
      'VALIDATION_FAILED',
      'secret',
    );
    expectError(
      await approver.request('GET', '/api/v1/events?after=abc'),
      400,
      'VALIDATION_FAILED',
      'querystring.after',
    );
    expect(await snapshot(t.db, tables)).toEqual(before);
  });
});

describe('the event stream', () => {
  it('replays in order from any cursor; a page boundary loses and repeats nothing', async () => {
    await allStoredEventsVisible();
    const all = (await admin.request('GET', '/api/v1/events?limit=1000')).json.items;
    expect(all.length).toBeGreaterThan(5);
    expect(await allEvents(admin)).toEqual(all);
    const positions = all.map((e: any) => e.cursor.split('.').map(BigInt));
    for (let i = 1; i < positions.length; i++) {
      const [a, b] = [positions[i - 1], positions[i]];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])).toBe(true);
    }
    const middle = all[2].cursor;
    const rest = (await admin.request('GET', `/api/v1/events?after=${middle}&limit=1000`)).json;
    expect(rest.items).toEqual(all.slice(3));
    const end = await admin.request('GET', `/api/v1/events?after=${all.at(-1).cursor}`);
    expect(end.json).toEqual({ items: [], next: all.at(-1).cursor });
    const submittedOnly = (await admin.request('GET', '/api/v1/events?types=report.submitted&limit=1000')).json.items;
    expect(submittedOnly.map((e: any) => e.id)).toEqual(
      all.filter((e: any) => e.type === 'report.submitted').map((e: any) => e.id),
    );
  });

  it('shows a caller only its units’ events: another province’s never appear', async () => {
    // A commune under Ba Vì (province T2) reports too.
    const x3 = await t.db
      .insertInto('units')
      .values({ code: 'X3', name: 'UBND xã Ba Trại', kind: 'ubnd_commune', searchText: 'x3 ubnd xa ba trai' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('unitParents')
      .values({ hierarchy: 'administrative', unitId: x3.id, parentId: fx.units.H3 })
      .execute();
    const answer = await admin.request('POST', '/api/v1/reports/submit', {
      unitId: x3.id,
      formId: rg.formId,
      period: DAY,
      values: { nhan: 7, duyet: 7 },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    await t.worker.drain();
    await allStoredEventsVisible();
    const all = await allEvents(admin);
    const t2Side = [x3.id, fx.units.H3, fx.units.T2];
    const seenByT2 = await allEvents(viewerT2);
    expect(seenByT2.map((e) => e.id)).toEqual(all.filter((e) => t2Side.includes(e.unitId)).map((e) => e.id));
    expect(seenByT2.map((e) => e.type)).toContain('report.submitted');
    const seenByH1 = await allEvents(approver);
    expect(seenByH1.map((e) => e.id)).toEqual(
      all.filter((e) => [fx.units.H1, fx.units.X1, fx.units.X2].includes(e.unitId)).map((e) => e.id),
    );
    expect(seenByH1.some((e) => t2Side.includes(e.unitId) || e.unitId === fx.units.T1)).toBe(false);
    // The T1 side's deliveries never reached the receiver for X3.
    expect(receiver.received.some((r) => r.event.unitId === x3.id)).toBe(false);
  });
});
