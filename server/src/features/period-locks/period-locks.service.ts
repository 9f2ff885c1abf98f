/**
 * Period locks and unlock requests. The recipient of a regime (its approvers,
 * or a system administrator) locks a period when its figures are final: no unit
 * can then save or submit that period's reports. A unit that must still correct
 * something asks, with its reason; the recipient grants (the period is unlocked
 * for every unit, and every pending request of it is answered) or refuses, with
 * a reason either way. Every step is audited.
 */
import { DomainError, type UnlockRequestStatus } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import { assertCanCapture, canView } from '../../http/scope';
import { periodLockOf, unlockRequestItem } from '../../reporting/period-lock';
import { periodOf, type RegimeInfo, type ReportCatalog, regimeOn } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import { noticePeriodLock, noticeUnlockRefused } from '../notices/notices.service';
import {
  deletePeriodLock,
  findUnitCode,
  findUnlockRequest,
  findUnlockRequestRow,
  findUnlockRequestRows,
  grantPendingRequests,
  insertPeriodLock,
  insertUnlockRequest,
  lockUnlockRequest,
  refuseUnlockRequest,
} from './period-locks.queries';

type Reader = Db | Tx;

/**
 * System administrators, and approvers (or holders of periods.lock) of a recipient agency of the
 * regime as the version in force at the period's start (`onDate`) names them.
 */
export async function mayLockPeriods(db: Reader, actor: Actor, regime: RegimeInfo, onDate: string): Promise<boolean> {
  if (actor.isSystemAdmin) return true;
  if (!actor.permissions.has('periods.lock') && !actor.permissions.has('data.review')) return false;
  const { recipientUnitCodes } = regimeOn(regime, onDate).definition;
  return recipientUnitCodes.includes(await findUnitCode(db, actor.unitId));
}

async function regimeOf(db: Reader, reports: ReportCatalog, regimeId: number) {
  return reports.regime(db, regimeId).catch(() => {
    throw new DomainError('NOT_FOUND', { field: 'regimeId' });
  });
}

/** Lock or unlock a period of a regime, with a reason; unlocking answers every pending request of it. */
export async function setPeriodLock(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  input: { regimeId: number; periodId: string; locked: boolean; reason: string },
) {
  const regime = await regimeOf(tx, reports, input.regimeId);
  const period = periodOf(regime, input.periodId);
  if (!(await mayLockPeriods(tx, context.actor, regime, period.start))) throw new DomainError('FORBIDDEN');
  if (input.locked)
    await insertPeriodLock(tx, {
      regimeId: input.regimeId,
      periodId: input.periodId,
      lockedBy: context.actor.userId,
      reason: input.reason,
    });
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
  await noticePeriodLock(tx, regime, input.periodId, input.locked, input.reason);
  return { regimeId: input.regimeId, periodId: input.periodId, locked: input.locked };
}

/** Removes the lock and grants the period's pending requests, auditing each. */
async function unlock(tx: Tx, context: RequestContext, regimeId: number, periodId: string, reason: string) {
  await deletePeriodLock(tx, regimeId, periodId);
  const granted = await grantPendingRequests(tx, regimeId, periodId, { decidedBy: context.actor.userId, reason });
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
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  input: { regimeId: number; periodId: string; unitId: number; reason: string },
) {
  const regime = await regimeOf(tx, reports, input.regimeId);
  const period = periodOf(regime, input.periodId);
  await assertCanCapture(tx, context.actor, input.unitId, period.start);
  if (!(await periodLockOf(tx, input.regimeId, input.periodId)))
    throw new DomainError('INVALID_STATE', {
      field: 'period',
      message: 'PERIOD_OPEN',
    });
  const row = await insertUnlockRequest(tx, {
    regimeId: input.regimeId,
    periodId: input.periodId,
    unitId: input.unitId,
    reason: input.reason,
    requestedBy: context.actor.userId,
  });
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
  return unlockRequestById(tx, row.id);
}

async function unlockRequestById(db: Reader, id: number) {
  return unlockRequestItem(await findUnlockRequestRow(db, id));
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
  const all = await mayLockPeriods(db, context.actor, regime, period.start);
  // Others see the requests of units inside their view as the hierarchy stood in the period.
  const rows = await findUnlockRequestRows(db, query, all ? null : context.actor.viewRoots, period.start);
  return { items: rows.map(unlockRequestItem), mayDecide: all };
}

/** Grant (unlocks the period for every unit) or refuse a pending request, with a reason. */
export async function decideUnlockRequest(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  id: number,
  input: { grant: boolean; reason: string },
) {
  const request = await findUnlockRequest(tx, id);
  if (!request) throw new DomainError('NOT_FOUND');
  const regime = await regimeOf(tx, reports, request.regimeId);
  const onDate = periodOf(regime, request.periodId).start;
  if (!(await mayLockPeriods(tx, context.actor, regime, onDate))) {
    throw new DomainError((await canView(tx, context.actor, request.unitId, onDate)) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  const current = await lockUnlockRequest(tx, id);
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
    await noticePeriodLock(tx, regime, request.periodId, false, input.reason);
  } else {
    await refuseUnlockRequest(tx, id, { decidedBy: context.actor.userId, reason: input.reason });
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
    await noticeUnlockRefused(tx, id, input.reason);
  }
  return unlockRequestById(tx, id);
}
