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
import { tidyNumber } from '../expressions/evaluator';
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

/**
 * Looks stored rows up by unit, period and cell. Nested maps keyed by the parts themselves: a
 * board's answer looks up thousands of cells, and building a joined string key for each lookup
 * cost more (in allocation and garbage collection) than the arithmetic.
 */
export class RowIndex {
  private readonly values = new Map<number, Map<string, Map<string, number>>>();
  private readonly slices = new Map<number, Map<string, AnalyticsSlice>>();
  constructor(rows: Iterable<AnalyticsRow>, slices: Iterable<AnalyticsSlice> = []) {
    for (const row of rows) {
      let byPeriod = this.values.get(row.unitId);
      if (!byPeriod) {
        byPeriod = new Map();
        this.values.set(row.unitId, byPeriod);
      }
      let byCell = byPeriod.get(row.periodId);
      if (!byCell) {
        byCell = new Map();
        byPeriod.set(row.periodId, byCell);
      }
      byCell.set(row.cellKey, row.value);
    }
    for (const slice of slices) {
      let byPeriod = this.slices.get(slice.unitId);
      if (!byPeriod) {
        byPeriod = new Map();
        this.slices.set(slice.unitId, byPeriod);
      }
      byPeriod.set(slice.periodId, slice);
    }
  }
  value(unitId: number, periodId: string, cellKey: string): number | null {
    return this.values.get(unitId)?.get(periodId)?.get(cellKey) ?? null;
  }
  slice(unitId: number, periodId: string): AnalyticsSlice | null {
    return this.slices.get(unitId)?.get(periodId) ?? null;
  }
  /** A unit's cells in one period (undefined when it has none). */
  cellsOf(unitId: number, periodId: string): ReadonlyMap<string, number> | undefined {
    return this.values.get(unitId)?.get(periodId);
  }
}

const weighted = (method: AggregationMethod, value: number, weight: number) =>
  method === 'sum' && weight !== 1 ? value * weight : value;

/** A measure's value over `sources` in one of the form's periods (hierarchy method). */
function valueInPeriod(index: RowIndex, measure: AnalyticsMeasure, sources: AnalyticsSource[], periodId: string) {
  if (measure.hierarchy === 'sum') {
    // The common case (flows, and stocks summed over units) without intermediate arrays: the
    // same running totals and scales as `aggregateValues('sum', …)`, then the same tidying.
    let total = 0;
    let scale = 0;
    let count = 0;
    for (const source of sources) {
      const cells = index.cellsOf(source.unitId, periodId);
      if (!cells) continue;
      let own = 0;
      let ownScale = 0;
      let ownCount = 0;
      for (const key of measure.cellKeys) {
        const value = cells.get(key);
        if (value === undefined || !Number.isFinite(value)) continue;
        own += value;
        ownScale = Math.max(ownScale, Math.abs(value), Math.abs(own));
        ownCount += 1;
      }
      if (ownCount === 0) continue;
      const tidied = tidyNumber(own, ownScale);
      if (tidied === null) continue;
      const part = source.weight !== 1 ? tidied * source.weight : tidied;
      if (!Number.isFinite(part)) continue;
      total += part;
      scale = Math.max(scale, Math.abs(part), Math.abs(total));
      count += 1;
    }
    return count === 0 ? null : tidyNumber(total, scale);
  }
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
  if (bucket.formPeriods.length === 1) {
    // One form period per answer period (a month by month, a day by day): time aggregation of
    // a single value is that value, tidied as `aggregateValues` would.
    const only = valueInPeriod(index, measure, sources, bucket.formPeriods[0]!);
    return aggregateValues(measure.time, [only]);
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
