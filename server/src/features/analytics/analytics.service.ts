/**
 * The analytics query: which fields, which units (a level, a list, or a unit and
 * its children), which periods; it reads the rollup rows of exactly those units
 * from the store the consolidation worker keeps (`analytics-upkeep.ts`), and the
 * domain's `computeAnalytics` does the arithmetic. Every unit must lie in the
 * caller's view; the size of a query is bounded before anything is read.
 */
import {
  ANALYTICS_LIMITS,
  type AnalyticsAnswer,
  type AnalyticsFieldInfo,
  type AnalyticsMeasure,
  type AnalyticsPeriodBucket,
  type AnalyticsQuery,
  type AnalyticsResultCell,
  type AnalyticsSource,
  type AnalyticsTarget,
  computeAnalytics,
  DomainError,
  enumeratePeriods,
  type FieldDefinition,
  fieldCellKeys,
  formFields,
  type Period,
  type PeriodType,
  RowIndex,
  tryParsePeriod,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { readStoredCells } from '../../reporting/analytics-store';
import { canManageRegimes } from '../../reporting/catalogue';
import { withRecipientReach } from '../../reporting/recipients';
import type { FormInfo, ReportCatalog } from '../../reporting/report-context';
import { indicatorAnalytics, indicatorFieldInfos, isIndicatorField } from '../indicators/indicator-analytics';
import {
  findAnalyticsForms,
  findChildUnits,
  findLevelUnits,
  findMappedSources,
  findUnits,
  readAnalyticsSlices,
  type UnitBrief,
  unitsInside,
} from './analytics.queries';

type Reader = Db | Tx;

const REFORM_DATE = '2025-07-01';
const periodRank: Record<PeriodType, number> = {
  day: 0,
  week: 1,
  month: 2,
  quarter: 3,
  half_year: 4,
  nine_months: 5,
  year: 6,
};

function fieldInfo(form: FormInfo, field: FieldDefinition): AnalyticsFieldInfo {
  const set = field.disaggregation
    ? form.definition.optionSets.find((s) => s.code === field.disaggregation)
    : undefined;
  return {
    id: `${form.id}:${field.code}`,
    regime: { id: form.regime.id, code: form.regime.code, name: form.regime.definition.name },
    form: { id: form.id, code: form.code, title: form.definition.title },
    field: { code: field.code, label: field.label },
    type: field.type,
    unitOfMeasure: field.unit ?? null,
    periodType: form.regime.definition.frequency as PeriodType,
    hierarchyMethod: field.aggregation.hierarchy,
    timeMethod: field.aggregation.time,
    computed: Boolean(field.expression),
    options: set?.options.map((o) => ({ code: o.code, label: o.label })) ?? [],
  };
}

const numeric = (field: FieldDefinition) => ['integer', 'decimal', 'money', 'percent'].includes(field.type);

/** The fields a caller may query: the numeric fields of the published forms of the regimes it sees. */
export async function listAnalyticsFields(
  db: Reader,
  reports: ReportCatalog,
  context: RequestContext,
  query: { regimeId?: number; formId?: number },
): Promise<{ items: AnalyticsFieldInfo[] }> {
  const forms = await findAnalyticsForms(db, query);
  const items: AnalyticsFieldInfo[] = [];
  for (const row of forms) {
    if (row.status === 'draft' && !canManageRegimes(context)) continue;
    const form = await reports.form(db, row.id);
    for (const field of formFields(form.definition)) if (numeric(field)) items.push(fieldInfo(form, field));
  }
  // Indicators (`ind:<code>`) beside the form fields, unless a regime or form was asked for.
  if (query.regimeId === undefined && query.formId === undefined) items.push(...(await indicatorFieldInfos(db)));
  return { items };
}

interface ResolvedField {
  id: string;
  form: FormInfo;
  field: FieldDefinition;
  info: AnalyticsFieldInfo;
  options: string[] | null;
}

async function resolveFields(db: Reader, reports: ReportCatalog, context: RequestContext, query: AnalyticsQuery) {
  const resolved: ResolvedField[] = [];
  for (const [i, id] of query.fields.entries()) {
    if (isIndicatorField(id)) continue; // answered by features/indicators
    const unknown = () =>
      new DomainError('ANALYTICS_UNKNOWN_FIELD', {
        field: `fields.${i}`,
        message: 'ANALYTICS_FIELD_UNKNOWN',
        params: { field: id },
      });
    const [formPart, code] = id.split(':') as [string, string];
    let form: FormInfo;
    try {
      form = await reports.form(db, Number(formPart));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') throw unknown();
      throw error;
    }
    if (form.regime.status === 'draft' && !canManageRegimes(context)) throw unknown();
    const field = formFields(form.definition).find((f) => f.code === code);
    if (!field || !numeric(field)) throw unknown();
    resolved.push({ id, form, field, info: fieldInfo(form, field), options: null });
  }
  for (const [key, options] of Object.entries(query.filters ?? {})) {
    if (isIndicatorField(key)) continue;
    const target = resolved.find((r) => r.id === key);
    if (!target)
      throw new DomainError('ANALYTICS_UNKNOWN_FIELD', {
        field: `filters.${key}`,
        message: 'ANALYTICS_FIELD_UNKNOWN',
        params: { field: key },
      });
    const known = target.info.options.map((o) => o.code);
    for (const [j, option] of options.entries())
      if (!known.includes(option))
        throw new DomainError('ANALYTICS_UNKNOWN_FIELD', {
          field: `filters.${key}.${j}`,
          message: 'ANALYTICS_OPTION_UNKNOWN',
          params: { field: key, option },
        });
    target.options = options;
  }
  return resolved;
}

function resolvePeriods(query: AnalyticsQuery): Period[] {
  const { type, from, to, ids } = query.periods;
  const range = from !== undefined || to !== undefined;
  if (range === (ids !== undefined) || (range && (from === undefined || to === undefined)))
    throw new DomainError('ANALYTICS_BAD_PERIODS', { field: 'periods', message: 'ANALYTICS_PERIODS_ONE_WAY' });
  const parse = (id: string, field: string) => {
    const period = tryParsePeriod(id);
    if (!period || period.type !== type)
      throw new DomainError('ANALYTICS_BAD_PERIODS', {
        field,
        message: 'ANALYTICS_PERIOD_WRONG_TYPE',
        params: { period: id, type },
      });
    return period;
  };
  if (ids) {
    const periods = ids.map((id, i) => parse(id, `periods.ids.${i}`));
    const unique = [...new Map(periods.map((p) => [p.id, p])).values()];
    return unique.sort((a, b) => (a.start < b.start ? -1 : 1));
  }
  const first = parse(from!, 'periods.from');
  const last = parse(to!, 'periods.to');
  if (first.start > last.start)
    throw new DomainError('ANALYTICS_BAD_PERIODS', { field: 'periods.to', message: 'ANALYTICS_PERIOD_RANGE_REVERSED' });
  // Count before enumerating: a ten-year daily range is refused without building 3,653 periods.
  const days = (Date.parse(last.end) - Date.parse(first.start)) / 86_400_000 + 1;
  const daysPer: Record<PeriodType, number> = {
    day: 1,
    week: 7,
    month: 30.4,
    quarter: 91.3,
    half_year: 182.6,
    nine_months: 365.2,
    year: 365.2,
  };
  const approx = daysPer[type];
  const estimate = Math.round(days / approx);
  if (estimate > ANALYTICS_LIMITS.periods)
    throw new DomainError('ANALYTICS_QUERY_TOO_BIG', {
      field: 'periods',
      message: 'ANALYTICS_TOO_MANY_PERIODS',
      params: { count: estimate, limit: ANALYTICS_LIMITS.periods },
    });
  return enumeratePeriods(type, first.start, last.end);
}

/**
 * The form's periods inside each answer period, and their starts (the store is read by them);
 * refuses a type finer than the form's, or one that does not nest.
 */
function bucketsFor(field: ResolvedField, periods: Period[]): { buckets: AnalyticsPeriodBucket[]; starts: string[] } {
  const formType = field.form.regime.definition.frequency as PeriodType;
  const type = periods[0]!.type;
  const notNested = () =>
    new DomainError('ANALYTICS_BAD_PERIODS', {
      field: 'periods.type',
      message: 'ANALYTICS_PERIOD_TOO_FINE',
      params: { field: field.id, formType, type },
    });
  if (periodRank[formType] > periodRank[type] || (formType === 'week' && type !== 'week')) throw notNested();
  const starts: string[] = [];
  const buckets = periods.map((period) => {
    const inner = enumeratePeriods(formType, period.start, period.end);
    if (inner.some((p) => p.start < period.start || p.end > period.end)) throw notNested();
    for (const p of inner) starts.push(p.start);
    return { id: period.id, formPeriods: inner.map((p) => p.id) };
  });
  return { buckets, starts };
}

async function assertVisible(db: Reader, context: RequestContext, ids: number[], field: (i: number) => string) {
  if (context.actor.isSystemAdmin) return;
  const inside = await unitsInside(db, context.actor.viewRoots, ids);
  const outside = ids.findIndex((id) => !inside.has(id));
  if (outside >= 0) throw new DomainError('NOT_FOUND', { field: field(outside) });
}

function tooManyUnits(count: number, field: string) {
  return new DomainError('ANALYTICS_QUERY_TOO_BIG', {
    field,
    message: 'ANALYTICS_TOO_MANY_UNITS',
    params: {
      count: count > ANALYTICS_LIMITS.units ? `> ${ANALYTICS_LIMITS.units}` : count,
      limit: ANALYTICS_LIMITS.units,
    },
  });
}

async function resolveUnits(
  db: Reader,
  context: RequestContext,
  query: AnalyticsQuery,
  hierarchy: string,
  from: string,
  to: string,
): Promise<{ units: UnitBrief[]; withTotals: boolean }> {
  const { level, ids, childrenOf, root } = query.units;
  const ways = [level !== undefined, ids !== undefined, childrenOf !== undefined].filter(Boolean).length;
  if (ways !== 1 || (root !== undefined && level === undefined))
    throw new DomainError('VALIDATION_FAILED', { field: 'units', message: 'ANALYTICS_UNITS_ONE_WAY' });
  const limit = ANALYTICS_LIMITS.units;
  if (ids) {
    const unique = [...new Set(ids)];
    const found = await findUnits(db, unique);
    const foundIds = new Set(found.map((u) => u.id));
    const missing = ids.findIndex((id) => !foundIds.has(id));
    if (missing >= 0)
      throw new DomainError('ANALYTICS_UNKNOWN_UNIT', {
        field: `units.ids.${missing}`,
        message: 'ANALYTICS_UNIT_UNKNOWN',
        params: { unit: ids[missing]! },
      });
    await assertVisible(db, context, ids, (i) => `units.ids.${i}`);
    return { units: unique.map((id) => found.find((u) => u.id === id)!), withTotals: true };
  }
  if (level !== undefined) {
    if (root !== undefined) {
      if ((await findUnits(db, [root])).length === 0)
        throw new DomainError('ANALYTICS_UNKNOWN_UNIT', {
          field: 'units.root',
          message: 'ANALYTICS_UNIT_UNKNOWN',
          params: { unit: root },
        });
      await assertVisible(db, context, [root], () => 'units.root');
    }
    const roots = root !== undefined ? [root] : context.actor.isSystemAdmin ? null : context.actor.viewRoots;
    const units = await findLevelUnits(db, { roots, level, hierarchy, from, to, limit });
    if (units.length > limit) throw tooManyUnits(units.length, 'units.level');
    return { units, withTotals: true };
  }
  const parentId = childrenOf === 'mine' ? context.actor.unitId : childrenOf!;
  const [parent] = await findUnits(db, [parentId]);
  if (!parent)
    throw new DomainError('ANALYTICS_UNKNOWN_UNIT', {
      field: 'units.childrenOf',
      message: 'ANALYTICS_UNIT_UNKNOWN',
      params: { unit: parentId },
    });
  await assertVisible(db, context, [parentId], () => 'units.childrenOf');
  const children = await findChildUnits(db, { parentId, hierarchy, from, to, limit });
  if (children.length + 1 > limit) throw tooManyUnits(children.length + 1, 'units.childrenOf');
  return { units: [parent, ...children], withTotals: false };
}

function measuresOf(field: ResolvedField, byOption: boolean): AnalyticsMeasure[] {
  const { form } = field;
  const methods = { hierarchy: field.field.aggregation.hierarchy, time: field.field.aggregation.time };
  if (field.field.expression) {
    // A computed field is evaluated on the aggregated input cells of its form.
    const inputs = formFields(form.definition)
      .filter((f) => !f.expression)
      .flatMap((f) =>
        fieldCellKeys(form.definition, f).map((key) => ({
          key,
          measure: {
            field: field.id,
            option: null,
            cellKeys: [key],
            hierarchy: f.aggregation.hierarchy,
            time: f.aggregation.time,
          },
        })),
      );
    return [
      {
        field: field.id,
        option: null,
        cellKeys: inputs.map((i) => i.key),
        ...methods,
        computed: { code: field.field.code, form: form.definition, inputs },
      },
    ];
  }
  const keys = fieldCellKeys(form.definition, field.field);
  if (!field.field.disaggregation) return [{ field: field.id, option: null, cellKeys: keys, ...methods }];
  const options = field.options ?? field.info.options.map((o) => o.code);
  const chosen = options.map((o) => `${field.field.code}.${o}`);
  const total: AnalyticsMeasure = { field: field.id, option: null, cellKeys: chosen, ...methods };
  if (!byOption) return [total];
  return [
    total,
    ...options.map((o) => ({ field: field.id, option: o, cellKeys: [`${field.field.code}.${o}`], ...methods })),
  ];
}

/** Answers an analytics query (see `AnalyticsQuery` in domain/src/api/analytics.ts). */
export async function queryAnalytics(
  db: Reader,
  reports: ReportCatalog,
  caller: RequestContext,
  query: AnalyticsQuery,
): Promise<AnalyticsAnswer> {
  const periods = resolvePeriods(query);
  const fields = await resolveFields(db, reports, caller, query);
  // A recipient agency reads its regimes' figures from the hierarchy's root (reporting/recipients.ts).
  const regimes = [...new Map(fields.map((f) => [f.form.regime.id, f.form.regime])).values()];
  const context = await withRecipientReach(db, reports, caller, regimes, periods.at(-1)!.start);
  const byForm = new Map<number, number[]>();
  for (const [i, f] of fields.entries()) byForm.set(f.form.id, [...(byForm.get(f.form.id) ?? []), i]);
  // Every field of a form has the form's buckets; the form's first field names a refused period type.
  const buckets = new Map([...byForm].map(([formId, indexes]) => [formId, bucketsFor(fields[indexes[0]!]!, periods)]));
  const from = periods[0]!.start;
  const to = periods.at(-1)!.end;
  const mapped = query.mapping === '2025';
  const hierarchy = fields[0]?.form.regime.definition.hierarchy ?? 'administrative';
  // With the mapping, the answer's units are today's: those valid on or after the reform.
  const later = (date: string) => (date < REFORM_DATE ? REFORM_DATE : date);
  const { units: shown, withTotals } = mapped
    ? await resolveUnits(db, context, query, hierarchy, later(from), later(to))
    : await resolveUnits(db, context, query, hierarchy, from, to);
  const targets: AnalyticsTarget[] = shown.map((u) => ({
    unitId: u.id,
    sources: [{ unitId: u.id, weight: 1, approximate: false }],
  }));
  if (mapped) {
    const byTarget = new Map(targets.map((t) => [t.unitId, t]));
    for (const m of await findMappedSources(db, [...byTarget.keys()])) {
      const exact = m.relation === 'full' && m.ways === 1;
      const source: AnalyticsSource = { unitId: m.oldUnitId, weight: exact ? 1 : 1 / m.ways, approximate: !exact };
      byTarget.get(m.newUnitId)!.sources.push(source);
    }
  }
  const cellsAnswer = fields.flatMap((f) => measuresOf(f, query.byOption === true).map((m) => ({ f, m })));
  const sourceCount = targets.reduce((n, t) => n + t.sources.length, 0);
  const periodCount = [...buckets.values()].reduce(
    (n, { buckets: b }) =>
      Math.max(
        n,
        b.reduce((m, x) => m + x.formPeriods.length, 0),
      ),
    0,
  );
  const keyCount = cellsAnswer.reduce((n, c) => n + c.m.cellKeys.length, 0);
  const estimate = keyCount * sourceCount * periodCount;
  if (estimate > ANALYTICS_LIMITS.rows)
    throw new DomainError('ANALYTICS_QUERY_TOO_BIG', {
      field: 'fields',
      message: 'ANALYTICS_TOO_MANY_ROWS',
      params: { count: estimate, limit: ANALYTICS_LIMITS.rows },
    });
  if (cellsAnswer.length * targets.length * periods.length > ANALYTICS_LIMITS.cells)
    throw new DomainError('ANALYTICS_QUERY_TOO_BIG', {
      field: 'fields',
      message: 'ANALYTICS_TOO_MANY_ROWS',
      params: { count: cellsAnswer.length * targets.length * periods.length, limit: ANALYTICS_LIMITS.cells },
    });

  const unitIds = [...new Set(targets.flatMap((t) => t.sources.map((s) => s.unitId)))];
  const cells: AnalyticsResultCell[] = [];
  const totals: AnalyticsResultCell[] = [];
  for (const [formId, indexes] of byForm) {
    const measures = indexes.flatMap((i) => measuresOf(fields[i]!, query.byOption === true));
    const cellKeys = [...new Set(measures.flatMap((m) => m.cellKeys))];
    const [rows, slices] = await Promise.all([
      readStoredCells(db, { formId, unitIds, cellKeys, periods: { starts: buckets.get(formId)!.starts } }),
      readAnalyticsSlices(db, { formId, unitIds, from, to }),
    ]);
    const result = computeAnalytics({
      index: new RowIndex(rows, slices),
      measures,
      targets,
      buckets: buckets.get(formId)!.buckets,
      withTotals,
    });
    cells.push(...result.cells);
    totals.push(...result.totals);
  }
  const indicators = await indicatorAnalytics(
    db,
    reports,
    query,
    periods,
    shown.map((u) => u.id),
    withTotals,
  );
  cells.push(...indicators.cells);
  totals.push(...indicators.totals.map((c) => ({ ...c, unitId: null })));
  const approximateUnits = new Set(targets.filter((t) => t.sources.some((s) => s.approximate)).map((t) => t.unitId));
  return {
    periodType: query.periods.type,
    periods: periods.map((p) => ({ id: p.id, start: p.start, end: p.end })),
    fields: [...fields.map((f) => f.info), ...indicators.fields],
    units: shown.map((u) => ({ ...u, approximate: approximateUnits.has(u.id) })),
    // Every cell here has its unit (totals are apart): no copy of thousands of cells to say so.
    cells: cells as AnalyticsAnswer['cells'],
    totals,
    mapping: mapped
      ? {
          target: '2025',
          method: 'equal_split',
          note: {
            vi: 'Số liệu trước 01/7/2025 được quy đổi sang đơn vị hành chính mới: đơn vị sáp nhập nguyên vẹn được cộng chính xác; đơn vị bị chia tách được chia đều cho các đơn vị mới nhận (số gần đúng, được đánh dấu).',
            en: 'Data before 1 July 2025 is shown on the new units: units merged whole add up exactly; a unit split among several new units is shared out equally among them (approximate, flagged).',
          },
        }
      : null,
  };
}

/** The answer as CSV: one line per cell, then the totals (unit empty). */
export function analyticsCsv(answer: AnalyticsAnswer, language: 'vi' | 'en'): string {
  const unitOf = new Map(answer.units.map((u) => [u.id, u]));
  const fieldOf = new Map(answer.fields.map((f) => [f.id, f]));
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const header =
    language === 'vi'
      ? [
          'ma_chi_tieu',
          'chi_tieu',
          'phan_to',
          'ma_don_vi',
          'don_vi',
          'ky',
          'gia_tri',
          'don_vi_tinh',
          'so_don_vi_co_so_lieu',
          'so_don_vi_phai_bao_cao',
          'gan_dung',
        ]
      : [
          'field_id',
          'field',
          'option',
          'unit_code',
          'unit',
          'period',
          'value',
          'unit_of_measure',
          'included',
          'expected',
          'approximate',
        ];
  const lines = [header.join(',')];
  for (const c of [...answer.cells, ...answer.totals.map((t) => ({ ...t, unitId: null }))]) {
    const field = fieldOf.get(c.field);
    const unit = c.unitId === null ? undefined : unitOf.get(c.unitId);
    lines.push(
      [
        c.field,
        field?.field.label[language] || field?.field.label.vi,
        c.option,
        unit?.code ?? '',
        unit?.name ?? (language === 'vi' ? 'Tổng' : 'Total'),
        c.period,
        c.value,
        field?.unitOfMeasure,
        c.included,
        c.expected,
        c.approximate ? 1 : 0,
      ]
        .map(quote)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
