import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../forms/form-definition';
import {
  baselinesOf,
  cellBaseline,
  findOutliers,
  judgeOutlier,
  OUTLIER_MIN_HISTORY,
  OUTLIER_THRESHOLD,
  robustZ,
  unconfirmedOutliers,
} from './outliers';

const history = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), {
  minLength: OUTLIER_MIN_HISTORY,
  maxLength: 30,
});
const figure = fc.integer({ min: -5_000_000, max: 5_000_000 });

/** Away from the threshold, where floating-point rounding could tip a decision either way. */
const clearOfThreshold = (z: number) => !Number.isFinite(z) || Math.abs(Math.abs(z) - OUTLIER_THRESHOLD) > 1e-6;

describe('outlier statistics', () => {
  it('gives no baseline, hence no flag, with too little history', () => {
    fc.assert(
      fc.property(fc.array(figure, { maxLength: OUTLIER_MIN_HISTORY - 1 }), (past) => {
        expect(cellBaseline(past)).toBeNull();
      }),
    );
  });

  it('never flags a figure inside the learnt bounds, nor the median', () => {
    fc.assert(
      fc.property(history, fc.nat(), (past, pick) => {
        const baseline = cellBaseline(past)!;
        expect(judgeOutlier(baseline, past[pick % past.length]!)).toBeNull();
        expect(judgeOutlier(baseline, baseline.median)).toBeNull();
        expect(robustZ(baseline, baseline.median)).toBe(0);
      }),
    );
  });

  it('is invariant under a positive scale and a shift of history and figure', () => {
    fc.assert(
      fc.property(
        history,
        figure,
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        (past, value, k, c) => {
          const before = cellBaseline(past)!;
          const after = cellBaseline(past.map((v) => k * v + c))!;
          const z = robustZ(before, value);
          const z2 = robustZ(after, k * value + c);
          if (Number.isFinite(z)) expect(z2).toBeCloseTo(z, 6);
          else expect(z2).toBe(z);
          if (clearOfThreshold(z))
            expect(judgeOutlier(after, k * value + c) !== null).toBe(judgeOutlier(before, value) !== null);
        },
      ),
    );
  });

  it('is symmetric: mirroring history and figure mirrors the flag', () => {
    fc.assert(
      fc.property(history, figure, (past, value) => {
        const flag = judgeOutlier(cellBaseline(past)!, value);
        const mirrored = judgeOutlier(cellBaseline(past.map((v) => -v))!, -value);
        if (!clearOfThreshold(robustZ(cellBaseline(past)!, value))) return;
        expect(mirrored === null).toBe(flag === null);
        if (flag && mirrored) {
          expect(mirrored.direction).toBe(flag.direction === 'high' ? 'low' : 'high');
          expect(mirrored.z).toBeCloseTo(-flag.z, 6);
        }
      }),
    );
  });

  it('does not depend on the order of the history', () => {
    fc.assert(
      fc.property(history, figure, (past, value) => {
        const reversed = [...past].reverse();
        expect(cellBaseline(reversed)).toEqual(cellBaseline(past));
        expect(judgeOutlier(cellBaseline(reversed)!, value)).toEqual(judgeOutlier(cellBaseline(past)!, value));
      }),
    );
  });

  it('on a constant history flags any other figure, and never the constant', () => {
    fc.assert(
      fc.property(figure, fc.integer({ min: OUTLIER_MIN_HISTORY, max: 30 }), figure, (c, n, value) => {
        const baseline = cellBaseline(Array(n).fill(c))!;
        expect(baseline.scale).toBe(0);
        const flag = judgeOutlier(baseline, value);
        if (value === c) expect(flag).toBeNull();
        else expect(flag?.direction).toBe(value > c ? 'high' : 'low');
      }),
    );
  });

  it('flags a figure far beyond a noisy history, and only when it leaves the bounds', () => {
    const past = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96];
    const baseline = cellBaseline(past)!;
    expect(judgeOutlier(baseline, 400)?.direction).toBe('high');
    expect(judgeOutlier(baseline, 3)?.direction).toBe('low');
    expect(judgeOutlier(baseline, 105)).toBeNull();
    // One spike in the history does not move the median or the MAD much: still flagged.
    const spiky = cellBaseline([...past, 10_000])!;
    expect(judgeOutlier(spiky, 400)).toBeNull(); // inside the learnt bounds now
    expect(judgeOutlier(spiky, 20_000)?.direction).toBe('high');
  });

  it('finds the outliers of a form and tells which still lack a comment', () => {
    const field = (code: string, type: 'integer' | 'text') => ({
      code,
      label: { vi: code, en: code },
      type,
      aggregation: { hierarchy: 'sum' as const, time: 'last' as const },
    });
    const form: FormDefinition = {
      code: 'T01',
      title: { vi: 'Biểu thử', en: 'Test form' },
      entryUnitKinds: ['x'],
      optionSets: [],
      sections: [
        {
          code: 'S1',
          title: { vi: 'S', en: 'S' },
          layout: 'list',
          fields: [field('a', 'integer'), field('b', 'integer'), field('t', 'text')],
        },
      ],
      rules: [],
    } as FormDefinition;
    const past = Array.from({ length: 12 }, (_, i) => ({ a: 10 + (i % 3), b: 50 + i, t: 'x' }));
    const baselines = baselinesOf(form, past);
    expect(Object.keys(baselines).sort()).toEqual(['a', 'b']);
    const flags = findOutliers(form, { a: 90, b: 55, t: 'y' }, baselines);
    expect(flags.map((f) => f.cell)).toEqual(['a']);
    expect(unconfirmedOutliers(flags, {}).map((f) => f.cell)).toEqual(['a']);
    expect(unconfirmedOutliers(flags, { a: '  ' }).map((f) => f.cell)).toEqual(['a']);
    expect(unconfirmedOutliers(flags, { a: 'Tăng do đợt chi bổ sung' })).toEqual([]);
  });
});
