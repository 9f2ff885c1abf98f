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
import { consolidates, type ReportCatalog } from '../../reporting/report-context';
import { todayInVietnam } from '../units/units.service';
import { findFormsInForce, findReportState, findUnitBrief } from './submissions.queries';

/**
 * "My reports": for a unit (the caller's by default), every form it enters or
 * consolidates in the active regimes, for the current period and the previous
 * one, with the state, the schedule and whether it is late.
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
    const regime = await reports.regime(db, row.regimeId);
    const definition = row.definition as FormDefinition;
    const role = consolidates(regime, unit.kind)
      ? 'consolidation'
      : definition.entryUnitKinds.includes(unit.kind)
        ? 'entry'
        : null;
    if (!role) continue;
    const current = periodForDate((regime.definition as RegimeDefinition).frequency as PeriodType, date);
    const periods: Period[] = [previousPeriod(current), current];
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
