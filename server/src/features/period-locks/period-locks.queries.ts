import type { Db, Tx } from '../../db/database';

/** Unlock requests with their unit and the names of who asked and who decided. */
export function unlockRequestRows(db: Db | Tx) {
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
