/**
 * Reading the event stream. Order and cursor are (tx_id, id); only events whose transaction is
 * older than every transaction still running are returned (pg_snapshot_xmin), so a reader never
 * receives an event after one that committed later and whose cursor it already holds.
 */
import type { EventType } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

export interface Position {
  txId: string;
  id: string;
}

export interface EventRecord {
  id: string;
  txId: string;
  type: EventType;
  occurredAt: Date;
  unitId: number;
  formId: number | null;
  periodId: string | null;
  submissionId: string | null;
  data: unknown;
}

/** The SQL test that an event (alias `e`) lies in the subtrees of `roots` on its date; null roots: everywhere. */
export function eventInScope(roots: number[] | null) {
  if (roots === null) return sql<boolean>`true`;
  if (roots.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM unit_and_ancestors_on(e.unit_id, e.on_date) a(id)
    WHERE a.id IN (${sql.join(roots)}))`;
}

/** Events after `after` in stream order, visible to `roots` (null: all), of `types` (null: all). */
export async function findEventsAfter(
  db: Db | Tx,
  after: Position,
  options: { roots: number[] | null; types: EventType[] | null; limit: number },
): Promise<EventRecord[]> {
  const { rows } = await sql<EventRecord>`
    SELECT e.id::text AS id, e.tx_id::text AS tx_id, e.type, e.occurred_at, e.unit_id, e.form_id, e.period_id,
      e.submission_id::text AS submission_id, e.data
    FROM events e
    WHERE (e.tx_id, e.id) > (${after.txId}::bigint, ${after.id}::bigint)
      AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
      ${options.types === null ? sql`` : sql`AND e.type = ANY(${options.types}::text[])`}
      AND ${eventInScope(options.roots)}
    ORDER BY e.tx_id, e.id
    LIMIT ${options.limit}`.execute(db);
  return rows;
}
