/**
 * Scope: is a unit inside the subtrees an actor may read (view roots) or change
 * (capture roots)? Without a date the answer spans all time (`unit_closure`):
 * right for units and accounts. Report data carries a date — its period's
 * start — and is checked against the hierarchy as it stood on that date, so
 * after the 2025 reform a dissolved district's officers still see their
 * communes' old reports but not the communes' reports under the new province.
 */
import { DomainError } from '@baocao/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../db/database';
import type { Actor } from './context';

type Reader = Db | Tx;

/** Whether `unitId` lies inside one of the subtrees rooted at `roots` (in any hierarchy; on `onDate` when given). */
export async function inSubtrees(db: Reader, roots: number[], unitId: number, onDate?: string): Promise<boolean> {
  if (roots.length === 0) return false;
  const row = await db
    .selectNoFrom(inSubtreesExpression(roots, sql`${unitId}::int`, onDate).as('inside'))
    .executeTakeFirstOrThrow();
  return row.inside;
}

/**
 * The same test as an SQL expression, for folding the scope check into a larger
 * query; `unit` is an SQL expression (a value or a column of the outer query).
 */
export function inSubtreesExpression(roots: number[], unit: RawBuilder<unknown>, onDate?: string) {
  if (roots.length === 0) return sql<boolean>`false`;
  if (onDate === undefined)
    return sql<boolean>`EXISTS (SELECT 1 FROM unit_closure WHERE ancestor_id IN (${sql.join(roots)}) AND descendant_id = ${unit})`;
  // The unit and its ancestors in every hierarchy through the links valid on the date.
  return sql<boolean>`EXISTS (SELECT 1 FROM unit_and_ancestors_on(${unit}, ${onDate}::date) a(id)
    WHERE a.id IN (${sql.join(roots)}))`;
}

/** Whether the actor may change data of `unitId` (on `onDate` when given), as an SQL expression. */
export function canCaptureExpression(actor: Actor, unitId: number, onDate?: string) {
  return actor.isSystemAdmin
    ? sql<boolean>`true`
    : inSubtreesExpression(actor.captureRoots, sql`${unitId}::int`, onDate);
}

/** Whether the actor may read `unitId` (on `onDate` when given), as an SQL expression. */
export function canViewExpression(actor: Actor, unitId: number, onDate?: string) {
  return actor.isSystemAdmin ? sql<boolean>`true` : inSubtreesExpression(actor.viewRoots, sql`${unitId}::int`, onDate);
}

export async function canView(db: Reader, actor: Actor, unitId: number, onDate?: string): Promise<boolean> {
  return actor.isSystemAdmin || inSubtrees(db, actor.viewRoots, unitId, onDate);
}

export async function canCapture(db: Reader, actor: Actor, unitId: number, onDate?: string): Promise<boolean> {
  return actor.isSystemAdmin || inSubtrees(db, actor.captureRoots, unitId, onDate);
}

/** Out-of-scope objects answer 404, as if they did not exist. */
export async function assertCanView(db: Reader, actor: Actor, unitId: number, onDate?: string): Promise<void> {
  if (!(await canView(db, actor, unitId, onDate))) throw new DomainError('NOT_FOUND');
}

export async function assertCanCapture(db: Reader, actor: Actor, unitId: number, onDate?: string): Promise<void> {
  if (!(await canCapture(db, actor, unitId, onDate))) {
    // Visible but not writable → 403; invisible → 404.
    throw new DomainError((await canView(db, actor, unitId, onDate)) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
}
