/**
 * The arithmetic of an analytics answer, pure. The server reads the rollup rows
 * (each unit's figures for each of the form's periods, already aggregated over its
 * subtree by the consolidation worker) and hands them here with:
 *
 * - the answer's units, each with its **sources**: itself (weight 1), or, when
 *   pre-reform data is shown on today's units, the former units that went into it
 *   (weight 1 when whole, 1/k of a unit split k ways: `equal_split`, approximate);
 * - the answer's periods, each holding the form's periods that fall inside it.
 *
 * A cell is computed in two steps: for each of the form's periods, the sources'
 * values are combined by the field's hierarchy method (weights apply to sums);
 * then those per-period values are combined over time by the field's time method
 * (`sum` for flows, `last` for stocks…). Computed fields (ratios) are never
 * aggregated: they are evaluated again on the aggregated parts of each cell.
 */
import { aggregateValues, computeFields } from '../aggregation/aggregate';
import type { AggregationMethod, CellValue, CellValues, FormDefinition } from '../forms/form-definition';

export interface AnalyticsSource {
  unitId: number;
  weight: number;
  approximate: boolean;
}

export interface AnalyticsTarget {
  unitId: number;
  sources: AnalyticsSource[];
}

/** One measure of the answer: a field's total over some of its cells, or one option's cell. */
export interface AnalyticsMeasure {
  field: string;
  option: string | null;
  /** The stored cell keys combined (by `hierarchy`) into this measure: one, or a field's options. */
  cellKeys: string[];
  hierarchy: AggregationMethod;
  time: AggregationMethod;
  /** A computed field: evaluated on the aggregated `inputs` (cell key → measure of that cell). */
  computed?: { code: string; form: FormDefinition; inputs: { key: string; measure: AnalyticsMeasure }[] };
}

export interface AnalyticsPeriodBucket {
  id: string;
  /** The form's period ids inside it, oldest first. */
  formPeriods: string[];
}

export interface AnalyticsRow {
  unitId: number;
  periodId: string;
  cellKey: string;
  value: number;
}

export interface AnalyticsSlice {
  unitId: number;
  periodId: string;
  included: number;
  expected: number;
}

export interface AnalyticsResultCell {
  field: string;
  option: string | null;
  unitId: number | null;
  period: string;
  value: CellValue;
  included: number;
  expected: number;
  approximate: boolean;
}

/** Looks stored rows up by unit, period and cell. */
export class RowIndex {
  private readonly values = new Map<string, number>();
  private readonly slices = new Map<string, AnalyticsSlice>();
  constructor(rows: Iterable<AnalyticsRow>, slices: Iterable<AnalyticsSlice> = []) {
    for (const row of rows) this.values.set(`${row.unitId}|${row.periodId}|${row.cellKey}`, row.value);
    for (const slice of slices) this.slices.set(`${slice.unitId}|${slice.periodId}`, slice);
  }
  value(unitId: number, periodId: string, cellKey: string): number | null {
    return this.values.get(`${unitId}|${periodId}|${cellKey}`) ?? null;
  }
  slice(unitId: number, periodId: string): AnalyticsSlice | null {
    return this.slices.get(`${unitId}|${periodId}`) ?? null;
  }
}

const weighted = (method: AggregationMethod, value: number, weight: number) =>
  method === 'sum' && weight !== 1 ? value * weight : value;

/** A measure's value over `sources` in one of the form's periods (hierarchy method). */
function valueInPeriod(index: RowIndex, measure: AnalyticsMeasure, sources: AnalyticsSource[], periodId: string) {
  const parts: CellValue[] = [];
  for (const source of sources) {
    const own = aggregateValues(
      measure.hierarchy,
      measure.cellKeys.map((key) => index.value(source.unitId, periodId, key)),
    );
    if (typeof own === 'number') parts.push(weighted(measure.hierarchy, own, source.weight));
  }
  return aggregateValues(measure.hierarchy, parts);
}

/** A measure's value over `sources` in one answer period: hierarchy first, then time. */
export function measureValue(
  index: RowIndex,
  measure: AnalyticsMeasure,
  sources: AnalyticsSource[],
  bucket: AnalyticsPeriodBucket,
): CellValue {
  if (measure.computed) {
    const values: CellValues = {};
    for (const input of measure.computed.inputs) {
      const value = measureValue(index, input.measure, sources, bucket);
      if (value !== null) values[input.key] = value;
    }
    return computeFields(measure.computed.form, values)[measure.computed.code] ?? null;
  }
  const perPeriod = bucket.formPeriods.map((periodId) => valueInPeriod(index, measure, sources, periodId));
  return aggregateValues(measure.time, perPeriod);
}

/** How many expected units the cell includes: the sources' counts in the latest of the form's periods that has any. */
function counts(index: RowIndex, sources: AnalyticsSource[], bucket: AnalyticsPeriodBucket) {
  for (let i = bucket.formPeriods.length - 1; i >= 0; i -= 1) {
    const periodId = bucket.formPeriods[i]!;
    let included = 0;
    let expected = 0;
    let found = false;
    for (const source of sources) {
      const slice = index.slice(source.unitId, periodId);
      if (!slice) continue;
      found = true;
      included += slice.included;
      expected += slice.expected;
    }
    if (found) return { included, expected };
  }
  return { included: 0, expected: sources.length };
}

/**
 * Every cell of the answer (measure × unit × period) and, when `withTotals`, each measure's total
 * per period over all the units (the union of their sources): "58/63" there counts the units
 * with a value among all of them.
 */
export function computeAnalytics(input: {
  index: RowIndex;
  measures: AnalyticsMeasure[];
  targets: AnalyticsTarget[];
  buckets: AnalyticsPeriodBucket[];
  withTotals: boolean;
}): { cells: AnalyticsResultCell[]; totals: AnalyticsResultCell[] } {
  const { index, measures, targets, buckets } = input;
  const cells: AnalyticsResultCell[] = [];
  const totals: AnalyticsResultCell[] = [];
  for (const target of targets) {
    const approximate = target.sources.some((s) => s.approximate);
    for (const bucket of buckets) {
      const { included, expected } = counts(index, target.sources, bucket);
      for (const measure of measures)
        cells.push({
          field: measure.field,
          option: measure.option,
          unitId: target.unitId,
          period: bucket.id,
          value: measureValue(index, measure, target.sources, bucket),
          included,
          expected,
          approximate,
        });
    }
  }
  if (input.withTotals) {
    const all = targets.flatMap((t) => t.sources);
    const approximate = all.some((s) => s.approximate);
    const position = new Map(measures.map((m, i) => [i, m]));
    for (const bucket of buckets)
      for (const [i, measure] of position) {
        const included = targets.filter(
          (_, t) => cells[(t * buckets.length + buckets.indexOf(bucket)) * measures.length + i]!.value !== null,
        ).length;
        totals.push({
          field: measure.field,
          option: measure.option,
          unitId: null,
          period: bucket.id,
          value: measureValue(index, measure, all, bucket),
          included,
          expected: targets.length,
          approximate,
        });
      }
  }
  return { cells, totals };
}
