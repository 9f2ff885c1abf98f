import type { FieldDefinition, FormDefinition } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import { buildGridLayout, cellLabel, moveFrom, parseClipboardBlock, pasteTargets, ruleCellKeys } from './grid-layout';

const sum = { hierarchy: 'sum', time: 'last' } as const;
const field = (code: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  code,
  label: { vi: code.toUpperCase(), en: code },
  type: 'integer',
  aggregation: sum,
  ...extra,
});

// A list section, a 2×3 table whose last column is computed and one disaggregated column, and a narrative.
const form: FormDefinition = {
  code: 'B',
  title: { vi: 'B', en: 'B' },
  entryUnitKinds: [],
  optionSets: [
    {
      code: 'gioi',
      label: { vi: 'Giới', en: 'Sex' },
      options: [
        { code: 'nam', label: { vi: 'Nam', en: 'Male' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Female' } },
      ],
    },
  ],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Chung', en: 'General' },
      layout: 'list',
      fields: [field('nhan'), field('duyet', { disaggregation: 'gioi' })],
    },
    {
      code: 'S2',
      title: { vi: 'Bảng', en: 'Table' },
      layout: 'table',
      rows: [
        { code: 'nam', label: { vi: 'Nam', en: 'Male' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Female' } },
      ],
      columns: [
        { code: 'c1', label: { vi: 'Cột 1', en: 'C1' } },
        { code: 'c2', label: { vi: 'Cột 2', en: 'C2' } },
        { code: 'c3', label: { vi: 'Cột 3', en: 'C3' } },
      ],
      fields: [
        field('a', { row: 'nam', column: 'c1' }),
        field('b', { row: 'nu', column: 'c1' }),
        field('d', { column: 'c2', disaggregation: 'gioi' }),
        field('t', { row: 'nam', column: 'c3', expression: '#{a} + #{d.nam}' }),
      ],
    },
    {
      code: 'S3',
      title: { vi: 'Đề cương', en: 'Outline' },
      layout: 'narrative',
      fields: [field('tinh_hinh', { type: 'text', aggregation: { hierarchy: 'none', time: 'none' } })],
    },
  ],
  rules: [
    {
      code: 'R1',
      left: '#{duyet}',
      operator: '<=',
      right: '#{nhan}',
      severity: 'error',
      message: { vi: 'x', en: 'x' },
    },
  ],
};

describe('buildGridLayout', () => {
  const layout = buildGridLayout(form);

  it('lays a list out one line per field, a heading above a disaggregated field’s options', () => {
    const rows = layout.sections[0]!.rows;
    expect(rows.map((r) => [r.code, r.number, r.heading])).toEqual([
      ['nhan', '1', false],
      ['duyet', '2', true],
      ['duyet.nam', null, false],
      ['duyet.nu', null, false],
    ]);
  });

  it('places table fields at row × column, options down the rows of the same code', () => {
    const table = layout.sections[1]!;
    expect(table.rows.map((r) => r.cells.map((c) => c?.key ?? null))).toEqual([
      ['a', 'd.nam', 't'],
      ['b', 'd.nu', null],
    ]);
    expect(layout.cells.get('t')?.computed).toBe(true);
  });

  it('lists the cells to type into in reading order', () => {
    expect(layout.inputKeys).toEqual(['nhan', 'duyet.nam', 'duyet.nu', 'a', 'd.nam', 'b', 'd.nu', 'tinh_hinh']);
  });

  it('moves like a spreadsheet, skipping computed cells', () => {
    expect(moveFrom(layout, 'a', 'right')).toBe('d.nam');
    expect(moveFrom(layout, 'd.nam', 'right')).toBeNull();
    expect(moveFrom(layout, 'd.nam', 'down')).toBe('d.nu');
    expect(moveFrom(layout, 'duyet.nu', 'down')).toBe('a');
    expect(moveFrom(layout, 'a', 'up')).toBe('duyet.nu');
    expect(moveFrom(layout, 'nhan', 'down')).toBe('duyet.nam');
    expect(moveFrom(layout, 'd.nam', 'next')).toBe('b');
    expect(moveFrom(layout, 'b', 'previous')).toBe('d.nam');
  });

  it('pastes an Excel block from the focused cell, skipping computed cells', () => {
    const block = parseClipboardBlock('1\t2\t3\r\n4\t5\t6\r\n');
    expect(block).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(pasteTargets(layout, 'a', block)).toEqual([
      { key: 'a', text: '1' },
      { key: 'd.nam', text: '2' },
      { key: 'b', text: '4' },
      { key: 'd.nu', text: '5' },
    ]);
  });

  it('names cells and finds the cells a rule reads', () => {
    expect(cellLabel(form, 'duyet.nu', 'vi')).toBe('DUYET — Nữ');
    expect(ruleCellKeys(form, form.rules[0]!)).toEqual(['duyet.nam', 'duyet.nu', 'nhan']);
  });
});
