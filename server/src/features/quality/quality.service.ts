/**
 * The data-quality view (chất lượng số liệu) of a regime's period under a root in
 * the caller's view: the outliers the officers confirmed on submit (kept on the
 * revisions), the form rules the current revisions break (warnings: errors never
 * pass a submit), the cross-source checks that fail on the consolidated figures,
 * and timeliness and completeness from the compliance board.
 */
import {
  type CellValues,
  crossFormsOf,
  DomainError,
  evaluateCrossChecks,
  periodLabel,
  QUALITY_LIST_LIMIT,
  type QualityQuery,
  type QualityView,
  validateValues,
} from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanView } from '../../http/scope';
import { canManageRegimes } from '../../reporting/catalogue';
import { consolidates, formInForce, periodOf, type ReportCatalog } from '../../reporting/report-context';
import { complianceBoard } from '../compliance/compliance.service';
import { findConsolidations, findCurrentRevisions, findUnitBrief, type Slice } from './quality.queries';

function linkOf(unitId: number, formId: number, period: string, page: 'report' | 'consolidation') {
  const query = `unitId=${unitId}&formId=${formId}&period=${encodeURIComponent(period)}`;
  return {
    unitId,
    formId,
    period,
    page,
    href: page === 'report' ? `/reports/entry?${query}` : `/consolidation?${query}`,
  };
}

export async function qualityView(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  query: QualityQuery,
  now: number,
): Promise<QualityView> {
  const regime = await reports.regime(db, query.regimeId);
  if (regime.status === 'draft' && !canManageRegimes(context))
    throw new DomainError('NOT_FOUND', { field: 'regimeId' });
  const period = periodOf(regime, query.periodId);
  const rootId = query.unitId ?? context.actor.viewRoots[0] ?? context.actor.unitId;
  await assertCanView(db, context.actor, rootId, period.start);
  const root = await findUnitBrief(db, rootId);
  if (!root) throw new DomainError('NOT_FOUND', { field: 'unitId' });
  const slice: Slice = { regimeId: regime.id, periodId: period.id, rootId, onDate: period.start };
  const [board, revisions, consolidations] = await Promise.all([
    complianceBoard(db, reports, context, { regimeId: regime.id, periodId: period.id, unitId: rootId }, now),
    findCurrentRevisions(db, slice),
    findConsolidations(db, slice),
  ]);

  const outliers: QualityView['outliers'] = [];
  const ruleViolations: QualityView['ruleViolations'] = [];
  for (const row of revisions) {
    const page = consolidates(regime, row.unitKind) ? 'consolidation' : 'report';
    const base = {
      unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
      form: { id: row.formId, code: row.formCode },
      submissionId: Number(row.submissionId),
      revisionId: Number(row.revisionId),
      link: linkOf(row.unitId, row.formId, period.id, page),
    };
    for (const flag of row.qualityFlags)
      outliers.push({ ...base, state: row.state, submittedAt: row.submittedAt.toISOString(), flag });
    if (row.isNil) continue;
    const definition = await reports.versionDefinition(db, row.formVersionId);
    for (const issue of validateValues(definition, row.values, {}))
      if (issue.code === 'rule')
        ruleViolations.push({
          ...base,
          rule: issue.target.replace(/^rule:/, ''),
          severity: issue.severity,
          message: issue.message,
        });
  }

  // Cross-source checks where both sources meet: each consolidating unit's figures of the forms.
  const discrepancies: QualityView['discrepancies'] = [];
  const byUnit = new Map<number, typeof consolidations>();
  for (const row of consolidations) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
  for (const rows of byUnit.values()) {
    const others = new Map(rows.map((r) => [r.formCode, (r.values ?? {}) as CellValues]));
    for (const row of rows) {
      const form = formInForce(await reports.form(db, row.formId), period);
      if (!form.definition.rules.some((rule) => crossFormsOf(rule).length > 0)) continue;
      for (const check of evaluateCrossChecks(form.definition, row.values ?? {}, others))
        if (check.status === 'fail')
          discrepancies.push({
            unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
            form: { id: row.formId, code: row.formCode },
            rule: check.code,
            severity: check.severity,
            message: check.message,
            forms: check.forms,
            left: check.left,
            right: check.right,
            difference: check.difference,
            tolerance: check.tolerance,
            link: linkOf(row.unitId, row.formId, period.id, 'consolidation'),
          });
    }
  }

  const { counts, expected, reported } = board.totals;
  return {
    regime: { id: regime.id, code: regime.code, name: regime.definition.name },
    period: {
      id: period.id,
      start: period.start,
      end: period.end,
      label: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') },
    },
    root,
    timeliness: {
      expected,
      reported,
      onTime: counts.on_time,
      late: counts.late,
      missing: counts.missing + counts.overdue,
      completeness: expected === 0 ? null : reported / expected,
      onTimeShare: reported === 0 ? null : counts.on_time / reported,
    },
    reportsChecked: revisions.length,
    totals: { outliers: outliers.length, ruleViolations: ruleViolations.length, discrepancies: discrepancies.length },
    outliers: outliers.slice(0, QUALITY_LIST_LIMIT),
    ruleViolations: ruleViolations.slice(0, QUALITY_LIST_LIMIT),
    discrepancies: discrepancies.slice(0, QUALITY_LIST_LIMIT),
  };
}
