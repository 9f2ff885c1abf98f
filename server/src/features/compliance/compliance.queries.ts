/**
 * The SQL of compliance: one statement judges every (unit, form, period) a regime
 * expects under a root, walking the hierarchy as it stood on each period's first
 * day, and groups the judgements per unit and period (the board) or per unit and
 * per period (the statistics). What only the domain can compute — each period's
 * deadlines per unit kind, from the regime version and the holidays — comes in as
 * jsonb parameters, so the statement text never changes with the number of periods.
 */
import { type ComplianceStatus, complianceStatuses } from '@baocao/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** One period to judge, and the date its hierarchy is read on (its first day). */
export interface JudgedPeriod {
  periodId: string;
  onDate: string;
}

/** Which unit kinds owe which form. */
export interface Duty {
  formId: number;
  kind: string;
}

/** The due and closing instants of a period for a unit kind (no row: the kind has no schedule). */
export interface Deadline {
  periodId: string;
  kind: string;
  dueAt: string;
  closesAt: string;
}

export interface Judging {
  regimeId: number;
  hierarchy: string;
  rootId: number;
  periods: JudgedPeriod[];
  duties: Duty[];
  deadlines: Deadline[];
  level: string | null;
  /** The instant statuses are judged at (epoch ms). */
  now: number;
  /** Periods are judged only where the root lies inside these subtrees on the period's date; null: everywhere. */
  viewRoots: number[] | null;
}

const STATUS_ARRAY = sql.raw(`ARRAY[${complianceStatuses.map((s) => `'${s}'`).join(', ')}]::text[]`);

/** Every (unit, period) the regime expects under the root, with the worst status of its forms. */
function unitPeriods(j: Judging): RawBuilder<unknown> {
  const visible =
    j.viewRoots === null
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM unit_and_ancestors_on(${j.rootId}::int, p."onDate") a(id) WHERE a.id = ANY(${j.viewRoots}::int[]))`;
  // Keyed lookups rather than joins: the planner cannot estimate the recursive tree, and a
  // nested loop over jsonb_to_recordset rows per unit cost seconds at national scale.
  const duties: Record<string, number[]> = {};
  for (const d of j.duties) duties[d.kind] = [...(duties[d.kind] ?? []), d.formId];
  const deadlines: Record<string, { dueAt: string; closesAt: string }> = {};
  for (const d of j.deadlines) deadlines[`${d.periodId}|${d.kind}`] = { dueAt: d.dueAt, closesAt: d.closesAt };
  const rank = (column: string) =>
    sql.raw(`CASE ${column} WHEN 'central' THEN 0 WHEN 'province' THEN 1 WHEN 'district' THEN 2 ELSE 3 END`);
  return sql`
    params AS MATERIALIZED (
      SELECT ${JSON.stringify(duties)}::jsonb AS duties, ${JSON.stringify(deadlines)}::jsonb AS deadlines
    ),
    -- The deepest level that owes anything: the walk does not descend below it (a unit's
    -- descendants are never at a higher level than itself).
    bounds AS MATERIALIZED (
      SELECT coalesce(max(${rank('k.level')}), 3) AS deepest
      FROM unit_kinds k, params WHERE params.duties ? k.code
    ),
    periods AS (
      SELECT p."periodId" AS period_id, p."onDate" AS on_date
      FROM jsonb_to_recordset(${JSON.stringify(j.periods)}::jsonb) AS p("periodId" text, "onDate" date)
      WHERE ${visible}
    ),
    -- The tree walked once for the whole range: each path carries the dates all its links
    -- are valid on, so a unit moved mid-range appears once per parent with the dates under
    -- it; each period then takes the paths valid on its first day.
    tree(id, parent_id, valid, depth) AS (
      SELECT ${j.rootId}::int, NULL::int, daterange(min(on_date), max(on_date), '[]'), 0 FROM periods HAVING count(*) > 0
      UNION ALL
      SELECT p.unit_id, p.parent_id, t.valid * daterange(p.valid_from, p.valid_to, '[]'), t.depth + 1
      FROM tree t JOIN unit_parents p ON p.parent_id = t.id AND p.hierarchy = ${j.hierarchy}
        AND daterange(p.valid_from, p.valid_to, '[]') && t.valid
        JOIN units cu ON cu.id = p.unit_id JOIN unit_kinds ck ON ck.code = cu.kind
      WHERE t.depth < 16 AND ${rank('ck.level')} <= (SELECT deepest FROM bounds)
    ),
    placed AS MATERIALIZED (
      SELECT pe.period_id, pe.on_date, t.id, t.parent_id
      FROM periods pe JOIN tree t ON t.valid @> pe.on_date
    ),
    -- Materialized so the grouping sorts narrow rows: inlined, the jsonb parameters rode
    -- along into the sort (gigabytes on disk for a month of the daily regime).
    judged AS MATERIALIZED (
      SELECT t.period_id, t.on_date, t.id AS unit_id, t.parent_id, u.kind, k.level, f.form_id,
        dl.due_at, first.submitted_at, coalesce(first.minutes_late, 0) AS minutes_late,
        coalesce(s.revision_count, 0) > 0 AS sent, ex.id AS exemption_id, ex.reason AS exemption_reason,
        CASE
          WHEN ex.reason IS NOT NULL THEN 'exempt'
          WHEN s.state = 'returned' THEN 'returned'
          WHEN coalesce(s.revision_count, 0) > 0 AND first.minutes_late > 0 THEN 'late'
          WHEN coalesce(s.revision_count, 0) > 0 AND cur.is_nil THEN 'nothing_to_report'
          WHEN coalesce(s.revision_count, 0) > 0 THEN 'on_time'
          WHEN dl.closes_at IS NOT NULL AND ${new Date(j.now).toISOString()}::timestamptz > dl.closes_at THEN 'missing'
          WHEN dl.due_at IS NOT NULL AND ${new Date(j.now).toISOString()}::timestamptz > dl.due_at THEN 'overdue'
          WHEN s.id IS NOT NULL THEN 'draft'
          ELSE 'not_due'
        END AS status
      FROM placed t
      JOIN units u ON u.id = t.id AND daterange(u.valid_from, u.valid_to, '[]') @> t.on_date
      JOIN unit_kinds k ON k.code = u.kind
      CROSS JOIN params
      CROSS JOIN LATERAL jsonb_array_elements_text(params.duties -> u.kind) AS d(form)
      CROSS JOIN LATERAL (SELECT d.form::int AS form_id, params.deadlines -> (t.period_id || '|' || u.kind) AS deadline) f
      CROSS JOIN LATERAL (
        SELECT (f.deadline ->> 'dueAt')::timestamptz AS due_at, (f.deadline ->> 'closesAt')::timestamptz AS closes_at
      ) dl
      LEFT JOIN submissions s ON s.form_id = f.form_id AND s.unit_id = t.id AND s.period_id = t.period_id
      LEFT JOIN submission_revisions first ON first.submission_id = s.id AND first.number = 1
      LEFT JOIN submission_revisions cur ON cur.id = s.current_revision_id
      LEFT JOIN LATERAL (
        SELECT x.id, x.reason FROM compliance_exemptions x
        WHERE x.regime_id = ${j.regimeId}::int AND x.unit_id = t.id AND x.starts_on <= t.on_date
          AND (x.ends_on IS NULL OR x.ends_on >= t.on_date)
        ORDER BY x.id DESC LIMIT 1
      ) ex ON true
      WHERE (${j.level}::text IS NULL OR k.level = ${j.level}::text)
    ),
    unit_periods AS (
      SELECT period_id, unit_id, min(parent_id) AS parent_id, kind, level,
        (${STATUS_ARRAY})[min(array_position(${STATUS_ARRAY}, status))] AS status,
        count(*)::int AS forms, (count(*) FILTER (WHERE sent))::int AS sent,
        max(submitted_at) AS submitted_at, max(due_at) AS due_at, max(minutes_late)::int AS minutes_late,
        max(exemption_id) AS exemption_id, max(exemption_reason) AS exemption_reason
      FROM judged
      GROUP BY period_id, unit_id, kind, level
    )`;
}

export interface BoardRow {
  unitId: number;
  code: string;
  name: string;
  kind: string;
  level: string;
  parentId: number | null;
  parentName: string | null;
  status: ComplianceStatus;
  forms: number;
  sent: number;
  submittedAt: Date | null;
  dueAt: Date | null;
  minutesLate: number;
  exemptionId: number | null;
  exemptionReason: string | null;
}

/** The board of one period: every expected unit under the root with its status, by code. */
export async function judgeBoard(db: Reader, j: Judging): Promise<BoardRow[]> {
  const result = await sql<BoardRow>`WITH RECURSIVE ${unitPeriods(j)}
    SELECT up.unit_id AS "unitId", u.code, u.name, up.kind, up.level, up.parent_id AS "parentId",
      pu.name AS "parentName", up.status, up.forms, up.sent, up.submitted_at AS "submittedAt",
      up.due_at AS "dueAt", up.minutes_late AS "minutesLate", up.exemption_id AS "exemptionId",
      up.exemption_reason AS "exemptionReason"
    FROM unit_periods up JOIN units u ON u.id = up.unit_id LEFT JOIN units pu ON pu.id = up.parent_id
    ORDER BY u.code, u.id`.execute(db);
  return result.rows;
}

export type StatusCounts = Record<ComplianceStatus, number>;

export interface StatsUnitRow extends StatusCounts {
  unitId: number;
  code: string;
  name: string;
  kind: string;
  level: string;
  minutesLate: number;
}

export interface StatsPeriodRow extends StatusCounts {
  periodId: string;
}

const countColumns = sql.join(
  // Aliases without underscores: the camel-case plugin would rename \`on_time\`.
  complianceStatuses.map(
    (s, i) => sql`(count(*) FILTER (WHERE up.status = ${sql.lit(s)}))::int AS ${sql.ref(`count${i}`)}`,
  ),
);

/** The statistics' statement: per unit and per period, how many (unit, period) pairs had each status. */
export function rangeStatement(j: Judging) {
  return sql<
    Record<`count${number}`, number> & {
      unitId: number | null;
      code: string | null;
      name: string | null;
      kind: string | null;
      level: string | null;
      periodId: string | null;
      minutesLate: number;
    }
  >`WITH RECURSIVE ${unitPeriods(j)}
    SELECT up.unit_id AS "unitId", u.code, u.name, up.kind, up.level, up.period_id AS "periodId",
      (coalesce(sum(up.minutes_late), 0))::int AS "minutesLate", ${countColumns}
    FROM unit_periods up JOIN units u ON u.id = up.unit_id
    GROUP BY GROUPING SETS ((up.unit_id, u.code, u.name, up.kind, up.level), (up.period_id))`;
}

/** Per unit and per period over a range: how many (unit, period) pairs had each status. */
export async function judgeRange(db: Reader, j: Judging) {
  const result = await rangeStatement(j).execute(db);
  const units: StatsUnitRow[] = [];
  const periods: StatsPeriodRow[] = [];
  for (const row of result.rows) {
    const counts = Object.fromEntries(complianceStatuses.map((s, i) => [s, row[`count${i}`]])) as StatusCounts;
    if (row.unitId !== null)
      units.push({
        ...counts,
        unitId: row.unitId,
        code: row.code ?? '',
        name: row.name ?? '',
        kind: row.kind ?? '',
        level: row.level ?? '',
        minutesLate: row.minutesLate,
      });
    else if (row.periodId !== null) periods.push({ ...counts, periodId: row.periodId });
  }
  return { units, periods };
}

/** The regime's forms that have a published version, with the unit kinds that enter them. */
export async function findRegimeForms(db: Reader, regimeId: number) {
  const result = await sql<{ id: number; code: string; entryUnitKinds: string[] }>`
    SELECT f.id, f.code, coalesce(ARRAY(SELECT jsonb_array_elements_text(v.definition->'entryUnitKinds')), '{}') AS "entryUnitKinds"
    FROM forms f JOIN form_versions v ON v.form_id = f.id AND v.status = 'published'
    WHERE f.regime_id = ${regimeId}::int ORDER BY f.code, f.id`.execute(db);
  return result.rows;
}

export async function findUnitBrief(db: Reader, unitId: number) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('id', '=', unitId).executeTakeFirst();
}

export async function insertExemption(
  tx: Tx,
  row: {
    unitId: number;
    regimeId: number;
    periodFrom: string;
    periodTo: string | null;
    startsOn: string;
    endsOn: string | null;
    reason: string;
    createdBy: number;
  },
) {
  return tx.insertInto('complianceExemptions').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Exemptions of a regime for units inside the subtrees (all when `viewRoots` is null). */
export async function findExemptions(
  db: Reader,
  query: { regimeId: number; unitId?: number | undefined; viewRoots: number[] | null },
) {
  let q = db
    .selectFrom('complianceExemptions as x')
    .innerJoin('units as u', 'u.id', 'x.unitId')
    .innerJoin('users as c', 'c.id', 'x.createdBy')
    .select([
      'x.id',
      'x.regimeId',
      'x.unitId',
      'u.code',
      'u.name',
      'x.periodFrom',
      'x.periodTo',
      'x.reason',
      'c.displayName as createdByName',
      'x.createdAt',
    ])
    .where('x.regimeId', '=', query.regimeId);
  if (query.unitId !== undefined) q = q.where('x.unitId', '=', query.unitId);
  if (query.viewRoots !== null) {
    const roots = query.viewRoots.length > 0 ? query.viewRoots : [0];
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM unit_closure uc WHERE uc.ancestor_id IN (${sql.join(roots)}) AND uc.descendant_id = x.unit_id)`,
    );
  }
  return q.orderBy('u.code').orderBy('x.id').limit(1000).execute();
}

export async function findExemption(db: Reader, id: number) {
  return db.selectFrom('complianceExemptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteExemption(tx: Tx, id: number) {
  await tx.deleteFrom('complianceExemptions').where('id', '=', id).execute();
}

/**
 * The regime in force that a unit has sent the most reports of, with the latest period it sent;
 * undefined when it has sent none (served by the submissions' unit index).
 */
export async function findMostReportedRegime(db: Reader, unitId: number) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('regimes as r', 'r.id', 's.regimeId')
    .where('s.unitId', '=', unitId)
    .where('s.state', 'in', ['submitted', 'accepted'])
    .where('r.status', '=', 'active')
    .groupBy('s.regimeId')
    .select(['s.regimeId', sql<string>`max(s.period_id)`.as('periodId'), sql<number>`count(*)::int`.as('reports')])
    .orderBy('reports', 'desc')
    .orderBy('s.regimeId')
    .limit(1)
    .executeTakeFirst();
}
