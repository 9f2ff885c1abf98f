import {
  availableActions,
  type CellValues,
  compileForm,
  DomainError,
  findOutliers,
  type Language,
  minutesLate,
  outlierIssue,
  type Period,
  periodLabel,
  type ScheduleInstants,
  type SubmissionState,
  stateLabels,
  storedFlag,
  transition,
  unconfirmedOutliers,
  type ValueIssue,
  validateValues,
  windowState,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { hashRequest, idempotencyConflict } from '../../http/idempotency';
import { canCapture } from '../../http/scope';
import { announceLive, enqueueConsolidation } from '../../reporting/channels';
import { recordEvents } from '../../reporting/events';
import { latestUnlockRequest, periodLockOf } from '../../reporting/period-lock';
import { outlierBaselines } from '../../reporting/quality-history';
import {
  assertCanViewReport,
  directReviewerOf,
  refuseChange,
  refuseReview,
  reviewsReportOf,
} from '../../reporting/recipients';
import {
  consolidates,
  type FormInfo,
  formInForce,
  periodOf,
  type ReportCatalog,
  regimeOn,
  type UnitInfo,
  withDepths,
} from '../../reporting/report-context';
import type { Channel, ReportKey } from '../../reporting/report-key';
import { auditEntryOf, recordAudit } from '../audit/audit.service';
import { computeConsolidation } from '../consolidation/consolidation-engine';
import { noticeSubmissionReviewed } from '../notices/notices.service';
import {
  findDisplayName,
  findRevisionView,
  findSubmission,
  findSubmissionById,
  lockOrCreateSubmission,
  lockReport,
  lockSubmissionById,
  readForSubmit,
  reviewSubmission,
  updateDraftRow,
  writeSubmission,
} from './submissions.queries';

interface Resolved {
  form: FormInfo;
  unit: UnitInfo;
  period: Period;
  role: 'entry' | 'consolidation';
}

/** Resolves the report's form, unit, period and the unit's role, refusing units the form does not apply to. */
async function resolve(db: Db | Tx, reports: ReportCatalog, key: ReportKey): Promise<Resolved> {
  const [form, unit] = await Promise.all([reports.form(db, key.formId), reports.unit(db, key.unitId)]);
  const period = periodOf(form.regime, key.periodId);
  return resolveWith(formInForce(form, period), unit, period);
}

function resolveWith(form: FormInfo, unit: UnitInfo, period: Period): Resolved {
  const role = consolidates(form.regime, unit.kind) ? 'consolidation' : 'entry';
  if (role === 'entry' && !form.definition.entryUnitKinds.includes(unit.kind))
    throw new DomainError('VALIDATION_FAILED', {
      field: 'unitId',
      message: 'UNIT_DOES_NOT_REPORT_FORM',
    });
  return { form, unit, period, role };
}

async function revisionView(db: Db | Tx, revisionId: number | null) {
  if (!revisionId) return null;
  return findRevisionView(db, revisionId);
}

/** One report (unit × form × period) as its officers and reviewers see it. */
export async function getReport(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  now = Date.now(),
) {
  const onDate = await reports.reportDate(db, key);
  const regime = (await reports.form(db, key.formId)).regime;
  await assertCanViewReport(db, reports, context.actor, regime, key.unitId, onDate);
  const { form, unit, period, role } = await resolve(db, reports, key);
  const [submission, schedule, mayCapture, reviewer, directReviewer] = await Promise.all([
    findSubmission(db, key),
    reports.schedule(db, form.regime, unit.kind, period),
    canCapture(db, context.actor, unit.id, period.start),
    reviewsReportOf(db, reports, context.actor, form.regime, unit.id, period.start),
    directReviewerOf(db, reports, form.regime, unit.id, period.start),
  ]);
  const state: SubmissionState = submission?.state ?? 'draft';
  const ownerActions =
    mayCapture && context.actor.permissions.has('data.enter') ? availableActions(state, 'owner') : [];
  const actions = [
    ...ownerActions.filter((a) => a !== 'submit' || context.actor.permissions.has('data.submit')),
    ...(reviewer && submission?.currentRevisionId ? availableActions(state, 'reviewer') : []),
  ];
  const [lock, unlockRequest] = await Promise.all([
    periodLockOf(db, form.regime.id, period.id),
    latestUnlockRequest(db, form.regime.id, period.id, unit.id),
  ]);
  const locked = lock !== null;
  const outlierBaselinesOfUnit =
    role === 'entry' && ownerActions.length > 0 ? await outlierBaselines(db, form, unit.id, period.id) : {};
  return {
    unit,
    regime: { id: form.regime.id, code: form.regime.code, name: form.regime.definition.name },
    form: { id: form.id, code: form.code, versionId: form.versionId, definition: form.definition },
    period: {
      id: period.id,
      start: period.start,
      end: period.end,
      label: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') },
    },
    role,
    schedule: schedule
      ? {
          opensAt: schedule.opensAt,
          dueAt: schedule.dueAt,
          closesAt: schedule.closesAt,
          state: windowState(schedule, now),
        }
      : null,
    allowLateSubmission: form.regime.definition.allowLateSubmission,
    locked,
    lock: lock && { ...lock, lockedAt: lock.lockedAt.toISOString() },
    unlockRequest,
    canRequestUnlock: locked && mayCapture && context.actor.permissions.has('data.enter'),
    submission: submission
      ? {
          id: submission.id,
          state: submission.state,
          stateLabel: stateLabels[submission.state],
          isNil: submission.isNil,
          draft: submission.draft as CellValues,
          draftComments: submission.draftComments as Record<string, string>,
          draftVersion: submission.draftVersion,
          draftUpdatedAt: submission.draftUpdatedAt ? submission.draftUpdatedAt.toISOString() : null,
          revisionCount: submission.revisionCount,
          currentRevision: (await revisionView(db, submission.currentRevisionId)) ?? null,
        }
      : null,
    actions: locked ? actions.filter((a) => a === 'accept' || a === 'return') : actions,
    reviewer: directReviewer && {
      unit: await reports.unit(db, directReviewer.id),
      withRecipients:
        directReviewer.top && regimeOn(form.regime, period.start).definition.recipientUnitCodes.length > 0,
    },
    outlierBaselines: outlierBaselinesOfUnit,
  };
}

async function assertCanEnter(
  db: Db | Tx,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  permission: 'data.enter' | 'data.submit',
) {
  const onDate = await reports.reportDate(db, key);
  if (!(await canCapture(db, context.actor, key.unitId, onDate)))
    await refuseChange(db, reports, context.actor, (await reports.form(db, key.formId)).regime, key.unitId, onDate);
  if (!context.actor.permissions.has(permission)) throw new DomainError('FORBIDDEN');
}

/** Locks the submission row, creating it (as an empty draft on the published version) when absent. */
async function lockSubmission(tx: Tx, key: ReportKey, resolved: Resolved) {
  const row = await lockOrCreateSubmission(tx, key, resolved.form.regime.id, resolved.form.versionId);
  if (row.periodLocked) throw periodLockedError();
  return row;
}

function changedCells(a: CellValues, b: CellValues): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => (a[k] ?? null) !== (b[k] ?? null)).sort();
}

export interface DraftInput {
  values: CellValues;
  comments?: Record<string, string>;
  isNil?: boolean;
  /** The draft version the client edited; a stale one is a conflict. */
  baseVersion: number;
}

/**
 * Saves a draft. A write based on an older draft version than the stored one is
 * refused with CONFLICT naming the cells that differ, so two people editing the
 * same report never overwrite each other silently.
 */
export async function saveDraft(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  input: DraftInput,
) {
  await assertCanEnter(tx, reports, context, key, 'data.enter');
  const resolved = await resolve(tx, reports, key);
  const unknown = validateValues(resolved.form.definition, input.values, input.comments ?? {}).filter(
    (i) => i.code === 'unknown_cell' || i.code === 'type',
  );
  if (unknown.length > 0)
    throw new DomainError('VALIDATION_FAILED', { field: unknown[0]!.target, details: { issues: unknown } });
  const current = await lockSubmission(tx, key, resolved);
  if (current.draftVersion !== input.baseVersion) {
    const editorName = current.draftUpdatedBy ? await findDisplayName(tx, current.draftUpdatedBy) : null;
    throw new DomainError('CONFLICT', {
      field: 'baseVersion',
      details: {
        draftVersion: current.draftVersion,
        values: current.draft,
        comments: current.draftComments,
        changed: changedCells(current.draft as CellValues, input.values),
        updatedBy: current.draftUpdatedBy,
        updatedByName: editorName,
        updatedAt: current.draftUpdatedAt ? current.draftUpdatedAt.toISOString() : null,
      },
    });
  }
  const state = transition(current.state, 'save');
  const draftVersion = current.draftVersion + 1;
  await updateDraftRow(tx, current.id, {
    values: input.values,
    comments: input.comments ?? {},
    isNil: input.isNil ?? false,
    draftVersion,
    updatedBy: context.actor.userId,
    state,
    formVersionId: resolved.form.versionId,
  });
  if (resolved.role === 'entry') {
    // Drafts do not count in consolidations, but the parent's children list shows them.
    await announceLive(tx, [[key.unitId, key.formId, key.periodId]], Date.now(), 'draft');
  } else {
    // A consolidating unit's own entries are part of its live figures.
    const ancestors = await reports.ancestors(
      tx,
      key.unitId,
      resolved.form.regime.definition.hierarchy,
      resolved.period.start,
    );
    const depth = ancestors.length;
    await enqueueConsolidation(
      tx,
      [{ unitId: key.unitId, depth }, ...consolidatingAncestors(resolved, ancestors)],
      key.formId,
      key.periodId,
    );
  }
  await recordAudit(tx, context, [
    {
      action: 'submission.save',
      objectType: 'submission',
      objectId: current.id,
      unitId: key.unitId,
      before: {
        draftVersion: current.draftVersion,
        changed: changedCells(current.draft as CellValues, input.values),
      },
      after: { draftVersion, values: input.values },
    },
  ]);
  return { submissionId: current.id, draftVersion, state };
}

function periodLockedError() {
  return new DomainError('INVALID_STATE', { field: 'period', message: 'PERIOD_LOCKED' });
}

function consolidatingAncestors(resolved: Resolved, ancestors: { id: number; kind: string; depth: number }[]) {
  return ancestors
    .filter((a) => consolidates(resolved.form.regime, a.kind))
    .map((a) => ({ unitId: a.id, depth: a.depth }));
}

export interface SubmitInput {
  values?: CellValues;
  comments?: Record<string, string>;
  isNil?: boolean;
  baseVersion?: number;
}

export interface SubmitResult {
  submissionId: number;
  revisionId: number;
  revisionNumber: number;
  state: SubmissionState;
  submittedAt: string;
  dueAt: string | null;
  minutesLate: number;
  onTime: boolean;
  warnings: ValueIssue[];
  qualityFlags: ReturnType<typeof storedFlag>[];
  changedSinceSent?: boolean;
}

const OPTIMISTIC_ATTEMPTS = 3;
const MAX_ATTEMPTS = 10;

/**
 * Submits a report: checks the values (errors block, warnings are returned),
 * the entry window (outside it only when the regime allows late submission, and
 * then marked late by the server clock) and the period lock, then writes an
 * immutable revision and queues the ancestors' consolidation. A consolidating
 * unit's submit sends its consolidated figures up, recording exactly which
 * child revisions they contain.
 *
 * It reads, decides and writes conditionally (see submissions.queries.ts); when
 * a concurrent write to the same report wins, it decides again from what is now
 * stored, and after a few lost races it queues behind the others on a lock.
 *
 * The documented exception to the edge transaction (http/transaction.ts): its
 * route opens none, and a submit is two statements on the pool; only the
 * fallback holds its lock in a transaction of its own.
 */
export async function submitReport(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  input: SubmitInput,
  options: SubmitOptions,
): Promise<SubmitResult> {
  const requestHash = options.idempotencyKey === null ? null : hashRequest({ key, input });
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result =
      attempt <= OPTIMISTIC_ATTEMPTS
        ? await trySubmit(db, reports, context, key, input, options, requestHash)
        : await db.transaction().execute(async (tx) => {
            await lockReport(tx, key);
            return trySubmit(tx, reports, context, key, input, options, requestHash);
          });
    if (result) return result;
  }
  throw new DomainError('CONFLICT', { message: 'SUBMIT_CONTENDED' });
}

interface SubmitOptions {
  channel: Channel;
  idempotencyKey: string | null;
  now?: () => number;
  language?: Language;
}

/** One read–decide–write round of a submit; null when a concurrent write got there first. */
async function trySubmit(
  db: Db | Tx,
  reports: ReportCatalog,
  context: RequestContext,
  key: ReportKey,
  input: SubmitInput,
  options: SubmitOptions,
  requestHash: string | null,
): Promise<SubmitResult | null> {
  const { actor } = context;
  // The form and its regime come from the process cache; the rest (scope, the unit and its
  // ancestors, the submission, the lock, a stored idempotent result) in one query.
  const newest = await reports.form(db, key.formId);
  const period = periodOf(newest.regime, key.periodId);
  const form = formInForce(newest, period);
  const stored = await readForSubmit(db, key, actor, {
    idempotencyKey: options.idempotencyKey,
    withDraft: input.values === undefined,
    hierarchy: form.regime.definition.hierarchy,
    onDate: period.start,
  });
  if (!stored.canCapture) {
    if (stored.canView) throw new DomainError('FORBIDDEN');
    await refuseChange(db, reports, actor, form.regime, key.unitId, period.start);
  }
  if (!actor.permissions.has('data.submit')) throw new DomainError('FORBIDDEN');
  if (!stored.unit) throw new DomainError('NOT_FOUND', { field: 'unitId' });
  const resolved = resolveWith(form, stored.unit, period);
  if (stored.storedRequestHash !== null) {
    if (stored.storedRequestHash !== requestHash) throw idempotencyConflict();
    return stored.storedResponse as SubmitResult;
  }
  if (stored.periodLocked) throw periodLockedError();
  const { unit } = resolved;
  const current = {
    state: stored.state ?? ('draft' as const),
    revisionCount: stored.revisionCount ?? 0,
    draftVersion: stored.draftVersion ?? 0,
    isNil: stored.isNil ?? false,
    draft: stored.draft ?? {},
    draftComments: stored.draftComments ?? {},
  };
  if (input.baseVersion !== undefined && input.baseVersion !== current.draftVersion)
    throw new DomainError('CONFLICT', {
      field: 'baseVersion',
      details: {
        draftVersion: current.draftVersion,
        values: current.draft,
        changed: changedCells(current.draft, input.values ?? {}),
      },
    });
  const isNil = input.isNil ?? (input.values === undefined ? current.isNil : false);
  const ownValues = input.values ?? current.draft;
  const comments = input.comments ?? current.draftComments;
  let values = ownValues;
  let contains: unknown = null;
  let channel = options.channel;
  let issues: ValueIssue[];
  let qualityFlags: ReturnType<typeof storedFlag>[] = [];
  if (resolved.role === 'consolidation') {
    // A consolidating unit sends what it consolidated: missing children are visible in the
    // children list, and rule failures that come from children are warnings, not blocks.
    const consolidated = await computeConsolidation(db, form, unit.id, period);
    values = consolidated.values;
    contains = { contributors: consolidated.contributors, maxRevision: consolidated.maxRevision };
    channel = 'consolidation';
    const inputs = Object.fromEntries(
      compileForm(form.definition).inputCells.map((c) => [c.key, values[c.key] ?? null]),
    );
    issues = validateValues(form.definition, inputs, comments)
      .filter((i) => i.code !== 'required' && i.code !== 'comment')
      .map((i) => (i.code === 'rule' ? { ...i, severity: 'warning' as const } : i));
  } else {
    issues = validateValues(form.definition, ownValues, comments, { isNil });
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0)
    throw new DomainError('VALIDATION_FAILED', {
      field: errors[0]!.target,
      message: 'REPORT_HAS_ERRORS',
      params: { count: errors.length },
      details: { issues },
    });
  if (resolved.role === 'entry' && !isNil) {
    // Outliers against the unit's own history are warnings: each needs a confirming comment on its cell.
    const outliers = findOutliers(form.definition, ownValues, await outlierBaselines(db, form, unit.id, period.id));
    const unconfirmed = unconfirmedOutliers(outliers, comments);
    if (unconfirmed.length > 0)
      throw new DomainError('OUTLIER_UNCONFIRMED', {
        field: unconfirmed[0]!.cell,
        message: 'OUTLIER_UNCONFIRMED_CELLS',
        params: { count: unconfirmed.length, cells: unconfirmed.map((f) => f.cell).join(', ') },
        details: { issues: unconfirmed.map(outlierIssue), outliers: unconfirmed.map((f) => storedFlag(f, '')) },
      });
    issues = [...issues, ...outliers.map(outlierIssue)];
    qualityFlags = outliers.map((f) => storedFlag(f, comments[f.cell] ?? ''));
  }
  const state = transition(current.state, 'submit');
  const nowMs = options.now?.() ?? Date.now();
  const schedule = await reports.schedule(db, form.regime, unit.kind, period);
  const lateMinutes = schedule ? checkWindow(schedule, nowMs, form.regime.definition.allowLateSubmission) : 0;
  const submittedAt = new Date(nowMs);
  const submissionId = stored.id ?? stored.newSubmissionId!;
  const revisionId = stored.newRevisionId;
  const number = current.revisionCount + 1;
  const result: SubmitResult = {
    submissionId,
    revisionId,
    revisionNumber: number,
    state,
    submittedAt: submittedAt.toISOString(),
    dueAt: schedule?.dueAt ?? null,
    minutesLate: lateMinutes,
    onTime: lateMinutes === 0,
    warnings: issues.filter((i) => i.severity === 'warning'),
    qualityFlags,
  };
  const ancestors = withDepths(stored.ancestors);
  const written = await writeSubmission(db, {
    key,
    regimeId: form.regime.id,
    formVersionId: form.versionId,
    submissionId,
    expected: stored.id === null ? null : current,
    state,
    isNil,
    draft: input.values !== undefined && resolved.role === 'entry' ? { values: input.values, comments } : null,
    revision: {
      id: revisionId,
      number,
      values,
      comments,
      channel,
      submittedBy: actor.userId,
      submittedAt,
      dueAt: schedule ? new Date(schedule.dueAtMs) : null,
      minutesLate: lateMinutes,
      contains,
      qualityFlags,
    },
    queue: consolidatingAncestors(resolved, ancestors),
    audit: auditEntryOf(context, {
      action: resolved.role === 'consolidation' ? 'submission.send' : 'submission.submit',
      objectType: 'submission',
      objectId: submissionId,
      unitId: unit.id,
      before: { state: current.state, revision: current.revisionCount },
      after: { state, revisionId, number, channel, isNil, minutesLate: lateMinutes },
    }),
    events: [
      {
        type: resolved.role === 'consolidation' ? 'report.sent_up' : 'report.submitted',
        unitId: unit.id,
        onDate: period.start,
        formId: key.formId,
        periodId: key.periodId,
        submissionId,
        data: { revisionId, revisionNumber: number, state, channel, isNil, minutesLate: lateMinutes },
      },
    ],
    idempotency:
      options.idempotencyKey === null
        ? null
        : { userId: actor.userId, key: options.idempotencyKey, requestHash: requestHash!, response: result },
  });
  return written ? result : null;
}

/** Minutes late by the schedule, refusing a submit before the window opens or after it closes (unless late is allowed). */
function checkWindow(schedule: ScheduleInstants, nowMs: number, allowLate: boolean): number {
  const window = windowState(schedule, nowMs);
  if (window === 'not_open')
    throw new DomainError('INVALID_STATE', {
      field: 'period',
      message: 'ENTRY_NOT_OPEN',
      params: { opensAt: schedule.opensAt },
    });
  if (window === 'closed' && !allowLate)
    throw new DomainError('INVALID_STATE', {
      field: 'period',
      message: 'SUBMISSION_CLOSED',
      params: { closesAt: schedule.closesAt },
    });
  return minutesLate(schedule.dueAtMs, nowMs);
}

/**
 * Accept or return a report: by its direct consolidator's approvers (the nearest consolidating
 * ancestor on the period's start), and for a report to the hierarchy's root also by the
 * regime's recipient agencies; a return needs a reason. Others in sight are told who reviews it.
 */
export async function reviewReport(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  submissionId: number,
  input: { action: 'accept' | 'return'; reason?: string },
) {
  const submission = await findSubmissionById(tx, submissionId);
  if (!submission) throw new DomainError('NOT_FOUND');
  const onDate = await reports.reportDate(tx, submission);
  const { regime } = await reports.form(tx, submission.formId);
  await assertCanViewReport(tx, reports, context.actor, regime, submission.unitId, onDate);
  if (!(await reviewsReportOf(tx, reports, context.actor, regime, submission.unitId, onDate)))
    await refuseReview(tx, reports, context.actor, regime, submission.unitId, onDate);
  const resolved = await resolve(tx, reports, {
    unitId: submission.unitId,
    formId: submission.formId,
    periodId: submission.periodId,
  });
  const current = await lockSubmissionById(tx, submissionId);
  const state = transition(current.state, input.action, { reason: input.reason });
  await reviewSubmission(
    tx,
    { id: submissionId, currentRevisionId: current.currentRevisionId! },
    { state: state as 'accepted' | 'returned', reviewedBy: context.actor.userId, reason: input.reason ?? null },
  );
  const ancestors = await reports.ancestors(
    tx,
    submission.unitId,
    resolved.form.regime.definition.hierarchy,
    resolved.period.start,
  );
  await enqueueConsolidation(tx, consolidatingAncestors(resolved, ancestors), submission.formId, submission.periodId);
  await recordAudit(tx, context, [
    {
      action: `submission.${input.action}`,
      objectType: 'submission',
      objectId: submissionId,
      unitId: submission.unitId,
      before: { state: current.state },
      after: { state, reason: input.reason ?? null },
    },
  ]);
  await recordEvents(tx, [
    {
      type: input.action === 'accept' ? 'report.accepted' : 'report.returned',
      unitId: submission.unitId,
      onDate: resolved.period.start,
      formId: submission.formId,
      periodId: submission.periodId,
      submissionId,
      data: { revisionId: current.currentRevisionId, state, reason: input.reason ?? null },
    },
  ]);
  await noticeSubmissionReviewed(tx, submissionId, input.action, input.reason ?? null);
  return { submissionId, state };
}
