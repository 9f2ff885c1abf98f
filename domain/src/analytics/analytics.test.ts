import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnalyticsMeasure,
  type AnalyticsRow,
  type AnalyticsTarget,
  computeAnalytics,
  RowIndex,
} from './analytics';

/**
 * Random pre-reform trees (old provinces → communes with daily entries) and a random
 * old → new mapping (a province merged whole into one new province, or split among
 * several). The store is modelled as the worker keeps it: each old province's row of
 * a day is the sum of its communes that reported that day. The answers must equal a
 * brute-force aggregation of the communes' raw entries.
 */
const DAYS = ['20240401', '20240402', '20240403', '20240404', '20240405'];
const entry = fc.option(fc.record({ a: fc.integer({ min: 0, max: 1_000 }), b: fc.integer({ min: 0, max: 1_000 }) }), {
  nil: null,
  freq: 3,
});
const commune = fc.array(entry, { minLength: DAYS.length, maxLength: DAYS.length });
const world = fc.record({
  provinces: fc.array(fc.array(commune, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
  newCount: fc.integer({ min: 1, max: 4 }),
  seed: fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 6, maxLength: 6 }),
  splits: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
});

type World = {
  provinces: ({ a: number; b: number } | null)[][][];
  newCount: number;
  seed: number[];
  splits: boolean[];
};

const measures: AnalyticsMeasure[] = [
  { field: 'flow', option: null, cellKeys: ['a'], hierarchy: 'sum', time: 'sum' },
  { field: 'stock', option: null, cellKeys: ['b'], hierarchy: 'sum', time: 'last' },
];
const close = (actual: unknown, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
};

function setUp(w: World) {
  const provinceId = (p: number) => 100 + p;
  const newId = (n: number) => 900 + n;
  // Each old province goes whole to one new province, or (split) to two of them.
  const destinations = w.provinces.map((_: unknown, p: number) => {
    const first = w.seed[p]! % w.newCount;
    const second = (first + 1) % w.newCount;
    return w.splits[p] && w.newCount > 1 ? [first, second] : [first];
  });
  const rows: AnalyticsRow[] = [];
  w.provinces.forEach((communes: ({ a: number; b: number } | null)[][], p: number) => {
    DAYS.forEach((day, d) => {
      const reported = communes.map((c) => c[d]).filter((v): v is { a: number; b: number } => v !== null);
      if (reported.length === 0) return;
      rows.push({ unitId: provinceId(p), periodId: day, cellKey: 'a', value: reported.reduce((s, v) => s + v.a, 0) });
      rows.push({ unitId: provinceId(p), periodId: day, cellKey: 'b', value: reported.reduce((s, v) => s + v.b, 0) });
    });
  });
  return { provinceId, newId, destinations, index: new RowIndex(rows) };
}

/** Brute force over the communes' raw entries: flows summed, stocks the sum on the last day with any entry. */
function brute(
  provinces: ({ a: number; b: number } | null)[][][],
  share: (p: number) => number,
  days: string[],
): { flow: number | null; stock: number | null } {
  let flow: number | null = null;
  let stock: number | null = null;
  for (const day of days) {
    const d = DAYS.indexOf(day);
    let dayStock: number | null = null;
    provinces.forEach((communes, p) => {
      const weight = share(p);
      if (weight === 0) return;
      for (const c of communes) {
        const v = c[d];
        if (!v) continue;
        flow = (flow ?? 0) + v.a * weight;
        dayStock = (dayStock ?? 0) + v.b * weight;
      }
    });
    if (dayStock !== null) stock = dayStock;
  }
  return { flow, stock };
}

describe('computeAnalytics', () => {
  it('equals a brute-force aggregation of the raw entries, by unit and over time', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { provinceId, index } = setUp(w);
        const targets: AnalyticsTarget[] = w.provinces.map((_: unknown, p: number) => ({
          unitId: provinceId(p),
          sources: [{ unitId: provinceId(p), weight: 1, approximate: false }],
        }));
        const buckets = [{ id: '202404', formPeriods: DAYS }, ...DAYS.map((d) => ({ id: d, formPeriods: [d] }))];
        const { cells, totals } = computeAnalytics({ index, measures, targets, buckets, withTotals: true });
        for (const bucket of buckets) {
          w.provinces.forEach((_: unknown, p: number) => {
            const expected = brute(w.provinces, (q) => (q === p ? 1 : 0), bucket.formPeriods);
            const of = (field: string) =>
              cells.find((c) => c.unitId === provinceId(p) && c.period === bucket.id && c.field === field)!.value;
            close(of('flow'), expected.flow);
            close(of('stock'), expected.stock);
          });
          const all = brute(w.provinces, () => 1, bucket.formPeriods);
          close(totals.find((c) => c.period === bucket.id && c.field === 'flow')!.value, all.flow);
          close(totals.find((c) => c.period === bucket.id && c.field === 'stock')!.value, all.stock);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('re-aggregates onto the new provinces: whole provinces exactly, split ones shared equally and flagged', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { provinceId, newId, destinations, index } = setUp(w);
        const targets: AnalyticsTarget[] = Array.from({ length: w.newCount }, (_, n) => ({
          unitId: newId(n),
          sources: destinations.flatMap((to: number[], p: number) =>
            to.includes(n) ? [{ unitId: provinceId(p), weight: 1 / to.length, approximate: to.length > 1 }] : [],
          ),
        }));
        const buckets = [{ id: '202404', formPeriods: DAYS }];
        const { cells, totals } = computeAnalytics({ index, measures, targets, buckets, withTotals: true });
        for (let n = 0; n < w.newCount; n += 1) {
          const share = (p: number) => (destinations[p]!.includes(n) ? 1 / destinations[p]!.length : 0);
          const expected = brute(w.provinces, share, DAYS);
          const mine = cells.filter((c) => c.unitId === newId(n));
          close(mine.find((c) => c.field === 'flow')!.value, expected.flow);
          close(mine.find((c) => c.field === 'stock')!.value, expected.stock);
          const split = destinations.some((to: number[]) => to.includes(n) && to.length > 1);
          expect(mine.every((c) => c.approximate === split)).toBe(true);
        }
        // Nothing is lost or counted twice: the new provinces' flows add up to the old ones'.
        close(totals.find((c) => c.field === 'flow')!.value, brute(w.provinces, () => 1, DAYS).flow);
      }),
      { numRuns: 300 },
    );
  });
});
