import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCell } from './widget-export';

describe('safeCell', () => {
  it('never leaves a cell that a spreadsheet would run as a formula', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.constant(null)), (value) => {
        const safe = safeCell(value);
        if (typeof safe === 'string') expect(/^[=+\-@\t\r]/.test(safe)).toBe(false);
        if (typeof value !== 'string') expect(safe).toBe(value);
      }),
    );
    expect(safeCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(safeCell('Hà Giang')).toBe('Hà Giang');
  });
});
