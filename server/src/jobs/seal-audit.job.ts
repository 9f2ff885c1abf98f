/**
 * Seals pending audit entries into the hash chain (features/audit/audit.queries.ts).
 * Writers only append to `audit_pending`; this job keeps that table short.
 *
 * A round seals everything pending, then queues the next round SEAL_EVERY_MS
 * later under the job key `seal-audit`: one round is queued per database,
 * however many processes run, and nothing is added to the writes themselves
 * (a submit stays two statements). The runner queues a round when it starts,
 * and the crontab re-queues one every minute under the same key (keeping the
 * queued round's time), which restarts the rounds should their chain break —
 * a process killed in the middle of a round leaves that job locked for hours.
 * Sealing latency is not a correctness matter: audit reads and
 * `npm run audit:verify` seal what is pending first.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { Db, Tx } from '../db/database';
import { sealAllPendingAudit } from '../features/audit/audit.queries';
import { addJob } from './job-queue';

export const SEAL_AUDIT = 'seal-audit';
// At the submit peak (~550 writes/s) a round seals a few hundred entries; the runner's poll
// interval adds up to a second to this delay.
const SEAL_EVERY_MS = 500;

export function sealAuditJob(db: Db): Task {
  return async () => {
    await sealAllPendingAudit(db);
    await queueSealAudit(db, new Date(Date.now() + SEAL_EVERY_MS));
  };
}

/** Queues a sealing round at `runAt` unless one is already queued (whose time is then kept). */
export async function queueSealAudit(executor: Db | Tx, runAt = new Date()): Promise<void> {
  await addJob(executor, SEAL_AUDIT, {}, { jobKey: SEAL_AUDIT, jobKeyMode: 'preserve_run_at', runAt });
}

export const sealAuditCron: CronItem = {
  task: SEAL_AUDIT,
  match: '* * * * *',
  options: { jobKey: SEAL_AUDIT, jobKeyMode: 'preserve_run_at', backfillPeriod: 0 },
};
