import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValues, FormDefinition } from '../forms/form-definition';
import { aggregateValues, consolidate } from './aggregate';

const form: FormDefinition = {
  code: 'T',
  title: { vi: 'Thử', en: 'Test' },
  entryUnitKinds: [],
  optionSets: [
    {
      code: 'gt',
      label: { vi: 'Giới tính', en: 'Sex' },
      options: [
        { code: 'nam', label: { vi: 'Nam', en: 'Male' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Female' } },
      ],
    },
  ],
  rules: [],
  sections: [
    {
      code: 'S',
      title: { vi: 'Phần', en: 'Section' },
      layout: 'list',
      fields: [
        {
          code: 'nhan',
          label: { vi: 'Nhận', en: 'Received' },
          type: 'integer',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'dung_han',
          label: { vi: 'Đúng hạn', en: 'On time' },
          type: 'integer',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'ty_le',
          label: { vi: 'Tỷ lệ', en: 'Share' },
          type: 'percent',
          expression: 'round(#{dung_han} / #{nhan} * 100, 2)',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
        {
          code: 'ton',
          label: { vi: 'Tồn', en: 'Stock' },
          type: 'decimal',
          aggregation: { hierarchy: 'max', time: 'last' },
        },
        {
          code: 'nguoi',
          label: { vi: 'Người', en: 'People' },
          type: 'integer',
          disaggregation: 'gt',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'ghi_chu',
          label: { vi: 'Ghi chú', en: 'Note' },
          type: 'text',
          aggregation: { hierarchy: 'none', time: 'none' },
        },
      ],
    },
  ],
};

describe('consolidation', () => {
  it('recomputes ratios from summed parts, never averaging them', () => {
    const result = consolidate(form, [
      { nhan: 10, dung_han: 9, ghi_chu: 'x' },
      { nhan: 90, dung_han: 45 },
    ]);
    expect(result).toMatchObject({ nhan: 100, dung_han: 54, ty_le: 54 });
    expect(result.ghi_chu).toBeUndefined();
  });

  it('aggregates disaggregated cells separately and applies adjustments', () => {
    const result = consolidate(form, [{ 'nguoi.nam': 3, 'nguoi.nu': 4 }, { 'nguoi.nu': 1 }], { 'nguoi.nam': 2 });
    expect(result).toMatchObject({ 'nguoi.nam': 5, 'nguoi.nu': 5 });
  });

  it('sums money without floating-point noise', () => {
    expect(aggregateValues('sum', [0.1, 0.2])).toBe(0.3);
    expect(aggregateValues('sum', [1234.5, 0.25, null])).toBe(1234.75);
  });

  it('equals a brute-force aggregation over random trees (levels compose)', () => {
    // A tree of depth 3; consolidating level by level equals aggregating all leaves at once for sum, min, max.
    const leaf = fc.record({
      nhan: fc.integer({ min: 0, max: 10_000 }),
      dung_han: fc.integer({ min: 0, max: 10_000 }),
      ton: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
    });
    const tree = fc.array(fc.array(fc.array(leaf, { minLength: 0, maxLength: 5 }), { minLength: 0, maxLength: 4 }), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(tree, (provinces) => {
        const national = consolidate(
          form,
          provinces.map((districts) =>
            consolidate(
              form,
              districts.map((communes) => consolidate(form, communes as CellValues[])),
            ),
          ),
        );
        const leaves = provinces.flat(2);
        const sum = (key: 'nhan' | 'dung_han') => (leaves.length ? leaves.reduce((a, l) => a + l[key], 0) : undefined);
        const stocks = leaves.map((l) => l.ton).filter((v): v is number => v !== null);
        expect(national.nhan).toBe(sum('nhan'));
        expect(national.dung_han).toBe(sum('dung_han'));
        expect(national.ton).toBe(stocks.length ? Math.max(...stocks) : undefined);
        const total = sum('nhan');
        if (total) expect(national.ty_le).toBeCloseTo(Math.round((sum('dung_han')! / total) * 10000) / 100, 6);
      }),
    );
  });
});
