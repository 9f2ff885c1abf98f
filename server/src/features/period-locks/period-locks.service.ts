/**
 * Period locks and unlock requests. The recipient of a regime (its approvers,
 * or a system administrator) locks a period when its figures are final: no unit
 * can then save or submit that period's reports. A unit that must still correct
 * something asks, with its reason; the recipient grants (the period is unlocked
 * for every unit, and every pending request of it is answered) or refuses, with
 * a reason either way. Every step is audited.
 */
import { DomainError, type UnlockRequestStatus } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import { assertCanCapture, canView, inSubtreesExpression } from '../../http/scope';
import { periodLockOf, unlockRequestItem, unlockRequestRows } from '../../reporting/period-lock';
import { periodOf, type RegimeInfo, type ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';

type Reader = Db | Tx;

/** System administrators, and approvers (or holders of periods.lock) of a recipient agency of the regime. */
export async function mayLockPeriods(db: Reader, actor: Actor, regime: RegimeInfo): Promise<boolean> {
  if (actor.isSystemAdmin) return true;
  if (!actor.permissions.has('periods.lock') && !actor.permissions.has('data.review')) return false;
  const unit = await db.selectFrom('units').select('code').where('id', '=', actor.unitId).executeTakeFirstOrThrow();
  return regime.definition.recipientUnitCodes.includes(unit.code);
}

async function regimeOf(db: Reader, reports: ReportCatalog, regimeId: number) {
  return reports.regime(db, regimeId).catch(() => {
    throw new DomainError('NOT_FOUND', { field: 'regimeId' });
  });
}

/** Lock or unlock a period of a regime, with a reason; unlocking answers every pending request of it. */
export async function setPeriodLock(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  input: { regimeId: number; periodId: string; locked: boolean; reason: string },
) {
  const regime = await regimeOf(db, reports, input.regimeId);
  periodOf(regime, input.periodId);
  if (!(await mayLockPeriods(db, context.actor, regime))) throw new DomainError('FORBIDDEN');
  await db.transaction().execute(async (tx) => {
    if (input.locked)
      await tx
        .insertInto('periodLocks')
        .values({
          regimeId: input.regimeId,
          periodId: input.periodId,
          lockedBy: context.actor.userId,
          reason: input.reason,
        })
        .onConflict((oc) => oc.columns(['regimeId', 'periodId']).doNothing())
        .execute();
    else await unlock(tx, context, input.regimeId, input.periodId, input.reason);
    await recordAudit(tx, context, [
      {
        action: input.locked ? 'period.lock' : 'period.unlock',
        objectType: 'period_lock',
        objectId: `${input.regimeId}:${input.periodId}`,
        unitId: context.actor.unitId,
        after: { reason: input.reason },
      },
    ]);
  });
  return { regimeId: input.regimeId, periodId: input.periodId, locked: input.locked };
}

/** Removes the lock and grants the period's pending requests, auditing each. */
async function unlock(tx: Tx, context: RequestContext, regimeId: number, periodId: string, reason: string) {
  await tx.deleteFrom('periodLocks').where('regimeId', '=', regimeId).where('periodId', '=', periodId).execute();
  const granted = await tx
    .updateTable('periodUnlockRequests')
    .set({ status: 'granted', decidedBy: context.actor.userId, decidedAt: new Date(), decisionReason: reason })
    .where('regimeId', '=', regimeId)
    .where('periodId', '=', periodId)
    .where('status', '=', 'pending')
    .returning(['id', 'unitId'])
    .execute();
  await recordAudit(
    tx,
    context,
    granted.map((request) => ({
      action: 'period_unlock_request.grant',
      objectType: 'period_unlock_request',
      objectId: request.id,
      unitId: request.unitId,
      before: { status: 'pending' },
      after: { status: 'granted', reason },
    })),
  );
}

/** A unit asks for the locked period to be unlocked (its officers: data.enter inside their capture scope). */
export async function requestUnlock(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  input: { regimeId: number; periodId: string; unitId: number; reason: string },
) {
  const regime = await regimeOf(db, reports, input.regimeId);
  const period = periodOf(regime, input.periodId);
  await assertCanCapture(db, context.actor, input.unitId, period.start);
  if (!(await periodLockOf(db, input.regimeId, input.periodId)))
    throw new DomainError('INVALID_STATE', {
      field: 'period',
      message: 'PERIOD_OPEN',
    });
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('periodUnlockRequests')
      .values({
        regimeId: input.regimeId,
        periodId: input.periodId,
        unitId: input.unitId,
        reason: input.reason,
        requestedBy: context.actor.userId,
      })
      // The index predicate as a literal: a parameter would not match the partial index once the plan is generic.
      .onConflict((oc) =>
        oc.columns(['regimeId', 'periodId', 'unitId']).where(sql<boolean>`status = 'pending'`).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw new DomainError('CONFLICT', {
        field: 'unitId',
        message: 'UNLOCK_REQUEST_PENDING',
      });
    await recordAudit(tx, context, [
      {
        action: 'period_unlock_request.create',
        objectType: 'period_unlock_request',
        objectId: row.id,
        unitId: input.unitId,
        after: { regimeId: input.regimeId, periodId: input.periodId, reason: input.reason },
      },
    ]);
    return row.id;
  });
  return unlockRequestById(db, id);
}

async function unlockRequestById(db: Reader, id: number) {
  const row = await unlockRequestRows(db).where('r.id', '=', id).executeTakeFirstOrThrow();
  return unlockRequestItem(row);
}

/** Requests of a period: all of them for those who may lock it, else those of units inside the caller's view. */
export async function listUnlockRequests(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  query: { regimeId: number; periodId: string; status?: UnlockRequestStatus },
) {
  const regime = await regimeOf(db, reports, query.regimeId);
  const period = periodOf(regime, query.periodId);
  const all = await mayLockPeriods(db, context.actor, regime);
  let q = unlockRequestRows(db)
    .where('r.regimeId', '=', query.regimeId)
    .where('r.periodId', '=', query.periodId)
    .orderBy('r.requestedAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1000);
  if (query.status) q = q.where('r.status', '=', query.status);
  // Others see the requests of units inside their view as the hierarchy stood in the period.
  if (!all) q = q.where(inSubtreesExpression(context.actor.viewRoots, sql`r.unit_id`, period.start));
  return { items: (await q.execute()).map(unlockRequestItem), mayDecide: all };
}

/** Grant (unlocks the period for every unit) or refuse a pending request, with a reason. */
export async function decideUnlockRequest(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  id: number,
  input: { grant: boolean; reason: string },
) {
  const request = await db.selectFrom('periodUnlockRequests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!request) throw new DomainError('NOT_FOUND');
  const regime = await regimeOf(db, reports, request.regimeId);
  if (!(await mayLockPeriods(db, context.actor, regime))) {
    const onDate = periodOf(regime, request.periodId).start;
    throw new DomainError((await canView(db, context.actor, request.unitId, onDate)) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  await db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('periodUnlockRequests')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status !== 'pending') throw new DomainError('INVALID_STATE', { message: 'UNLOCK_REQUEST_DECIDED' });
    if (input.grant) {
      await unlock(tx, context, request.regimeId, request.periodId, input.reason);
      await recordAudit(tx, context, [
        {
          action: 'period.unlock',
          objectType: 'period_lock',
          objectId: `${request.regimeId}:${request.periodId}`,
          unitId: context.actor.unitId,
          after: { reason: input.reason, requestId: id },
        },
      ]);
    } else {
      await tx
        .updateTable('periodUnlockRequests')
        .set({
          status: 'refused',
          decidedBy: context.actor.userId,
          decidedAt: new Date(),
          decisionReason: input.reason,
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(tx, context, [
        {
          action: 'period_unlock_request.refuse',
          objectType: 'period_unlock_request',
          objectId: id,
          unitId: request.unitId,
          before: { status: 'pending' },
          after: { status: 'refused', reason: input.reason },
        },
      ]);
    }
  });
  return unlockRequestById(db, id);
}
