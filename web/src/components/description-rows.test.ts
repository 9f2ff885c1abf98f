import { describe, expect, it } from 'vitest';
import { descriptionRows } from './description-rows';

const spans = (rows: { key: string; span: number }[][]) => rows.map((row) => row.map((c) => `${c.key}:${c.span}`));

// The entry page's facts: schedule (2 from md), window, revision (2 from md), review.
const facts = (wide: boolean) => [
  { key: 'schedule', span: wide ? 2 : 1 },
  { key: 'window', span: 1 },
  { key: 'revision', span: wide ? 2 : 1 },
  { key: 'review', span: 1 },
];

describe('descriptionRows (antd Descriptions layout)', () => {
  it('fills rows of three in order', () => {
    expect(spans(descriptionRows(facts(true), 3))).toEqual([
      ['schedule:2', 'window:1'],
      ['revision:2', 'review:1'],
    ]);
  });

  it('narrows an item that would overflow to the room left, and stretches the last of a short row', () => {
    expect(spans(descriptionRows(facts(true), 2))).toEqual([['schedule:2'], ['window:1', 'revision:1'], ['review:2']]);
  });

  it('puts one item a row on a phone', () => {
    expect(spans(descriptionRows(facts(false), 1))).toEqual([
      ['schedule:1'],
      ['window:1'],
      ['revision:1'],
      ['review:1'],
    ]);
  });
});
