import type { EventItem, EventType } from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { type EventRecord, findEventsAfter, type Position } from './events.queries';

const BEGINNING: Position = { txId: '0', id: '0' };

export const cursorOf = (p: { txId: string; id: string }) => `${p.txId}.${p.id}`;

function positionOf(cursor: string | undefined): Position {
  if (cursor === undefined || cursor === '0') return BEGINNING;
  const [txId, id] = cursor.split('.') as [string, string];
  return { txId, id };
}

/** An event as the API and webhooks send it. */
export function eventItem(row: EventRecord): EventItem {
  return {
    id: Number(row.id),
    cursor: cursorOf(row),
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    unitId: row.unitId,
    formId: row.formId,
    periodId: row.periodId,
    submissionId: row.submissionId === null ? null : Number(row.submissionId),
    data: row.data as EventItem['data'],
  };
}

/**
 * The events after a cursor, in stream order, about units inside the caller's view (a token's
 * units when called with a token), judged on each event's period start as report data is.
 */
export async function listEvents(
  db: Db,
  context: RequestContext,
  query: { after?: string; limit?: number; types?: EventType[] },
) {
  const { actor } = context;
  const rows = await findEventsAfter(db, positionOf(query.after), {
    roots: actor.isSystemAdmin ? null : actor.viewRoots,
    types: query.types && query.types.length > 0 ? query.types : null,
    limit: query.limit ?? 100,
  });
  const items = rows.map(eventItem);
  return { items, next: items.at(-1)?.cursor ?? query.after ?? '0' };
}
