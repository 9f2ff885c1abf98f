/**
 * The SQL of imports. Every read resolves a whole file's distinct keys in one
 * statement (units by code on their period's date, scope, locks, the reports as
 * stored), and the write is one statement per few thousand reports — the
 * submissions, their revisions on the `import` channel — so the cost grows with
 * the number of reports, not with round trips per value.
 */
import type { CellValues, SubmissionState } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { ImportFormat } from './import-formats';

type Reader = Db | Tx;

export interface FormRef {
  id: number;
  code: string;
  regimeCode: string;
}

/** Every form with its regime's code: a file names forms by id, by `REGIME/FORM` or by a code unique on its own. */
export async function findFormRefs(db: Reader): Promise<FormRef[]> {
  const { rows } = await sql<FormRef>`SELECT f.id, f.code, r.code AS regime_code
    FROM forms f JOIN regimes r ON r.id = f.regime_id`.execute(db);
  return rows;
}

export interface UnitMatch {
  ref: string;
  onDate: string;
  id: number | null;
  code: string | null;
  kind: string | null;
}

/**
 * Units by reference on a date: by code among the units valid on that date (codes
 * were reused across the 2025 reform), or by id when `byId`.
 */
export async function findUnitsOn(
  db: Reader,
  refs: { ref: string; onDate: string }[],
  scheme: 'code' | 'id',
): Promise<UnitMatch[]> {
  if (refs.length === 0) return [];
  const match =
    scheme === 'code'
      ? sql`u.code = x.ref AND daterange(u.valid_from, u.valid_to, '[]') @> x.on_date`
      : sql`x.ref ~ '^[0-9]{1,9}$' AND u.id = x.ref::int`;
  const { rows } = await sql<UnitMatch>`
    SELECT x.ref, x.on_date::text AS on_date, u.id, u.code, u.kind
    FROM unnest(${refs.map((r) => r.ref)}::text[], ${refs.map((r) => r.onDate)}::date[]) AS x(ref, on_date)
    LEFT JOIN LATERAL (SELECT u.id, u.code, u.kind FROM units u WHERE ${match} ORDER BY u.valid_from DESC LIMIT 1) u ON true`.execute(
    db,
  );
  return rows;
}

/** Which (unit, date) pairs lie inside the capture roots, on the date's hierarchy links. */
export async function findUnitsInScope(
  db: Reader,
  roots: number[],
  pairs: { unitId: number; onDate: string }[],
): Promise<Set<string>> {
  if (pairs.length === 0 || roots.length === 0) return new Set();
  const { rows } = await sql<{ unitId: number; onDate: string }>`
    SELECT x.unit_id, x.on_date::text AS on_date
    FROM unnest(${pairs.map((p) => p.unitId)}::int[], ${pairs.map((p) => p.onDate)}::date[]) AS x(unit_id, on_date)
    WHERE EXISTS (SELECT 1 FROM unit_and_ancestors_on(x.unit_id, x.on_date) a(id) WHERE a.id = ANY(${roots}::int[]))`.execute(
    db,
  );
  return new Set(rows.map((r) => `${r.unitId}|${r.onDate}`));
}

/** The locked (regime, period) pairs among those given. */
export async function findLockedPeriods(
  db: Reader,
  pairs: { regimeId: number; periodId: string }[],
): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const { rows } = await sql<{ regimeId: number; periodId: string }>`
    SELECT l.regime_id, l.period_id FROM period_locks l
    JOIN unnest(${pairs.map((p) => p.regimeId)}::int[], ${pairs.map((p) => p.periodId)}::text[]) AS x(regime_id, period_id)
      ON x.regime_id = l.regime_id AND x.period_id = l.period_id`.execute(db);
  return new Set(rows.map((r) => `${r.regimeId}|${r.periodId}`));
}

export interface StoredReport {
  id: number;
  formId: number;
  unitId: number;
  periodId: string;
  state: SubmissionState;
  revisionCount: number;
  values: CellValues | null;
}

/** The stored reports among the keys, with their current revision's values (locked against concurrent writes when `forUpdate`). */
export async function findStoredReports(
  db: Reader,
  keys: { formId: number; unitId: number; periodId: string }[],
  forUpdate: boolean,
): Promise<StoredReport[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<StoredReport>`
    SELECT s.id, s.form_id, s.unit_id, s.period_id, s.state, s.revision_count, r.values
    FROM unnest(${keys.map((k) => k.formId)}::int[], ${keys.map((k) => k.unitId)}::int[], ${keys.map((k) => k.periodId)}::text[])
      AS k(form_id, unit_id, period_id)
    JOIN submissions s ON s.form_id = k.form_id AND s.unit_id = k.unit_id AND s.period_id = k.period_id
    LEFT JOIN submission_revisions r ON r.id = s.current_revision_id
    ${forUpdate ? sql`FOR UPDATE OF s` : sql``}`.execute(db);
  return rows;
}

/** Draws `count` fresh ids from a table's identity sequence. */
export async function drawIds(tx: Tx, table: 'submissions' | 'submission_revisions', count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ id: string }>`
    SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id FROM generate_series(1, ${count}::int)`.execute(tx);
  return rows.map((r) => Number(r.id));
}

export interface ReportWrite {
  submissionId: number;
  isNew: boolean;
  regimeId: number;
  formId: number;
  versionId: number;
  unitId: number;
  periodId: string;
  revisionId: number;
  number: number;
  /** The revision count read (null for a new submission): the update applies only if unchanged since. */
  expectedCount: number | null;
  values: CellValues;
}

/**
 * Writes imported reports in one statement: new submissions inserted, stored ones
 * moved to `submitted` with the merged values as their draft, and one immutable
 * revision each on the `import` channel, never late (back-filled history is
 * imported, not overdue). Returns how many submissions it changed.
 */
export async function writeImportedReports(
  tx: Tx,
  writes: ReportWrite[],
  userId: number,
  channel: 'import' | 'connector' = 'import',
): Promise<number> {
  if (writes.length === 0) return 0;
  const { rows } = await sql<{ changed: number }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) AS x("submissionId" bigint, "isNew" boolean,
        "regimeId" int, "formId" int, "versionId" int, "unitId" int, "periodId" text, "revisionId" bigint, number int,
        "expectedCount" int, values jsonb)
    ), created AS (
      INSERT INTO submissions (id, regime_id, form_id, form_version_id, unit_id, period_id, state, draft, draft_version,
        draft_updated_at, draft_updated_by, current_revision_id, revision_count)
      SELECT "submissionId", "regimeId", "formId", "versionId", "unitId", "periodId", 'submitted', values, 1,
        now(), ${userId}::int, "revisionId", number
      FROM input WHERE "isNew"
      RETURNING id
    ), updated AS (
      UPDATE submissions s SET state = 'submitted', draft = i.values, draft_version = s.draft_version + 1,
        draft_updated_at = now(), draft_updated_by = ${userId}::int, current_revision_id = i."revisionId",
        revision_count = i.number, form_version_id = i."versionId", is_nil = false
      FROM input i
      WHERE NOT i."isNew" AND s.id = i."submissionId" AND s.revision_count = i."expectedCount"
      RETURNING s.id
    ), revisions AS (
      INSERT INTO submission_revisions (id, submission_id, number, form_version_id, values, channel, submitted_by,
        submitted_at, minutes_late)
      SELECT "revisionId", "submissionId", number, "versionId", values, ${channel}::text, ${userId}::int, now(), 0
      FROM input
      RETURNING 1
    )
    SELECT ((SELECT count(*) FROM created) + (SELECT count(*) FROM updated))::int AS changed`.execute(tx);
  return rows[0]!.changed;
}

export interface StoredIdempotency {
  requestHash: string;
  status: number;
  response: unknown;
}

export async function findIdempotentAnswer(db: Reader, userId: number, key: string): Promise<StoredIdempotency | null> {
  const row = await db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'status', 'response'])
    .where('userId', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ?? null;
}

export async function storeIdempotentAnswer(
  tx: Tx,
  userId: number,
  key: string,
  requestHash: string,
  status: number,
  response: unknown,
): Promise<void> {
  await tx
    .insertInto('idempotencyKeys')
    .values({ userId, key, requestHash, status, response: JSON.stringify(response) })
    .execute();
}

export interface ImportJobRow {
  id: number;
  userId: number;
  format: string;
  dryRun: boolean;
  status: string;
  totalRows: number;
  processedRows: number;
  summary: unknown;
  createdAt: Date;
  finishedAt: Date | null;
}

export async function insertImportJob(
  tx: Tx,
  job: { userId: number; format: ImportFormat; dryRun: boolean; byteSize: number; status: 'queued' | 'done' },
): Promise<number> {
  const row = await tx
    .insertInto('importJobs')
    .values({
      userId: job.userId,
      format: job.format,
      dryRun: job.dryRun,
      byteSize: job.byteSize,
      status: job.status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function storeImportFile(tx: Tx, jobId: number, content: Buffer): Promise<void> {
  await tx.insertInto('importFiles').values({ jobId, content }).execute();
}

export async function takeImportFile(db: Reader, jobId: number): Promise<Buffer | null> {
  const row = await db.selectFrom('importFiles').select('content').where('jobId', '=', jobId).executeTakeFirst();
  return row?.content ?? null;
}

export async function updateImportJob(
  db: Reader,
  jobId: number,
  change: {
    status?: string;
    totalRows?: number;
    processedRows?: number;
    summary?: unknown;
    finished?: boolean;
    started?: boolean;
  },
): Promise<void> {
  await sql`UPDATE import_jobs SET
      status = coalesce(${change.status ?? null}::text, status),
      total_rows = coalesce(${change.totalRows ?? null}::int, total_rows),
      processed_rows = coalesce(${change.processedRows ?? null}::int, processed_rows),
      summary = coalesce(${change.summary === undefined ? null : JSON.stringify(change.summary)}::jsonb, summary),
      started_at = CASE WHEN ${change.started ?? false} THEN now() ELSE started_at END,
      finished_at = CASE WHEN ${change.finished ?? false} THEN now() ELSE finished_at END
    WHERE id = ${jobId}`.execute(db);
}

export async function deleteImportFile(db: Reader, jobId: number): Promise<void> {
  await db.deleteFrom('importFiles').where('jobId', '=', jobId).execute();
}

export async function findImportJob(db: Reader, jobId: number): Promise<ImportJobRow | null> {
  const row = await db
    .selectFrom('importJobs')
    .select([
      'id',
      'userId',
      'format',
      'dryRun',
      'status',
      'totalRows',
      'processedRows',
      'summary',
      'createdAt',
      'finishedAt',
    ])
    .where('id', '=', jobId)
    .executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : null;
}
