/**
 * Socio-economic indicators (chỉ tiêu kinh tế – xã hội, Decision 293/QĐ-TTg): the catalogue's
 * vocabulary, the choice of a value among its vintages, and a formula indicator's evaluation over
 * periods. Pure: the server reads the rows and hands them here.
 */
import { evaluate, resolverFromRecord } from '../expressions/evaluator';
import { parseExpression } from '../expressions/parser';
import { referencedFields } from '../expressions/references';
import { enumeratePeriods, type Period, type PeriodType } from '../periods/periods';

/** The nine areas of the national statistical indicator system. */
export const indicatorAreas = [
  'growth',
  'public_finance',
  'macro_stability',
  'business_environment',
  'labour',
  'social',
  'environment',
  'public_administration',
  'infrastructure_science',
] as const;
export type IndicatorAreaCode = (typeof indicatorAreas)[number];

export const indicatorFrequencies = ['year', 'quarter', 'month', 'day'] as const;
export type IndicatorFrequencyCode = (typeof indicatorFrequencies)[number];

/** Where an indicator's values come from. */
export const indicatorSources = ['formula', 'direct', 'push', 'connector'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

/** Where one value came from (the demonstration generator besides the indicator's sources). */
export const indicatorValueSources = ['direct', 'push', 'connector', 'formula', 'demo'] as const;
export type IndicatorValueSource = (typeof indicatorValueSources)[number];

/** A value's vintage, in the order a figure matures: preliminary → revised → official. */
export const indicatorVintages = ['preliminary', 'revised', 'official'] as const;
export type IndicatorVintage = (typeof indicatorVintages)[number];
const vintageRank: Record<IndicatorVintage, number> = { preliminary: 0, revised: 1, official: 2 };

/** One stored vintage of one value (an indicator, unit, period and option). */
export interface VintageValue {
  vintage: IndicatorVintage;
  /** The release date (ISO), e.g. the day the statistics office published it. */
  releasedOn: string;
  value: number;
  /** The order it was recorded in (a database id): breaks ties between same-day releases. */
  sequence: number;
}

/**
 * Orders vintages from the least to the most authoritative: a more mature vintage wins whatever its
 * date (a late preliminary estimate does not replace the official figure); within a vintage the
 * later release wins, then the later recording.
 */
export function compareVintages(a: VintageValue, b: VintageValue): number {
  return (
    vintageRank[a.vintage] - vintageRank[b.vintage] ||
    (a.releasedOn < b.releasedOn ? -1 : a.releasedOn > b.releasedOn ? 1 : 0) ||
    a.sequence - b.sequence
  );
}

/** The vintage a series shows: the most authoritative (see {@link compareVintages}), or null when none. */
export function latestVintage<T extends VintageValue>(values: readonly T[]): T | null {
  let best: T | null = null;
  for (const v of values) if (best === null || compareVintages(v, best) > 0) best = v;
  return best;
}

/** The history of a value: its vintages in release order (then recording order). */
export function vintageHistory<T extends VintageValue>(values: readonly T[]): T[] {
  return [...values].sort(
    (a, b) => (a.releasedOn < b.releasedOn ? -1 : a.releasedOn > b.releasedOn ? 1 : 0) || a.sequence - b.sequence,
  );
}

/** Whether a period type may hold an indicator of `frequency` (equal or coarser, and nested). */
export function periodTypeFits(frequency: IndicatorFrequencyCode, type: PeriodType): boolean {
  const rank: Partial<Record<PeriodType, number>> = { day: 0, month: 1, quarter: 2, year: 3 };
  const a = rank[frequency];
  const b = rank[type];
  return a !== undefined && b !== undefined && a <= b;
}

/**
 * Combines an indicator's values of its own periods into the periods of `periods` by its time
 * method (`sum` for flows, `last` for stocks and ratios). A period with no value stays absent;
 * `sum` over a period with some values missing is still the sum of those present, flagged partial.
 */
export function combineOverPeriods(
  frequency: IndicatorFrequencyCode,
  timeMethod: 'sum' | 'last',
  values: ReadonlyMap<string, number>,
  periods: readonly Period[],
): Map<string, { value: number; partial: boolean }> {
  const out = new Map<string, { value: number; partial: boolean }>();
  for (const period of periods) {
    const inner = enumeratePeriods(frequency, period.start, period.end);
    const present = inner.map((p) => values.get(p.id)).filter((v): v is number => v !== undefined);
    if (present.length === 0) continue;
    if (timeMethod === 'sum')
      out.set(period.id, { value: present.reduce((a, b) => a + b, 0), partial: present.length < inner.length });
    else {
      const last = [...inner].reverse().find((p) => values.has(p.id))!;
      out.set(period.id, { value: values.get(last.id)!, partial: last.id !== inner.at(-1)!.id });
    }
  }
  return out;
}

/** The form cells a formula reads, as written (`code` or `code.option`). */
export function formulaInputs(expression: string): string[] {
  return [
    ...new Set(
      referencedFields(parseExpression(expression)).map((r) =>
        r.option === undefined ? r.field : `${r.field}.${r.option}`,
      ),
    ),
  ];
}

/**
 * Evaluates a formula indicator per period: each period's inputs (already aggregated over the
 * period, e.g. a form's monthly figures summed into the year) go into the expression once, so a
 * ratio is recomputed from its summed parts and never averaged. A period whose result is not a
 * finite number (a missing input, a division by zero) has no value.
 */
export function evaluateFormulaOverPeriods(
  expression: string,
  inputsByPeriod: ReadonlyMap<string, Readonly<Record<string, number | null>>>,
): Map<string, number> {
  const ast = parseExpression(expression);
  const out = new Map<string, number>();
  for (const [period, inputs] of inputsByPeriod) {
    const value = evaluate(ast, resolverFromRecord(inputs));
    if (typeof value === 'number' && Number.isFinite(value)) out.set(period, value);
  }
  return out;
}
