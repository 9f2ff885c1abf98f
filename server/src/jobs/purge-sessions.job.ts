/** Retention: deletes sessions some days after they expired or were revoked (`BAOCAO_RETAIN_SESSIONS_DAYS`). */
import type { Task } from 'graphile-worker';
import type { RetentionConfig } from '../config';
import type { Db } from '../db/database';
import { deleteEndedSessions } from '../features/auth/auth.queries';
import { DAY_MS, purgeAndRecord, retentionCron } from './retention';

export const PURGE_SESSIONS = 'purge-sessions';

/** Deletes the sessions that ended more than `retention.sessionDays` before `now`; returns how many. */
export async function purgeSessions(db: Db, retention: RetentionConfig, now: Date): Promise<number> {
  const before = new Date(now.getTime() - retention.sessionDays * DAY_MS);
  return purgeAndRecord(db, 'sessions', before, (tx) => deleteEndedSessions(tx, before));
}

export function purgeSessionsJob(db: Db, retention: RetentionConfig): Task {
  return async () => {
    await purgeSessions(db, retention, new Date());
  };
}

export const purgeSessionsCron = retentionCron(PURGE_SESSIONS);
