import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enumeratePeriods, parsePeriod } from '../periods/periods';
import {
  combineOverPeriods,
  compareVintages,
  evaluateFormulaOverPeriods,
  formulaInputs,
  indicatorVintages,
  latestVintage,
  type VintageValue,
  vintageHistory,
} from './indicators';

const day = fc
  .integer({ min: 0, max: 3650 })
  .map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const vintageValue = fc.record({
  vintage: fc.constantFrom(...indicatorVintages),
  releasedOn: day,
  value: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  sequence: fc.integer({ min: 1, max: 1e6 }),
});
const vintages = fc.uniqueArray(vintageValue, { maxLength: 12, selector: (v) => v.sequence });
const rank = (v: VintageValue) => indicatorVintages.indexOf(v.vintage);

describe('vintage selection', () => {
  it('picks the most mature vintage, then the latest release, then the latest recording', () => {
    fc.assert(
      fc.property(vintages, (values) => {
        const latest = latestVintage(values);
        if (values.length === 0) {
          expect(latest).toBeNull();
          return;
        }
        // Brute force: nothing is more authoritative than the chosen one.
        for (const v of values) {
          expect(rank(v) <= rank(latest!)).toBe(true);
          if (rank(v) === rank(latest!)) {
            expect(v.releasedOn <= latest!.releasedOn).toBe(true);
            if (v.releasedOn === latest!.releasedOn) expect(v.sequence <= latest!.sequence).toBe(true);
          }
        }
      }),
    );
  });

  it('does not depend on the order the vintages are read in', () => {
    fc.assert(
      fc.property(vintages, fc.integer(), (values, seed) => {
        const shuffled = [...values].sort((a, b) => ((a.sequence * 31 + seed) % 97) - ((b.sequence * 31 + seed) % 97));
        expect(latestVintage(shuffled)).toEqual(latestVintage(values));
      }),
    );
  });

  it('a later preliminary estimate never replaces an official figure', () => {
    const official = { vintage: 'official' as const, releasedOn: '2024-03-01', value: 10, sequence: 1 };
    const later = { vintage: 'preliminary' as const, releasedOn: '2024-06-01', value: 12, sequence: 2 };
    expect(latestVintage([official, later])).toBe(official);
    expect(compareVintages(later, official)).toBeLessThan(0);
  });

  it('the history keeps every vintage, in release order', () => {
    fc.assert(
      fc.property(vintages, (values) => {
        const history = vintageHistory(values);
        expect(history).toHaveLength(values.length);
        for (let i = 1; i < history.length; i += 1)
          expect(history[i - 1]!.releasedOn <= history[i]!.releasedOn).toBe(true);
      }),
    );
  });
});

describe('combining over periods', () => {
  const months = enumeratePeriods('month', '2020-01-01', '2021-12-31');
  const monthly = fc.dictionary(fc.constantFrom(...months.map((m) => m.id)), fc.integer({ min: -1000, max: 1000 }));

  it('sums flows and keeps the last value of stocks, per year, against a brute force', () => {
    fc.assert(
      fc.property(monthly, (record) => {
        const values = new Map(Object.entries(record));
        const years = [parsePeriod('2020'), parsePeriod('2021')];
        const sums = combineOverPeriods('month', 'sum', values, years);
        const lasts = combineOverPeriods('month', 'last', values, years);
        for (const year of ['2020', '2021']) {
          const inYear = months.filter((m) => m.id.startsWith(year) && values.has(m.id));
          if (inYear.length === 0) {
            expect(sums.has(year)).toBe(false);
            continue;
          }
          expect(sums.get(year)!.value).toBe(inYear.reduce((n, m) => n + values.get(m.id)!, 0));
          expect(sums.get(year)!.partial).toBe(inYear.length < 12);
          expect(lasts.get(year)!.value).toBe(values.get(inYear.at(-1)!.id));
        }
      }),
    );
  });
});

describe('formula evaluation over periods', () => {
  it('recomputes a ratio from each period’s summed parts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 })), {
          minLength: 1,
          maxLength: 10,
        }),
        (pairs) => {
          const inputs = new Map(pairs.map(([a, b], i) => [`${2010 + i}`, { no: a, gdp: b }]));
          const out = evaluateFormulaOverPeriods('#{no} / #{gdp} * 100', inputs);
          for (const [i, [a, b]] of pairs.entries()) {
            const period = `${2010 + i}`;
            if (b === 0) expect(out.has(period)).toBe(false);
            else
              expect(Math.abs(out.get(period)! - (a / b) * 100)).toBeLessThanOrEqual(
                1e-12 * Math.max(1, (a / b) * 100),
              );
          }
        },
      ),
    );
  });

  it('a period with a missing input has no value', () => {
    const out = evaluateFormulaOverPeriods('#{a} + #{b}', new Map([['2020', { a: 1, b: null }]]));
    expect(out.size).toBe(0);
  });

  it('names the cells a formula reads', () => {
    expect(formulaInputs('#{thu} - #{chi} + #{nguoi.nu}').sort()).toEqual(['chi', 'nguoi.nu', 'thu']);
  });
});
