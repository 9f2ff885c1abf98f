/**
 * Writing the event stream (`events`, read by features/events and delivered by features/webhooks).
 * An event is written in the transaction of the change that causes it — a rolled-back change
 * leaves none — and as a piece of the writer's own statement where the writer counts its
 * statements (the submit stays two). Readers take only events whose transaction is older than
 * every running one, so the stream's order (transaction, id) never lets an event land behind a
 * cursor already handed out.
 */
import type { EventType } from '@baocao/domain';
import { sql } from 'kysely';
import type { Tx } from '../db/database';

export interface EventRow {
  type: EventType;
  unitId: number;
  /** The date the unit's scope is judged on: the period's start. */
  onDate: string;
  formId: number | null;
  periodId: string | null;
  submissionId: number | null;
  data: Record<string, unknown>;
}

const values = (e: EventRow) =>
  sql`(${e.type}::text, ${e.unitId}::int, ${e.onDate}::date, ${e.formId}::int, ${e.periodId}::text,
    ${e.submissionId}::bigint, ${JSON.stringify(e.data)}::jsonb)`;

/** The INSERT of events as a CTE of a larger statement: written only when the CTE `onlyIf` returned a row. */
export function eventInsert(events: EventRow[], onlyIf: string) {
  return sql`INSERT INTO events (type, unit_id, on_date, form_id, period_id, submission_id, data)
    SELECT v.* FROM (VALUES ${sql.join(events.map(values))}) v, ${sql.table(onlyIf)} RETURNING 1`;
}

/** Writes events in the caller's transaction. */
export async function recordEvents(tx: Tx, events: EventRow[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500)
    await sql`INSERT INTO events (type, unit_id, on_date, form_id, period_id, submission_id, data)
      VALUES ${sql.join(events.slice(i, i + 500).map(values))}`.execute(tx);
}
