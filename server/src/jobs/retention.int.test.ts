import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, seedFixture } from '../../test/fixtures';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { type RegimeFixture, seedRegime } from '../../test/regime-fixture';
import type { RetentionConfig } from '../config';
import { addJob } from './job-queue';
import { purgeIdempotencyKeys } from './purge-idempotency-keys.job';
import { PURGE_SESSIONS, purgeSessions } from './purge-sessions.job';
import { purgeUnlockRequests } from './purge-unlock-requests.job';
import { type JobRunner, startJobRunner } from './runner';

let database: TestDatabase;
let fx: Fixture;
let rg: RegimeFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database.db);
  rg = await seedRegime(database.db);
});
afterAll(async () => database?.drop());

const retention: RetentionConfig = { sessionDays: 30, idempotencyHours: 24, unlockRequestMonths: 24 };
/** The jobs' clock in these tests: they are given `now`, whatever the machine's time. */
const now = new Date('2026-06-15T19:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const DAY = 86_400_000;
const HOUR = 3_600_000;

async function purgeAudit(objectType: string) {
  const { rows } = await sql<{ after: unknown }>`
    SELECT after FROM audit_pending WHERE action = 'retention.purge' AND object_type = ${objectType}
    UNION ALL
    SELECT after FROM audit_log WHERE action = 'retention.purge' AND object_type = ${objectType}`.execute(database.db);
  return rows.map((r) => r.after);
}

async function insertSession(name: string, expiresAt: Date, revokedAt: Date | null) {
  await database.db
    .insertInto('sessions')
    .values({
      tokenHash: name,
      userId: fx.users['viewer.h1']!,
      csrfToken: 'csrf',
      createdAt: ago(90 * DAY),
      expiresAt,
      revokedAt,
    })
    .execute();
}

const sessionNames = async () =>
  (await database.db.selectFrom('sessions').select('tokenHash').orderBy('tokenHash').execute()).map((r) => r.tokenHash);

describe('retention jobs', () => {
  it('purge-sessions deletes sessions ended more than 30 days ago and keeps the others', async () => {
    await insertSession('expired-31-days', ago(31 * DAY), null);
    await insertSession('revoked-31-days', now, ago(31 * DAY));
    await insertSession('expired-29-days', ago(29 * DAY), null);
    await insertSession('revoked-29-days', new Date(now.getTime() + DAY), ago(29 * DAY));
    await insertSession('open', new Date(now.getTime() + DAY), null);
    expect(await purgeSessions(database.db, retention, now)).toBe(2);
    expect(await sessionNames()).toEqual(['expired-29-days', 'open', 'revoked-29-days']);
    expect(await purgeAudit('sessions')).toEqual([{ deleted: 2, olderThan: ago(30 * DAY).toISOString() }]);
    // Nothing more to delete: nothing more recorded.
    expect(await purgeSessions(database.db, retention, now)).toBe(0);
    expect(await purgeAudit('sessions')).toHaveLength(1);
    // A shorter period takes the rest that ended.
    expect(await purgeSessions(database.db, { ...retention, sessionDays: 1 }, now)).toBe(2);
    expect(await sessionNames()).toEqual(['open']);
  });

  it('purge-idempotency-keys deletes results older than their 24-hour time to live', async () => {
    const userId = fx.users['entry_officer.h1']!;
    const key = (name: string, createdAt: Date) => ({
      userId,
      key: name,
      requestHash: 'h',
      status: 200,
      response: JSON.stringify({ ok: true }),
      createdAt,
    });
    await database.db
      .insertInto('idempotencyKeys')
      .values([key('old', ago(25 * HOUR)), key('recent', ago(23 * HOUR)), key('new', now)])
      .execute();
    expect(await purgeIdempotencyKeys(database.db, retention, now)).toBe(1);
    const left = await database.db.selectFrom('idempotencyKeys').select('key').orderBy('key').execute();
    expect(left.map((r) => r.key)).toEqual(['new', 'recent']);
    expect(await purgeAudit('idempotency_keys')).toEqual([{ deleted: 1, olderThan: ago(24 * HOUR).toISOString() }]);
  });

  it('purge-unlock-requests deletes requests decided more than 24 months ago; pending ones stay', async () => {
    const request = (periodId: string, status: 'pending' | 'granted' | 'refused', decidedAt: Date | null) => ({
      regimeId: rg.regimeId,
      periodId,
      unitId: fx.units.X1!,
      reason: 'Cần sửa số liệu',
      requestedBy: fx.users['entry_officer.x1']!,
      requestedAt: ago(1000 * DAY),
      status,
      decidedBy: decidedAt ? fx.users['approver.h1']! : null,
      decidedAt,
      decisionReason: decidedAt ? 'Đồng ý' : null,
    });
    await database.db
      .insertInto('periodUnlockRequests')
      .values([
        request('20240101', 'granted', new Date('2024-06-14T00:00:00Z')),
        request('20240102', 'refused', new Date('2024-06-10T00:00:00Z')),
        request('20240103', 'granted', new Date('2024-06-16T00:00:00Z')),
        request('20240104', 'pending', null),
      ])
      .execute();
    expect(await purgeUnlockRequests(database.db, retention, now)).toBe(2);
    const left = await database.db.selectFrom('periodUnlockRequests').select('periodId').orderBy('periodId').execute();
    expect(left.map((r) => r.periodId)).toEqual(['20240103', '20240104']);
    expect(await purgeAudit('period_unlock_requests')).toEqual([{ deleted: 2, olderThan: '2024-06-15T19:00:00.000Z' }]);
  });

  it('the job runner knows the purge tasks: a queued purge-sessions runs against the current time', async () => {
    const runner: JobRunner = await startJobRunner({ connectionString: database.url, retention });
    try {
      await insertSession('ended-long-ago', new Date(Date.now() - 40 * DAY), null);
      await insertSession('still-open', new Date(Date.now() + DAY), null);
      // The first test's 'open' session ended long ago by the machine's clock too.
      await database.db
        .updateTable('sessions')
        .set({ expiresAt: new Date(Date.now() - 40 * DAY) })
        .where('tokenHash', '=', 'open')
        .execute();
      await addJob(database.db, PURGE_SESSIONS, {});
      await runner.drain();
      expect(await sessionNames()).toEqual(['still-open']);
      const { rows } = await sql<{ identifier: string }>`
        SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY identifier`.execute(database.db);
      expect(rows.map((r) => r.identifier)).toEqual(
        expect.arrayContaining(['purge-idempotency-keys', 'purge-sessions', 'purge-unlock-requests']),
      );
    } finally {
      await runner.stop();
    }
  });
});
