/**
 * Compliance (tình hình thực hiện chế độ báo cáo): who owes what, who sent it on
 * time, late, not at all. The service resolves what only the domain knows — the
 * periods, the regime version and deadlines of each, which unit kinds owe which
 * form — and hands it to one SQL statement (compliance.queries.ts), which walks
 * the hierarchy valid on each period's first day inside the caller's view.
 */
import {
  type ComplianceBoardQuery,
  type ComplianceDefault,
  type ComplianceStatsQuery,
  complianceStatuses,
  DomainError,
  type ExemptionBody,
  MAX_STATS_PERIODS,
  nextPeriod,
  type Period,
  periodLabel,
  reportedStatuses,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import { assertCanCapture, assertCanView } from '../../http/scope';
import { canManageRegimes, iso } from '../../reporting/catalogue';
import { withRecipientReach } from '../../reporting/recipients';
import { periodOf, type RegimeInfo, type ReportCatalog, regimeOn } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import {
  type Deadline,
  type Duty,
  deleteExemption,
  findExemption,
  findExemptions,
  findMostReportedRegime,
  findRegimeForms,
  findUnitBrief,
  insertExemption,
  type Judging,
  judgeBoard,
  judgeRange,
  type StatusCounts,
} from './compliance.queries';

type Reader = Db | Tx;

async function regimeFor(db: Reader, reports: ReportCatalog, context: RequestContext, regimeId: number) {
  const regime = await reports.regime(db, regimeId);
  if (regime.status === 'draft' && !canManageRegimes(context))
    throw new DomainError('NOT_FOUND', { field: 'regimeId' });
  return regime;
}

/**
 * Which unit kinds owe which forms: a form's entry kinds, and the consolidating kinds that a
 * schedule of the regime names (they send their consolidation up); the hierarchy's root,
 * which consolidates without a schedule, owes nothing.
 */
async function dutiesOf(db: Reader, regime: RegimeInfo, formId: number | undefined) {
  const forms = await findRegimeForms(db, regime.id);
  const chosen = formId === undefined ? forms : forms.filter((f) => f.id === formId);
  if (chosen.length === 0 && formId !== undefined) throw new DomainError('NOT_FOUND', { field: 'formId' });
  const scheduled = new Set(
    regime.versions.flatMap((v) =>
      v.definition.schedules.flatMap((s) => (s.role === 'consolidation' ? s.unitKinds : [])),
    ),
  );
  const consolidating = regime.definition.consolidatingUnitKinds.filter((kind) => scheduled.has(kind));
  const duties: Duty[] = [];
  for (const form of chosen)
    for (const kind of new Set([...form.entryUnitKinds, ...consolidating])) duties.push({ formId: form.id, kind });
  return { duties, form: formId === undefined ? null : (chosen[0] ?? null) };
}

/** Each period's due and closing instants per owing kind, by the regime version in force at its start. */
async function deadlinesOf(db: Reader, reports: ReportCatalog, regime: RegimeInfo, periods: Period[], duties: Duty[]) {
  const kinds = [...new Set(duties.map((d) => d.kind))];
  const deadlines: Deadline[] = [];
  for (const period of periods)
    for (const kind of kinds) {
      const schedule = await reports.schedule(db, regime, kind, period);
      if (schedule) deadlines.push({ periodId: period.id, kind, dueAt: schedule.dueAt, closesAt: schedule.closesAt });
    }
  return deadlines;
}

/** The root of the caller's view: its (first) view root, else its own unit. */
function defaultRoot(actor: Actor): number {
  return actor.viewRoots[0] ?? actor.unitId;
}

const label = (period: Period) => ({ vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') });
const regimeBrief = (regime: RegimeInfo) => ({ id: regime.id, code: regime.code, name: regime.definition.name });

function emptyCounts(): StatusCounts {
  return Object.fromEntries(complianceStatuses.map((s) => [s, 0])) as StatusCounts;
}

const reported = (counts: StatusCounts) => reportedStatuses.reduce((sum, s) => sum + counts[s], 0);

/** The board of one period: every expected unit under the root (in the caller's view) with its status. */
export async function complianceBoard(
  db: Db,
  reports: ReportCatalog,
  caller: RequestContext,
  query: ComplianceBoardQuery,
  now: number,
) {
  const regime = await regimeFor(db, reports, caller, query.regimeId);
  const period = periodOf(regime, query.periodId);
  const context = await withRecipientReach(db, reports, caller, [regime], period.start);
  const rootId = query.unitId ?? defaultRoot(context.actor);
  await assertCanView(db, context.actor, rootId, period.start);
  const [root, { duties, form }] = await Promise.all([findUnitBrief(db, rootId), dutiesOf(db, regime, query.formId)]);
  if (!root) throw new DomainError('NOT_FOUND', { field: 'unitId' });
  const judging: Judging = {
    regimeId: regime.id,
    hierarchy: regimeOn(regime, period.start).definition.hierarchy,
    rootId,
    periods: [{ periodId: period.id, onDate: period.start }],
    duties,
    deadlines: await deadlinesOf(db, reports, regime, [period], duties),
    level: query.level ?? null,
    now,
    viewRoots: context.actor.isSystemAdmin ? null : context.actor.viewRoots,
  };
  const all = duties.length === 0 ? [] : await judgeBoard(db, judging);
  const counts = emptyCounts();
  for (const row of all) counts[row.status] += 1;
  const rows = query.status === undefined ? all : all.filter((row) => row.status === query.status);
  return {
    regime: regimeBrief(regime),
    form: form ? { id: form.id, code: form.code } : null,
    period: { id: period.id, start: period.start, end: period.end, label: label(period) },
    root,
    totals: { expected: all.length, reported: reported(counts), counts },
    rows: rows.map((row) => ({
      unit: { id: row.unitId, code: row.code, name: row.name, kind: row.kind, level: row.level },
      parent: row.parentId !== null && row.parentName !== null ? { id: row.parentId, name: row.parentName } : null,
      status: row.status,
      forms: row.forms,
      sent: row.sent,
      submittedAt: iso(row.submittedAt),
      dueAt: iso(row.dueAt),
      minutesLate: row.minutesLate,
      exemptionId: row.exemptionId,
      exemptionReason: row.exemptionReason,
    })),
    asOf: now,
  };
}

/** The periods `from`–`to` of the regime, refusing a reversed or too long range. */
function periodRange(regime: RegimeInfo, fromId: string, toId: string): Period[] {
  const from = periodOf(regime, fromId);
  const to = periodOf(regime, toId);
  if (from.start > to.start)
    throw new DomainError('VALIDATION_FAILED', {
      field: 'from',
      message: 'COMPLIANCE_RANGE_REVERSED',
      params: { from: from.id, to: to.id },
    });
  const periods: Period[] = [];
  for (let p = from; p.start <= to.start; p = nextPeriod(p)) {
    if (periods.length === MAX_STATS_PERIODS)
      throw new DomainError('VALIDATION_FAILED', {
        field: 'to',
        message: 'COMPLIANCE_RANGE_TOO_LONG',
        params: { max: MAX_STATS_PERIODS },
      });
    periods.push(p);
  }
  return periods;
}

/** Periods a unit had to answer for: not exempt, and due (or already sent). */
const owed = (counts: StatusCounts) =>
  complianceStatuses
    .filter((s) => s !== 'exempt' && s !== 'not_due' && s !== 'draft')
    .reduce((sum, s) => sum + counts[s], 0);

/**
 * Statistics over a range of periods: per unit (with a ranking), per level (all / some /
 * none of the periods reported), and per period (the trend).
 */
export async function complianceStats(
  db: Db,
  reports: ReportCatalog,
  caller: RequestContext,
  query: ComplianceStatsQuery,
  now: number,
) {
  const regime = await regimeFor(db, reports, caller, query.regimeId);
  const periods = periodRange(regime, query.from, query.to);
  const context = await withRecipientReach(db, reports, caller, [regime], periods.at(-1)!.start);
  const rootId = query.unitId ?? defaultRoot(context.actor);
  await assertCanView(db, context.actor, rootId);
  const { duties } = await dutiesOf(db, regime, query.formId);
  const judging: Judging = {
    regimeId: regime.id,
    hierarchy: regime.definition.hierarchy,
    rootId,
    periods: periods.map((p) => ({ periodId: p.id, onDate: p.start })),
    duties,
    deadlines: await deadlinesOf(db, reports, regime, periods, duties),
    level: query.level ?? null,
    now,
    viewRoots: context.actor.isSystemAdmin ? null : context.actor.viewRoots,
  };
  const judged = duties.length === 0 ? { units: [], periods: [] } : await judgeRange(db, judging);

  const units = judged.units.map((row) => {
    const counts = Object.fromEntries(complianceStatuses.map((s) => [s, row[s]])) as StatusCounts;
    const expected = owed(counts);
    return {
      unit: { id: row.unitId, code: row.code, name: row.name, kind: row.kind, level: row.level },
      expected,
      reported: reported(counts),
      counts,
      minutesLate: row.minutesLate,
      onTimeShare: expected === 0 ? 1 : (counts.on_time + counts.nothing_to_report) / expected,
    };
  });
  units.sort(
    (a, b) =>
      b.onTimeShare - a.onTimeShare ||
      a.counts.missing - b.counts.missing ||
      a.minutesLate - b.minutesLate ||
      a.unit.code.localeCompare(b.unit.code),
  );
  let rank = 0;
  const ranked = units.map((u, i) => {
    const previous = units[i - 1];
    const tie =
      previous !== undefined &&
      previous.onTimeShare === u.onTimeShare &&
      previous.counts.missing === u.counts.missing &&
      previous.minutesLate === u.minutesLate;
    if (!tie) rank = i + 1;
    const { onTimeShare: _share, ...rest } = u;
    return { rank, ...rest };
  });

  const levels = new Map<string, { level: string; units: number; all: number; some: number; none: number }>();
  for (const u of ranked) {
    if (u.expected === 0) continue;
    const entry = levels.get(u.unit.level) ?? { level: u.unit.level, units: 0, all: 0, some: 0, none: 0 };
    entry.units += 1;
    if (u.reported >= u.expected) entry.all += 1;
    else if (u.reported === 0) entry.none += 1;
    else entry.some += 1;
    levels.set(u.unit.level, entry);
  }
  const levelOrder = ['central', 'province', 'district', 'commune'];
  const byPeriod = new Map(judged.periods.map((row) => [row.periodId, row]));
  return {
    regime: regimeBrief(regime),
    periods: periods.map((p) => ({ id: p.id, label: label(p) })),
    trend: periods.map((p) => {
      const row = byPeriod.get(p.id);
      const counts = row
        ? (Object.fromEntries(complianceStatuses.map((s) => [s, row[s]])) as StatusCounts)
        : emptyCounts();
      const total = complianceStatuses.reduce((sum, s) => sum + counts[s], 0);
      return { periodId: p.id, expected: total - counts.exempt, counts };
    }),
    levels: [...levels.values()].sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level)),
    units: ranked,
    asOf: now,
  };
}

/** Exempts a unit from a regime over a range of periods (a reviewer of the unit: data.review in its capture scope). */
export async function addExemption(tx: Tx, reports: ReportCatalog, context: RequestContext, body: ExemptionBody) {
  const regime = await regimeFor(tx, reports, context, body.regimeId);
  const from = periodOf(regime, body.periodFrom);
  const to = body.periodTo ? periodOf(regime, body.periodTo) : null;
  if (to && to.start < from.start)
    throw new DomainError('VALIDATION_FAILED', {
      field: 'periodTo',
      message: 'EXEMPTION_RANGE_REVERSED',
      params: { from: from.id, to: to.id },
    });
  await assertCanCapture(tx, context.actor, body.unitId, from.start);
  const row = await insertExemption(tx, {
    unitId: body.unitId,
    regimeId: regime.id,
    periodFrom: from.id,
    periodTo: to?.id ?? null,
    startsOn: from.start,
    endsOn: to?.end ?? null,
    reason: body.reason,
    createdBy: context.actor.userId,
  });
  await recordAudit(tx, context, [
    {
      action: 'compliance_exemption.create',
      objectType: 'compliance_exemption',
      objectId: row.id,
      unitId: body.unitId,
      after: { regimeId: regime.id, periodFrom: from.id, periodTo: to?.id ?? null, reason: body.reason },
    },
  ]);
  return { id: row.id };
}

/** Exemptions of a regime for units inside the caller's view. */
export async function listExemptions(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  query: { regimeId: number; unitId?: number | undefined },
) {
  await regimeFor(db, reports, context, query.regimeId);
  const rows = await findExemptions(db, {
    ...query,
    viewRoots: context.actor.isSystemAdmin ? null : context.actor.viewRoots,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      regimeId: row.regimeId,
      unit: { id: row.unitId, code: row.code, name: row.name },
      periodFrom: row.periodFrom,
      periodTo: row.periodTo,
      reason: row.reason,
      createdByName: row.createdByName,
      createdAt: iso(row.createdAt) ?? '',
    })),
  };
}

/** Withdraws an exemption (a reviewer of the unit). */
export async function removeExemption(tx: Tx, context: RequestContext, id: number) {
  const row = await findExemption(tx, id);
  if (!row) throw new DomainError('NOT_FOUND');
  await assertCanCapture(tx, context.actor, row.unitId);
  await deleteExemption(tx, id);
  await recordAudit(tx, context, [
    {
      action: 'compliance_exemption.delete',
      objectType: 'compliance_exemption',
      objectId: id,
      unitId: row.unitId,
      before: {
        regimeId: row.regimeId,
        periodFrom: row.periodFrom,
        periodTo: row.periodTo,
        reason: row.reason,
      },
    },
  ]);
  return { ok: true };
}

/**
 * What the compliance page opens on: the regime in force that the root of the caller's view has sent
 * the most reports of (its main regime), at the latest period it sent — so that a board opens on
 * figures, not on a period nobody has reached yet. Nulls when the root has sent nothing: the page then
 * takes the first regime in force and the period before today's.
 */
export async function complianceDefault(db: Db, context: RequestContext): Promise<ComplianceDefault> {
  const found = await findMostReportedRegime(db, defaultRoot(context.actor));
  return { regimeId: found?.regimeId ?? null, periodId: found?.periodId ?? null };
}
