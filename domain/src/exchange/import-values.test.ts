import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertImportedValue, looksLikeFormula } from './import-values';

describe('convertImportedValue', () => {
  it('reads numbers from text and JSON alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        expect(convertImportedValue({ type: 'integer' }, n)).toEqual({ ok: true, value: n });
        expect(convertImportedValue({ type: 'integer' }, String(n))).toEqual({ ok: true, value: n });
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (n) => {
        expect(convertImportedValue({ type: 'decimal' }, String(n))).toEqual({ ok: true, value: Number(String(n)) });
      }),
    );
  });

  it('refuses what is not of the field type', () => {
    expect(convertImportedValue({ type: 'integer' }, '1.5')).toEqual({ ok: false, problem: 'not_integer' });
    expect(convertImportedValue({ type: 'integer' }, 'mười')).toEqual({ ok: false, problem: 'not_number' });
    expect(convertImportedValue({ type: 'boolean' }, 'có lẽ')).toEqual({ ok: false, problem: 'not_boolean' });
    expect(convertImportedValue({ type: 'date' }, '2025-13-45')).toEqual({ ok: false, problem: 'not_date' });
    expect(convertImportedValue({ type: 'money' }, '')).toEqual({ ok: true, value: null });
  });

  it('refuses every text a spreadsheet would run as a formula, and keeps plain numbers', () => {
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@'), fc.string(), (lead, rest) => {
        const text = `${lead}${rest}`;
        const number = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim());
        expect(looksLikeFormula(text)).toBe(!number);
        const converted = convertImportedValue({ type: 'text' }, text);
        if (!number) expect(converted).toEqual({ ok: false, problem: 'formula' });
      }),
    );
    expect(convertImportedValue({ type: 'text' }, '=HYPERLINK("http://x")')).toEqual({ ok: false, problem: 'formula' });
    expect(convertImportedValue({ type: 'integer' }, '-12')).toEqual({ ok: true, value: -12 });
  });
});
