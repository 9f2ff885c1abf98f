/**
 * The SQL of submissions. A submit is two statements and no explicit
 * transaction: one read (scope, the unit and its ancestors, the submission's
 * state, the period lock, a stored idempotency result and fresh ids) and one write that does everything
 * else atomically — the submission, its immutable revision, the consolidation
 * queue and its wake-up, the audit entry and the idempotency result — on the
 * condition that the submission is still as it was read. A write whose
 * condition fails changes nothing and the caller reads again.
 */
import type { CellValues, QualityFlag, RevisionContents, SubmissionState } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { Actor } from '../../http/context';
import { canCaptureExpression, canViewExpression } from '../../http/scope';
import { CONSOLIDATE_CHANNEL, type QueueSlice, queueInsert } from '../../reporting/channels';
import { type EventRow, eventInsert } from '../../reporting/events';
import { type AncestorRow, ancestorsQuery, type UnitInfo } from '../../reporting/report-context';
import type { Channel, ReportKey } from '../../reporting/report-key';
import { type AuditEntry, pendingAuditInsert } from '../audit/audit.queries';

type Reader = Db | Tx;

function periodLockExists(key: ReportKey) {
  return sql<boolean>`EXISTS (SELECT 1 FROM period_locks l JOIN forms f ON f.regime_id = l.regime_id
    WHERE f.id = ${key.formId} AND l.period_id = ${key.periodId})`;
}

export interface SubmitState {
  /** The submission (null fields when it does not exist yet). */
  id: number | null;
  state: SubmissionState | null;
  revisionCount: number | null;
  draftVersion: number | null;
  isNil: boolean | null;
  /** Only read when asked for (a submit without values sends the draft). */
  draft?: CellValues | null;
  draftComments?: Record<string, string> | null;
  canCapture: boolean;
  canView: boolean;
  periodLocked: boolean;
  storedRequestHash: string | null;
  storedResponse: unknown;
  /** A fresh id for the submission when it does not exist yet. */
  newSubmissionId: number | null;
  newRevisionId: number;
  unit: UnitInfo | null;
  ancestors: AncestorRow[];
}

/**
 * Everything a submit needs to decide, in one query. Written as SQL rather than
 * with the query builder: it runs at every submit, and building it cost more
 * CPU than PostgreSQL spent running it.
 */
export async function readForSubmit(
  db: Reader,
  key: ReportKey,
  actor: Actor,
  /** `onDate`: the period's start, the date scope and ancestors are read on. */
  options: { idempotencyKey: string | null; withDraft: boolean; hierarchy: string; onDate: string },
): Promise<SubmitState> {
  const stored = (column: 'request_hash' | 'response') =>
    options.idempotencyKey === null
      ? sql`NULL`
      : sql`(SELECT ${sql.raw(column)} FROM idempotency_keys WHERE user_id = ${actor.userId} AND key = ${options.idempotencyKey})`;
  const result = await sql<SubmitState>`
    SELECT s.id, s.state, s.revision_count, s.draft_version, s.is_nil,
      ${options.withDraft ? sql`s.draft, s.draft_comments,` : sql``}
      scope.can_capture,
      -- Whether it may read, asked only when it may not write (for 403 rather than 404).
      CASE WHEN scope.can_capture THEN true ELSE ${canViewExpression(actor, key.unitId, options.onDate)} END AS can_view,
      ${periodLockExists(key)} AS period_locked,
      ${stored('request_hash')} AS stored_request_hash,
      ${stored('response')} AS stored_response,
      CASE WHEN s.id IS NULL THEN nextval(pg_get_serial_sequence('submissions', 'id')) END AS new_submission_id,
      nextval(pg_get_serial_sequence('submission_revisions', 'id')) AS new_revision_id,
      (SELECT jsonb_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind)
        FROM units u WHERE u.id = ${key.unitId}) AS unit,
      ${ancestorsQuery(key.unitId, options.hierarchy, options.onDate)} AS ancestors
    FROM (SELECT ${canCaptureExpression(actor, key.unitId, options.onDate)} AS can_capture) scope
    LEFT JOIN submissions s ON s.form_id = ${key.formId} AND s.unit_id = ${key.unitId} AND s.period_id = ${key.periodId}`.execute(
    db,
  );
  return result.rows[0]!;
}

/** Serializes submits of one report inside the caller's transaction (the fallback when optimism keeps losing). */
export async function lockReport(tx: Tx, key: ReportKey): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${key.formId}::int, hashtext(${`${key.unitId}:${key.periodId}`}))`.execute(tx);
}

export interface SubmissionWrite {
  key: ReportKey;
  regimeId: number;
  formVersionId: number;
  submissionId: number;
  /** The submission as it was read, or null when it did not exist yet. */
  expected: { state: SubmissionState; revisionCount: number; draftVersion: number } | null;
  state: SubmissionState;
  isNil: boolean;
  /** The new draft when the submit carries the values (entry units); the draft is otherwise kept. */
  draft: { values: CellValues; comments: Record<string, string> } | null;
  revision: {
    id: number;
    number: number;
    values: CellValues;
    comments: Record<string, string>;
    channel: Channel;
    submittedBy: number;
    submittedAt: Date;
    dueAt: Date | null;
    minutesLate: number;
    contains: unknown;
    qualityFlags: QualityFlag[];
  };
  queue: QueueSlice[];
  audit: AuditEntry;
  /** The events of the stream the submit causes (report.submitted or report.sent_up). */
  events: EventRow[];
  idempotency: { userId: number; key: string; requestHash: string; response: unknown } | null;
}

const RETRYABLE_TABLES = new Set(['submissions', 'submission_revisions', 'idempotency_keys']);

/**
 * Writes a submit in one statement. Returns false, having changed nothing, when
 * the submission is no longer as it was read (another write got there first) or
 * the period was locked meanwhile; the caller then reads again.
 */
export async function writeSubmission(db: Reader, w: SubmissionWrite): Promise<boolean> {
  const { key, revision: r } = w;
  const periodOpen = sql`NOT ${periodLockExists(key)}`;
  const draftJson = w.draft && JSON.stringify(w.draft.values);
  const draftCommentsJson = w.draft && JSON.stringify(w.draft.comments);
  const submission =
    w.expected === null
      ? sql`INSERT INTO submissions (id, regime_id, form_id, form_version_id, unit_id, period_id, state, is_nil,
            draft, draft_comments, draft_version, current_revision_id, revision_count)
          SELECT ${w.submissionId}::bigint, ${w.regimeId}::int, ${key.formId}::int, ${w.formVersionId}::int,
            ${key.unitId}::int, ${key.periodId}::text, ${w.state}::text, ${w.isNil}::boolean,
            ${draftJson ?? '{}'}::jsonb, ${draftCommentsJson ?? '{}'}::jsonb, ${w.draft ? 1 : 0}::int,
            ${r.id}::bigint, ${r.number}::int
          WHERE ${periodOpen}
          RETURNING id, draft, draft_comments`
      : sql`UPDATE submissions SET state = ${w.state}, is_nil = ${w.isNil}, current_revision_id = ${r.id},
            revision_count = ${r.number}, form_version_id = ${w.formVersionId}
            ${w.draft ? sql`, draft = ${draftJson}::jsonb, draft_comments = ${draftCommentsJson}::jsonb, draft_version = draft_version + 1` : sql``}
          WHERE id = ${w.submissionId} AND state = ${w.expected.state}
            AND revision_count = ${w.expected.revisionCount} AND draft_version = ${w.expected.draftVersion}
            AND ${periodOpen}
          RETURNING id, draft, draft_comments`;
  // When the revision is the new draft (an entry unit submitting what it typed), its values
  // are sent and parsed once.
  const sameAsDraft = w.draft !== null && w.draft.values === r.values && w.draft.comments === r.comments;
  const values = sameAsDraft ? sql`sub.draft` : sql`${JSON.stringify(r.values)}::jsonb`;
  const comments = sameAsDraft ? sql`sub.draft_comments` : sql`${JSON.stringify(r.comments)}::jsonb`;
  const revision = sql`INSERT INTO submission_revisions (id, submission_id, number, form_version_id, values, comments,
        is_nil, channel, submitted_by, submitted_at, due_at, minutes_late, contains, quality_flags)
      SELECT ${r.id}::bigint, sub.id, ${r.number}::int, ${w.formVersionId}::int, ${values}, ${comments}, ${w.isNil}::boolean, ${r.channel}::text, ${r.submittedBy}::int,
        ${r.submittedAt.toISOString()}::timestamptz, ${r.dueAt?.toISOString() ?? null}::timestamptz,
        ${r.minutesLate}::int, ${r.contains === null ? null : JSON.stringify(r.contains)}::jsonb,
        ${JSON.stringify(r.qualityFlags)}::jsonb
      FROM sub RETURNING 1`;
  const idempotency = w.idempotency
    ? sql`, idem AS (INSERT INTO idempotency_keys (user_id, key, request_hash, status, response)
        SELECT ${w.idempotency.userId}::int, ${w.idempotency.key}::text, ${w.idempotency.requestHash}::text, 200,
          ${JSON.stringify(w.idempotency.response)}::jsonb
        FROM sub RETURNING 1)`
    : sql``;
  const queued = w.queue.length > 0;
  try {
    const result = await sql<{ id: number }>`
      WITH sub AS (${submission}),
        rev AS (${revision}),
        audit AS (${pendingAuditInsert(w.audit, 'sub')})
        ${w.events.length > 0 ? sql`, ev AS (${eventInsert(w.events, 'sub')})` : sql``}
        ${queued ? sql`, queued AS (${queueInsert(w.queue, key.formId, key.periodId, 'sub')})` : sql``}
        ${idempotency}
      SELECT sub.id ${queued ? sql`, pg_notify(${CONSOLIDATE_CHANNEL}, '')` : sql``} FROM sub`.execute(db);
    return result.rows.length === 1;
  } catch (error) {
    const e = error as { code?: string; table?: string };
    // A concurrent first submit or a reused idempotency key: read again.
    if (e.code === '23505' && e.table !== undefined && RETRYABLE_TABLES.has(e.table)) return false;
    throw error;
  }
}

/** Locks the submission row, creating it (as an empty draft) when absent; tells whether the period is locked. */
export async function lockOrCreateSubmission(tx: Tx, key: ReportKey, regimeId: number, formVersionId: number) {
  // One statement: create the row if absent, lock it (a no-op update takes the row lock),
  // and tell whether the regime's period is locked.
  return tx
    .insertInto('submissions')
    .values({
      regimeId,
      formId: key.formId,
      formVersionId,
      unitId: key.unitId,
      periodId: key.periodId,
      draft: '{}',
      draftComments: '{}',
    })
    .onConflict((oc) =>
      oc.columns(['formId', 'unitId', 'periodId']).doUpdateSet((eb) => ({ regimeId: eb.ref('submissions.regimeId') })),
    )
    .returningAll()
    .returning(periodLockExists(key).as('periodLocked'))
    .executeTakeFirstOrThrow();
}

/** The submission of a report, if any. */
export async function findSubmission(db: Reader, key: ReportKey) {
  return db
    .selectFrom('submissions')
    .selectAll()
    .where('formId', '=', key.formId)
    .where('unitId', '=', key.unitId)
    .where('periodId', '=', key.periodId)
    .executeTakeFirst();
}

export async function findSubmissionById(db: Reader, id: number) {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The submission, its row locked until the transaction ends. */
export async function lockSubmissionById(tx: Tx, id: number) {
  return tx.selectFrom('submissions').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** A revision as a report page shows it, with who submitted and who reviewed it. */
export async function findRevisionView(db: Reader, revisionId: number) {
  return db
    .selectFrom('submissionRevisions as r')
    .innerJoin('users as u', 'u.id', 'r.submittedBy')
    .leftJoin('users as rv', 'rv.id', 'r.reviewedBy')
    .select([
      'r.id',
      'r.number',
      'r.formVersionId',
      'r.values',
      'r.comments',
      'r.isNil',
      'r.channel',
      'u.displayName as submittedByName',
      sql<string>`to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('submittedAt'),
      sql<string | null>`to_char(r.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('dueAt'),
      'r.minutesLate',
      'r.contains',
      'r.reviewState',
      'rv.displayName as reviewedByName',
      sql<string | null>`to_char(r.reviewed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('reviewedAt'),
      'r.reviewReason',
      'r.qualityFlags',
    ])
    .where('r.id', '=', revisionId)
    .$narrowType<{
      values: CellValues;
      comments: Record<string, string>;
      contains: RevisionContents | null;
      qualityFlags: QualityFlag[];
    }>()
    .executeTakeFirst();
}

export async function findDisplayName(db: Reader, userId: number) {
  const user = await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst();
  return user?.displayName ?? null;
}

export async function updateDraftRow(
  tx: Tx,
  id: number,
  draft: {
    values: CellValues;
    comments: Record<string, string>;
    isNil: boolean;
    draftVersion: number;
    updatedBy: number;
    state: SubmissionState;
    formVersionId: number;
  },
): Promise<void> {
  await tx
    .updateTable('submissions')
    .set({
      draft: JSON.stringify(draft.values),
      draftComments: JSON.stringify(draft.comments),
      isNil: draft.isNil,
      draftVersion: draft.draftVersion,
      draftUpdatedAt: new Date(),
      draftUpdatedBy: draft.updatedBy,
      state: draft.state,
      formVersionId: draft.formVersionId,
    })
    .where('id', '=', id)
    .execute();
}

/** A review's decision: the submission's new state, and the current revision's review. */
export async function reviewSubmission(
  tx: Tx,
  submission: { id: number; currentRevisionId: number },
  review: { state: 'accepted' | 'returned'; reviewedBy: number; reason: string | null },
): Promise<void> {
  await tx.updateTable('submissions').set({ state: review.state }).where('id', '=', submission.id).execute();
  await tx
    .updateTable('submissionRevisions')
    .set({
      reviewState: review.state,
      reviewedBy: review.reviewedBy,
      reviewedAt: new Date(),
      reviewReason: review.reason,
    })
    .where('id', '=', submission.currentRevisionId)
    .execute();
}

/** The draft version of a report's submission (undefined: none yet). */
export async function findDraftVersion(db: Reader, key: ReportKey) {
  return db
    .selectFrom('submissions')
    .select('draftVersion')
    .where('formId', '=', key.formId)
    .where('unitId', '=', key.unitId)
    .where('periodId', '=', key.periodId)
    .executeTakeFirst();
}

// "My reports"

export async function findUnitBrief(db: Reader, unitId: number) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'kind'])
    .where('id', '=', unitId)
    .executeTakeFirstOrThrow();
}

/** The forms of the regimes in force on `date` with their published definitions, in the regimes' order. */
export async function findFormsInForce(db: Reader, date: string) {
  return db
    .selectFrom('forms as f')
    .innerJoin('regimes as r', 'r.id', 'f.regimeId')
    .innerJoin('formVersions as v', (join) => join.onRef('v.formId', '=', 'f.id').on('v.status', '=', 'published'))
    .select(['f.id', 'f.code', 'f.regimeId', 'v.definition'])
    .where('r.status', '=', 'active')
    .where(sql<boolean>`(r.definition->>'validFrom')::date <= ${date}::date`)
    .where(sql<boolean>`coalesce((r.definition->>'validTo')::date, 'infinity') >= ${date}::date`)
    .orderBy('f.regimeId')
    .orderBy('f.sortOrder')
    .orderBy('f.code')
    .execute();
}

/** A report's state and lateness, if it was ever saved. */
export async function findReportState(db: Reader, key: ReportKey) {
  return db
    .selectFrom('submissions as s')
    .leftJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .select(['s.id', 's.state', 's.isDemo', 'r.minutesLate'])
    .where('s.formId', '=', key.formId)
    .where('s.unitId', '=', key.unitId)
    .where('s.periodId', '=', key.periodId)
    .executeTakeFirst();
}

/** Deletes idempotency results stored before `before` (their time to live is over); returns how many. */
export async function deleteIdempotencyKeys(tx: Tx, before: Date): Promise<number> {
  const result = await tx.deleteFrom('idempotencyKeys').where('createdAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
