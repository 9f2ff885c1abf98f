import { periodForDate, periodTypes } from '@baocao/domain';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { xmlAttribute } from './exports.service';
import { adxPeriod, adxPeriodOf } from './import-formats';

describe('ADX periods', () => {
  it('writes every period type as start/duration and reads it back to the same id', () => {
    const day = fc
      .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.constantFrom(...periodTypes), (date, type) => {
        // Nine months are January to September: any date names its year's.
        const id = type === 'nine_months' ? `${date.slice(0, 4)}N9` : periodForDate(type, date).id;
        expect(adxPeriod(adxPeriodOf(id))).toBe(id);
      }),
    );
    expect(adxPeriodOf('2024Q1')).toBe('2024-01-01/P3M');
    expect(adxPeriodOf('2021W28')).toBe('2021-07-12/P7D');
    expect(adxPeriodOf('2021N9')).toBe('2021-01-01/P9M');
    expect(adxPeriod('2021-07-12/P1W')).toBe('2021W28');
    // Seven days from a Tuesday are no ISO week.
    expect(adxPeriod('2021-07-13/P7D')).toBeNull();
  });
});

describe('XML attributes', () => {
  it('carry any text through an XML parser unchanged, but for characters XML cannot hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        let read: string | undefined;
        const parser = new SaxesParser();
        parser.on('opentag', (tag) => {
          read = tag.attributes.v as string;
        });
        parser.write(`<a v="${xmlAttribute(text)}"/>`).close();
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 cannot carry.
        const representable = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu, '\ufffd');
        expect(read).toBe(representable);
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});
