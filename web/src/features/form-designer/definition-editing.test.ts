import { checkFormDefinition, type FormDefinition } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import {
  computeSampleValues,
  firstFreeCell,
  moveItem,
  newField,
  newLabelledItem,
  problemTarget,
  tidyDefinition,
  uniqueCode,
  withFieldType,
} from './definition-editing';

const form: FormDefinition = {
  code: 'B01',
  title: { vi: 'Biểu 01', en: '' },
  entryUnitKinds: [],
  optionSets: [
    {
      code: 'gioi',
      label: { vi: 'Giới tính', en: '' },
      options: [
        { code: 'nam', label: { vi: 'Nam', en: '' } },
        { code: 'nu', label: { vi: 'Nữ', en: '' } },
      ],
    },
  ],
  sections: [
    {
      code: 'bang',
      title: { vi: 'Bảng', en: '' },
      layout: 'table',
      rows: [
        { code: 'nam', label: { vi: 'Nam', en: '' } },
        { code: 'nu', label: { vi: 'Nữ', en: '' } },
        { code: 'tong', label: { vi: 'Tổng', en: '' } },
      ],
      columns: [
        { code: 'c1', label: { vi: 'Người', en: '' } },
        { code: 'c2', label: { vi: 'Tiền', en: '' } },
      ],
      fields: [
        {
          code: 'nguoi',
          label: { vi: 'Người', en: '' },
          type: 'integer',
          disaggregation: 'gioi',
          column: 'c1',
          aggregation: { hierarchy: 'sum', time: 'sum' },
        },
      ],
    },
  ],
  rules: [],
};

describe('form designer edits', () => {
  it('moves items within bounds and finds free codes', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(uniqueCode('chi_tieu', ['chi_tieu', 'chi_tieu_2'])).toBe('chi_tieu_3');
    expect(uniqueCode('1 mục', [])).toBe('m_c');
  });

  it('numbers a new option, row or column after the list, keeping its code free', () => {
    expect(newLabelledItem('d', [{ code: 'd1' }], 'Dòng mới')).toEqual({
      code: 'd2',
      label: { vi: 'Dòng mới', en: '' },
    });
    expect(newLabelledItem('lc', [{ code: 'lc2' }], 'Lựa chọn').code).toBe('lc2_2');
  });

  it('places a new field on the first free cell of a table', () => {
    expect(firstFreeCell(form, form.sections[0]!)).toEqual({ row: 'nam', column: 'c2' });
    const field = newField(form, 0, { label: { vi: 'Mới', en: '' } });
    expect(field).toMatchObject({ code: 'chi_tieu', row: 'nam', column: 'c2', type: 'integer' });
  });

  it('drops what a new type cannot have', () => {
    const field = withFieldType({ ...form.sections[0]!.fields[0]!, min: 0, max: 9 }, 'text');
    expect(field).not.toHaveProperty('min');
    expect(field.aggregation).toEqual({ hierarchy: 'last', time: 'last' });
  });

  it('tidies blank optional values into a definition the checks accept', () => {
    const edited: FormDefinition = {
      ...form,
      instructions: { vi: '', en: '' },
      sections: [
        {
          ...form.sections[0]!,
          fields: [{ ...form.sections[0]!.fields[0]!, unit: '', help: { vi: '', en: '' }, min: undefined }],
        },
      ],
    };
    const tidy = tidyDefinition(edited);
    expect(tidy).not.toHaveProperty('instructions');
    expect(tidy.sections[0]!.fields[0]).not.toHaveProperty('help');
    expect(tidy.sections[0]!.fields[0]).not.toHaveProperty('unit');
    expect(checkFormDefinition(tidy).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('computes sample values even when another computed field does not parse', () => {
    const computed: FormDefinition = {
      ...form,
      sections: [
        {
          code: 'ds',
          title: { vi: 'Danh sách', en: '' },
          layout: 'list',
          fields: [
            { code: 'a', label: { vi: 'A', en: '' }, type: 'integer', aggregation: { hierarchy: 'sum', time: 'sum' } },
            { code: 'b', label: { vi: 'B', en: '' }, type: 'integer', aggregation: { hierarchy: 'sum', time: 'sum' } },
            {
              code: 'hong',
              label: { vi: 'Hỏng', en: '' },
              type: 'decimal',
              expression: '#{a} +',
              aggregation: { hierarchy: 'none', time: 'none' },
            },
            {
              code: 'ty_le',
              label: { vi: 'Tỷ lệ', en: '' },
              type: 'percent',
              expression: 'round(#{b} / #{a} * 100, 1)',
              aggregation: { hierarchy: 'none', time: 'none' },
            },
          ],
        },
      ],
    };
    expect(computeSampleValues(computed, { a: 3, b: 2 })).toEqual({ a: 3, b: 2, hong: null, ty_le: 66.7 });
  });

  it('points a problem path at its item', () => {
    expect(problemTarget('sections.1.fields.3.expression')).toEqual({
      kind: 'field',
      section: 1,
      field: 3,
      property: 'expression',
    });
    expect(problemTarget('rules.2.left')).toEqual({ kind: 'rule', rule: 2, property: 'left' });
    expect(problemTarget('sections.0.rows')).toEqual({ kind: 'section', section: 0, property: 'rows' });
    expect(problemTarget('entryUnitKinds.0')).toEqual({ kind: 'form', property: 'entryUnitKinds.0' });
  });
});
