import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { appendAudit } from '../features/audit/audit.queries';
import { verifyAuditChain } from '../features/audit/audit.service';
import { addJob } from './job-queue';
import { type JobRunner, startJobRunner } from './runner';
import { SEAL_AUDIT } from './seal-audit.job';

let database: TestDatabase;
let runner: JobRunner;

beforeAll(async () => {
  database = await createTestDatabase();
  runner = await startJobRunner({ connectionString: database.url });
});

afterAll(async () => {
  await runner?.stop();
  await database?.drop();
});

async function appendPending(n: number, action: string) {
  await database.db.transaction().execute((tx) =>
    appendAudit(
      tx,
      Array.from({ length: n }, (_, i) => ({
        actorUserId: null,
        actorName: 'system',
        ip: null,
        userAgent: null,
        requestId: null,
        action,
        objectType: 'probe',
        objectId: String(i),
        unitId: null,
        before: null,
        after: { i },
      })),
    ),
  );
}

async function counts() {
  const { rows } = await sql<{ pending: number; sealed: number }>`SELECT
      (SELECT count(*) FROM audit_pending)::int AS pending,
      (SELECT count(*) FROM audit_log WHERE object_type = 'probe')::int AS sealed`.execute(database.db);
  return rows[0]!;
}

describe('seal-audit job', () => {
  it('seals pending audit entries into the chain when its round is due', async () => {
    await appendPending(1200, 'probe.first');
    // Bring the queued round forward to now, then wait for the jobs that are due.
    await addJob(database.db, SEAL_AUDIT, {}, { jobKey: SEAL_AUDIT });
    await runner.drain();
    expect(await counts()).toEqual({ pending: 0, sealed: 1200 });
  });

  it('keeps sealing in rounds without being asked', async () => {
    await appendPending(300, 'probe.second');
    // The next round is already queued (at most a second or two away): wait for its effect.
    const deadline = Date.now() + 20_000;
    while ((await counts()).pending > 0 && Date.now() < deadline) await runner.drain();
    expect(await counts()).toEqual({ pending: 0, sealed: 1500 });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 1500 });
  });
});
