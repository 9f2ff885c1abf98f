import {
  type CellValue,
  type CellValues,
  compileForm,
  crossFormsOf,
  DomainError,
  evaluateCrossChecks,
  type Period,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { canCapture } from '../../http/scope';
import { enqueueConsolidation } from '../../reporting/channels';
import { assertCanViewReport, isRecipient, refuseChange, reviewsChildrenOf } from '../../reporting/recipients';
import {
  childrenOf,
  consolidates,
  type FormInfo,
  formInForce,
  periodOf,
  type ReportCatalog,
} from '../../reporting/report-context';
import type { ReportKey } from '../../reporting/report-key';
import { recordAudit } from '../audit/audit.service';
import {
  findAdjustments,
  findChildSubmissions,
  findConsolidation,
  findConsolidations,
  findDrafts,
  findFormConsolidations,
  findOwnSubmission,
  insertAdjustment,
} from './consolidation.queries';
import { type Contributor, computeConsolidation } from './consolidation-engine';

async function resolveConsolidating(db: Db | Tx, reports: ReportCatalog, key: ReportKey) {
  const [newest, unit] = await Promise.all([reports.form(db, key.formId), reports.unit(db, key.unitId)]);
  const period = periodOf(newest.regime, key.periodId);
  const form = formInForce(newest, period);
  if (!consolidates(form.regime, unit.kind))
    throw new DomainError('VALIDATION_FAILED', {
      field: 'unitId',
      message: 'UNIT_DOES_NOT_CONSOLIDATE',
    });
  return { form, unit, period };
}

/** The children that report this form to the unit: entry units of the form, and consolidating units. */
async function contributingChildren(db: Db | Tx, form: FormInfo, unitId: number, period: Period) {
  const children = await childrenOf(db, unitId, form.regime.definition.hierarchy, period.start);
  return children.filter((c) => consolidates(form.regime, c.kind) || form.definition.entryUnitKinds.includes(c.kind));
}

type ChildStatus = 'on_time' | 'late' | 'missing' | 'returned' | 'nil' | 'draft';

/**
 * A consolidating unit's view of a form and period: live consolidated figures,
 * own entries and adjustments apart, and its children with their status and
 * counts ("412/696 đã gửi"), plus whether what it sent has changed since.
 */
export async function getConsolidation(db: Db, reports: ReportCatalog, context: RequestContext, key: ReportKey) {
  await assertCanViewReport(
    db,
    reports,
    context.actor,
    (await reports.form(db, key.formId)).regime,
    key.unitId,
    await reports.reportDate(db, key),
  );
  const { form, unit, period } = await resolveConsolidating(db, reports, key);
  const slice = { formId: form.id, periodId: period.id };
  const [live, children, own, adjustments, schedule] = await Promise.all([
    findConsolidation(db, slice, unit.id),
    contributingChildren(db, form, unit.id, period),
    findOwnSubmission(db, slice, unit.id),
    findAdjustments(db, slice, unit.id),
    reports.schedule(db, form.regime, unit.kind, period),
  ]);
  const computed = live ? null : await computeConsolidation(db, form, unit.id, period);
  const values = (live?.values ?? computed?.values ?? {}) as CellValues;
  const contributors = (live?.contributors ?? computed?.contributors ?? []) as Contributor[];
  const submissions = await findChildSubmissions(
    db,
    slice,
    children.map((c) => c.id),
  );
  const byUnit = new Map(submissions.map((s) => [s.unitId, s]));
  const counts: Record<ChildStatus, number> = { on_time: 0, late: 0, missing: 0, returned: 0, nil: 0, draft: 0 };
  const childRows = children.map((child) => {
    const s = byUnit.get(child.id);
    let status: ChildStatus = 'missing';
    if (s?.revisionId)
      status = s.state === 'returned' ? 'returned' : s.isNil ? 'nil' : (s.minutesLate ?? 0) > 0 ? 'late' : 'on_time';
    else if (s) status = 'draft';
    counts[status] += 1;
    return {
      unit: child,
      role: consolidates(form.regime, child.kind) ? ('consolidation' as const) : ('entry' as const),
      status,
      submissionId: s?.id ?? null,
      state: s?.state ?? null,
      revisionId: s?.revisionId ?? null,
      revisionCount: s?.revisionCount ?? 0,
      submittedAt: s?.submittedAt ?? null,
      submittedByName: s?.submittedByName ?? null,
      channel: s?.channel ?? null,
      minutesLate: s?.minutesLate ?? null,
      reviewReason: s?.reviewReason ?? null,
    };
  });
  const submitted = counts.on_time + counts.late + counts.nil;
  const mayCapture = await canCapture(db, context.actor, unit.id, period.start);
  let sent: null | {
    revisionId: number;
    sentAt: string | null;
    minutesLate: number | null;
    changedSinceSent: boolean;
    differences: { cellKey: string; sent: CellValue; now: CellValue }[];
    reviewReason: string | null;
    reviewedByName: string | null;
  } = null;
  if (own?.revisionId) {
    const sentValues = (own.sentValues ?? {}) as CellValues;
    const keys = new Set([...Object.keys(sentValues), ...Object.keys(values)]);
    const differences = [...keys]
      .filter((k) => (sentValues[k] ?? null) !== (values[k] ?? null))
      .sort()
      .map((cellKey) => ({ cellKey, sent: sentValues[cellKey] ?? null, now: values[cellKey] ?? null }));
    sent = {
      revisionId: own.revisionId,
      sentAt: own.sentAt,
      minutesLate: own.minutesLate,
      changedSinceSent: differences.length > 0,
      differences,
      reviewReason: own.reviewReason,
      reviewedByName: own.reviewedByName,
    };
  }
  return {
    unit,
    regime: { id: form.regime.id, code: form.regime.code, name: form.regime.definition.name },
    form: { id: form.id, code: form.code, versionId: form.versionId, definition: form.definition },
    period: { id: period.id, start: period.start, end: period.end },
    schedule: schedule ? { opensAt: schedule.opensAt, dueAt: schedule.dueAt, closesAt: schedule.closesAt } : null,
    values,
    own: {
      submissionId: own?.id ?? null,
      state: own?.state ?? 'draft',
      values: (own?.draft ?? {}) as CellValues,
      draftVersion: own?.draftVersion ?? 0,
    },
    adjustments,
    refreshedAt: live?.refreshedAt ? new Date(live.refreshedAt).toISOString() : null,
    contributorCount: contributors.length,
    children: childRows,
    counts: {
      ...counts,
      submitted,
      expected: children.length,
      accepted: childRows.filter((c) => c.state === 'accepted').length,
    },
    sent,
    canSend: mayCapture && context.actor.permissions.has('data.submit'),
    canReview: await reviewsChildrenOf(db, reports, context.actor, form.regime, unit.id, period.start),
    asRecipient: !mayCapture && (await isRecipient(db, reports, context.actor, form.regime, period.start)),
    crossChecks: await crossChecksOf(db, form, unit.id, period.id, values),
    isDemo: submissions.some((s) => s.isDemo),
  };
}

/**
 * What reached the hierarchy's root for a form and period, as a recipient agency's list shows it:
 * how many reports are expected from the root's children, how many are sent (not returned),
 * accepted, and returned.
 */
export async function receivedAtRoot(db: Db, form: FormInfo, rootId: number, period: Period) {
  const children = await contributingChildren(db, form, rootId, period);
  const submissions = await findChildSubmissions(
    db,
    { formId: form.id, periodId: period.id },
    children.map((c) => c.id),
  );
  const sent = submissions.filter((s) => s.revisionId && s.state !== 'draft');
  return {
    expected: children.length,
    sent: sent.filter((s) => s.state !== 'returned').length,
    accepted: sent.filter((s) => s.state === 'accepted').length,
    returned: sent.filter((s) => s.state === 'returned').length,
    /** The kind of the units reporting to the root (whose schedule says when their reports are due). */
    childKind: children[0]?.kind ?? null,
  };
}

/**
 * The form's cross-source rules, evaluated on this unit's consolidated figures of
 * this form and of the other forms the rules read (as the worker last refreshed them).
 */
async function crossChecksOf(db: Db, form: FormInfo, unitId: number, periodId: string, values: CellValues) {
  const forms = [...new Set(form.definition.rules.flatMap(crossFormsOf))];
  if (forms.length === 0) return [];
  const rows = await findFormConsolidations(db, form.regime.id, forms, unitId, periodId);
  const others = new Map(rows.map((row) => [row.code, (row.values ?? {}) as CellValues]));
  return evaluateCrossChecks(form.definition, values, others);
}

/**
 * Where a consolidated cell comes from: each child's value with the revision,
 * officer, time and channel behind it; consolidating children can be drilled
 * into in turn, down to the entry units. Own entries and adjustments are listed apart.
 */
export async function drilldown(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  cellKey: string,
) {
  await assertCanViewReport(
    db,
    reports,
    context.actor,
    (await reports.form(db, key.formId)).regime,
    key.unitId,
    await reports.reportDate(db, key),
  );
  const { form, unit, period } = await resolveConsolidating(db, reports, key);
  const children = await contributingChildren(db, form, unit.id, period);
  const consolidating = children.filter((c) => consolidates(form.regime, c.kind));
  const slice = { formId: form.id, periodId: period.id };
  const [submissions, consolidations, [own], adjustments] = await Promise.all([
    findChildSubmissions(
      db,
      slice,
      children.filter((c) => !consolidates(form.regime, c.kind)).map((c) => c.id),
    ),
    findConsolidations(
      db,
      slice,
      consolidating.map((c) => c.id),
    ),
    findDrafts(db, slice, [unit.id]),
    findAdjustments(db, slice, unit.id, cellKey),
  ]);
  const subs = new Map(submissions.map((s) => [s.unitId, s]));
  const cons = new Map(consolidations.map((c) => [c.unitId, c]));
  const counts = form.regime.definition.consolidationCounts;
  const contributions = children.map((child) => {
    const s = subs.get(child.id);
    const c = cons.get(child.id);
    if (consolidates(form.regime, child.kind))
      return {
        unit: child,
        source: 'consolidation' as const,
        value: c ? ((c.values as CellValues)[cellKey] ?? null) : null,
        drillable: true,
        revisionId: null,
        submittedByName: null,
        submittedAt: null,
        channel: null,
        minutesLate: null,
        // Its live figures count once something reached it (a report below, its own entries).
        counted: (c?.contributorCount ?? 0) > 0,
      };
    const counted =
      !!s?.revisionId && (counts === 'accepted' ? s.reviewState === 'accepted' : s.reviewState !== 'returned');
    return {
      unit: child,
      source: 'revision' as const,
      value: s?.values ? ((s.values as CellValues)[cellKey] ?? null) : null,
      drillable: false,
      revisionId: s?.revisionId ?? null,
      submittedByName: s?.submittedByName ?? null,
      submittedAt: s?.submittedAt ?? null,
      channel: s?.channel ?? null,
      minutesLate: s?.minutesLate ?? null,
      counted,
    };
  });
  return {
    unit,
    cellKey,
    contributions,
    own: ((own?.draft ?? {}) as CellValues)[cellKey] ?? null,
    adjustments,
  };
}

/** Records an explicit, justified adjustment of a consolidated cell (shown apart, audited). */
export async function addAdjustment(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  input: { cellKey: string; delta: number; reason: string },
) {
  const onDate = await reports.reportDate(tx, key);
  if (!(await canCapture(tx, context.actor, key.unitId, onDate)))
    await refuseChange(tx, reports, context.actor, (await reports.form(tx, key.formId)).regime, key.unitId, onDate);
  const { form, unit, period } = await resolveConsolidating(tx, reports, key);
  // Only entered cells can be adjusted; computed ones follow from them.
  const known = new Set(compileForm(form.definition).inputCells.map((c) => c.key));
  if (!known.has(input.cellKey)) throw new DomainError('VALIDATION_FAILED', { field: 'cellKey' });
  const row = await insertAdjustment(tx, {
    unitId: unit.id,
    formId: form.id,
    periodId: period.id,
    cellKey: input.cellKey,
    delta: input.delta,
    reason: input.reason,
    createdBy: context.actor.userId,
  });
  const ancestors = await reports.ancestors(tx, unit.id, form.regime.definition.hierarchy, period.start);
  await enqueueConsolidation(
    tx,
    [
      { unitId: unit.id, depth: ancestors.length },
      ...ancestors.filter((a) => consolidates(form.regime, a.kind)).map((a) => ({ unitId: a.id, depth: a.depth })),
    ],
    form.id,
    period.id,
  );
  await recordAudit(tx, context, [
    {
      action: 'consolidation.adjust',
      objectType: 'adjustment',
      objectId: row.id,
      unitId: unit.id,
      after: { ...input, formId: form.id, periodId: period.id },
    },
  ]);
  return { id: row.id };
}
