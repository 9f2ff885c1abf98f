/**
 * The SQL of imports. The file's rows are staged in a TEMP table; every read
 * resolves its distinct keys in one statement (units by code on their period's
 * date, scope, locks), a cursor reads the rows back in report order, the reports
 * as stored are read per chunk, and the write is one statement per few thousand reports — the
 * submissions, their revisions on the `import` channel — so the cost grows with
 * the number of reports, not with round trips per value.
 */
import type { CellValues, SubmissionState } from '@baocao/domain';
import { sql } from 'kysely';
import { type Db, queryArrays, type Tx } from '../../db/database';
import type { ImportFormat } from './import-formats';

type Reader = Db | Tx;

/**
 * Many keys as one JSON parameter, read back with `jsonb_to_recordset`: node-postgres turns a
 * JS array into an array literal by escaping element by element, which cost ≈ 0.17 s per
 * 20,000-report file for three arrays; JSON.stringify of the same keys takes a few ms.
 */
const recordset = (rows: readonly object[]) => JSON.stringify(rows);

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

/**
 * The import's staging table: the file's rows as read, `COPY`ed in as they are parsed
 * (import-stream.ts). A TEMP table of the import's transaction (dropped at its end, or
 * by the savepoint's rollback), so a file is never held whole in the server's memory.
 */
export async function createImportStaging(tx: Tx): Promise<void> {
  await sql`DROP TABLE IF EXISTS pg_temp.import_staging, pg_temp.import_keys, pg_temp.import_units`.execute(tx);
  await sql`CREATE TEMP TABLE import_staging (row int NOT NULL, data_set text, org_unit text, period text,
    data_element text, option text, value text, value_type "char") ON COMMIT DROP`.execute(tx);
}

export async function dropImportStaging(tx: Tx): Promise<void> {
  await sql`DROP TABLE IF EXISTS pg_temp.import_staging, pg_temp.import_keys, pg_temp.import_units`.execute(tx);
}

/**
 * The distinct (data set, period) references of the staged rows that name a data set (the
 * period may be null), in one pass. The staging table is `ANALYZE`d first: without statistics
 * PostgreSQL guessed 80 rows for 60,000 and sorted them (by text, twice) where a hash suffices,
 * and every later statement over the staged rows is planned with the same statistics.
 */
export async function findStagedReferences(tx: Tx): Promise<{ dataSet: string; period: string | null }[]> {
  await sql`ANALYZE import_staging`.execute(tx);
  const { rows } = await sql<{ dataSet: string; period: string | null }>`
    SELECT DISTINCT data_set, period FROM import_staging WHERE data_set IS NOT NULL`.execute(tx);
  return rows;
}

export interface StagedKey {
  dataSet: string;
  period: string;
  /** The index of the resolved (form, period) pair: the order reports are read back in. */
  key: number;
  onDate: string;
}

/**
 * The resolved (data set, period) references, then every distinct (unit reference, date)
 * of the staged rows resolved set-based: by code among the units valid on the date (codes
 * were reused across the 2025 reform; the latest-starting one wins, as before) or by id,
 * and whether it lies in the caller's capture roots on that date (`roots` null: a system
 * administrator, everything is in scope).
 */
export async function resolveStagedUnits(
  tx: Tx,
  keys: StagedKey[],
  scheme: 'code' | 'id',
  roots: number[] | null,
): Promise<void> {
  await sql`CREATE TEMP TABLE import_keys ON COMMIT DROP AS
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k("dataSet" text, period text,
      key int, "onDate" date)`.execute(tx);
  // Without statistics the join below was guessed at 1,215 rows for 60,000, and sorted by text to group.
  await sql`ANALYZE import_keys`.execute(tx);
  const match =
    scheme === 'code'
      ? sql`u.code = x.ref AND u.valid_from <= x.on_date AND (u.valid_to IS NULL OR x.on_date <= u.valid_to)`
      : sql`x.ref ~ '^[0-9]{1,9}$' AND u.id = x.ref::int`;
  // At most one unit matches a (code, date): codes never overlap in validity (the exclusion
  // constraint `units_code_unique_in_validity`), so no DISTINCT ON and its sort of every pair by text.
  const inScope =
    roots === null
      ? sql`true`
      : roots.length === 0
        ? sql`false`
        : sql`u.id IS NOT NULL AND EXISTS (SELECT 1 FROM unit_and_ancestors_on(u.id, x.on_date) a(id)
            WHERE a.id = ANY(${roots}::int[]))`;
  await sql`CREATE TEMP TABLE import_units ON COMMIT DROP AS
    WITH x AS (
      SELECT s.org_unit AS ref, k."onDate" AS on_date
      FROM import_staging s JOIN import_keys k ON k."dataSet" = s.data_set AND k.period = s.period
      WHERE s.org_unit IS NOT NULL
      GROUP BY 1, 2
    )
    SELECT x.ref, x.on_date, u.id AS unit_id, u.kind, ${inScope} AS in_scope
    FROM x LEFT JOIN units u ON ${match}`.execute(tx);
  await sql`ANALYZE import_units`.execute(tx);
}

/** The first staged row (in file order) whose unit exists but lies outside the caller's scope. */
export async function findFirstOutOfScope(tx: Tx): Promise<{ row: number; orgUnit: string } | null> {
  const { rows } = await sql<{ row: number; orgUnit: string }>`
    SELECT s.row, s.org_unit FROM import_staging s
    JOIN import_keys k ON k."dataSet" = s.data_set AND k.period = s.period
    JOIN import_units u ON u.ref = s.org_unit AND u.on_date = k."onDate"
    WHERE s.data_element IS NOT NULL AND u.unit_id IS NOT NULL AND NOT u.in_scope
    ORDER BY s.row LIMIT 1`.execute(tx);
  return rows[0] ?? null;
}

/**
 * A staged row as the cursor hands it (an array: no object per row): its position,
 * cell, option, value and value type, the index of its resolved (form, period) pair
 * (null when the form or period is unknown), its unit and the unit's kind, its unit
 * reference, and its data set and period references when they did not resolve.
 */
export type StagedRow = [
  row: number,
  dataElement: string | null,
  option: string | null,
  value: string | null,
  valueType: string | null,
  key: number | null,
  unitId: number | null,
  kind: string | null,
  orgUnit: string | null,
  dataSet: string | null,
  period: string | null,
];

/**
 * Opens a cursor over the staged rows in report order ((form, period) pair, unit, then
 * file order), so that each report's rows come together and the reports can be decided
 * and written in bounded chunks; rows that name no form, period or unit come last.
 */
export async function openStagedCursor(tx: Tx): Promise<void> {
  await sql`DECLARE import_rows NO SCROLL CURSOR FOR
    SELECT s.row, s.data_element, s.option, s.value, s.value_type, k.key, u.unit_id, u.kind, s.org_unit,
      CASE WHEN k.key IS NULL THEN s.data_set END, CASE WHEN k.key IS NULL THEN s.period END
    FROM import_staging s
    LEFT JOIN import_keys k ON k."dataSet" = s.data_set AND k.period = s.period
    LEFT JOIN import_units u ON u.ref = s.org_unit AND u.on_date = k."onDate"
    ORDER BY k.key, u.unit_id, s.row`.execute(tx);
}

/**
 * The cursor's sort runs at its first `FETCH`, with the `work_mem` then in force: 4 MB by default
 * spilled a 60,000-row file's sort to disk (an external merge). The first fetch is given up to
 * {@link SORT_MEMORY} (a cap: a larger file still spills), and the setting is put back after it.
 */
const SORT_MEMORY = '64MB';

export async function fetchStagedRows(tx: Tx, count: number, first = false): Promise<StagedRow[]> {
  if (!first) return (await queryArrays(tx, `FETCH FORWARD ${Math.trunc(count)} FROM import_rows`)) as StagedRow[];
  const [[before]] = (await queryArrays(
    tx,
    `SELECT current_setting('work_mem'), set_config('work_mem', '${SORT_MEMORY}', true)`,
  )) as [[string]];
  try {
    return (await queryArrays(tx, `FETCH FORWARD ${Math.trunc(count)} FROM import_rows`)) as StagedRow[];
  } finally {
    await sql`SELECT set_config('work_mem', ${before}, true)`.execute(tx);
  }
}

export async function closeStagedCursor(tx: Tx): Promise<void> {
  await sql`CLOSE import_rows`.execute(tx);
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

/**
 * The stored reports among the keys, with their current revision's values (locked against
 * concurrent writes when `forUpdate`). Only the keys of (regime, form, period) slices that hold any
 * stored report are looked up one by one: a first import of history finds none, and 5,000 index
 * probes that found nothing were ≈ a tenth of a chunk's PostgreSQL time (one probe per slice
 * instead, on `submissions_regime_period`).
 */
export async function findStoredReports(
  db: Reader,
  keys: { regimeId: number; formId: number; unitId: number; periodId: string }[],
  forUpdate: boolean,
): Promise<StoredReport[]> {
  if (keys.length === 0) return [];
  const slices = new Map<string, { regimeId: number; formId: number; periodId: string }>();
  for (const k of keys) {
    const slice = `${k.formId}|${k.periodId}`;
    if (!slices.has(slice)) slices.set(slice, { regimeId: k.regimeId, formId: k.formId, periodId: k.periodId });
  }
  const { rows: held } = await sql<{ formId: number; periodId: string }>`
    SELECT p."formId", p."periodId"
    FROM jsonb_to_recordset(${recordset([...slices.values()])}::jsonb) AS p("regimeId" int, "formId" int, "periodId" text)
    WHERE EXISTS (SELECT 1 FROM submissions s
      WHERE s.regime_id = p."regimeId" AND s.period_id = p."periodId" AND s.form_id = p."formId")`.execute(db);
  if (held.length === 0) return [];
  const holding = new Set(held.map((h) => `${h.formId}|${h.periodId}`));
  const probed = keys
    .filter((k) => holding.has(`${k.formId}|${k.periodId}`))
    .map((k) => ({ formId: k.formId, unitId: k.unitId, periodId: k.periodId }));
  const { rows } = await sql<StoredReport>`
    SELECT s.id, s.form_id, s.unit_id, s.period_id, s.state, s.revision_count, r.values
    FROM jsonb_to_recordset(${recordset(probed)}::jsonb) AS k("formId" int, "unitId" int, "periodId" text)
    JOIN submissions s ON s.form_id = k."formId" AND s.unit_id = k."unitId" AND s.period_id = k."periodId"
    LEFT JOIN submission_revisions r ON r.id = s.current_revision_id
    ${forUpdate ? sql`FOR UPDATE OF s` : sql``}`.execute(db);
  return rows;
}

/**
 * The consolidating ancestors of groups of (unit, date) pairs in one hierarchy:
 * for each group, the union of its units' ancestors on their dates with each
 * ancestor's depth from the root. The walk up is over distinct (group, date,
 * ancestor) rows, so 20,000 communes of one district on 20 days climb as 20 rows,
 * not 60,000 (a file's queue is per distinct report, not per value or per pair).
 */
export async function findGroupAncestors(
  db: Reader,
  hierarchy: string,
  items: { group: number; unitId: number; onDate: string }[],
): Promise<Map<number, { id: number; kind: string; depth: number }[]>> {
  const found = new Map<number, { id: number; kind: string; depth: number }[]>();
  if (items.length === 0) return found;
  const { rows } = await sql<{ grp: number; id: number; kind: string; depth: number }>`
    WITH RECURSIVE x AS (
      SELECT DISTINCT i."group" AS grp, i."unitId" AS unit_id, i."onDate" AS on_date
      FROM jsonb_to_recordset(${recordset(items)}::jsonb) AS i("group" int, "unitId" int, "onDate" date)
    ), up(grp, on_date, id) AS (
      SELECT DISTINCT x.grp, x.on_date, p.parent_id FROM x
      JOIN unit_parents p ON p.unit_id = x.unit_id AND p.hierarchy = ${hierarchy}
        AND daterange(p.valid_from, p.valid_to, '[]') @> x.on_date
      UNION
      SELECT up.grp, up.on_date, p.parent_id FROM up
      JOIN unit_parents p ON p.unit_id = up.id AND p.hierarchy = ${hierarchy}
        AND daterange(p.valid_from, p.valid_to, '[]') @> up.on_date
    ), chain(grp, on_date, id, at, n) AS (
      SELECT grp, on_date, id, id, 0 FROM up
      UNION ALL
      SELECT c.grp, c.on_date, c.id, p.parent_id, c.n + 1 FROM chain c
      JOIN unit_parents p ON p.unit_id = c.at AND p.hierarchy = ${hierarchy}
        AND daterange(p.valid_from, p.valid_to, '[]') @> c.on_date
      WHERE c.n < 16
    )
    SELECT c.grp, c.id, u.kind, max(c.n)::int AS depth
    FROM chain c JOIN units u ON u.id = c.id
    GROUP BY c.grp, c.id, u.kind`.execute(db);
  for (const r of rows) {
    const list = found.get(r.grp);
    if (list) list.push({ id: r.id, kind: r.kind, depth: r.depth });
    else found.set(r.grp, [{ id: r.id, kind: r.kind, depth: r.depth }]);
  }
  return found;
}

export interface ReportWrite {
  /** The stored submission (null for a new one: its id is drawn by the write). */
  submissionId: number | null;
  regimeId: number;
  formId: number;
  versionId: number;
  unitId: number;
  periodId: string;
  number: number;
  /** The revision count read (null for a new submission): the update applies only if unchanged since. */
  expectedCount: number | null;
  values: CellValues;
}

/**
 * Writes imported reports in one statement: new submissions inserted, stored ones
 * moved to `submitted` with the merged values as their draft, and one immutable
 * revision each on the `import` channel, never late (back-filled history is
 * imported, not overdue). The ids are drawn inside the statement (a round trip of
 * 2 × n `nextval`s per file cost as much as the write), from sequences looked up once per
 * statement: `pg_get_serial_sequence` per row searched the catalogue twice per report, a
 * quarter of the statement's time. Returns how many
 * submissions it changed, the submissions' ids and the lowest revision id.
 */
export async function writeImportedReports(
  tx: Tx,
  writes: ReportWrite[],
  userId: number,
  channel: 'import' | 'connector' = 'import',
): Promise<{ changed: number; submissionIds: number[]; firstRevisionId: number | null }> {
  if (writes.length === 0) return { changed: 0, submissionIds: [], firstRevisionId: null };
  const { rows } = await sql<{ changed: number; submissionIds: string[]; firstRevisionId: string | null }>`
    WITH given AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) AS x("submissionId" bigint,
        "regimeId" int, "formId" int, "versionId" int, "unitId" int, "periodId" text, number int,
        "expectedCount" int, values jsonb)
    ), seq AS MATERIALIZED (
      SELECT pg_get_serial_sequence('submissions', 'id')::regclass AS submissions,
        pg_get_serial_sequence('submission_revisions', 'id')::regclass AS revisions
    ), input AS MATERIALIZED (
      SELECT g.*, g."submissionId" IS NULL AS "isNew",
        coalesce(g."submissionId", nextval(seq.submissions)) AS sid, nextval(seq.revisions) AS rid
      FROM given g, seq
    ), created AS (
      INSERT INTO submissions (id, regime_id, form_id, form_version_id, unit_id, period_id, state, draft, draft_version,
        draft_updated_at, draft_updated_by, current_revision_id, revision_count)
      SELECT sid, "regimeId", "formId", "versionId", "unitId", "periodId", 'submitted', values, 1,
        now(), ${userId}::int, rid, number
      FROM input WHERE "isNew"
      RETURNING id
    ), updated AS (
      UPDATE submissions s SET state = 'submitted', draft = i.values, draft_version = s.draft_version + 1,
        draft_updated_at = now(), draft_updated_by = ${userId}::int, current_revision_id = i.rid,
        revision_count = i.number, form_version_id = i."versionId", is_nil = false
      FROM input i
      WHERE NOT i."isNew" AND s.id = i.sid AND s.revision_count = i."expectedCount"
      RETURNING s.id
    ), revisions AS (
      INSERT INTO submission_revisions (id, submission_id, number, form_version_id, values, channel, submitted_by,
        submitted_at, minutes_late)
      SELECT rid, sid, number, "versionId", values, ${channel}::text, ${userId}::int, now(), 0
      FROM input
      RETURNING 1
    )
    SELECT ((SELECT count(*) FROM created) + (SELECT count(*) FROM updated))::int AS changed,
      (SELECT array_agg(sid ORDER BY rid) FROM (SELECT sid, rid FROM input ORDER BY rid LIMIT 1000) f)::text[] AS submission_ids,
      (SELECT min(rid) FROM input)::text AS first_revision_id,
      (SELECT count(*) FROM revisions) AS written`.execute(tx);
  const row = rows[0]!;
  return {
    changed: row.changed,
    submissionIds: (row.submissionIds ?? []).map(Number),
    firstRevisionId: row.firstRevisionId === null ? null : Number(row.firstRevisionId),
  };
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
  job: {
    userId: number;
    format: ImportFormat;
    dryRun: boolean;
    byteSize: number;
    status: 'queued' | 'done';
    /** An import answered at once is recorded done, with its summary. */
    summary?: { counts: { rows: number } };
  },
): Promise<number> {
  const row = await tx
    .insertInto('importJobs')
    .values({
      userId: job.userId,
      format: job.format,
      dryRun: job.dryRun,
      byteSize: job.byteSize,
      status: job.status,
      ...(job.summary
        ? {
            summary: JSON.stringify(job.summary),
            totalRows: job.summary.counts.rows,
            processedRows: job.summary.counts.rows,
            startedAt: sql<Date>`now()`,
            finishedAt: sql<Date>`now()`,
          }
        : {}),
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

export interface ImportHistoryRow {
  id: number;
  format: string;
  dryRun: boolean;
  status: string;
  userName: string;
  unitName: string | null;
  byteSize: number;
  totalRows: number;
  processedRows: number;
  summary: unknown;
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * The newest imports of the users of the caller's units: those whose unit lies in
 * one of the capture roots' subtrees (every import for a system administrator).
 */
export async function listImportHistory(
  db: Reader,
  scope: { all: boolean; roots: number[] },
  limit: number,
): Promise<ImportHistoryRow[]> {
  if (!scope.all && scope.roots.length === 0) return [];
  const { rows } = await sql<ImportHistoryRow>`
    SELECT j.id::int AS id, j.format, j.dry_run, j.status, u.display_name AS user_name, un.name AS unit_name,
      j.byte_size::int AS byte_size, j.total_rows, j.processed_rows, j.summary, j.created_at, j.finished_at
    FROM import_jobs j
    JOIN users u ON u.id = j.user_id
    LEFT JOIN units un ON un.id = u.unit_id
    WHERE ${scope.all ? sql`true` : sql`EXISTS (SELECT 1 FROM unit_closure c WHERE c.descendant_id = u.unit_id AND c.ancestor_id = ANY(${scope.roots}::int[]))`}
    ORDER BY j.id DESC
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** An import runs under a savepoint: a rejected one (or one that failed half-way) rolls back to it whole. */
export async function beginImportSavepoint(tx: Tx): Promise<void> {
  await sql`SAVEPOINT import_file`.execute(tx);
}

export async function rollbackImportSavepoint(tx: Tx): Promise<void> {
  await sql`ROLLBACK TO SAVEPOINT import_file`.execute(tx);
  await sql`RELEASE SAVEPOINT import_file`.execute(tx);
}

export async function releaseImportSavepoint(tx: Tx): Promise<void> {
  await sql`RELEASE SAVEPOINT import_file`.execute(tx);
}
