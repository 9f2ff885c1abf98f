/**
 * What the retention jobs (purge-*.job.ts) share: when they run and how a purge is recorded.
 * Each deletes rows that no longer serve anyone after the period set in config.ts
 * (`BAOCAO_RETAIN_*`), in one transaction with one audit entry saying how many rows went.
 */
import type { CronItem } from 'graphile-worker';
import type { Db, Tx } from '../db/database';
import { recordAudit } from '../features/audit/audit.service';

/**
 * Every day at 02:00 Vietnam time (UTC+7, no daylight saving): graphile-worker matches crontabs
 * in UTC, so 19:00 UTC. A day missed while no server ran is caught up once at the next start.
 */
export function retentionCron(task: string): CronItem {
  return {
    task,
    match: '0 19 * * *',
    options: { jobKey: task, backfillPeriod: 24 * 3_600_000 },
  };
}

/** Runs one purge in its own transaction and records it (only when it deleted something). */
export async function purgeAndRecord(
  db: Db,
  what: string,
  before: Date,
  purge: (tx: Tx) => Promise<number>,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const deleted = await purge(tx);
    if (deleted > 0)
      await recordAudit(tx, null, [
        {
          action: 'retention.purge',
          objectType: what,
          objectId: what,
          unitId: null,
          after: { deleted, olderThan: before.toISOString() },
        },
      ]);
    return deleted;
  });
}

export const DAY_MS = 86_400_000;
