/**
 * Who receives a regime's reports and who reviews which report.
 *
 * Recipient agencies (`recipientUnitCodes` of the regime version in force on the period's
 * start: MOLISA for the daily COVID-19 support report, the Government Office…) sit outside
 * the territorial tree, so their scope never reaches the provinces. Their accounts read the
 * whole of the regime's report data instead — the national consolidation at the hierarchy's
 * root and every drill-down below it — and change none of it.
 *
 * Review follows the flow: a report is accepted or returned only by its direct consolidator,
 * the nearest consolidating ancestor in the regime's hierarchy on the period's start. For the
 * units that report to the root (the provinces), the root's approvers and the recipients'.
 * An approver higher up (a province over a district agency) does not review; the district,
 * which accepted the report, does.
 */
import { DomainError } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';
import type { Actor, RequestContext } from '../http/context';
import { canCapture, canView } from '../http/scope';
import { consolidates, type RegimeInfo, type ReportCatalog, regimeOn } from './report-context';

type Reader = Db | Tx;

/**
 * Whether the actor's unit is a recipient agency of the regime as the version in force on
 * `onDate` defines it, and the actor reads its own unit (a token narrowed to other units does not
 * carry the agency's reach).
 */
export async function isRecipient(
  db: Reader,
  reports: ReportCatalog,
  actor: Actor,
  regime: RegimeInfo,
  onDate: string,
): Promise<boolean> {
  const codes = regimeOn(regime, onDate).definition.recipientUnitCodes;
  if (codes.length === 0) return false;
  const unit = await reports.unit(db, actor.unitId);
  return codes.includes(unit.code) && (await canView(db, actor, actor.unitId));
}

/**
 * The caller's context with a recipient agency's reach, for the views over many units (boards,
 * compliance): when the caller's agency receives every one of `regimes` on `onDate`, its view
 * reaches from their hierarchy's root as well, and its own unit — the default of those views — is
 * that root. Otherwise the context as it is.
 */
export async function withRecipientReach(
  db: Reader,
  reports: ReportCatalog,
  context: RequestContext,
  regimes: RegimeInfo[],
  onDate: string,
): Promise<RequestContext> {
  const { actor } = context;
  if (actor.isSystemAdmin || regimes.length === 0) return context;
  for (const regime of regimes) if (!(await isRecipient(db, reports, actor, regime, onDate))) return context;
  const root = await hierarchyRoot(db, regimeOn(regimes[0]!, onDate).definition.hierarchy, onDate);
  if (!root) return context;
  return { ...context, actor: { ...actor, unitId: root.id, viewRoots: [root.id, ...actor.viewRoots] } };
}

/** Whether the actor reads the regime's report data of `unitId` on `onDate`: in its view subtree, or as a recipient. */
export async function canViewReport(
  db: Reader,
  reports: ReportCatalog,
  actor: Actor,
  regime: RegimeInfo,
  unitId: number,
  onDate: string,
): Promise<boolean> {
  return (await canView(db, actor, unitId, onDate)) || isRecipient(db, reports, actor, regime, onDate);
}

/** Out-of-scope report data answers 404, as if it did not exist. */
export async function assertCanViewReport(
  db: Reader,
  reports: ReportCatalog,
  actor: Actor,
  regime: RegimeInfo,
  unitId: number,
  onDate: string,
): Promise<void> {
  if (!(await canViewReport(db, reports, actor, regime, unitId, onDate))) throw new DomainError('NOT_FOUND');
}

/** A report change the actor may not make: 403 when it reads the report, 404 when it does not. */
export async function refuseChange(
  db: Reader,
  reports: ReportCatalog,
  actor: Actor,
  regime: RegimeInfo,
  unitId: number,
  onDate: string,
): Promise<never> {
  throw new DomainError((await canViewReport(db, reports, actor, regime, unitId, onDate)) ? 'FORBIDDEN' : 'NOT_FOUND');
}

export interface DirectReviewer {
  id: number;
  kind: string;
  /** The hierarchy's root: the report goes to the top, where the recipients review it too. */
  top: boolean;
}

/** The unit that reviews `unitId`'s report: its nearest consolidating ancestor on `onDate`. */
export async function directReviewerOf(
  db: Reader,
  reports: ReportCatalog,
  regime: RegimeInfo,
  unitId: number,
  onDate: string,
): Promise<DirectReviewer | null> {
  const inForce = regimeOn(regime, onDate);
  const ancestors = await reports.ancestors(db, unitId, inForce.definition.hierarchy, onDate);
  const reviewer = ancestors.find((a) => consolidates(inForce, a.kind));
  return reviewer ? { id: reviewer.id, kind: reviewer.kind, top: reviewer.depth === 0 } : null;
}

/**
 * Whether the actor accepts and returns the reports that `unitId` consolidates (its children's):
 * an approver of that unit, or of a recipient agency when it is the hierarchy's root.
 */
export async function reviewsChildrenOf(
  db: Reader,
  reports: ReportCatalog,
  actor: Actor,
  regime: RegimeInfo,
  unitId: number,
  onDate: string,
): Promise<boolean> {
  if (!actor.permissions.has('data.review')) return false;
  if (actor.isSystemAdmin) return true;
  if (actor.unitId === unitId) return canCapture(db, actor, unitId, onDate);
  const inForce = regimeOn(regime, onDate);
  const above = await reports.ancestors(db, unitId, inForce.definition.hierarchy, onDate);
  return above.length === 0 && isRecipient(db, reports, actor, regime, onDate);
}

/**
 * Whether the actor reviews `unitId`'s report: a system administrator, an approver of its direct
 * consolidator (inside the actor's capture scope), or — for a report to the root — of a recipient.
 */
export async function reviewsReportOf(
  db: Reader,
  reports: ReportCatalog,
  actor: Actor,
  regime: RegimeInfo,
  unitId: number,
  onDate: string,
): Promise<boolean> {
  if (!actor.permissions.has('data.review')) return false;
  if (actor.isSystemAdmin) return true;
  const reviewer = await directReviewerOf(db, reports, regime, unitId, onDate);
  if (!reviewer) return false;
  if (reviewer.id === actor.unitId) return canCapture(db, actor, unitId, onDate);
  return reviewer.top && isRecipient(db, reports, actor, regime, onDate);
}

/**
 * Refuses a review the actor may not make, saying who reviews the report: out of sight 404; in
 * sight but outside the actor's capture scope (and not its as a recipient) 403 FORBIDDEN; else
 * 403 NOT_DIRECT_REVIEWER naming the direct consolidator (and the recipients, at the top).
 */
export async function refuseReview(
  db: Reader,
  reports: ReportCatalog,
  actor: Actor,
  regime: RegimeInfo,
  unitId: number,
  onDate: string,
): Promise<never> {
  const recipient = await isRecipient(db, reports, actor, regime, onDate);
  if (!recipient && !(await canCapture(db, actor, unitId, onDate))) throw new DomainError('FORBIDDEN');
  const reviewer = await directReviewerOf(db, reports, regime, unitId, onDate);
  if (!reviewer) throw new DomainError('NOT_DIRECT_REVIEWER');
  const name = (await reports.unit(db, reviewer.id)).name;
  const codes = regimeOn(regime, onDate).definition.recipientUnitCodes;
  if (reviewer.top && codes.length > 0)
    throw new DomainError('NOT_DIRECT_REVIEWER', {
      message: 'REVIEWED_BY_RECIPIENTS',
      params: { reviewer: name, recipients: (await unitNames(db, codes, onDate)).join(', ') },
      details: { reviewerUnitId: reviewer.id },
    });
  throw new DomainError('NOT_DIRECT_REVIEWER', {
    message: 'REVIEWED_BY_DIRECT_CONSOLIDATOR',
    params: { reviewer: name },
    details: { reviewerUnitId: reviewer.id },
  });
}

/** The names of the units with these codes valid on the date (the code itself when none is). */
async function unitNames(db: Reader, codes: string[], onDate: string): Promise<string[]> {
  const rows = await db
    .selectFrom('units')
    .select(['code', 'name'])
    .where('code', 'in', codes)
    .where(sql<boolean>`daterange(valid_from, valid_to, '[]') @> ${onDate}::date`)
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r.name]));
  return codes.map((code) => byCode.get(code) ?? code);
}

/**
 * The root of a hierarchy on a date: a unit with children there and no parent there (the
 * Government for the administrative tree, the central treasury for the treasury line); the
 * government first when a hierarchy has several. Null when the hierarchy is empty.
 */
export async function hierarchyRoot(db: Reader, hierarchy: string, onDate: string) {
  const row = await db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.name', 'u.kind'])
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM unit_parents p WHERE p.parent_id = u.id AND p.hierarchy = ${hierarchy}
        AND daterange(p.valid_from, p.valid_to, '[]') @> ${onDate}::date)`,
    )
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM unit_parents p WHERE p.unit_id = u.id AND p.hierarchy = ${hierarchy}
        AND daterange(p.valid_from, p.valid_to, '[]') @> ${onDate}::date)`,
    )
    .orderBy(sql`u.kind = 'government'`, 'desc')
    .orderBy('u.id')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}
