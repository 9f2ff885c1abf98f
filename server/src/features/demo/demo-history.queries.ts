/**
 * The set-based SQL of the demonstration history (demo-history.ts says what it
 * generates and why). Every pattern is a deterministic hash of (unit, period), so
 * the same database is generated on every machine, and a statement writes a whole
 * level of the tree at once: the per-report path took 75 s for 7 days.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

/** A form of the regime, reported by units of `kind` (own entries when the kind consolidates). */
export interface FormKindSpec {
  formId: number;
  versionId: number;
  kind: string;
  own: boolean;
}

/** How one input cell is generated: `base(seed unit, seed) × factor`, see demo-history.ts. */
export interface CellSpec {
  formId: number;
  key: string;
  seed: string;
  factor: number;
  /** Seeded by the district (the parent of an agency, or the district itself for its own entries): a cross-source pair (B11 ↔ B03, B08) then agrees within a district. */
  byParent: boolean;
  /** The treasury's side of a cross-source pair: off by a few per cent in one district of eight. */
  mismatch: boolean;
  /** A monthly flow rather than a cumulative stock: varies from period to period. */
  flow: boolean;
}

/** When a kind of unit may send and is due, by the regime's schedule for the period. */
export interface KindWindow {
  kind: string;
  opensAt: string;
  dueAt: string;
}

interface PeriodArgs {
  regimeId: number;
  periodId: string;
  hierarchy: string;
  onDate: string;
  userId: number;
}

const RETURN_REASONS = [
  'Số liệu chưa khớp với sổ theo dõi, đề nghị kiểm tra lại.',
  'Số người được duyệt lớn hơn thực tế chi trả trong ngày, đề nghị rà soát.',
  'Thiếu số liệu lũy kế của ngày trước, đề nghị bổ sung.',
  'Số tiền chưa khớp với chứng từ của Kho bạc, đề nghị đối chiếu.',
];

/**
 * The reports the entry units (and the consolidating units' own entries) of one
 * regime period get, in a temporary table: outcome, times and values. Outcomes by
 * the hash of (unit, period): 3 % missing, 1.5 % a draft never sent, 1.5 % returned
 * and not yet corrected, 5 % returned then sent again, 14 % late (40 % for the few
 * units in the habit), the rest on time; 40 % of what was sent is accepted.
 */
export async function planEntryReports(
  tx: Tx,
  args: PeriodArgs & { forms: FormKindSpec[]; cells: CellSpec[]; windows: KindWindow[] },
) {
  await sql`CREATE TEMP TABLE demo_reports ON COMMIT DROP AS
    WITH fk AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(args.forms)}::jsonb)
        AS x("formId" int, "versionId" int, kind text, own boolean)
    ), win AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(args.windows)}::jsonb)
        AS x(kind text, "opensAt" timestamptz, "dueAt" timestamptz)
    ), cells AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(args.cells)}::jsonb)
        AS x("formId" int, key text, seed text, factor float8, "byParent" boolean, mismatch boolean, flow boolean)
    ), units_on AS (
      SELECT u.id AS unit_id, u.kind, p.parent_id
      FROM unit_parents p JOIN units u ON u.id = p.unit_id
      WHERE p.hierarchy = ${args.hierarchy} AND daterange(p.valid_from, p.valid_to, '[]') @> ${args.onDate}::date
        AND u.kind IN (SELECT kind FROM fk)
    ), base AS (
      SELECT u.unit_id, u.parent_id, fk."formId" AS form_id, fk."versionId" AS version_id, fk.own,
        win."opensAt" AS opens_at, win."dueAt" AS due_at,
        abs(hashtextextended(u.unit_id || '/' || ${args.periodId}, 11)) % 1000 AS pattern,
        abs(hashtextextended(u.unit_id || '/' || fk."formId" || '/' || ${args.periodId}, 12)) AS noise,
        abs(hashtextextended(u.unit_id::text, 13)) % 100 AS habit
      FROM units_on u JOIN fk ON fk.kind = u.kind JOIN win ON win.kind = u.kind
    ), outcome AS (
      SELECT base.*,
        CASE
          WHEN pattern < 30 THEN 'missing'
          WHEN own THEN 'own'
          WHEN pattern < 45 THEN 'draft'
          WHEN pattern < 60 THEN 'returned'
          WHEN pattern < 110 THEN 'resubmitted'
          WHEN pattern < 250 OR (habit < 8 AND pattern < 650) THEN 'late'
          ELSE 'on_time'
        END AS outcome,
        -- A first send inside the window (10–40 % of it), a review 10–40 minutes later, a
        -- correction 15–75 minutes after that.
        opens_at + (due_at - opens_at) * (0.1 + (noise % 31) / 100.0) AS first_at,
        (10 + noise % 31) * interval '1 minute' AS review_after,
        (15 + (noise / 7) % 61) * interval '1 minute' AS correct_after
      FROM base
    )
    SELECT o.*,
      CASE o.outcome
        WHEN 'on_time' THEN o.opens_at + (o.due_at - o.opens_at) * (0.15 + (o.noise % 81) / 100.0)
        WHEN 'late' THEN o.due_at + (1 + o.noise % 150) * interval '1 minute'
        WHEN 'resubmitted' THEN o.first_at + o.review_after + o.correct_after
        ELSE o.first_at
      END AS last_at,
      CASE WHEN o.outcome IN ('on_time', 'late') AND o.noise % 5 < 2 THEN 'accepted'
        WHEN o.outcome = 'returned' THEN 'returned'
        ELSE 'submitted' END AS review_state,
      CASE (o.noise / 11) % 10 WHEN 7 THEN 'excel' WHEN 8 THEN 'excel' WHEN 9 THEN 'api' ELSE 'web' END AS channel,
      (ARRAY[${sql.join(RETURN_REASONS)}])[1 + (o.noise / 13) % ${RETURN_REASONS.length}] AS return_reason,
      (SELECT jsonb_object_agg(c.key, floor(
          (20 + abs(hashtextextended(CASE WHEN c."byParent" AND NOT o.own THEN o.parent_id ELSE o.unit_id END || '/' || c.seed, 14)) % 180)
          * c.factor
          * CASE WHEN c.flow THEN 0.7 + (o.noise % 61) / 100.0 ELSE 1 END
          * CASE WHEN c.mismatch AND abs(hashtextextended(o.parent_id || '/' || ${args.periodId}, 15)) % 8 = 0
              THEN 1.04 ELSE 1 END))
        FROM cells c WHERE c."formId" = o.form_id) AS final_values,
      -- Ids drawn beforehand, so a submission and its revisions are written by one statement with no
      -- UPDATE afterwards (the foreign keys are checked at the statement's end).
      nextval(pg_get_serial_sequence('submissions', 'id')) AS submission_id,
      nextval(pg_get_serial_sequence('submission_revisions', 'id')) AS first_revision_id,
      nextval(pg_get_serial_sequence('submission_revisions', 'id')) AS second_revision_id
    FROM outcome o WHERE o.outcome <> 'missing'
      AND NOT EXISTS (SELECT FROM submissions s
        WHERE s.form_id = o.form_id AND s.unit_id = o.unit_id AND s.period_id = ${args.periodId})`.execute(tx);
  // A temporary table has no statistics until analysed: without them the joins below run as nested loops.
  await sql`ANALYZE demo_reports`.execute(tx);
}

/**
 * Writes the planned entry reports: submissions, their revisions (a returned first
 * revision overstated by a fifth, then the corrected one) and the own entries of
 * consolidating units as saved drafts. Returns the counts written.
 */
export async function writeEntryReports(tx: Tx, args: PeriodArgs) {
  const { rows } = await sql<{ submissions: number; revisions: number }>`
    WITH sub AS (
      INSERT INTO submissions (id, regime_id, form_id, form_version_id, unit_id, period_id, state, draft,
        draft_version, draft_updated_at, draft_updated_by, revision_count, current_revision_id, is_demo, created_at)
      SELECT submission_id, ${args.regimeId}, form_id, version_id, unit_id, ${args.periodId},
        CASE outcome WHEN 'own' THEN 'draft' WHEN 'draft' THEN 'draft' WHEN 'returned' THEN 'returned'
          ELSE CASE review_state WHEN 'accepted' THEN 'accepted' ELSE 'submitted' END END,
        CASE outcome WHEN 'returned' THEN (SELECT jsonb_object_agg(key, floor(value::numeric * 1.2))
          FROM jsonb_each_text(final_values)) ELSE final_values END,
        CASE outcome WHEN 'resubmitted' THEN 2 ELSE 1 END,
        last_at, ${args.userId},
        CASE outcome WHEN 'own' THEN 0 WHEN 'draft' THEN 0 WHEN 'resubmitted' THEN 2 ELSE 1 END,
        CASE outcome WHEN 'own' THEN NULL WHEN 'draft' THEN NULL WHEN 'resubmitted' THEN second_revision_id
          ELSE first_revision_id END,
        true, first_at - interval '5 minutes'
      FROM demo_reports
      RETURNING id
    ), rev AS (
      INSERT INTO submission_revisions (id, submission_id, number, form_version_id, values, channel, submitted_by,
        submitted_at, due_at, minutes_late, review_state, reviewed_by, reviewed_at, review_reason)
      SELECT n.id, d.submission_id, n.number, d.version_id, n.values, d.channel, ${args.userId}, n.at, d.due_at,
        greatest(0, ceil(extract(epoch FROM n.at - d.due_at) / 60))::int,
        n.review_state, CASE WHEN n.review_state = 'submitted' THEN NULL ELSE ${args.userId}::int END,
        CASE WHEN n.review_state = 'submitted' THEN NULL ELSE n.reviewed_at END,
        CASE WHEN n.review_state = 'returned' THEN d.return_reason END
      FROM demo_reports d
      CROSS JOIN LATERAL (VALUES
        -- The first revision: the only one, or the one that was returned.
        (d.first_revision_id, 1, CASE WHEN d.outcome IN ('returned', 'resubmitted')
              THEN (SELECT jsonb_object_agg(key, floor(value::numeric * 1.2)) FROM jsonb_each_text(d.final_values))
              ELSE d.final_values END,
            CASE WHEN d.outcome IN ('returned', 'resubmitted') THEN d.first_at ELSE d.last_at END,
            CASE WHEN d.outcome IN ('returned', 'resubmitted') THEN 'returned' ELSE d.review_state END,
            CASE WHEN d.outcome IN ('returned', 'resubmitted') THEN d.first_at + d.review_after
              ELSE greatest(d.last_at, d.due_at) + d.review_after END),
        (d.second_revision_id, 2, d.final_values, d.last_at, 'submitted', NULL::timestamptz)
      ) AS n(id, number, values, at, review_state, reviewed_at)
      WHERE d.outcome NOT IN ('own', 'draft') AND (n.number = 1 OR d.outcome = 'resubmitted')
      RETURNING id
    )
    SELECT (SELECT count(*) FROM sub)::int AS submissions, (SELECT count(*) FROM rev)::int AS revisions`.execute(tx);
  return rows[0]!;
}

/** The consolidating units of the regime on the date, with their depth below the root. */
export async function findConsolidatingUnits(
  db: Db | Tx,
  args: { hierarchy: string; onDate: string; kinds: string[] },
) {
  const { rows } = await sql<{ id: number; kind: string; depth: number }>`
    WITH RECURSIVE down(id, kind, depth) AS (
      SELECT u.id, u.kind, 0 FROM units u
      WHERE u.kind = 'government' AND daterange(u.valid_from, u.valid_to, '[]') @> ${args.onDate}::date
      UNION ALL
      SELECT c.id, c.kind, down.depth + 1
      FROM down JOIN unit_parents p ON p.parent_id = down.id JOIN units c ON c.id = p.unit_id
      WHERE p.hierarchy = ${args.hierarchy} AND daterange(p.valid_from, p.valid_to, '[]') @> ${args.onDate}::date
        AND c.kind IN (${sql.join(args.kinds)})
    )
    SELECT id, kind, depth FROM down ORDER BY depth DESC, id`.execute(db);
  return rows;
}

/**
 * Sends the consolidating units' figures up (the root receives, it does not send):
 * a revision on the `consolidation` channel carrying the live figures and their
 * contributors, as a send from the consolidation page records them. By the hash of
 * (unit, period): 2.5 % never sent, 12.5 % late, the rest on time; a third accepted
 * by the level above.
 */
export async function writeSendUps(
  tx: Tx,
  args: PeriodArgs & { forms: { formId: number; versionId: number }[]; windows: KindWindow[]; unitIds: number[] },
) {
  if (args.unitIds.length === 0) return { submissions: 0, revisions: 0 };
  await sql`CREATE TEMP TABLE demo_sends ON COMMIT DROP AS
    WITH win AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(args.windows)}::jsonb)
        AS x(kind text, "opensAt" timestamptz, "dueAt" timestamptz)
    ), fv AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(args.forms)}::jsonb) AS x("formId" int, "versionId" int)
    ), plan AS (
      SELECT c.unit_id, c.form_id, fv."versionId" AS version_id, c.values,
        jsonb_build_object('contributors', c.contributors, 'maxRevision', c.source_max_revision) AS contains,
        win."dueAt" AS due_at,
        CASE WHEN h.pattern < 25 THEN NULL
          WHEN h.pattern < 150 THEN win."dueAt" + (1 + h.noise % 90) * interval '1 minute'
          ELSE win."opensAt" + (win."dueAt" - win."opensAt") * (0.2 + (h.noise % 76) / 100.0)
        END AS sent_at,
        h.noise % 3 = 0 AS accepted
      FROM consolidations c
      JOIN units u ON u.id = c.unit_id
      JOIN win ON win.kind = u.kind
      JOIN fv ON fv."formId" = c.form_id
      CROSS JOIN LATERAL (SELECT
        abs(hashtextextended(c.unit_id || '/' || ${args.periodId}, 21)) % 1000 AS pattern,
        abs(hashtextextended(c.unit_id || '/' || c.form_id || '/' || ${args.periodId}, 22)) AS noise) h
      WHERE c.form_id IN (SELECT "formId" FROM fv) AND c.period_id = ${args.periodId}
        AND c.unit_id IN (${sql.join(args.unitIds)})
    )
    SELECT plan.*, own.id AS own_id,
      coalesce(own.id, nextval(pg_get_serial_sequence('submissions', 'id'))) AS submission_id,
      nextval(pg_get_serial_sequence('submission_revisions', 'id')) AS revision_id
    FROM plan
    -- The unit's own entries (a saved draft) are the submission its send turns into.
    LEFT JOIN submissions own ON own.form_id = plan.form_id AND own.unit_id = plan.unit_id
      AND own.period_id = ${args.periodId} AND own.is_demo AND own.revision_count = 0
    WHERE plan.sent_at IS NOT NULL
      AND NOT EXISTS (SELECT FROM submissions s WHERE s.form_id = plan.form_id AND s.unit_id = plan.unit_id
        AND s.period_id = ${args.periodId} AND NOT (s.is_demo AND s.revision_count = 0))`.execute(tx);
  await sql`ANALYZE demo_sends`.execute(tx);

  const { rows } = await sql<{ submissions: number; revisions: number }>`
    WITH sent AS (
      UPDATE submissions s SET state = CASE WHEN d.accepted THEN 'accepted' ELSE 'submitted' END,
        revision_count = 1, current_revision_id = d.revision_id
      FROM demo_sends d WHERE d.own_id IS NOT NULL AND s.id = d.own_id
      RETURNING s.id
    ), sub AS (
      INSERT INTO submissions (id, regime_id, form_id, form_version_id, unit_id, period_id, state, revision_count,
        current_revision_id, is_demo, created_at)
      SELECT submission_id, ${args.regimeId}, form_id, version_id, unit_id, ${args.periodId},
        CASE WHEN accepted THEN 'accepted' ELSE 'submitted' END, 1, revision_id, true, sent_at - interval '10 minutes'
      FROM demo_sends WHERE own_id IS NULL
      RETURNING id
    ), rev AS (
      INSERT INTO submission_revisions (id, submission_id, number, form_version_id, values, channel, submitted_by,
        submitted_at, due_at, minutes_late, contains, review_state, reviewed_by, reviewed_at)
      SELECT s.revision_id, s.submission_id, 1, s.version_id, s.values, 'consolidation', ${args.userId}, s.sent_at,
        s.due_at, greatest(0, ceil(extract(epoch FROM s.sent_at - s.due_at) / 60))::int, s.contains,
        CASE WHEN s.accepted THEN 'accepted' ELSE 'submitted' END,
        CASE WHEN s.accepted THEN ${args.userId}::int END,
        CASE WHEN s.accepted THEN s.sent_at + interval '20 minutes' END
      FROM demo_sends s
      RETURNING id
    )
    -- The own entries' submissions were counted when written; sent is run all the same (as every
    -- data-modifying WITH is).
    SELECT (SELECT count(*) FROM sub)::int AS submissions, (SELECT count(*) FROM rev)::int AS revisions`.execute(tx);
  return rows[0]!;
}

/** One loader at a time per database: a second would only take both job slots of a 2-core server. */
export async function lockLoader(tx: Tx): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(740_2021) AS locked`.execute(tx);
  return rows[0]?.locked === true;
}

/**
 * The plan's next period to generate, locked for this loader: the `first` ones in order (the
 * day the web app offers as the day with demo data, the day before), then newest first, daily
 * history before monthly.
 */
export async function takeNextPeriod(tx: Tx, first: string[]) {
  return tx
    .selectFrom('demoHistoryPeriods as d')
    .innerJoin('regimes as r', 'r.id', 'd.regimeId')
    .select(['d.regimeId', 'd.periodId', 'r.code'])
    .where('d.loadedAt', 'is', null)
    .orderBy(sql`array_position(${first}::text[], d.period_id) NULLS LAST`)
    .orderBy(sql`length(d.period_id) DESC`)
    .orderBy('d.periodId', 'desc')
    .limit(1)
    .forUpdate(['d'])
    .skipLocked()
    .executeTakeFirst();
}

export async function markPeriodLoaded(
  tx: Tx,
  row: { regimeId: number; periodId: string; loadMs: number; submissions: number; revisions: number },
) {
  await tx
    .updateTable('demoHistoryPeriods')
    .set({
      loadedAt: sql`clock_timestamp()`,
      loadMs: row.loadMs,
      submissions: row.submissions,
      revisions: row.revisions,
    })
    .where('regimeId', '=', row.regimeId)
    .where('periodId', '=', row.periodId)
    .execute();
}

export async function insertPlan(db: Db, rows: { regimeId: number; periodId: string }[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('demoHistoryPeriods')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function hasPlan(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('demoHistoryPeriods').select('regimeId').limit(1).executeTakeFirst());
}

/** Progress of the plan, per regime. */
export async function findPlanProgress(db: Db) {
  return db
    .selectFrom('demoHistoryPeriods as d')
    .innerJoin('regimes as r', 'r.id', 'd.regimeId')
    .select((eb) => [
      'r.code',
      eb.fn.countAll<number>().as('planned'),
      eb.fn.count<number>('d.loadedAt').as('loaded'),
      eb.fn.min('d.periodId').as('firstPeriod'),
      eb.fn.max('d.periodId').as('lastPeriod'),
    ])
    .groupBy('r.code')
    .orderBy('r.code')
    .execute();
}
