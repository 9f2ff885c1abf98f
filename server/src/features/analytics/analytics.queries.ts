/**
 * The SQL of analytics: the rollup store's upkeep (called by the consolidation
 * worker) and the reads of a query. Reads take `Db | Tx` so that they can run on
 * the separate analytics connection (`ANALYTICS_DATABASE_URL`, e.g. a replica).
 */
import { sql } from 'kysely';
import { CUSTOM_PLAN, type Db, type Tx } from '../../db/database';

type Reader = Db | Tx;

interface SliceKey {
  formId: number;
  periodId: string;
  periodStart: string;
}

/**
 * Stores slice counts; for entry units (`onlyChanged`) an existing slice is rewritten only when
 * its revision changed. Returns the units whose slice was written, and whether it was created:
 * absent when the statement began (a partitioned table cannot return `xmax`). A slice another
 * transaction inserts meanwhile counts as created, so its rows' insert (`insertEntryRows`) fails
 * on their key and the batch runs again; only the demo history loader writes beside the worker.
 */
export async function upsertEntrySlices(
  tx: Tx,
  slice: SliceKey,
  rows: { unitId: number; parentId: number | null; revisionId: number | null; included: number; expected: number }[],
  onlyChanged: boolean,
): Promise<{ unitId: number; created: boolean }[]> {
  if (rows.length === 0) return [];
  const condition = onlyChanged
    ? sql`WHERE s.source_revision IS DISTINCT FROM excluded.source_revision
          OR s.parent_id IS DISTINCT FROM excluded.parent_id`
    : sql`WHERE s.included <> excluded.included OR s.expected <> excluded.expected`;
  const unitIds = rows.map((r) => r.unitId);
  const result = await sql<{ unitId: number; created: boolean }>`
    WITH existing AS (
      SELECT unit_id FROM analytics_slices
      WHERE form_id = ${slice.formId} AND period_start = ${slice.periodStart}::date AND unit_id = ANY(${unitIds}::int[])
    )
    INSERT INTO analytics_slices AS s (form_id, unit_id, period_start, period_id, parent_id, source_revision, included, expected)
    SELECT ${slice.formId}::int, r.unit_id, ${slice.periodStart}::date, ${slice.periodId}::text, r.parent_id, r.revision_id,
           r.included, r.expected
    FROM unnest(${unitIds}::int[], ${rows.map((r) => r.parentId)}::int[],
                ${rows.map((r) => r.revisionId)}::bigint[], ${rows.map((r) => r.included)}::int[],
                ${rows.map((r) => r.expected)}::int[])
      AS r(unit_id, parent_id, revision_id, included, expected)
    ON CONFLICT (form_id, unit_id, period_start) DO UPDATE SET
      parent_id = excluded.parent_id, source_revision = excluded.source_revision,
      included = excluded.included, expected = excluded.expected, refreshed_at = now()
    ${condition}
    RETURNING s.unit_id AS "unitId", NOT EXISTS (SELECT 1 FROM existing e WHERE e.unit_id = s.unit_id) AS created`.execute(
    tx,
  );
  return result.rows;
}

/** Drops the slices of entry children of these parents that no longer count (a returned report); returns them. */
export async function removeEntrySlices(
  tx: Tx,
  slice: SliceKey,
  parentIds: number[],
  counted: number[],
): Promise<number[]> {
  const result = await sql<{ unitId: number }>`
    DELETE FROM analytics_slices
    WHERE form_id = ${slice.formId} AND period_start = ${slice.periodStart}::date
      AND parent_id = ANY(${parentIds}::int[]) AND source_revision IS NOT NULL
      AND NOT (unit_id = ANY(${counted}::int[]))
    RETURNING unit_id AS "unitId"`.execute(tx);
  return result.rows.map((r) => r.unitId);
}

/**
 * Where a unit's rows live: a consolidating unit's (`rollup`) in `analytics_rollups`, keyed
 * cell-first for the board queries; an entry unit's (`entry`) in `analytics_values`, keyed
 * unit-first so that rewriting its cells touches a few adjacent pages.
 */
export type AnalyticsStore = 'rollup' | 'entry';

const storeTables = {
  rollup: { own: sql.raw('analytics_rollups'), other: sql.raw('analytics_values') },
  entry: { own: sql.raw('analytics_values'), other: sql.raw('analytics_rollups') },
};

/**
 * Makes each unit's rows of the slice equal `cells` in its store: upserts the values that
 * changed, deletes the cells it no longer has, and drops any rows it had in the other store (a
 * unit that changed role), in one statement.
 */
export async function upsertAnalyticsRows(
  tx: Tx,
  slice: SliceKey,
  store: AnalyticsStore,
  units: { unitId: number; cells: [string, number][] }[],
): Promise<void> {
  if (units.length === 0) return;
  const { own, other } = storeTables[store];
  const flat = units.flatMap((u) => u.cells.map(([key, value]) => ({ unitId: u.unitId, key, value })));
  const unitIds = units.map((u) => u.unitId);
  await sql`
    WITH input AS (
      SELECT * FROM unnest(${flat.map((r) => r.unitId)}::int[], ${flat.map((r) => r.key)}::text[],
                           ${flat.map((r) => r.value)}::float8[]) AS i(unit_id, cell_key, value)
    ), upserted AS (
      INSERT INTO ${own} AS v (form_id, cell_key, unit_id, period_start, period_id, value)
      SELECT ${slice.formId}::int, cell_key, unit_id, ${slice.periodStart}::date, ${slice.periodId}::text, value
      FROM input ORDER BY ${store === 'entry' ? sql`unit_id, cell_key` : sql`cell_key, unit_id`}
      ON CONFLICT (form_id, unit_id, period_start, cell_key) DO UPDATE SET value = excluded.value
      WHERE v.value IS DISTINCT FROM excluded.value
    ), moved AS (
      DELETE FROM ${other} o
      WHERE o.form_id = ${slice.formId} AND o.period_start = ${slice.periodStart}::date
        AND o.unit_id = ANY(${unitIds}::int[])
    )
    DELETE FROM ${own} v
    WHERE v.form_id = ${slice.formId} AND v.period_start = ${slice.periodStart}::date
      AND v.unit_id = ANY(${unitIds}::int[])
      AND NOT EXISTS (SELECT 1 FROM input i WHERE i.unit_id = v.unit_id AND i.cell_key = v.cell_key)`.execute(tx);
}

/**
 * Writes the rows of entry units whose slice this transaction created (`upsertEntrySlices`): a
 * unit has rows, in either store, only while it has a slice, so they have none yet and a plain
 * insert does. It costs a third less than the upsert's speculative insertion (1.33 M rows of
 * 3,332 communes × 400 cells: 5.7 s against 8.5 s), which was the bulk of the upkeep.
 */
export async function insertEntryRows(
  tx: Tx,
  slice: SliceKey,
  units: { unitId: number; cells: [string, number][] }[],
): Promise<void> {
  const flat = units.flatMap((u) => u.cells.map(([key, value]) => ({ unitId: u.unitId, key, value })));
  if (flat.length === 0) return;
  await sql`
    INSERT INTO analytics_values (form_id, cell_key, unit_id, period_start, period_id, value)
    SELECT ${slice.formId}::int, cell_key, unit_id, ${slice.periodStart}::date, ${slice.periodId}::text, value
    FROM unnest(${flat.map((r) => r.unitId)}::int[], ${flat.map((r) => r.key)}::text[],
                ${flat.map((r) => r.value)}::float8[]) AS i(unit_id, cell_key, value)
    ORDER BY unit_id, cell_key`.execute(tx);
}

export interface UnitBrief {
  id: number;
  code: string;
  name: string;
  kind: string;
  areaCode: string | null;
}

const unitColumns = sql`u.id, u.code, u.name, u.kind, u.area_code AS "areaCode"`;

/** These units (those that exist). */
export async function findUnits(db: Reader, ids: number[]): Promise<UnitBrief[]> {
  if (ids.length === 0) return [];
  const result = await sql<UnitBrief>`SELECT ${unitColumns} FROM units u WHERE u.id = ANY(${ids}::int[])`.execute(db);
  return result.rows;
}

/** Which of `ids` lie inside the subtrees of `roots` (all hierarchies, all time). */
export async function unitsInside(db: Reader, roots: number[], ids: number[]): Promise<Set<number>> {
  if (ids.length === 0 || roots.length === 0) return new Set();
  const result = await sql<{ id: number }>`
    SELECT DISTINCT descendant_id AS id FROM unit_closure
    WHERE ancestor_id = ANY(${roots}::int[]) AND descendant_id = ANY(${ids}::int[])`.execute(db);
  return new Set(result.rows.map((r) => r.id));
}

/** How findLevelUnits keeps the units under the roots: a join to their subtrees, or a test per unit. */
function withinRoots(roots: number[] | null, level: string) {
  if (roots === null) return { inside: sql``, tested: sql`` };
  if (level === 'commune' || level === 'district')
    return {
      inside: sql`JOIN (SELECT DISTINCT c.descendant_id FROM unit_closure c
        WHERE c.ancestor_id = ANY(${roots}::int[]) OFFSET 0) inside ON inside.descendant_id = u.id`,
      tested: sql``,
    };
  return {
    inside: sql``,
    tested: sql`AND EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ANY(${roots}::int[]) AND c.descendant_id = u.id)`,
  };
}

/**
 * The units of a level under the roots (`null`: everywhere) placed in the hierarchy at some time in [from, to];
 * at most `limit + 1`, so that the caller can tell the limit was passed.
 */
export async function findLevelUnits(
  db: Db | Tx,
  args: { roots: number[] | null; level: string; hierarchy: string; from: string; to: string; limit: number },
): Promise<UnitBrief[]> {
  // The few units of the upper levels are each tested against the roots' subtrees; the thousands of
  // communes (or districts) are reached from the subtrees instead, materialized first (as a
  // semi-join the planner tested all 3,321 communes to keep one province's 56: 17,315 buffers
  // against 445; for the whole country's communes 20,580 against 10,882; the 34 provinces under the
  // national root stay 744 tested one by one against 907 from its 17,000-unit subtree). Planned with
  // the roots' values (CUSTOM_PLAN): a generic plan cannot tell a province's subtree from the
  // country's.
  const { inside, tested } = withinRoots(args.roots, args.level);
  // The level's kinds as values, so that the plan reads units by kind (units_kind) with the kinds'
  // statistics: joined to unit_kinds instead, every unit was read to keep a level's few.
  const kinds = await sql<{ code: string }>`SELECT code FROM unit_kinds WHERE level = ${args.level}`.execute(db);
  if (kinds.rows.length === 0) return [];
  const result = await sql<UnitBrief>`${sql.raw(CUSTOM_PLAN)}
    SELECT ${unitColumns} FROM units u ${inside}
    WHERE u.kind = ANY(${kinds.rows.map((k) => k.code)}::text[]) ${tested}
      AND u.valid_from <= ${args.to}::date AND (u.valid_to IS NULL OR u.valid_to >= ${args.from}::date)
      -- Only the regime's hierarchy: a province's treasury is not one of the provinces.
      AND EXISTS (SELECT 1 FROM unit_parents p WHERE p.unit_id = u.id AND p.hierarchy = ${args.hierarchy}
        AND p.valid_from <= ${args.to}::date AND (p.valid_to IS NULL OR p.valid_to >= ${args.from}::date))
    ORDER BY u.code, u.valid_from LIMIT ${args.limit + 1}`.execute(db);
  return result.rows;
}

/** A unit's children in a hierarchy through links valid at some time in [from, to]. */
export async function findChildUnits(
  db: Db | Tx,
  args: { parentId: number; hierarchy: string; from: string; to: string; limit: number },
): Promise<UnitBrief[]> {
  const result = await sql<UnitBrief>`
    SELECT DISTINCT ${unitColumns} FROM unit_parents p JOIN units u ON u.id = p.unit_id
    WHERE p.parent_id = ${args.parentId} AND p.hierarchy = ${args.hierarchy}
      AND p.valid_from <= ${args.to}::date AND (p.valid_to IS NULL OR p.valid_to >= ${args.from}::date)
    ORDER BY u.code LIMIT ${args.limit + 1}`.execute(db);
  return result.rows;
}

/** The former units mapped onto these (old → new), with how many new units each former one went to. */
export async function findMappedSources(db: Reader, targetIds: number[]) {
  if (targetIds.length === 0) return [];
  const result = await sql<{ oldUnitId: number; newUnitId: number; relation: 'full' | 'partial'; ways: number }>`
    SELECT m.old_unit_id AS "oldUnitId", m.new_unit_id AS "newUnitId", m.relation,
           (SELECT count(*)::int FROM unit_mappings o WHERE o.old_unit_id = m.old_unit_id) AS ways
    FROM unit_mappings m WHERE m.new_unit_id = ANY(${targetIds}::int[])`.execute(db);
  return result.rows;
}

/** The slices' counts ("58/63") of these units and periods. */
export async function readAnalyticsSlices(
  db: Reader,
  args: { formId: number; unitIds: number[]; from: string; to: string },
) {
  const result = await sql<{ unitId: number; periodId: string; included: number; expected: number }>`
    SELECT unit_id AS "unitId", period_id AS "periodId", included, expected FROM analytics_slices
    WHERE form_id = ${args.formId} AND unit_id = ANY(${args.unitIds}::int[])
      AND period_start BETWEEN ${args.from}::date AND ${args.to}::date`.execute(db.withoutPlugins());
  return result.rows;
}

/** Forms with a published version, with their regime (for the field list). */
export async function findAnalyticsForms(db: Reader, args: { regimeId?: number; formId?: number }) {
  let query = db
    .selectFrom('forms as f')
    .innerJoin('regimes as r', 'r.id', 'f.regimeId')
    .select(['f.id', 'r.status'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('formVersions as v')
          .select('v.id')
          .whereRef('v.formId', '=', 'f.id')
          .where('v.status', '=', 'published'),
      ),
    )
    .orderBy('r.code')
    .orderBy('f.sortOrder')
    .orderBy('f.id');
  if (args.regimeId !== undefined) query = query.where('f.regimeId', '=', args.regimeId);
  if (args.formId !== undefined) query = query.where('f.id', '=', args.formId);
  return query.execute();
}
