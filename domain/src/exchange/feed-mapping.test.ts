import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkFeedMapping,
  type FeedMapping,
  feedDay,
  feedRecords,
  mapFeedRecords,
  parsePath,
  readPath,
} from './feed-mapping';

const cells = new Set(['aqi', 'pm25']);
const wide: FeedMapping = {
  records: '$.data',
  unit: '$.city.code',
  period: '$.time',
  periodFormat: 'date',
  values: [
    { cell: 'aqi', path: '$.aqi' },
    { cell: 'pm25', path: '$.pm25' },
  ],
};

describe('parsePath', () => {
  it('reads dotted, quoted and indexed steps, with or without $', () => {
    expect(parsePath('$')).toEqual([]);
    expect(parsePath('$.data[0].city')).toEqual(['data', 0, 'city']);
    expect(parsePath("$['mã đơn vị'].x")).toEqual(['mã đơn vị', 'x']);
    expect(parsePath('city.code')).toEqual(['city', 'code']);
    for (const bad of ['', '$.', '$..a', '$[x]', 'a[', '$.a b', '.a']) expect(parsePath(bad), bad).toBeNull();
  });

  it('finds what it names, for any object path (property)', () => {
    const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(name, fc.nat({ max: 5 })), { maxLength: 6 }), fc.integer(), (steps, leaf) => {
        let value: unknown = leaf;
        for (const step of [...steps].reverse()) {
          if (typeof step === 'number') {
            const array: unknown[] = new Array(step + 1).fill(null);
            array[step] = value;
            value = array;
          } else value = { [step]: value };
        }
        const text = `$${steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
        expect(readPath(value, parsePath(text)!)).toBe(leaf);
      }),
    );
  });
});

describe('checkFeedMapping', () => {
  it('accepts a good mapping and names the field of a bad one', () => {
    expect(checkFeedMapping(wide, 'json', cells)).toBeNull();
    expect(checkFeedMapping({ ...wide, unit: '$..x' }, 'json', cells)).toMatchObject({
      field: 'mapping.unit',
      reason: 'path',
    });
    expect(
      checkFeedMapping({ ...wide, values: [...wide.values!, { cell: 'so2', path: '$.so2' }] }, 'json', cells),
    ).toMatchObject({ field: 'mapping.values[2].cell', reason: 'cell', text: 'so2' });
    const { values: _v, ...none } = wide;
    expect(checkFeedMapping(none, 'json', cells)).toMatchObject({ field: 'mapping.values', reason: 'shape' });
    expect(checkFeedMapping({ ...none, cell: '$.k' }, 'json', cells)).toMatchObject({ reason: 'shape' });
    expect(checkFeedMapping({ ...none, cell: 'k', value: 'v' }, 'csv', cells)).toBeNull();
  });
});

describe('mapFeedRecords', () => {
  it('turns wide records into one row per cell, positions by record', () => {
    const records = feedRecords(
      { data: [{ city: { code: '01' }, time: '2026-12-01T07:00:00+07:00', aqi: 152, pm25: 63.8 }, { city: {} }] },
      '$.data',
    )!;
    expect(mapFeedRecords(records, wide, 'json')).toEqual([
      { row: 1, unit: '01', period: '2026-12-01T07:00:00+07:00', cell: 'aqi', value: 152 },
      { row: 1, unit: '01', period: '2026-12-01T07:00:00+07:00', cell: 'pm25', value: 63.8 },
      { row: 2, unit: null, period: null, cell: 'aqi', value: null },
      { row: 2, unit: null, period: null, cell: 'pm25', value: null },
    ]);
    expect(feedRecords({ data: 3 }, '$.data')).toBeNull();
  });

  it('reads long CSV records by column', () => {
    const mapping: FeedMapping = { unit: 'u', period: 'p', periodFormat: 'id', cell: 'c', value: 'v' };
    expect(mapFeedRecords([{ u: 'T1', p: '20261201', c: 'aqi', v: '40' }], mapping, 'csv')).toEqual([
      { row: 1, unit: 'T1', period: '20261201', cell: 'aqi', value: '40' },
    ]);
  });
});

describe('feedDay', () => {
  it('takes the Vietnam day of a date-time', () => {
    expect(feedDay('2026-12-01')).toBe('2026-12-01');
    expect(feedDay('2026-12-01T18:30:00Z')).toBe('2026-12-02');
    expect(feedDay('2026-12-01T07:00:00+07:00')).toBe('2026-12-01');
    expect(feedDay('01/12/2026')).toBeNull();
  });
});
