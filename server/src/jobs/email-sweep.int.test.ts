/**
 * The e-mail sweep at scale, against a real SMTP server started by the test: two runners (two
 * server processes) share a burst of deliveries and send each exactly once; a server that
 * refuses a stretch of messages, across a restart of the runner, still receives each message
 * exactly once, with every attempt in the delivery log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Fixture, seedFixture } from '../../test/fixtures';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-test-server';
import { insertNotices, type NoticeRow } from '../features/notices/notices.queries';
import { type JobRunner, startJobRunner } from './runner';

let database: TestDatabase;
let fx: Fixture;
let smtp: TestSmtpServer;
const runners: JobRunner[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database.db);
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await database?.drop();
  await smtp?.stop();
});

/** `count` people at X1 with an address, and one notice each, written in `statements` transactions. */
async function queueEmails(tag: string, count: number, statements: number): Promise<void> {
  await sql`INSERT INTO users (username, display_name, email, unit_id, capture_root_id, view_root_id)
    SELECT ${tag} || '.' || i, 'Cán bộ ' || i, ${tag} || '.' || i || '@example.gov.vn',
      ${fx.units.X1}, ${fx.units.X1}, ${fx.units.X1}
    FROM generate_series(1, ${count}) AS i`.execute(database.db);
  const users = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', 'like', `${tag}.%`)
    .orderBy('id')
    .execute();
  const rows: NoticeRow[] = users.map((u) => ({
    userId: u.id,
    kind: 'manual_reminder',
    title: { vi: 'Nhắc báo cáo', en: 'Reminder' },
    body: { vi: '', en: '' },
    link: null,
    regimeId: null,
    periodId: null,
    unitId: null,
    dedupeKey: `${tag}:${u.id}`,
    createdAt: null,
    emailAllowed: true,
    inboxAllowed: true,
    emailSubject: `Nhắc nộp báo cáo ngày — ${tag} ${u.id}`,
    emailBody: 'Đơn vị chưa gửi báo cáo.',
  }));
  const size = Math.ceil(rows.length / statements);
  for (let i = 0; i < rows.length; i += size)
    await database.db.transaction().execute((tx) => insertNotices(tx, rows.slice(i, i + size)));
}

async function deliveryLog(tag: string) {
  const { rows } = await sql<{ id: string; status: string; outcomes: string[]; errors: (string | null)[] }>`
    SELECT d.id::text, d.status, array_agg(a.outcome ORDER BY a.attempt) AS outcomes,
      array_agg(a.error ORDER BY a.attempt) AS errors
    FROM email_deliveries d LEFT JOIN email_delivery_attempts a ON a.delivery_id = d.id
    WHERE d.to_address LIKE ${`${tag}.%`}
    GROUP BY d.id ORDER BY d.id`.execute(database.db);
  return rows;
}

const receivedFor = (tag: string) => smtp.received.filter((m) => m.to[0]!.startsWith(`${tag}.`));

describe('two runners sweeping one burst of deliveries', () => {
  it('send each e-mail once, both taking part', async () => {
    // The runners' clocks differ by a year, so each attempt's time in the log says who made it.
    const year = 365 * 86_400_000;
    for (const shift of [0, year])
      runners.push(
        await startJobRunner({
          connectionString: database.url,
          mail: smtp.mailConfig(),
          clock: () => Date.now() + shift,
        }),
      );
    // A busy server: each batch takes a while, so the second runner's sweeps find work too.
    smtp.slowDown(15);
    await queueEmails('burst', 400, 4);
    await vi.waitFor(() => expect(receivedFor('burst').length).toBeGreaterThanOrEqual(400), {
      timeout: 60_000,
      interval: 100,
    });
    await Promise.all(runners.map((r) => r.drain()));
    smtp.slowDown(0);

    const mails = receivedFor('burst');
    expect(mails).toHaveLength(400);
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(400);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(400);
    expect(mails[0]!.subject).toMatch(/^Nhắc nộp báo cáo ngày — burst \d+$/);
    const log = await deliveryLog('burst');
    expect(log).toHaveLength(400);
    expect(log.every((d) => d.status === 'sent' && d.outcomes.join() === 'sent')).toBe(true);
    const { rows } = await sql<{ later: boolean; n: string }>`
      SELECT a.at > now() + interval '180 days' AS later, count(*)::text AS n
      FROM email_delivery_attempts a JOIN email_deliveries d ON d.id = a.delivery_id
      WHERE d.to_address LIKE 'burst.%' GROUP BY 1 ORDER BY 1`.execute(database.db);
    expect(rows.map((r) => r.later)).toEqual([false, true]);
  });
});

describe('an SMTP server that refuses a stretch of messages, across a restart', () => {
  it('receives each message exactly once; the log shows every refusal and the delivery', async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    const first = await startJobRunner({
      connectionString: database.url,
      mail: smtp.mailConfig({ retryBaseMs: 300, maxAttempts: 6 }),
    });
    runners.push(first);
    const refusedBefore = smtp.refused;
    // More refusals than messages: every first attempt fails, and some second ones.
    smtp.refuseNext(80);
    await queueEmails('flaky', 60, 2);
    await vi.waitFor(
      async () => expect((await deliveryLog('flaky')).every((d) => d.outcomes.includes('failed'))).toBe(true),
      { timeout: 30_000, interval: 50 },
    );
    // The process stops with retries waiting; another one takes over once the server recovers.
    await first.stop();
    runners.splice(0);
    runners.push(
      await startJobRunner({
        connectionString: database.url,
        mail: smtp.mailConfig({ retryBaseMs: 300, maxAttempts: 6 }),
      }),
    );
    await vi.waitFor(async () => expect((await deliveryLog('flaky')).every((d) => d.status === 'sent')).toBe(true), {
      timeout: 30_000,
      interval: 100,
    });
    await runners[0]!.drain();

    const mails = receivedFor('flaky');
    expect(mails).toHaveLength(60);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(60);
    const log = await deliveryLog('flaky');
    const refused = smtp.refused - refusedBefore;
    expect(refused).toBe(80);
    // Every attempt is in the log: the refusals (451) and then exactly one delivery each.
    expect(log.reduce((n, d) => n + d.outcomes.length, 0)).toBe(60 + refused);
    for (const d of log) {
      expect(d.outcomes.at(-1)).toBe('sent');
      expect(d.outcomes.filter((o) => o === 'sent')).toHaveLength(1);
      for (const error of d.errors.slice(0, -1)) expect(error).toContain('451');
    }
  });
});
