/**
 * The report context: what every report operation needs to know about its
 * regime, form, version, unit, ancestors and schedule. Submissions,
 * consolidation, period locks, live updates and the jobs read it; it imports
 * none of them. Published form versions never change, so their definitions are
 * kept for the life of the catalogue; regimes, units and holidays briefly. The
 * caches belong to one `ReportCatalog`, built once per process in `buildApp`
 * (and once by the consolidation worker), never to the module.
 */
import {
  computeSchedule,
  DomainError,
  type FormDefinition,
  type HolidayCalendar,
  holidayCalendar,
  type LevelSchedule,
  type Period,
  parsePeriod,
  type RegimeDefinition,
  type ScheduleInstants,
} from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';

type Reader = Db | Tx;

export interface RegimeInfo {
  id: number;
  code: string;
  status: string;
  /** The newest version's definition. */
  definition: RegimeDefinition;
  /** Every version, oldest first: each in force from `effectiveFrom` until the next one's. */
  versions: { number: number; effectiveFrom: string; definition: RegimeDefinition }[];
}

/**
 * The regime as the version in force on `date` defined it: a period is judged by the version
 * in force on the period's first day. Before the first version, the first version applies.
 */
export function regimeOn(regime: RegimeInfo, date: string): RegimeInfo {
  const version = regime.versions.findLast((v) => v.effectiveFrom <= date) ?? regime.versions[0];
  return version ? { ...regime, definition: version.definition } : regime;
}

export interface FormInfo {
  id: number;
  code: string;
  regime: RegimeInfo;
  versionId: number;
  definition: FormDefinition;
}

/** The form with its regime as the version in force at the period's start: what judges that period. */
export function formInForce(form: FormInfo, period: Period): FormInfo {
  return form.regime.versions.length > 1 ? { ...form, regime: regimeOn(form.regime, period.start) } : form;
}

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/** Parses and checks a period id against the regime's frequency and validity. */
export function periodOf(regime: RegimeInfo, periodId: string): Period {
  const period = parsePeriod(periodId);
  const def = regime.definition;
  const wrongType = period.type !== def.frequency;
  const outside = period.end < def.validFrom || (def.validTo !== null && period.start > def.validTo);
  if (wrongType || outside)
    throw new DomainError('VALIDATION_FAILED', {
      field: 'period',
      message: wrongType ? 'PERIOD_NOT_REGIME_FREQUENCY' : 'PERIOD_OUTSIDE_REGIME_VALIDITY',
    });
  return period;
}

/** Whether units of `kind` consolidate in this regime (the hierarchy's root always does). */
export function consolidates(regime: RegimeInfo, kind: string): boolean {
  return regime.definition.consolidatingUnitKinds.includes(kind) || kind === 'government';
}

const TTL_MS = 3_000;
const STRUCTURE_TTL_MS = 60_000;

interface Entry<V> {
  at: number;
  value: V;
}

/** A small time-bounded memo: the submit path reads the same forms, units and ancestors again and again. */
async function remember<K, V>(cache: Map<K, Entry<V>>, key: K, ttl: number, load: () => Promise<V>): Promise<V> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttl) return hit.value;
  const value = await load();
  if (cache.size > 20_000) cache.clear();
  cache.set(key, { at: Date.now(), value });
  return value;
}

/** The cached catalogue of regimes, forms, units, holidays and ancestors that report operations read. */
export class ReportCatalog {
  private readonly regimes = new Map<number, Entry<RegimeInfo>>();
  private readonly forms = new Map<number, Entry<FormInfo>>();
  private readonly units = new Map<number, Entry<UnitInfo>>();
  private readonly ancestorLists = new Map<string, Entry<{ id: number; kind: string; depth: number }[]>>();
  private readonly versions = new Map<number, FormDefinition>();
  private holidayCalendar: Entry<HolidayCalendar> | null = null;

  async regime(db: Reader, regimeId: number): Promise<RegimeInfo> {
    const cached = this.regimes.get(regimeId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
    const row = await db
      .selectFrom('regimes')
      .select(['id', 'code', 'status', 'definition'])
      .where('id', '=', regimeId)
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', { field: 'regimeId' });
    const versions = await db
      .selectFrom('regimeVersions')
      .select(['number', sql<string>`effective_from::text`.as('effectiveFrom'), 'definition'])
      .where('regimeId', '=', regimeId)
      .orderBy('effectiveFrom')
      .execute();
    const value = {
      ...row,
      definition: row.definition as RegimeDefinition,
      versions: versions.map((v) => ({ ...v, definition: v.definition as RegimeDefinition })),
    };
    this.regimes.set(regimeId, { at: Date.now(), value });
    return value;
  }

  async versionDefinition(db: Reader, versionId: number): Promise<FormDefinition> {
    const cached = this.versions.get(versionId);
    if (cached) return cached;
    const row = await db
      .selectFrom('formVersions')
      .select(['definition', 'status'])
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow();
    const definition = row.definition as FormDefinition;
    if (row.status !== 'draft') this.versions.set(versionId, definition);
    return definition;
  }

  /** The form with its currently published version (the version new data is entered on). */
  form(db: Reader, formId: number): Promise<FormInfo> {
    return remember(this.forms, formId, TTL_MS, () => this.formNow(db, formId));
  }

  private async formNow(db: Reader, formId: number): Promise<FormInfo> {
    const row = await db
      .selectFrom('forms as f')
      .leftJoin('formVersions as v', (join) => join.onRef('v.formId', '=', 'f.id').on('v.status', '=', 'published'))
      .select(['f.id', 'f.code', 'f.regimeId', 'v.id as versionId'])
      .where('f.id', '=', formId)
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', { field: 'formId' });
    if (!row.versionId)
      throw new DomainError('INVALID_STATE', {
        field: 'formId',
        message: 'FORM_NOT_PUBLISHED',
      });
    const regime = await this.regime(db, row.regimeId);
    return {
      id: row.id,
      code: row.code,
      regime,
      versionId: row.versionId,
      definition: await this.versionDefinition(db, row.versionId),
    };
  }

  unit(db: Reader, unitId: number): Promise<UnitInfo> {
    return remember(this.units, unitId, STRUCTURE_TTL_MS, async () => {
      const unit = await db
        .selectFrom('units')
        .select(['id', 'code', 'name', 'kind'])
        .where('id', '=', unitId)
        .executeTakeFirst();
      if (!unit) throw new DomainError('NOT_FOUND', { field: 'unitId' });
      return unit;
    });
  }

  async holidays(db: Reader): Promise<HolidayCalendar> {
    if (this.holidayCalendar && Date.now() - this.holidayCalendar.at < STRUCTURE_TTL_MS)
      return this.holidayCalendar.value;
    const rows = await db.selectFrom('holidays').select('date').execute();
    this.holidayCalendar = { at: Date.now(), value: holidayCalendar(rows) };
    return this.holidayCalendar.value;
  }

  /** The schedule that applies to a unit of `kind` for `period` (by the version in force at its start), if any. */
  async schedule(
    db: Reader,
    regime: RegimeInfo,
    kind: string,
    period: Period,
  ): Promise<(ScheduleInstants & { role: LevelSchedule['role'] }) | null> {
    const { definition } = regimeOn(regime, period.start);
    const level = definition.schedules.find((s) => s.unitKinds.includes(kind));
    if (!level) return null;
    const instants = computeSchedule(period, definition.dataWindow, level, await this.holidays(db));
    return { ...instants, role: level.role };
  }

  /**
   * The instants of one level of the regime's version in force at the period's start. A kind may
   * sit in two levels (a district enters its own report and consolidates its agencies'); asking by
   * kind finds the first, so the warning ladder, which walks the levels, asks by level.
   */
  async levelSchedule(
    db: Reader,
    regime: RegimeInfo,
    levelIndex: number,
    period: Period,
  ): Promise<ScheduleInstants | null> {
    const level = regimeOn(regime, period.start).definition.schedules[levelIndex];
    if (!level) return null;
    return computeSchedule(
      period,
      regimeOn(regime, period.start).definition.dataWindow,
      level,
      await this.holidays(db),
    );
  }

  /** Ancestors of a unit in a hierarchy on a date, nearest first, with their depth from the root. */
  ancestors(db: Reader, unitId: number, hierarchy: string, onDate: string) {
    return remember(this.ancestorLists, `${unitId}|${hierarchy}|${onDate}`, STRUCTURE_TTL_MS, async () => {
      const result = await sql<{
        ancestors: AncestorRow[];
      }>`SELECT ${ancestorsQuery(unitId, hierarchy, onDate)} AS ancestors`.execute(db);
      return withDepths(result.rows[0]!.ancestors);
    });
  }

  /**
   * The date a report's scope is checked on: its period's start, the date the
   * consolidation reads the hierarchy on. Form and period errors come first (the
   * form catalogue is public to every signed-in user).
   */
  async reportDate(db: Reader, key: { formId: number; periodId: string }): Promise<string> {
    const form = await this.form(db, key.formId);
    return periodOf(form.regime, key.periodId).start;
  }
}

export interface AncestorRow {
  id: number;
  kind: string;
  up: number;
}

/** The ancestors as a jsonb array of {id, kind, up} (nearest first), as an expression for a larger query. */
export function ancestorsQuery(unitId: number, hierarchy: string, onDate: string) {
  return sql<AncestorRow[]>`(WITH RECURSIVE up(id, up) AS (
      SELECT p.parent_id, 1 FROM unit_parents p
      WHERE p.unit_id = ${unitId} AND p.hierarchy = ${hierarchy} AND daterange(p.valid_from, p.valid_to, '[]') @> ${onDate}::date
      UNION ALL
      SELECT p.parent_id, up.up + 1 FROM unit_parents p JOIN up ON p.unit_id = up.id
      WHERE p.hierarchy = ${hierarchy} AND daterange(p.valid_from, p.valid_to, '[]') @> ${onDate}::date AND up.up < 16
    )
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', up.id, 'kind', u.kind, 'up', up.up) ORDER BY up.up), '[]')
    FROM up JOIN units u ON u.id = up.id)`;
}

/** Nearest first, with each ancestor's depth from the root. */
export function withDepths(rows: AncestorRow[]) {
  return rows.map((row) => ({ id: row.id, kind: row.kind, depth: rows.length - row.up }));
}

/** Direct children of a unit in a hierarchy on a date. */
export async function childrenOf(db: Reader, unitId: number, hierarchy: string, onDate: string) {
  return db
    .selectFrom('unitParents as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select(['u.id', 'u.code', 'u.name', 'u.kind'])
    .where('p.parentId', '=', unitId)
    .where('p.hierarchy', '=', hierarchy)
    .where(sql<boolean>`daterange(p.valid_from, p.valid_to, '[]') @> ${onDate}::date`)
    .orderBy('u.code')
    .execute();
}
