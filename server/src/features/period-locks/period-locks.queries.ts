import type { UnlockRequestStatus } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { inSubtreesExpression } from '../../http/scope';
import { unlockRequestRows } from '../../reporting/period-lock';

type Reader = Db | Tx;

export async function findUnitCode(db: Reader, unitId: number) {
  const unit = await db.selectFrom('units').select('code').where('id', '=', unitId).executeTakeFirstOrThrow();
  return unit.code;
}

/** Locks the period; a period already locked keeps its first lock. */
export async function insertPeriodLock(
  tx: Tx,
  lock: { regimeId: number; periodId: string; lockedBy: number; reason: string },
): Promise<void> {
  await tx
    .insertInto('periodLocks')
    .values(lock)
    .onConflict((oc) => oc.columns(['regimeId', 'periodId']).doNothing())
    .execute();
}

export async function deletePeriodLock(tx: Tx, regimeId: number, periodId: string): Promise<void> {
  await tx.deleteFrom('periodLocks').where('regimeId', '=', regimeId).where('periodId', '=', periodId).execute();
}

/** Grants every pending request of the period; answers which. */
export async function grantPendingRequests(
  tx: Tx,
  regimeId: number,
  periodId: string,
  decision: { decidedBy: number; reason: string },
) {
  return tx
    .updateTable('periodUnlockRequests')
    .set({ status: 'granted', decidedBy: decision.decidedBy, decidedAt: new Date(), decisionReason: decision.reason })
    .where('regimeId', '=', regimeId)
    .where('periodId', '=', periodId)
    .where('status', '=', 'pending')
    .returning(['id', 'unitId'])
    .execute();
}

/** Files a request; undefined when the unit already has one pending for the period. */
export async function insertUnlockRequest(
  tx: Tx,
  request: { regimeId: number; periodId: string; unitId: number; reason: string; requestedBy: number },
) {
  return (
    tx
      .insertInto('periodUnlockRequests')
      .values(request)
      // The index predicate as a literal: a parameter would not match the partial index once the plan is generic.
      .onConflict((oc) =>
        oc.columns(['regimeId', 'periodId', 'unitId']).where(sql<boolean>`status = 'pending'`).doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
  );
}

/** An unlock request as the API returns it, with its unit and the names of who asked and who decided. */
export async function findUnlockRequestRow(db: Reader, id: number) {
  return unlockRequestRows(db).where('r.id', '=', id).executeTakeFirstOrThrow();
}

/**
 * A period's requests, newest first: with `viewRoots` only those of units inside those subtrees as the
 * hierarchy stood on `onDate` (null: all of them).
 */
export async function findUnlockRequestRows(
  db: Reader,
  query: { regimeId: number; periodId: string; status?: UnlockRequestStatus },
  viewRoots: number[] | null,
  onDate: string,
) {
  let q = unlockRequestRows(db)
    .where('r.regimeId', '=', query.regimeId)
    .where('r.periodId', '=', query.periodId)
    .orderBy('r.requestedAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1000);
  if (query.status) q = q.where('r.status', '=', query.status);
  if (viewRoots !== null) q = q.where(inSubtreesExpression(viewRoots, sql`r.unit_id`, onDate));
  return q.execute();
}

export async function findUnlockRequest(db: Reader, id: number) {
  return db.selectFrom('periodUnlockRequests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request's status, its row locked until the transaction ends. */
export async function lockUnlockRequest(tx: Tx, id: number) {
  return tx
    .selectFrom('periodUnlockRequests')
    .select('status')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function refuseUnlockRequest(tx: Tx, id: number, decision: { decidedBy: number; reason: string }) {
  await tx
    .updateTable('periodUnlockRequests')
    .set({
      status: 'refused',
      decidedBy: decision.decidedBy,
      decidedAt: new Date(),
      decisionReason: decision.reason,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes unlock requests decided (granted or refused) before `before`; pending ones stay. Returns how many. */
export async function deleteDecidedUnlockRequests(tx: Tx, before: Date): Promise<number> {
  const result = await tx
    .deleteFrom('periodUnlockRequests')
    .where('status', '<>', 'pending')
    .where('decidedAt', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
