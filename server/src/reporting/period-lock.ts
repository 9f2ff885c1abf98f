/**
 * What a report page shows of its period's lock: who locked it, when and why,
 * and the unit's latest request to unlock it. The decisions (lock, unlock,
 * request, grant, refuse) belong to `features/period-locks/`.
 */
import type { UnlockRequestStatus } from '@baocao/domain';
import type { Db, Tx } from '../db/database';

type Reader = Db | Tx;

/** The period's lock with who set it, when and why, or null when the period is open. */
export async function periodLockOf(db: Reader, regimeId: number, periodId: string) {
  const row = await db
    .selectFrom('periodLocks as l')
    .innerJoin('users as u', 'u.id', 'l.lockedBy')
    .select(['u.displayName as lockedByName', 'l.lockedAt', 'l.reason'])
    .where('l.regimeId', '=', regimeId)
    .where('l.periodId', '=', periodId)
    .executeTakeFirst();
  return row ?? null;
}

/** Unlock requests with their unit and the names of who asked and who decided. */
export function unlockRequestRows(db: Reader) {
  return db
    .selectFrom('periodUnlockRequests as r')
    .innerJoin('units as un', 'un.id', 'r.unitId')
    .innerJoin('users as rq', 'rq.id', 'r.requestedBy')
    .leftJoin('users as dc', 'dc.id', 'r.decidedBy')
    .select([
      'r.id',
      'r.regimeId',
      'r.periodId',
      'r.unitId',
      'un.code as unitCode',
      'un.name as unitName',
      'r.reason',
      'rq.displayName as requestedByName',
      'r.requestedAt',
      'r.status',
      'dc.displayName as decidedByName',
      'r.decidedAt',
      'r.decisionReason',
    ]);
}

/** An unlock request as the API returns it. */
export function unlockRequestItem(
  row: Awaited<ReturnType<ReturnType<typeof unlockRequestRows>['executeTakeFirstOrThrow']>>,
) {
  return {
    id: row.id,
    regimeId: row.regimeId,
    periodId: row.periodId,
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
    reason: row.reason,
    requestedByName: row.requestedByName,
    requestedAt: row.requestedAt.toISOString(),
    status: row.status as UnlockRequestStatus,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    decisionReason: row.decisionReason,
  };
}

/** The unit's latest request for the period (shown on its report page). */
export async function latestUnlockRequest(db: Reader, regimeId: number, periodId: string, unitId: number) {
  const row = await unlockRequestRows(db)
    .where('r.regimeId', '=', regimeId)
    .where('r.periodId', '=', periodId)
    .where('r.unitId', '=', unitId)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? unlockRequestItem(row) : null;
}
