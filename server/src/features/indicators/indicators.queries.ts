import type { IndicatorValueSource, IndicatorVintage } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { Actor } from '../../http/context';

type Reader = Db | Tx;

export interface IndicatorRow {
  id: number;
  code: string;
  name: { vi: string; en: string };
  unitOfMeasure: string;
  frequency: 'year' | 'quarter' | 'month' | 'day';
  area: string;
  source: 'formula' | 'direct' | 'push' | 'connector';
  timeMethod: 'sum' | 'last';
  formula: { formId: number; expression: string } | null;
  disaggregations: {
    code: string;
    label: { vi: string; en: string };
    options: { code: string; label: { vi: string; en: string } }[];
  }[];
  description: { vi: string; en: string } | null;
  isDemo: boolean;
  version: number;
  agencies: { validFrom: string; agency: string }[];
}

const indicatorColumns = sql`i.id, i.code, i.name, i.unit_of_measure AS "unitOfMeasure", i.frequency, i.area,
  i.source, i.time_method AS "timeMethod", i.formula, i.disaggregations, i.description, i.is_demo AS "isDemo",
  i.version,
  COALESCE((SELECT json_agg(json_build_object('validFrom', a.valid_from, 'agency', a.agency) ORDER BY a.valid_from)
    FROM indicator_agencies a WHERE a.indicator_id = i.id), '[]') AS agencies`;

/** Every indicator of the catalogue (a few hundred at most: searched and filtered in memory). */
export async function findIndicators(db: Reader): Promise<IndicatorRow[]> {
  const result = await sql<IndicatorRow>`SELECT ${indicatorColumns} FROM indicators i
    WHERE i.deleted_at IS NULL ORDER BY i.area, i.code`.execute(db);
  return result.rows;
}

export async function findIndicator(db: Reader, id: number, forUpdate = false): Promise<IndicatorRow | null> {
  const result = await sql<IndicatorRow>`SELECT ${indicatorColumns} FROM indicators i
    WHERE i.id = ${id} AND i.deleted_at IS NULL ${forUpdate ? sql`FOR UPDATE OF i` : sql``}`.execute(db);
  return result.rows[0] ?? null;
}

export async function findIndicatorsByCode(db: Reader, codes: string[]): Promise<IndicatorRow[]> {
  if (codes.length === 0) return [];
  const result = await sql<IndicatorRow>`SELECT ${indicatorColumns} FROM indicators i
    WHERE i.code = ANY(${codes}::text[]) AND i.deleted_at IS NULL`.execute(db);
  return result.rows;
}

export async function codeTaken(db: Reader, code: string, exceptId: number | null): Promise<boolean> {
  const result = await sql<{ taken: boolean }>`SELECT EXISTS (SELECT 1 FROM indicators
    WHERE code = ${code} AND id IS DISTINCT FROM ${exceptId}::int) AS taken`.execute(db);
  return result.rows[0]!.taken;
}

export interface IndicatorWrite {
  code: string;
  name: { vi: string; en: string };
  unitOfMeasure: string;
  frequency: string;
  area: string;
  source: string;
  timeMethod: string;
  formula: { formId: number; expression: string } | null;
  disaggregations: unknown;
  description: { vi: string; en: string } | null;
  agencies: { validFrom: string; agency: string }[];
}

async function replaceAgencies(tx: Tx, id: number, agencies: IndicatorWrite['agencies']) {
  await sql`DELETE FROM indicator_agencies WHERE indicator_id = ${id}`.execute(tx);
  await sql`INSERT INTO indicator_agencies (indicator_id, valid_from, agency)
    SELECT ${id}, v, a FROM unnest(${agencies.map((a) => a.validFrom)}::date[], ${agencies.map((a) => a.agency)}::text[]) AS x(v, a)`.execute(
    tx,
  );
}

export async function insertIndicator(tx: Tx, w: IndicatorWrite): Promise<number> {
  const result = await sql<{ id: number }>`INSERT INTO indicators
    (code, name, unit_of_measure, frequency, area, source, time_method, formula, disaggregations, description)
    VALUES (${w.code}, ${JSON.stringify(w.name)}::jsonb, ${w.unitOfMeasure}, ${w.frequency}, ${w.area}, ${w.source},
      ${w.timeMethod}, ${w.formula === null ? null : JSON.stringify(w.formula)}::jsonb,
      ${JSON.stringify(w.disaggregations)}::jsonb, ${w.description === null ? null : JSON.stringify(w.description)}::jsonb)
    RETURNING id`.execute(tx);
  const id = result.rows[0]!.id;
  await replaceAgencies(tx, id, w.agencies);
  return id;
}

export async function updateIndicator(tx: Tx, id: number, w: IndicatorWrite): Promise<void> {
  await sql`UPDATE indicators SET code = ${w.code}, name = ${JSON.stringify(w.name)}::jsonb,
      unit_of_measure = ${w.unitOfMeasure}, frequency = ${w.frequency}, area = ${w.area}, source = ${w.source},
      time_method = ${w.timeMethod}, formula = ${w.formula === null ? null : JSON.stringify(w.formula)}::jsonb,
      disaggregations = ${JSON.stringify(w.disaggregations)}::jsonb,
      description = ${w.description === null ? null : JSON.stringify(w.description)}::jsonb,
      version = version + 1, updated_at = now()
    WHERE id = ${id}`.execute(tx);
  await replaceAgencies(tx, id, w.agencies);
}

export async function markIndicatorDeleted(tx: Tx, id: number): Promise<void> {
  // The code is freed for a new indicator; the deleted one keeps its values (history) under a tombstone code.
  await sql`UPDATE indicators SET deleted_at = now(), code = left(code, 20) || '.deleted-' || id, version = version + 1
    WHERE id = ${id}`.execute(tx);
}

/** One value to store, checked: the indicator, unit and period are resolved. */
export interface ValueWrite {
  indicatorId: number;
  unitId: number;
  periodId: string;
  periodStart: string;
  option: string;
  vintage: IndicatorVintage;
  releasedOn: string;
  value: number;
}

export interface StoredChange {
  indicatorId: number;
  unitId: number;
  periodId: string;
  periodStart: string;
  inserted: boolean;
}

/**
 * Upserts values in one statement: a new (indicator, unit, period, option, vintage, release) is
 * created; the same key with another value is updated (a correction of that release); the same
 * value changes nothing. Returns the rows it created or changed.
 */
export async function upsertIndicatorValues(
  tx: Tx,
  values: ValueWrite[],
  source: { kind: IndicatorValueSource; detail: string | null; userId: number | null; isDemo: boolean },
): Promise<StoredChange[]> {
  if (values.length === 0) return [];
  const col = <K extends keyof ValueWrite>(k: K) => values.map((v) => v[k]);
  const result = await sql<StoredChange>`
    INSERT INTO indicator_values AS t (indicator_id, unit_id, period_id, period_start, option, vintage, released_on,
      value, source, source_detail, recorded_by, is_demo)
    SELECT x.*, ${source.kind}::text, ${source.detail}::text, ${source.userId}::int, ${source.isDemo}::boolean
    FROM unnest(${col('indicatorId')}::int[], ${col('unitId')}::int[], ${col('periodId')}::text[],
      ${col('periodStart')}::date[], ${col('option')}::text[], ${col('vintage')}::text[], ${col('releasedOn')}::date[],
      ${col('value')}::float8[]) AS x
    ON CONFLICT (indicator_id, unit_id, period_id, option, vintage, released_on) DO UPDATE
      SET value = EXCLUDED.value, source = EXCLUDED.source, source_detail = EXCLUDED.source_detail,
        recorded_by = EXCLUDED.recorded_by, recorded_at = now(), is_demo = EXCLUDED.is_demo
      WHERE t.value IS DISTINCT FROM EXCLUDED.value
    RETURNING t.indicator_id AS "indicatorId", t.unit_id AS "unitId", t.period_id AS "periodId",
      to_char(t.period_start, 'YYYY-MM-DD') AS "periodStart", (xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

export interface ValueRow {
  id: number;
  periodId: string;
  periodStart: string;
  vintage: IndicatorVintage;
  releasedOn: string;
  value: number;
  source: IndicatorValueSource;
  isDemo: boolean;
  recordedAt: string;
}

/** Every vintage of a unit's series (one option) inside [from, to]. */
export async function readSeriesValues(
  db: Reader,
  args: { indicatorId: number; unitId: number; option: string; from: string; to: string },
): Promise<ValueRow[]> {
  const result = await sql<ValueRow>`
    SELECT id::int AS id, period_id AS "periodId", to_char(period_start, 'YYYY-MM-DD') AS "periodStart", vintage,
      to_char(released_on, 'YYYY-MM-DD') AS "releasedOn", value, source, is_demo AS "isDemo",
      to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt"
    FROM indicator_values
    WHERE indicator_id = ${args.indicatorId} AND unit_id = ${args.unitId} AND option = ${args.option}
      AND period_start BETWEEN ${args.from}::date AND ${args.to}::date
    ORDER BY period_start, id`.execute(db);
  return result.rows;
}

/** The latest vintage of each (unit, period, option) of an indicator, for several units (analytics). */
export async function readLatestValues(
  db: Reader,
  args: { indicatorId: number; unitIds: number[]; options: string[]; from: string; to: string },
): Promise<{ unitId: number; periodId: string; option: string; value: number }[]> {
  const result = await sql<{ unitId: number; periodId: string; option: string; value: number }>`
    SELECT DISTINCT ON (unit_id, period_id, option) unit_id AS "unitId", period_id AS "periodId", option, value
    FROM indicator_values
    WHERE indicator_id = ${args.indicatorId} AND unit_id = ANY(${args.unitIds}::int[])
      AND option = ANY(${args.options}::text[])
      AND period_start BETWEEN ${args.from}::date AND ${args.to}::date
    ORDER BY unit_id, period_id, option,
      CASE vintage WHEN 'official' THEN 2 WHEN 'revised' THEN 1 ELSE 0 END DESC, released_on DESC, id DESC`.execute(db);
  return result.rows;
}

export interface UnitBrief {
  id: number;
  code: string;
  name: string;
}

export async function findUnitsById(db: Reader, ids: number[]): Promise<UnitBrief[]> {
  if (ids.length === 0) return [];
  const result = await sql<UnitBrief>`SELECT id, code, name FROM units WHERE id = ANY(${ids}::int[])`.execute(db);
  return result.rows;
}

/** Units by code, each resolved among the units valid on its date (codes were reused by the 2025 reform). */
export async function findUnitsByCodeOn(
  db: Reader,
  pairs: { code: string; date: string }[],
): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const result = await sql<{ code: string; date: string; id: number }>`
    SELECT p.code, to_char(p.d, 'YYYY-MM-DD') AS date, u.id
    FROM unnest(${pairs.map((p) => p.code)}::text[], ${pairs.map((p) => p.date)}::date[]) AS p(code, d)
    JOIN units u ON u.code = p.code AND u.valid_from <= p.d AND (u.valid_to IS NULL OR u.valid_to >= p.d)`.execute(db);
  return new Map(result.rows.map((r) => [`${r.code}@${r.date}`, r.id]));
}

/** Of `ids`, those inside the subtrees rooted at `roots` (all time). */
export async function unitsUnder(db: Reader, roots: number[], ids: number[]): Promise<Set<number>> {
  if (ids.length === 0 || roots.length === 0) return new Set();
  const result = await sql<{ id: number }>`
    SELECT DISTINCT descendant_id AS id FROM unit_closure
    WHERE ancestor_id = ANY(${roots}::int[]) AND descendant_id = ANY(${ids}::int[])`.execute(db);
  return new Set(result.rows.map((r) => r.id));
}

/** The root of the territorial tree (the country), for a series asked without a unit. */
export async function findCountryUnit(db: Reader): Promise<number | null> {
  const result = await sql<{ id: number }>`
    SELECT u.id FROM units u WHERE NOT EXISTS (SELECT 1 FROM unit_parents p WHERE p.unit_id = u.id)
      AND EXISTS (SELECT 1 FROM unit_parents p WHERE p.parent_id = u.id AND p.hierarchy = 'administrative')
    ORDER BY u.id LIMIT 1`.execute(db);
  return result.rows[0]?.id ?? null;
}

/** A stored value as the exports write it: the indicator and unit by code, as a push names them. */
export interface ExportedIndicatorValue {
  id: number;
  indicator: string;
  unitCode: string;
  periodId: string;
  option: string;
  vintage: IndicatorVintage;
  releasedOn: string;
  value: number;
  source: IndicatorValueSource;
  recordedAt: string;
}

/** The SQL scope of a reader: every unit for a system administrator, else its view subtrees. */
const viewScope = (actor: Actor, unitColumn: ReturnType<typeof sql.ref>) =>
  actor.isSystemAdmin
    ? sql`true`
    : sql`EXISTS (SELECT 1 FROM unit_closure c WHERE c.descendant_id = ${unitColumn} AND c.ancestor_id = ANY(${actor.viewRoots}::int[]))`;

/**
 * A page of stored values (every vintage) of the units in the reader's view, in id order (a
 * stable cursor: a correction updates its row in place, and `recorded_at` says when), of the
 * catalogue's indicators (not deleted ones).
 */
export async function findIndicatorValuePage(
  db: Reader,
  actor: Actor,
  filter: {
    indicatorId: number | null;
    unitCode: string | null;
    periodId: string | null;
    since: string | null;
    after: number;
    limit: number;
  },
): Promise<ExportedIndicatorValue[]> {
  const result = await sql<Omit<ExportedIndicatorValue, 'id'> & { id: string }>`
    SELECT v.id::text AS id, i.code AS indicator, u.code AS "unitCode", v.period_id AS "periodId", v.option,
      v.vintage, to_char(v.released_on, 'YYYY-MM-DD') AS "releasedOn", v.value, v.source,
      to_char(v.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"
    FROM indicator_values v
    JOIN indicators i ON i.id = v.indicator_id AND i.deleted_at IS NULL
    JOIN units u ON u.id = v.unit_id
    WHERE v.id > ${filter.after}
      ${filter.indicatorId === null ? sql`` : sql`AND v.indicator_id = ${filter.indicatorId}`}
      ${filter.unitCode === null ? sql`` : sql`AND u.code = ${filter.unitCode}`}
      ${filter.periodId === null ? sql`` : sql`AND v.period_id = ${filter.periodId}`}
      ${filter.since === null ? sql`` : sql`AND v.recorded_at >= ${filter.since}::timestamptz`}
      AND ${viewScope(actor, sql.ref('v.unit_id'))}
    ORDER BY v.id
    LIMIT ${filter.limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Whether a unit with this code (at any time: codes are reused) lies in the reader's view subtree. */
export async function unitCodeInView(db: Reader, actor: Actor, code: string): Promise<boolean> {
  const result = await sql<{ found: number }>`
    SELECT 1 AS found FROM units u WHERE u.code = ${code} AND ${viewScope(actor, sql.ref('u.id'))} LIMIT 1`.execute(db);
  return result.rows.length > 0;
}
