import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalSignedReport,
  compareSignedReports,
  parseSignedReport,
  SIGNED_REPORT_FORMAT,
  type SignedReportData,
} from './signed-report';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const cellKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}(\.[a-z0-9_]{1,4})?$/);
const cellValue = fc.oneof(
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  text,
  fc.boolean(),
  fc.constant(null),
);
const report: fc.Arbitrary<SignedReportData> = fc.record({
  format: fc.constant(SIGNED_REPORT_FORMAT),
  kind: fc.constantFrom('submission' as const, 'consolidation' as const),
  regime: fc.record({ code: text, name: text }),
  form: fc.record({ code: text, name: text, version: fc.integer({ min: 1, max: 99 }) }),
  unit: fc.record({ code: text, name: text }),
  period: fc.constantFrom('202107', '2021Q3', '20210715', '2021'),
  revision: fc.record({
    id: fc.integer({ min: 1 }),
    number: fc.integer({ min: 1, max: 999 }),
    submittedAt: fc.constant('2021-07-15T09:00:00.000Z'),
    isNil: fc.boolean(),
  }),
  cells: fc.dictionary(cellKey, cellValue, { maxKeys: 20 }),
});

/** The same object with its keys inserted in the reverse order, everywhere. */
function reversedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('the canonical form of a signed report', () => {
  it('reads back as the same data, and writes again to the same bytes', () => {
    fc.assert(
      fc.property(report, (data) => {
        const textForm = canonicalSignedReport(data);
        const parsed = parseSignedReport(textForm);
        expect(parsed).not.toBeNull();
        expect(canonicalSignedReport(parsed!)).toBe(textForm);
        expect(compareSignedReports(data, parsed!)).toEqual([]);
      }),
    );
  });

  it('does not depend on the order of keys', () => {
    fc.assert(
      fc.property(report, (data) => {
        expect(canonicalSignedReport(reversedKeys(data) as SignedReportData)).toBe(canonicalSignedReport(data));
      }),
    );
  });

  it('writes strings in NFC, so a decomposed “Ba Vì” signs the same bytes as a composed one', () => {
    const composed = 'UBND huyện Ba Vì';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const base: SignedReportData = {
      format: SIGNED_REPORT_FORMAT,
      kind: 'submission',
      regime: { code: 'R', name: 'R' },
      form: { code: 'F', name: 'F', version: 1 },
      unit: { code: 'U', name: composed },
      period: '202107',
      revision: { id: 1, number: 1, submittedAt: '2021-07-15T09:00:00.000Z', isNil: false },
      cells: { a: 1, b: composed },
    };
    const other = { ...base, unit: { code: 'U', name: decomposed }, cells: { b: decomposed, a: 1 } };
    expect(canonicalSignedReport(other)).toBe(canonicalSignedReport(base));
    expect(canonicalSignedReport(base)).toBe(
      `{"cells":{"a":1,"b":"${composed}"},"form":{"code":"F","name":"F","version":1},"format":"baocao.signed-report/1","kind":"submission","period":"202107","regime":{"code":"R","name":"R"},"revision":{"id":1,"isNil":false,"number":1,"submittedAt":"2021-07-15T09:00:00.000Z"},"unit":{"code":"U","name":"${composed}"}}`,
    );
  });

  it('names exactly the cell whose value changed', () => {
    fc.assert(
      fc.property(report, cellKey, cellValue, (data, cell, value) => {
        fc.pre((data.cells[cell] ?? null) !== value);
        const changed = { ...data, cells: { ...data.cells, [cell]: value } };
        expect(compareSignedReports(data, changed)).toEqual([
          { path: `cells.${cell}`, cell, signed: data.cells[cell] ?? null, current: value },
        ]);
      }),
    );
  });

  it('refuses text that is not a signed report', () => {
    expect(parseSignedReport('not json')).toBeNull();
    expect(parseSignedReport('{"format":"other"}')).toBeNull();
    expect(parseSignedReport(JSON.stringify({ format: SIGNED_REPORT_FORMAT, kind: 'submission' }))).toBeNull();
  });
});
