import type { FormDefinition } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import { mergeDrafts, sameContent, sendableValues } from './draft-copies';

const form: FormDefinition = {
  code: 'B',
  title: { vi: 'B', en: 'B' },
  entryUnitKinds: [],
  optionSets: [],
  sections: [
    {
      code: 'S',
      title: { vi: 'S', en: 'S' },
      layout: 'list',
      fields: [
        { code: 'a', label: { vi: 'A', en: 'A' }, type: 'integer', aggregation: { hierarchy: 'sum', time: 'last' } },
        { code: 'b', label: { vi: 'B', en: 'B' }, type: 'decimal', aggregation: { hierarchy: 'sum', time: 'last' } },
        {
          code: 'r',
          label: { vi: 'R', en: 'R' },
          type: 'decimal',
          expression: '#{b} / #{a}',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
      ],
    },
  ],
  rules: [],
};

describe('draft copies', () => {
  it('sends the server only cells it accepts: typed text that is not a number stays on the device', () => {
    expect(sendableValues(form, { a: 12, b: '12,5x', r: 3 })).toEqual({ a: 12 });
    expect(sendableValues(form, { a: 1.5, b: null })).toEqual({});
  });

  it('compares copies by content, blanks and order aside', () => {
    expect(
      sameContent(
        { values: { a: 1, b: null }, comments: { a: ' ' }, isNil: false },
        { values: { a: 1 }, comments: {}, isNil: false },
      ),
    ).toBe(true);
    expect(
      sameContent({ values: { a: 1 }, comments: {}, isNil: false }, { values: {}, comments: {}, isNil: true }),
    ).toBe(false);
  });

  it('merges: their copy, with the cells changed here on top', () => {
    const base = { values: { a: 1, b: 2 }, comments: { a: 'x' } };
    const mine = { values: { a: 1, b: 3 }, comments: { a: 'x', b: 'mine' }, isNil: false };
    const theirs = { values: { a: 5, b: 2, c: 7 }, comments: { a: 'theirs' } };
    expect(mergeDrafts(base, mine, theirs)).toEqual({
      values: { a: 5, b: 3, c: 7 },
      comments: { a: 'theirs', b: 'mine' },
      isNil: false,
    });
  });

  it('keeps a cell cleared here as cleared', () => {
    const merged = mergeDrafts(
      { values: { a: 1 }, comments: {} },
      { values: { a: null }, comments: {}, isNil: false },
      {
        values: { a: 1, b: 2 },
        comments: {},
      },
    );
    expect(merged.values).toEqual({ a: null, b: 2 });
  });
});
