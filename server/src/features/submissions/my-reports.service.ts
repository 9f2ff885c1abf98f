import {
  type FormDefinition,
  type Period,
  type PeriodType,
  periodForDate,
  periodLabel,
  previousPeriod,
  type RegimeDefinition,
  windowState,
} from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanView } from '../../http/scope';
import { hierarchyRoot } from '../../reporting/recipients';
import { consolidates, type ReportCatalog, regimeOn } from '../../reporting/report-context';
import { receivedAtRoot } from '../consolidation/consolidation.service';
import { todayInVietnam } from '../units/units.service';
import { findFormsInForce, findReportState, findUnitBrief } from './submissions.queries';

/**
 * "My reports": for a unit (the caller's by default), every form it enters or
 * consolidates in the active regimes, for the current period and the previous
 * one, with the state, the schedule and whether it is late. For a recipient
 * agency of a regime, each form's national consolidation (at the hierarchy's
 * root) with how many of the reports due to it were sent, accepted, returned.
 */
export async function myReports(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  query: { date?: string; unitId?: number },
  now = Date.now(),
) {
  const unitId = query.unitId ?? context.actor.unitId;
  await assertCanView(db, context.actor, unitId);
  const date = query.date ?? todayInVietnam(new Date(now));
  const unit = await findUnitBrief(db, unitId);
  const forms = await findFormsInForce(db, date);
  const items = [];
  for (const row of forms) {
    const regime = regimeOn(await reports.regime(db, row.regimeId), date);
    const definition = row.definition as FormDefinition;
    const role = consolidates(regime, unit.kind)
      ? 'consolidation'
      : definition.entryUnitKinds.includes(unit.kind)
        ? 'entry'
        : null;
    const current = periodForDate((regime.definition as RegimeDefinition).frequency as PeriodType, date);
    const periods: Period[] = [previousPeriod(current), current];
    if (!role) {
      for (const period of periods) {
        const item = await recipientItem(db, reports, row.id, unit.code, period, now);
        if (item) items.push(item);
      }
      continue;
    }
    for (const period of periods) {
      const [schedule, submission] = await Promise.all([
        reports.schedule(db, regime, unit.kind, period),
        findReportState(db, { formId: row.id, unitId: unit.id, periodId: period.id }),
      ]);
      const state = submission?.state ?? 'draft';
      const window = schedule ? windowState(schedule, now) : null;
      const notSent = state === 'draft' || state === 'returned';
      if (period !== current && !notSent && window === 'closed') continue;
      items.push({
        regime: { id: regime.id, code: regime.code, name: regime.definition.name },
        form: { id: row.id, code: row.code, title: definition.title },
        unit,
        role,
        period: { id: period.id, label: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') } },
        schedule: schedule
          ? { opensAt: schedule.opensAt, dueAt: schedule.dueAt, closesAt: schedule.closesAt, state: window ?? 'open' }
          : null,
        state,
        submissionId: submission?.id ?? null,
        late: notSent ? window === 'overdue' || window === 'closed' : (submission?.minutesLate ?? 0) > 0,
        minutesLate: submission?.minutesLate ?? null,
        isDemo: submission?.isDemo ?? false,
      });
    }
  }
  return { unit, date, items };
}

/** A recipient agency's row for a form and period: the root's consolidation and what reached it. */
async function recipientItem(
  db: Db,
  reports: ReportCatalog,
  formId: number,
  unitCode: string,
  period: Period,
  now: number,
) {
  const form = await reports.form(db, formId);
  const { definition } = regimeOn(form.regime, period.start);
  if (!definition.recipientUnitCodes.includes(unitCode)) return null;
  if (period.end < definition.validFrom || (definition.validTo !== null && period.start > definition.validTo))
    return null;
  const root = await hierarchyRoot(db, definition.hierarchy, period.start);
  if (!root) return null;
  const { childKind, ...received } = await receivedAtRoot(db, form, root.id, period);
  const schedule = childKind ? await reports.schedule(db, form.regime, childKind, period) : null;
  const window = schedule ? windowState(schedule, now) : null;
  return {
    regime: { id: form.regime.id, code: form.regime.code, name: definition.name },
    form: { id: form.id, code: form.code, title: form.definition.title },
    unit: root,
    role: 'recipient',
    period: { id: period.id, label: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') } },
    schedule: schedule
      ? { opensAt: schedule.opensAt, dueAt: schedule.dueAt, closesAt: schedule.closesAt, state: window ?? 'open' }
      : null,
    state: received.sent === received.expected ? 'received' : 'receiving',
    submissionId: null,
    late: (window === 'overdue' || window === 'closed') && received.sent < received.expected,
    minutesLate: null,
    // The recipient's row is a count of what reached it, not a report of its own.
    isDemo: false,
    received,
  };
}
