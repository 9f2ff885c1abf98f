import { DomainError } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';
import type { Actor } from './context';

type Reader = Db | Tx;

/** Whether `unitId` lies inside one of the subtrees rooted at `roots` (in any hierarchy). */
export async function inSubtrees(db: Reader, roots: number[], unitId: number): Promise<boolean> {
  if (roots.length === 0) return false;
  const row = await db.selectNoFrom(inSubtreesExpression(roots, unitId).as('inside')).executeTakeFirstOrThrow();
  return row.inside;
}

/** The same test as an SQL expression, for folding the scope check into a larger query. */
export function inSubtreesExpression(roots: number[], unitId: number) {
  if (roots.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM unit_closure WHERE ancestor_id IN (${sql.join(roots)}) AND descendant_id = ${unitId})`;
}

/** Whether the actor may change data of `unitId`, as an SQL expression. */
export function canCaptureExpression(actor: Actor, unitId: number) {
  return actor.isSystemAdmin ? sql<boolean>`true` : inSubtreesExpression(actor.captureRoots, unitId);
}

/** Whether the actor may read `unitId`, as an SQL expression. */
export function canViewExpression(actor: Actor, unitId: number) {
  return actor.isSystemAdmin ? sql<boolean>`true` : inSubtreesExpression(actor.viewRoots, unitId);
}

export async function canView(db: Reader, actor: Actor, unitId: number): Promise<boolean> {
  return actor.isSystemAdmin || inSubtrees(db, actor.viewRoots, unitId);
}

export async function canCapture(db: Reader, actor: Actor, unitId: number): Promise<boolean> {
  return actor.isSystemAdmin || inSubtrees(db, actor.captureRoots, unitId);
}

/** Out-of-scope objects answer 404, as if they did not exist. */
export async function assertCanView(db: Reader, actor: Actor, unitId: number): Promise<void> {
  if (!(await canView(db, actor, unitId))) throw new DomainError('NOT_FOUND');
}

export async function assertCanCapture(db: Reader, actor: Actor, unitId: number): Promise<void> {
  if (!(await canCapture(db, actor, unitId))) {
    // Visible but not writable → 403; invisible → 404.
    throw new DomainError((await canView(db, actor, unitId)) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
}
