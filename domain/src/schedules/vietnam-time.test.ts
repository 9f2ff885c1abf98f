import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVietnamDateTime, formatVietnamInstant } from './schedules';

describe('formatVietnamDateTime', () => {
  it('writes an instant in Vietnam time, day first', () => {
    expect(formatVietnamDateTime(Date.parse('2026-12-04T15:45:30Z'))).toBe('04/12/2026 22:45');
    // Past midnight in Vietnam is the next day.
    expect(formatVietnamDateTime(Date.parse('2026-12-31T17:00:00Z'))).toBe('01/01/2027 00:00');
  });

  it('agrees with the ISO form for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const iso = formatVietnamInstant(ms);
        const [d, m, yAndTime] = formatVietnamDateTime(ms).split('/') as [string, string, string];
        expect(`${yAndTime.slice(0, 4)}-${m}-${d}T${yAndTime.slice(5)}`).toBe(iso.slice(0, 16));
      }),
    );
  });
});
