import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeFormula } from './import-values';
import { csvField, defuseFormula } from './spreadsheet-text';

describe('spreadsheet text', () => {
  it('defuses every text a spreadsheet would run as a formula, and leaves the rest alone', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = defuseFormula(text);
        expect(looksLikeFormula(out)).toBe(false);
        expect(out).toBe(looksLikeFormula(text) ? `'${text}` : text);
      }),
    );
    expect(defuseFormula('-12.5')).toBe('-12.5');
    expect(defuseFormula('Hà Nội')).toBe('Hà Nội');
  });

  it('writes CSV fields quoted when needed, numbers as they are', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(' =1+1')).toBe("' =1+1");
    expect(csvField(-5)).toBe('-5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});
