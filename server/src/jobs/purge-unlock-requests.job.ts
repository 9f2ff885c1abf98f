/**
 * Retention: deletes unlock requests some months after they were granted or refused
 * (`BAOCAO_RETAIN_UNLOCK_REQUESTS_MONTHS`). Pending requests stay however old; the audit
 * keeps every request and decision for good.
 */
import type { Task } from 'graphile-worker';
import type { RetentionConfig } from '../config';
import type { Db } from '../db/database';
import { deleteDecidedUnlockRequests } from '../features/period-locks/period-locks.queries';
import { purgeAndRecord, retentionCron } from './retention';

export const PURGE_UNLOCK_REQUESTS = 'purge-unlock-requests';

/** Deletes the requests decided more than `retention.unlockRequestMonths` calendar months before `now`. */
export async function purgeUnlockRequests(db: Db, retention: RetentionConfig, now: Date): Promise<number> {
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() - retention.unlockRequestMonths);
  return purgeAndRecord(db, 'period_unlock_requests', before, (tx) => deleteDecidedUnlockRequests(tx, before));
}

export function purgeUnlockRequestsJob(db: Db, retention: RetentionConfig): Task {
  return async () => {
    await purgeUnlockRequests(db, retention, new Date());
  };
}

export const purgeUnlockRequestsCron = retentionCron(PURGE_UNLOCK_REQUESTS);
