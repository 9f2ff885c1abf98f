import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourRange } from './map-widget';

describe('the map’s colour range', () => {
  it('spans the values when they differ', () => {
    expect(colourRange([3, 11_022, 7])).toEqual({ min: 3, max: 11_022 });
  });

  it('starts at 0 for a single province’s value, so that the provinces without figures stay grey', () => {
    expect(colourRange([11_022])).toEqual({ min: 0, max: 11_022 });
    expect(colourRange([0, 0])).toEqual({ min: 0, max: 1 });
    expect(colourRange([-5])).toEqual({ min: -5, max: -4 });
    expect(colourRange([])).toEqual({ min: 0, max: 1 });
  });

  it('always has a width and holds every value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1 }), (values) => {
        const { min, max } = colourRange(values);
        expect(max).toBeGreaterThan(min);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(min);
          expect(v).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});
