/**
 * Indicators in the analytics API, beside form fields: an indicator is the field `ind:<code>`.
 * Its cells are the latest vintage of each unit's values, combined into the answer's periods by
 * the indicator's time method (a formula indicator is evaluated on each answer period's
 * aggregated inputs). Called by features/analytics; the units were already checked against the
 * caller's view there.
 */
import {
  type AnalyticsFieldInfo,
  type AnalyticsQuery,
  combineOverPeriods,
  DomainError,
  type Period,
  periodTypeFits,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { ReportCatalog } from '../../reporting/report-context';
import { findIndicators, findIndicatorsByCode, type IndicatorRow, readLatestValues } from './indicators.queries';
import { formulaValues } from './indicators.service';

type Reader = Db | Tx;

export const INDICATOR_FIELD_PREFIX = 'ind:';
export const isIndicatorField = (id: string) => id.startsWith(INDICATOR_FIELD_PREFIX);

const CATALOGUE = { vi: 'Chỉ tiêu kinh tế – xã hội', en: 'Socio-economic indicators' };

export function indicatorFieldInfo(row: IndicatorRow): AnalyticsFieldInfo {
  return {
    id: `${INDICATOR_FIELD_PREFIX}${row.code}`,
    regime: { id: 0, code: 'CHI-TIEU', name: CATALOGUE },
    form: { id: 0, code: row.area, title: CATALOGUE },
    field: { code: row.code, label: row.name },
    type: 'decimal',
    unitOfMeasure: row.unitOfMeasure,
    periodType: row.frequency,
    hierarchyMethod: 'none',
    timeMethod: row.timeMethod,
    computed: row.source === 'formula',
    options: row.disaggregations.flatMap((d) =>
      d.options.map((o) => ({
        code: `${d.code}.${o.code}`,
        label: { vi: `${d.label.vi}: ${o.label.vi}`, en: `${d.label.en}: ${o.label.en}` },
      })),
    ),
  };
}

/** Every indicator of the catalogue as an analytics field. */
export async function indicatorFieldInfos(db: Reader): Promise<AnalyticsFieldInfo[]> {
  return (await findIndicators(db)).map(indicatorFieldInfo);
}

interface Cell {
  field: string;
  option: string | null;
  unitId: number;
  period: string;
  value: number | null;
  included: number;
  expected: number;
  approximate: boolean;
}

/** The cells and totals of the query's indicator fields for the answer's units and periods. */
export async function indicatorAnalytics(
  db: Reader,
  reports: ReportCatalog,
  query: AnalyticsQuery,
  periods: Period[],
  unitIds: number[],
  withTotals: boolean,
): Promise<{ fields: AnalyticsFieldInfo[]; cells: Cell[]; totals: Omit<Cell, 'unitId'>[] }> {
  const wanted = query.fields.map((id, i) => ({ id, i })).filter((f) => isIndicatorField(f.id));
  const fields: AnalyticsFieldInfo[] = [];
  const cells: Cell[] = [];
  const totals: Omit<Cell, 'unitId'>[] = [];
  if (wanted.length === 0) return { fields, cells, totals };
  const rows = await findIndicatorsByCode(
    db,
    wanted.map((w) => w.id.slice(INDICATOR_FIELD_PREFIX.length)),
  );
  const from = periods[0]!.start;
  const to = periods.at(-1)!.end;
  for (const { id, i } of wanted) {
    const row = rows.find((r) => `${INDICATOR_FIELD_PREFIX}${r.code}` === id);
    if (!row)
      throw new DomainError('ANALYTICS_UNKNOWN_FIELD', {
        field: `fields.${i}`,
        message: 'ANALYTICS_FIELD_UNKNOWN',
        params: { field: id },
      });
    if (!periodTypeFits(row.frequency, periods[0]!.type))
      throw new DomainError('ANALYTICS_BAD_PERIODS', {
        field: 'periods.type',
        message: 'ANALYTICS_PERIOD_TOO_FINE',
        params: { field: id, formType: row.frequency, type: periods[0]!.type },
      });
    const info = indicatorFieldInfo(row);
    fields.push(info);
    const known = info.options.map((o) => o.code);
    const filter = query.filters?.[id];
    for (const [j, option] of (filter ?? []).entries())
      if (!known.includes(option))
        throw new DomainError('ANALYTICS_UNKNOWN_FIELD', {
          field: `filters.${id}.${j}`,
          message: 'ANALYTICS_OPTION_UNKNOWN',
          params: { field: id, option },
        });
    // The total is the stored total ('') unless some options are chosen: then their sum.
    const measures: { option: string | null; parts: string[] }[] = [{ option: null, parts: filter ?? [''] }];
    if (query.byOption) for (const o of filter ?? known) measures.push({ option: o, parts: [o] });
    const byUnit = new Map<number, Map<string, Map<string, number>>>();
    if (row.source === 'formula') {
      // Evaluated on each answer period's aggregated inputs: already in the answer's periods.
      for (const [unitId, values] of await formulaValues(db, reports, row, unitIds, periods))
        byUnit.set(unitId, new Map([['', values]]));
    } else {
      const options = [...new Set(measures.flatMap((m) => m.parts))];
      for (const v of await readLatestValues(db, { indicatorId: row.id, unitIds, options, from, to })) {
        const perOption = byUnit.get(v.unitId) ?? new Map<string, Map<string, number>>();
        const series = perOption.get(v.option) ?? new Map<string, number>();
        series.set(v.periodId, v.value);
        perOption.set(v.option, series);
        byUnit.set(v.unitId, perOption);
      }
    }
    for (const measure of measures) {
      const perPeriod = new Map<string, { sum: number; units: number; partial: boolean }>();
      for (const unitId of unitIds) {
        const combined = measure.parts.map((part) => {
          const series = byUnit.get(unitId)?.get(part) ?? new Map<string, number>();
          return row.source === 'formula'
            ? new Map([...series].map(([p, value]) => [p, { value, partial: false }]))
            : combineOverPeriods(row.frequency, row.timeMethod, series, periods);
        });
        for (const period of periods) {
          const parts = combined.map((c) => c.get(period.id)).filter((c) => c !== undefined);
          const value = parts.length === 0 ? null : parts.reduce((n, c) => n + c.value, 0);
          const partial = parts.some((c) => c.partial) || (parts.length > 0 && parts.length < measure.parts.length);
          cells.push({
            field: id,
            option: measure.option,
            unitId,
            period: period.id,
            value,
            included: value === null ? 0 : 1,
            expected: 1,
            approximate: partial,
          });
          const total = perPeriod.get(period.id) ?? { sum: 0, units: 0, partial: false };
          if (value !== null)
            perPeriod.set(period.id, {
              sum: total.sum + value,
              units: total.units + 1,
              partial: total.partial || partial,
            });
          else perPeriod.set(period.id, total);
        }
      }
      if (!withTotals) continue;
      for (const period of periods) {
        const total = perPeriod.get(period.id)!;
        // Flows add up over units; a stock or ratio has a total only when one unit is asked.
        const value = total.units === 0 ? null : row.timeMethod === 'sum' || unitIds.length === 1 ? total.sum : null;
        totals.push({
          field: id,
          option: measure.option,
          period: period.id,
          value,
          included: total.units,
          expected: unitIds.length,
          approximate: total.partial,
        });
      }
    }
  }
  return { fields, cells, totals };
}
