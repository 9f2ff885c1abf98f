/**
 * Retention: deletes stored idempotency results once their time to live is over
 * (`BAOCAO_RETAIN_IDEMPOTENCY_HOURS`). A client repeating a submit with the same
 * Idempotency-Key within that time gets the stored answer; after it, the key is new again.
 */
import type { Task } from 'graphile-worker';
import type { RetentionConfig } from '../config';
import type { Db } from '../db/database';
import { deleteIdempotencyKeys } from '../features/submissions/submissions.queries';
import { purgeAndRecord, retentionCron } from './retention';

export const PURGE_IDEMPOTENCY_KEYS = 'purge-idempotency-keys';

/** Deletes idempotency results stored more than `retention.idempotencyHours` before `now`; returns how many. */
export async function purgeIdempotencyKeys(db: Db, retention: RetentionConfig, now: Date): Promise<number> {
  const before = new Date(now.getTime() - retention.idempotencyHours * 3_600_000);
  return purgeAndRecord(db, 'idempotency_keys', before, (tx) => deleteIdempotencyKeys(tx, before));
}

export function purgeIdempotencyKeysJob(db: Db, retention: RetentionConfig): Task {
  return async () => {
    await purgeIdempotencyKeys(db, retention, new Date());
  };
}

export const purgeIdempotencyKeysCron = retentionCron(PURGE_IDEMPOTENCY_KEYS);
