/**
 * The indicator catalogue (issue 12 §1): indicators, their owning agencies and their values with
 * vintages. Values enter by direct entry (the indicator page), by API push from another system, by
 * a connector (`storeIndicatorValues`, which connectors call), or are computed by a formula over
 * the consolidated figures of a form. Values belong to units (the country, a province) and are read
 * in the caller's view; the catalogue itself is read by anyone who reads data.
 */
import {
  combineOverPeriods,
  DomainError,
  enumeratePeriods,
  evaluateFormulaOverPeriods,
  type FieldDefinition,
  fieldCellKeys,
  foldForSearch,
  formFields,
  formulaInputs,
  type IndicatorBody,
  type IndicatorItem,
  type IndicatorList,
  type IndicatorListQuery,
  type IndicatorPushBody,
  type IndicatorSeries,
  type IndicatorSeriesQuery,
  type IndicatorStoreResult,
  type IndicatorSummary,
  type IndicatorUpdateBody,
  type IndicatorValueSource,
  type IndicatorValuesBody,
  type IndicatorVintage,
  latestVintage,
  type Period,
  type PeriodType,
  tryParse,
  tryParsePeriod,
  vintageHistory,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import { readStoredCells } from '../../reporting/analytics-store';
import { recordEvents } from '../../reporting/events';
import type { ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import { todayInVietnam } from '../units/units.service';
import {
  codeTaken,
  findCountryUnit,
  findIndicator,
  findIndicators,
  findIndicatorsByCode,
  findUnitsByCodeOn,
  findUnitsById,
  type IndicatorRow,
  type IndicatorWrite,
  insertIndicator,
  markIndicatorDeleted,
  readSeriesValues,
  type UnitBrief,
  unitsUnder,
  updateIndicator,
  upsertIndicatorValues,
  type ValueWrite,
} from './indicators.queries';

type Reader = Db | Tx;

/** The agency in charge on `date`: the latest that started on or before it. */
function agencyOn(row: IndicatorRow, date: string): string | null {
  let current: string | null = null;
  for (const a of row.agencies) if (a.validFrom <= date) current = a.agency;
  return current ?? row.agencies[0]?.agency ?? null;
}

function summaryOf(row: IndicatorRow, today: string): IndicatorSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    unitOfMeasure: row.unitOfMeasure,
    frequency: row.frequency,
    area: row.area as IndicatorSummary['area'],
    source: row.source,
    agency: agencyOn(row, today),
    isDemo: row.isDemo,
  };
}

function itemOf(row: IndicatorRow, today: string): IndicatorItem {
  return {
    ...summaryOf(row, today),
    timeMethod: row.timeMethod,
    formula: row.formula,
    disaggregations: row.disaggregations,
    agencies: row.agencies,
    description: row.description,
    version: row.version,
  };
}

export async function listIndicators(db: Db, query: IndicatorListQuery, now: Date): Promise<IndicatorList> {
  const rows = await findIndicators(db);
  const needle = query.q ? foldForSearch(query.q).trim() : '';
  const words = needle.split(/\s+/).filter(Boolean);
  const today = todayInVietnam(now);
  const matching = rows.filter((row) => {
    if (query.area && row.area !== query.area) return false;
    if (query.source && row.source !== query.source) return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch(`${row.code} ${row.name.vi} ${row.name.en} ${agencyOn(row, today) ?? ''}`);
    return words.every((w) => haystack.includes(w));
  });
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  return {
    items: matching.slice(offset, offset + limit).map((r) => summaryOf(r, today)),
    total: matching.length,
    limit,
    offset,
  };
}

export async function getIndicator(db: Db, id: number, now: Date): Promise<IndicatorItem> {
  const row = await findIndicator(db, id);
  if (!row) throw new DomainError('NOT_FOUND');
  return itemOf(row, todayInVietnam(now));
}

const numeric = (field: FieldDefinition) => ['integer', 'decimal', 'money', 'percent'].includes(field.type);
const periodRank: Partial<Record<PeriodType, number>> = {
  day: 0,
  week: 1,
  month: 2,
  quarter: 3,
  half_year: 4,
  year: 6,
};

/** The checks of a definition: formula ↔ source, the formula itself, unique agencies and disaggregations. */
async function checkDefinition(db: Reader, reports: ReportCatalog, body: IndicatorBody): Promise<void> {
  const invalid = (field: string, ref: ConstructorParameters<typeof DomainError>[1]) =>
    new DomainError('INDICATOR_INVALID', { ...ref, field });
  const formula = body.formula ?? null;
  if ((body.source === 'formula') !== (formula !== null))
    throw invalid('formula', { message: 'INDICATOR_FORMULA_REQUIRED' });
  const seenDates = new Set<string>();
  for (const [i, a] of body.agencies.entries()) {
    if (seenDates.has(a.validFrom))
      throw invalid(`agencies.${i}.validFrom`, {
        message: 'INDICATOR_AGENCY_DUPLICATE',
        params: { date: a.validFrom },
      });
    seenDates.add(a.validFrom);
  }
  const seenCodes = new Set<string>();
  for (const [i, d] of body.disaggregations.entries()) {
    if (seenCodes.has(d.code))
      throw invalid(`disaggregations.${i}.code`, {
        message: 'INDICATOR_DISAGGREGATION_DUPLICATE',
        params: { code: d.code },
      });
    seenCodes.add(d.code);
    const options = new Set<string>();
    for (const [j, o] of d.options.entries()) {
      if (options.has(o.code))
        throw invalid(`disaggregations.${i}.options.${j}.code`, {
          message: 'INDICATOR_DISAGGREGATION_DUPLICATE',
          params: { code: `${d.code}.${o.code}` },
        });
      options.add(o.code);
    }
  }
  if (formula === null) return;
  let form: Awaited<ReturnType<ReportCatalog['form']>>;
  try {
    form = await reports.form(db, formula.formId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND')
      throw new DomainError('NOT_FOUND', { field: 'formula.formId' });
    throw error;
  }
  const parsed = tryParse(formula.expression);
  if (!parsed.ok)
    throw invalid('formula.expression', {
      message: 'INDICATOR_FORMULA_BAD',
      params: { problem: parsed.error.message },
    });
  const fields = new Map(formFields(form.definition).map((f) => [f.code, f]));
  for (const input of formulaInputs(formula.expression)) {
    const [code, option] = input.split('.') as [string, string | undefined];
    const field = fields.get(code);
    const keys = field ? fieldCellKeys(form.definition, field) : [];
    if (!field || !numeric(field) || (option !== undefined && !keys.includes(input)))
      throw invalid('formula.expression', { message: 'INDICATOR_FORMULA_FIELD_UNKNOWN', params: { field: input } });
  }
  const formFrequency = form.regime.definition.frequency as PeriodType;
  if ((periodRank[formFrequency] ?? 99) > (periodRank[body.frequency] ?? -1))
    throw invalid('frequency', {
      message: 'INDICATOR_FORMULA_FREQUENCY',
      params: { frequency: body.frequency, formFrequency },
    });
}

function writeOf(body: IndicatorBody): IndicatorWrite {
  return {
    code: body.code,
    name: body.name,
    unitOfMeasure: body.unitOfMeasure,
    frequency: body.frequency,
    area: body.area,
    source: body.source,
    timeMethod: body.timeMethod,
    formula: body.formula ?? null,
    disaggregations: body.disaggregations,
    description: body.description ?? null,
    agencies: [...body.agencies].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1)),
  };
}

export async function createIndicator(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  body: IndicatorBody,
  now: Date,
): Promise<IndicatorItem> {
  await checkDefinition(tx, reports, body);
  if (await codeTaken(tx, body.code, null)) throw new DomainError('ALREADY_EXISTS', { field: 'code' });
  const write = writeOf(body);
  const id = await insertIndicator(tx, write);
  await recordAudit(tx, context, [
    { action: 'indicator.create', objectType: 'indicator', objectId: id, unitId: null, after: write },
  ]);
  return itemOf((await findIndicator(tx, id))!, todayInVietnam(now));
}

export async function changeIndicator(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  id: number,
  body: IndicatorUpdateBody,
  now: Date,
): Promise<IndicatorItem> {
  const before = await findIndicator(tx, id, true);
  if (!before) throw new DomainError('NOT_FOUND');
  if (body.version !== before.version)
    throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
  const { version: _version, ...definition } = body;
  await checkDefinition(tx, reports, definition);
  if (await codeTaken(tx, body.code, id)) throw new DomainError('ALREADY_EXISTS', { field: 'code' });
  const write = writeOf(definition);
  await updateIndicator(tx, id, write);
  const { agencies, ...rest } = before;
  await recordAudit(tx, context, [
    {
      action: 'indicator.update',
      objectType: 'indicator',
      objectId: id,
      unitId: null,
      before: { ...rest, agencies },
      after: write,
    },
  ]);
  return itemOf((await findIndicator(tx, id))!, todayInVietnam(now));
}

export async function deleteIndicator(tx: Tx, context: RequestContext, id: number): Promise<{ ok: boolean }> {
  const before = await findIndicator(tx, id, true);
  if (!before) throw new DomainError('NOT_FOUND');
  await markIndicatorDeleted(tx, id);
  await recordAudit(tx, context, [
    { action: 'indicator.delete', objectType: 'indicator', objectId: id, unitId: null, before: { code: before.code } },
  ]);
  return { ok: true };
}

/** A value to store, as a connector, a push or the indicator page gives it. */
export interface IndicatorValueInput {
  /** The indicator's code, or its id. */
  indicator: string | number;
  unitId: number;
  period: string;
  /** `''` (or absent) for the total, else `<disaggregation>.<option>`. */
  option?: string;
  vintage: IndicatorVintage;
  releasedOn: string;
  value: number;
}

/** Where stored values came from: recorded on each value (and in the indicator.updated events). */
export interface IndicatorValueOrigin {
  kind: Exclude<IndicatorValueSource, 'demo'>;
  /** e.g. the connector's name or the pushing token. */
  detail?: string | null;
  userId?: number | null;
}

const valueError = (field: string, ref: ConstructorParameters<typeof DomainError>[1]) =>
  new DomainError('INDICATOR_VALUE_INVALID', { ...ref, field });

/**
 * Checks values against their indicators and stores them with their vintage and source, in the
 * caller's transaction: all or nothing (a bad value throws `INDICATOR_VALUE_INVALID` naming
 * `<fieldPrefix>.<row>.<property>`, and nothing is written). The same values again change nothing.
 * Writes one `indicator.updated` event per indicator and unit that changed. No scope check: the
 * caller (a route's service, a connector run) decides whose units these are.
 */
export async function storeIndicatorValues(
  tx: Tx,
  values: IndicatorValueInput[],
  origin: IndicatorValueOrigin,
  fieldPrefix = 'values',
): Promise<IndicatorStoreResult> {
  const codes = [...new Set(values.map((v) => v.indicator).filter((v): v is string => typeof v === 'string'))];
  const ids = [...new Set(values.map((v) => v.indicator).filter((v): v is number => typeof v === 'number'))];
  const rows = [...(await findIndicatorsByCode(tx, codes))];
  for (const id of ids) {
    const row = await findIndicator(tx, id);
    if (row) rows.push(row);
  }
  const byKey = new Map<string | number, IndicatorRow>();
  for (const r of rows) {
    byKey.set(r.code, r);
    byKey.set(r.id, r);
  }
  const writes: ValueWrite[] = [];
  const seen = new Map<string, number>();
  for (const [i, v] of values.entries()) {
    const at = (p: string) => `${fieldPrefix}.${i}.${p}`;
    const indicator = byKey.get(v.indicator);
    if (!indicator)
      throw valueError(at('indicator'), { message: 'INDICATOR_CODE_UNKNOWN', params: { code: String(v.indicator) } });
    if (indicator.source === 'formula') throw new DomainError('INDICATOR_NOT_DIRECT_ENTRY', { field: at('indicator') });
    const period = tryParsePeriod(v.period);
    if (!period || period.type !== indicator.frequency)
      throw valueError(at('period'), {
        message: 'INDICATOR_PERIOD_WRONG_FREQUENCY',
        params: { period: v.period, frequency: indicator.frequency },
      });
    const option = v.option ?? '';
    if (option !== '') {
      const [d, o] = option.split('.');
      const known = indicator.disaggregations.some((x) => x.code === d && x.options.some((y) => y.code === o));
      if (!known) throw valueError(at('option'), { message: 'INDICATOR_OPTION_UNKNOWN', params: { option } });
    }
    if (v.releasedOn < period.start)
      throw valueError(at('releasedOn'), {
        message: 'INDICATOR_RELEASE_BEFORE_PERIOD',
        params: { date: v.releasedOn, period: period.id },
      });
    if (!Number.isFinite(v.value)) throw valueError(at('value'), {});
    const key = `${indicator.id}|${v.unitId}|${period.id}|${option}|${v.vintage}|${v.releasedOn}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw valueError(at('period'), { message: 'INDICATOR_VALUE_DUPLICATE', params: { row: first } });
    seen.set(key, i);
    writes.push({
      indicatorId: indicator.id,
      unitId: v.unitId,
      periodId: period.id,
      periodStart: period.start,
      option,
      vintage: v.vintage,
      releasedOn: v.releasedOn,
      value: v.value,
    });
  }
  const units = new Set((await findUnitsById(tx, [...new Set(writes.map((w) => w.unitId))])).map((u) => u.id));
  const missing = writes.findIndex((w) => !units.has(w.unitId));
  if (missing >= 0) throw new DomainError('NOT_FOUND', { field: `${fieldPrefix}.${missing}.unitId` });
  const changes = await upsertIndicatorValues(tx, writes, {
    kind: origin.kind,
    detail: origin.detail ?? null,
    userId: origin.userId ?? null,
    isDemo: false,
  });
  const created = changes.filter((c) => c.inserted).length;
  const byIndicatorUnit = new Map<string, { indicatorId: number; unitId: number; onDate: string; periods: string[] }>();
  for (const c of changes) {
    const key = `${c.indicatorId}|${c.unitId}`;
    const entry = byIndicatorUnit.get(key) ?? {
      indicatorId: c.indicatorId,
      unitId: c.unitId,
      onDate: c.periodStart,
      periods: [],
    };
    if (c.periodStart < entry.onDate) entry.onDate = c.periodStart;
    if (!entry.periods.includes(c.periodId)) entry.periods.push(c.periodId);
    byIndicatorUnit.set(key, entry);
  }
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  await recordEvents(
    tx,
    [...byIndicatorUnit.values()].map((e) => ({
      type: 'indicator.updated' as const,
      unitId: e.unitId,
      onDate: e.onDate,
      formId: null,
      periodId: e.periods.length === 1 ? e.periods[0]! : null,
      submissionId: null,
      data: {
        indicator: codeOf.get(e.indicatorId),
        indicatorId: e.indicatorId,
        periods: e.periods.sort(),
        source: origin.kind,
      },
    })),
  );
  return { created, updated: changes.length - created, unchanged: writes.length - changes.length };
}

/**
 * Every unit must lie in the caller's capture subtree: invisible → 404, visible only → 403, naming
 * the row. A push names units by code, so any unit outside is 403 (as an import's rows are).
 */
async function assertCaptureAll(
  db: Reader,
  actor: Actor,
  unitIds: number[],
  field: (i: number) => string,
  named = false,
) {
  if (actor.isSystemAdmin) return;
  const unique = [...new Set(unitIds)];
  const [capture, view] = await Promise.all([
    unitsUnder(db, actor.captureRoots, unique),
    unitsUnder(db, actor.viewRoots, unique),
  ]);
  const i = unitIds.findIndex((id) => !capture.has(id));
  if (i >= 0) throw new DomainError(named || view.has(unitIds[i]!) ? 'FORBIDDEN' : 'NOT_FOUND', { field: field(i) });
}

/** Direct entry on the indicator page: only for indicators whose source is direct entry. */
export async function enterIndicatorValues(
  tx: Tx,
  context: RequestContext,
  id: number,
  body: IndicatorValuesBody,
): Promise<IndicatorStoreResult> {
  const indicator = await findIndicator(tx, id);
  if (!indicator) throw new DomainError('NOT_FOUND');
  if (indicator.source !== 'direct') throw new DomainError('INDICATOR_NOT_DIRECT_ENTRY');
  await assertCaptureAll(
    tx,
    context.actor,
    body.values.map((v) => v.unitId),
    (i) => `values.${i}.unitId`,
  );
  const result = await storeIndicatorValues(
    tx,
    body.values.map((v) => ({ ...v, indicator: id })),
    { kind: 'direct', userId: context.actor.userId },
  );
  await recordAudit(tx, context, [
    {
      action: 'indicator.values.enter',
      objectType: 'indicator',
      objectId: id,
      unitId: body.values[0]!.unitId,
      after: { ...result, values: body.values.slice(0, 100) },
    },
  ]);
  return result;
}

/** A push from another system (a service token): indicators by code, units by id or by code on the period's start. */
export async function pushIndicatorValues(
  tx: Tx,
  context: RequestContext,
  body: IndicatorPushBody,
): Promise<IndicatorStoreResult> {
  const pairs: { code: string; date: string }[] = [];
  for (const [i, v] of body.values.entries()) {
    if ((v.unitId === undefined) === (v.unitCode === undefined))
      throw valueError(`values.${i}.unitId`, { message: 'INDICATOR_UNIT_ONE_WAY' });
    const period = tryParsePeriod(v.period);
    if (v.unitCode !== undefined && period) pairs.push({ code: v.unitCode, date: period.start });
  }
  const byCode = await findUnitsByCodeOn(tx, pairs);
  const inputs: IndicatorValueInput[] = body.values.map((v, i) => {
    let unitId = v.unitId;
    if (unitId === undefined) {
      const date = tryParsePeriod(v.period)?.start;
      unitId = date ? byCode.get(`${v.unitCode}@${date}`) : undefined;
      if (unitId === undefined)
        throw valueError(`values.${i}.unitCode`, {
          message: 'INDICATOR_UNIT_CODE_UNKNOWN',
          params: { code: v.unitCode!, date: date ?? v.period },
        });
    }
    const { unitCode: _c, unitId: _u, ...rest } = v;
    return { ...rest, unitId };
  });
  await assertCaptureAll(
    tx,
    context.actor,
    inputs.map((v) => v.unitId),
    (i) => (body.values[i]!.unitId !== undefined ? `values.${i}.unitId` : `values.${i}.unitCode`),
    true,
  );
  const result = await storeIndicatorValues(tx, inputs, {
    kind: 'push',
    detail: context.actor.tokenId === null ? null : `token:${context.actor.tokenId}`,
    userId: context.actor.userId,
  });
  await recordAudit(tx, context, [
    {
      action: 'indicator.values.push',
      objectType: 'indicator_values',
      objectId: [...new Set(body.values.map((v) => v.indicator))].join(',').slice(0, 200),
      unitId: inputs[0]!.unitId,
      after: { ...result, rows: body.values.length },
    },
  ]);
  return result;
}

const SERIES_START = '2010-01-01';

function seriesPeriods(frequency: IndicatorRow['frequency'], query: IndicatorSeriesQuery, today: string): Period[] {
  const parse = (id: string, field: string) => {
    const period = tryParsePeriod(id);
    if (!period || period.type !== frequency)
      throw new DomainError('VALIDATION_FAILED', {
        field,
        message: 'INDICATOR_PERIOD_WRONG_FREQUENCY',
        params: { period: id, frequency },
      });
    return period;
  };
  const from = query.from ? parse(query.from, 'from').start : frequency === 'day' ? addYears(today, -1) : SERIES_START;
  const to = query.to ? parse(query.to, 'to').end : today;
  if (from > to)
    throw new DomainError('VALIDATION_FAILED', { field: 'to', message: 'ANALYTICS_PERIOD_RANGE_REVERSED' });
  const periods = enumeratePeriods(frequency, from, to);
  if (periods.length > 5000)
    throw new DomainError('ANALYTICS_QUERY_TOO_BIG', {
      field: 'from',
      message: 'ANALYTICS_TOO_MANY_PERIODS',
      params: { count: periods.length, limit: 5000 },
    });
  return periods;
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/**
 * A formula indicator's values for units and periods: the form's consolidated cells per form
 * period (the analytics store), combined into each indicator period by each field's time method,
 * then the expression once per period (ratios from summed parts).
 */
export async function formulaValues(
  db: Reader,
  reports: ReportCatalog,
  indicator: IndicatorRow,
  unitIds: number[],
  periods: Period[],
): Promise<Map<number, Map<string, number>>> {
  const out = new Map<number, Map<string, number>>();
  if (!indicator.formula || periods.length === 0) return out;
  const form = await reports.form(db, indicator.formula.formId);
  const fields = new Map(formFields(form.definition).map((f) => [f.code, f]));
  const inputs = formulaInputs(indicator.formula.expression);
  const keysOf = new Map(
    inputs.map((input) => {
      const field = fields.get(input.split('.')[0]!);
      return [input, input.includes('.') || !field ? [input] : fieldCellKeys(form.definition, field)];
    }),
  );
  const formType = form.regime.definition.frequency as PeriodType;
  const rows = await readStoredCells(db, {
    formId: form.id,
    unitIds,
    cellKeys: [...new Set([...keysOf.values()].flat())],
    periods: { from: periods[0]!.start, to: periods.at(-1)!.end },
  });
  for (const unitId of unitIds) {
    const mine = rows.filter((r) => r.unitId === unitId);
    const perPeriod = new Map<string, Record<string, number | null>>();
    for (const input of inputs) {
      const field = fields.get(input.split('.')[0]!)!;
      const byFormPeriod = new Map<string, number>();
      const keys = new Set(keysOf.get(input));
      for (const r of mine)
        if (keys.has(r.cellKey)) byFormPeriod.set(r.periodId, (byFormPeriod.get(r.periodId) ?? 0) + r.value);
      const method = field.aggregation.time === 'sum' ? 'sum' : 'last';
      const combined = combineOverPeriods(
        formType as 'day' | 'month' | 'quarter' | 'year',
        method,
        byFormPeriod,
        periods,
      );
      for (const p of periods) {
        const record = perPeriod.get(p.id) ?? {};
        record[input] = combined.get(p.id)?.value ?? null;
        perPeriod.set(p.id, record);
      }
    }
    out.set(unitId, evaluateFormulaOverPeriods(indicator.formula.expression, perPeriod));
  }
  return out;
}

/** The series of an indicator for one unit in the caller's view: each period's latest vintage and its history. */
export async function getIndicatorSeries(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  id: number,
  query: IndicatorSeriesQuery,
  now: Date,
): Promise<IndicatorSeries> {
  const indicator = await findIndicator(db, id);
  if (!indicator) throw new DomainError('NOT_FOUND');
  const actor = context.actor;
  const unitId =
    query.unitId ??
    (actor.isSystemAdmin ? ((await findCountryUnit(db)) ?? actor.unitId) : (actor.viewRoots[0] ?? actor.unitId));
  const [unit] = await findUnitsById(db, [unitId]);
  if (!unit) throw new DomainError('NOT_FOUND', { field: 'unitId' });
  if (!actor.isSystemAdmin && !(await unitsUnder(db, actor.viewRoots, [unitId])).has(unitId))
    throw new DomainError('NOT_FOUND', { field: 'unitId' });
  const option = query.option ?? '';
  if (option !== '') {
    const [d, o] = option.split('.');
    if (!indicator.disaggregations.some((x) => x.code === d && x.options.some((y) => y.code === o)))
      throw new DomainError('VALIDATION_FAILED', {
        field: 'option',
        message: 'INDICATOR_OPTION_UNKNOWN',
        params: { option },
      });
  }
  const today = todayInVietnam(now);
  const periods = seriesPeriods(indicator.frequency, query, today);
  return {
    indicator: summaryOf(indicator, today),
    unit: unitBrief(unit),
    option,
    ...(indicator.source === 'formula'
      ? await formulaPoints(db, reports, indicator, unitId, periods, today)
      : await storedPoints(db, indicator, unitId, option, periods)),
  };
}

const unitBrief = (u: UnitBrief) => ({ id: u.id, code: u.code, name: u.name });

async function storedPoints(db: Db, indicator: IndicatorRow, unitId: number, option: string, periods: Period[]) {
  const rows = await readSeriesValues(db, {
    indicatorId: indicator.id,
    unitId,
    option,
    from: periods[0]?.start ?? SERIES_START,
    to: periods.at(-1)?.end ?? SERIES_START,
  });
  const byPeriod = new Map<string, typeof rows>();
  for (const r of rows) byPeriod.set(r.periodId, [...(byPeriod.get(r.periodId) ?? []), r]);
  const points: IndicatorSeries['points'] = [];
  for (const [periodId, values] of byPeriod) {
    const withSequence = values.map((v) => ({ ...v, sequence: v.id }));
    const latest = latestVintage(withSequence)!;
    points.push({
      period: periodId,
      start: latest.periodStart,
      value: latest.value,
      vintage: latest.vintage,
      releasedOn: latest.releasedOn,
      source: latest.source,
      isDemo: latest.isDemo,
      history: vintageHistory(withSequence).map((v) => ({
        vintage: v.vintage,
        releasedOn: v.releasedOn,
        value: v.value,
        source: v.source,
        recordedAt: v.recordedAt,
      })),
    });
  }
  points.sort((a, b) => (a.start < b.start ? -1 : 1));
  return { points, demo: points.some((p) => p.isDemo) };
}

async function formulaPoints(
  db: Db,
  reports: ReportCatalog,
  indicator: IndicatorRow,
  unitId: number,
  periods: Period[],
  today: string,
) {
  const values = (await formulaValues(db, reports, indicator, [unitId], periods)).get(unitId) ?? new Map();
  const points: IndicatorSeries['points'] = [];
  for (const p of periods) {
    const value = values.get(p.id);
    if (value === undefined) continue;
    // Computed now from the live consolidated figures: preliminary until the period's data are final.
    const entry = { vintage: 'preliminary' as const, releasedOn: today, value, source: 'formula' as const };
    points.push({
      period: p.id,
      start: p.start,
      ...entry,
      isDemo: false,
      history: [{ ...entry, recordedAt: `${today}T00:00:00Z` }],
    });
  }
  return { points, demo: false };
}
