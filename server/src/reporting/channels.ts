/**
 * The two PostgreSQL notification channels of the reporting lifecycle. A change
 * to report data queues the consolidating ancestors on `baocao_consolidate`
 * (the consolidation worker listens); a refreshed consolidation or a saved
 * draft is announced on `baocao_live` (every process's live hub listens and
 * forwards to open pages). Both notify inside the writer's transaction, so a
 * rolled-back change wakes and announces nothing.
 */
import type { LiveReason } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';

export const CONSOLIDATE_CHANNEL = 'baocao_consolidate';
export const LIVE_CHANNEL = 'baocao_live';

/** A consolidating unit to refresh, with its depth from the root (deepest first). */
export interface QueueSlice {
  unitId: number;
  depth: number;
}

/**
 * The INSERT that queues slices, as a piece of a larger statement: with `onlyIf`
 * (the name of a CTE) it queues only when that CTE returned a row.
 */
export function queueInsert(slices: QueueSlice[], formId: number, periodId: string, onlyIf: string | null) {
  const rows = slices.map((s) => sql`(${s.unitId}::int, ${formId}::int, ${periodId}::text, ${s.depth}::int)`);
  return onlyIf === null
    ? sql`INSERT INTO consolidation_queue (unit_id, form_id, period_id, depth) VALUES ${sql.join(rows)} RETURNING 1`
    : sql`INSERT INTO consolidation_queue (unit_id, form_id, period_id, depth)
        SELECT v.* FROM (VALUES ${sql.join(rows)}) v, ${sql.table(onlyIf)} RETURNING 1`;
}

/** Queues the consolidating ancestors (and optionally the unit itself) of a change for the worker. */
export async function enqueueConsolidation(
  tx: Tx,
  slices: QueueSlice[],
  formId: number,
  periodId: string,
): Promise<void> {
  if (slices.length === 0) return;
  // Queue and wake the worker in one statement (the notification is delivered at commit).
  await sql`WITH queued AS (${queueInsert(slices, formId, periodId, null)})
    SELECT pg_notify(${CONSOLIDATE_CHANNEL}, '') FROM (SELECT count(*) FROM queued) q`.execute(tx);
}

/**
 * Queues slices of many forms and periods in one statement (an import's chunk of reports:
 * one statement per period cost a round trip per day of a daily regime), in the order given.
 */
export async function enqueueConsolidationSlices(
  tx: Tx,
  slices: (QueueSlice & { formId: number; periodId: string })[],
): Promise<void> {
  if (slices.length === 0) return;
  await sql`WITH queued AS (
      INSERT INTO consolidation_queue (unit_id, form_id, period_id, depth)
      SELECT s."unitId", s."formId", s."periodId", s.depth
      FROM jsonb_to_recordset(${JSON.stringify(slices)}::jsonb) AS s("unitId" int, "formId" int, "periodId" text, depth int)
      RETURNING 1)
    SELECT pg_notify(${CONSOLIDATE_CHANNEL}, '') FROM (SELECT count(*) FROM queued) q`.execute(tx);
}

/**
 * Announces changed (unit, form, period) slices to the open pages of every
 * server process, in chunks that fit a NOTIFY payload. Inside a transaction the
 * notification is delivered at commit, so a rolled-back change announces nothing.
 */
export async function announceLive(
  db: Db | Tx,
  slices: [unitId: number, formId: number, periodId: string][],
  startedAt: number,
  reason: LiveReason,
): Promise<void> {
  for (let i = 0; i < slices.length; i += 200) {
    const payload = JSON.stringify({ startedAt, reason, slices: slices.slice(i, i + 200) });
    await sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`.execute(db);
  }
}
