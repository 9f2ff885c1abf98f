/**
 * Outliers: a figure far from the unit's own history of the same cell. Two
 * tests must both hold for a flag, so that one noisy test does not cry wolf:
 * the robust z-score (distance from the median in units of the scaled median
 * absolute deviation, Iglewicz–Hoaglin) exceeds the threshold, and the figure
 * lies outside the bounds learnt from the history (its minimum and maximum).
 * Pure: the history is passed in (the unit's last periods, newest first or in
 * any order — order does not matter). A flag is a warning, never an error: the
 * officer confirms it with a comment on the cell, and the approver sees both.
 */
import { compileForm } from '../aggregation/aggregate';
import { isNumericType } from '../forms/form-cells';
import type { CellValues, FormDefinition } from '../forms/form-definition';
import type { ValueIssue } from '../forms/validate-values';

/** How many past periods of a cell are looked at. */
export const OUTLIER_HISTORY_PERIODS = 30;
/** Fewer past figures than this: no judgement, no flag. */
export const OUTLIER_MIN_HISTORY = 8;
/** Robust z-score beyond which a figure is flagged (Iglewicz–Hoaglin's 3.5). */
export const OUTLIER_THRESHOLD = 3.5;

/** What a cell's history says, enough to judge a new figure (and small enough to send to the entry page). */
export interface CellBaseline {
  /** Past figures counted. */
  count: number;
  median: number;
  /** Robust spread: MAD / 0.6745, or the mean absolute deviation × 1.2533 when the MAD is 0; 0 for a constant history. */
  scale: number;
  min: number;
  max: number;
}

export interface OutlierFlag {
  cell: string;
  value: number;
  /** Robust z-score (signed; ±Infinity when the history was constant). */
  z: number;
  direction: 'high' | 'low';
  baseline: CellBaseline;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The baseline of a cell from its past figures (non-finite ones ignored); null
 * when there are fewer than `OUTLIER_MIN_HISTORY` of them.
 */
export function cellBaseline(history: readonly number[], minHistory = OUTLIER_MIN_HISTORY): CellBaseline | null {
  const values = history.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (values.length < Math.max(1, minHistory)) return null;
  const m = median(values);
  const deviations = values.map((v) => Math.abs(v - m)).sort((a, b) => a - b);
  const mad = median(deviations);
  const meanDeviation = deviations.reduce((sum, d) => sum + d, 0) / deviations.length;
  const scale = mad > 0 ? mad / 0.6745 : meanDeviation * 1.2533;
  return { count: values.length, median: m, scale, min: values[0]!, max: values[values.length - 1]! };
}

/** The robust z-score of `value` against a baseline: 0 at the median, ±Infinity off a constant history. */
export function robustZ(baseline: CellBaseline, value: number): number {
  const distance = value - baseline.median;
  if (distance === 0) return 0;
  if (baseline.scale === 0) return distance > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return distance / baseline.scale;
}

/**
 * Whether `value` is an outlier against the baseline: beyond the threshold in
 * robust z and outside the learnt min–max bounds. Returns the flag without its cell.
 */
export function judgeOutlier(
  baseline: CellBaseline,
  value: number,
  threshold = OUTLIER_THRESHOLD,
): Omit<OutlierFlag, 'cell'> | null {
  if (!Number.isFinite(value)) return null;
  const z = robustZ(baseline, value);
  if (Math.abs(z) <= threshold) return null;
  if (value >= baseline.min && value <= baseline.max) return null;
  return { value, z, direction: z > 0 ? 'high' : 'low', baseline };
}

/** Baselines of every numeric input cell of a form from its past values (any order, at most the last periods). */
export function baselinesOf(form: FormDefinition, history: readonly CellValues[]): Record<string, CellBaseline> {
  const baselines: Record<string, CellBaseline> = {};
  const recent = history.slice(0, OUTLIER_HISTORY_PERIODS);
  for (const { key, field } of compileForm(form).inputCells) {
    if (!isNumericType(field.type)) continue;
    const figures = recent.map((values) => values[key]).filter((v): v is number => typeof v === 'number');
    const baseline = cellBaseline(figures);
    if (baseline) baselines[key] = baseline;
  }
  return baselines;
}

/** The outliers among a report's values, cell by cell, in the form's cell order. */
export function findOutliers(
  form: FormDefinition,
  values: CellValues,
  baselines: Readonly<Record<string, CellBaseline>>,
): OutlierFlag[] {
  const flags: OutlierFlag[] = [];
  for (const { key } of compileForm(form).inputCells) {
    const value = values[key];
    const baseline = baselines[key];
    if (typeof value !== 'number' || !baseline) continue;
    const flag = judgeOutlier(baseline, value);
    if (flag) flags.push({ cell: key, ...flag });
  }
  return flags;
}

/** Outliers that still lack a confirmation: a non-empty comment on the cell. */
export function unconfirmedOutliers(
  flags: readonly OutlierFlag[],
  comments: Readonly<Record<string, string>>,
): OutlierFlag[] {
  return flags.filter((f) => !(comments[f.cell] ?? '').trim());
}

const formatNumber = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/** The message an outlier shows at entry and in review. */
export function outlierMessage(flag: Pick<OutlierFlag, 'direction' | 'baseline'>): { vi: string; en: string } {
  const { baseline } = flag;
  const range = `${formatNumber(baseline.min)}–${formatNumber(baseline.max)}`;
  return flag.direction === 'high'
    ? {
        vi: `Cao bất thường so với ${baseline.count} kỳ trước (trung vị ${formatNumber(baseline.median)}, khoảng ${range}). Kiểm tra lại hoặc ghi chú xác nhận.`,
        en: `Unusually high against the ${baseline.count} previous periods (median ${baseline.median}, range ${baseline.min}–${baseline.max}). Check it or confirm it with a comment.`,
      }
    : {
        vi: `Thấp bất thường so với ${baseline.count} kỳ trước (trung vị ${formatNumber(baseline.median)}, khoảng ${range}). Kiểm tra lại hoặc ghi chú xác nhận.`,
        en: `Unusually low against the ${baseline.count} previous periods (median ${baseline.median}, range ${baseline.min}–${baseline.max}). Check it or confirm it with a comment.`,
      };
}

/** An outlier as the entry page and the submit list it: a warning on its cell. */
export function outlierIssue(flag: OutlierFlag): ValueIssue {
  return { target: flag.cell, severity: 'warning', code: 'outlier', message: outlierMessage(flag) };
}

/** An outlier as a revision keeps it, with its confirming comment (an infinite z is stored as null). */
export function storedFlag(flag: OutlierFlag, comment: string) {
  return {
    cell: flag.cell,
    value: flag.value,
    z: Number.isFinite(flag.z) ? Math.round(flag.z * 100) / 100 : null,
    direction: flag.direction,
    baseline: flag.baseline,
    comment: comment.trim(),
  };
}
