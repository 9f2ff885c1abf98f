import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './form-definition';
import { validateValues } from './validate-values';

const form: FormDefinition = {
  code: 'B03',
  title: { vi: 'Biểu 03', en: 'Form 03' },
  entryUnitKinds: ['labour_office_district'],
  optionSets: [],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Hỗ trợ', en: 'Support' },
      layout: 'list',
      fields: [
        {
          code: 'nhan',
          label: { vi: 'Hồ sơ nhận', en: 'Received' },
          type: 'integer',
          min: 0,
          required: true,
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'duyet',
          label: { vi: 'Đã duyệt', en: 'Approved' },
          type: 'integer',
          min: 0,
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'tien',
          label: { vi: 'Số tiền', en: 'Amount' },
          type: 'money',
          commentWhenMissing: true,
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
  rules: [
    {
      code: 'R1',
      left: '#{duyet}',
      operator: '<=',
      right: '#{nhan}',
      severity: 'error',
      message: { vi: 'Số duyệt không vượt số nhận.', en: 'Approved ≤ received.' },
    },
  ],
};

describe('validateValues', () => {
  it('accepts consistent values', () => {
    expect(validateValues(form, { nhan: 10, duyet: 8, tien: 12.5 })).toEqual([]);
  });
  it('reports types, bounds, required cells, comments and rules', () => {
    const issues = validateValues(form, { nhan: -1, duyet: 1.5 });
    expect(issues.map((i) => [i.target, i.code])).toEqual([
      ['nhan', 'min'],
      ['duyet', 'type'],
      ['tien', 'comment'],
    ]);
    expect(
      validateValues(form, { nhan: 5, duyet: 6 }, { tien: 'Chưa có số liệu kho bạc' }).map((i) => i.target),
    ).toEqual(['rule:R1']);
  });
  it('a nil report needs no values', () => {
    expect(validateValues(form, {}, {}, { isNil: true })).toEqual([]);
  });
  it('refuses cells the form does not have', () => {
    expect(validateValues(form, { nhan: 1, khac: 2 }, { tien: 'x' })[0]?.code).toBe('unknown_cell');
  });
  it('evaluates computed fields when a rule reads one, directly or through another computed field', () => {
    const fields = form.sections[0]!.fields;
    const withComputed: FormDefinition = {
      ...form,
      sections: [
        {
          ...form.sections[0]!,
          fields: [
            ...fields,
            {
              code: 'con_lai',
              label: { vi: 'Còn lại', en: 'Remaining' },
              type: 'integer',
              expression: '#{nhan} - #{duyet}',
              aggregation: { hierarchy: 'none', time: 'last' },
            },
            {
              code: 'ty_le',
              label: { vi: 'Tỷ lệ còn lại', en: 'Share remaining' },
              type: 'percent',
              expression: '#{con_lai} / #{nhan} * 100',
              aggregation: { hierarchy: 'none', time: 'last' },
            },
          ],
        },
      ],
      rules: [
        {
          code: 'R2',
          left: '#{ty_le}',
          operator: '<=',
          right: '50',
          severity: 'error',
          message: { vi: 'Còn lại quá nửa.', en: 'More than half remains.' },
        },
      ],
    };
    expect(validateValues(withComputed, { nhan: 10, duyet: 8, tien: 1 })).toEqual([]);
    expect(validateValues(withComputed, { nhan: 10, duyet: 2, tien: 1 }).map((i) => i.target)).toEqual(['rule:R2']);
    // A rule that reads no computed field is checked the same way with or without them.
    const plain: FormDefinition = { ...withComputed, rules: form.rules };
    expect(validateValues(plain, { nhan: 10, duyet: 12, tien: 1 }).map((i) => i.target)).toEqual(['rule:R1']);
    expect(validateValues(plain, { nhan: 10, duyet: 2, tien: 1 })).toEqual([]);
  });
});
