import { describe, expect, it } from 'vitest';
import { checkFormDefinition } from './form-checks';
import type { FieldDefinition, FormDefinition } from './form-definition';

const sum = { hierarchy: 'sum', time: 'last' } as const;
const field = (code: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  code,
  label: { vi: code, en: code },
  type: 'integer',
  aggregation: sum,
  ...extra,
});

function form(extra: Partial<FormDefinition> = {}): FormDefinition {
  return {
    code: 'B03',
    title: { vi: 'Biểu 03', en: 'Form 03' },
    entryUnitKinds: ['labour_office_district'],
    sections: [
      {
        code: 'chung',
        title: { vi: 'Chung', en: 'General' },
        layout: 'list',
        fields: [
          field('nhan'),
          field('duyet'),
          field('duyet_nu'),
          field('ty_le', {
            type: 'percent',
            expression: '#{duyet} / #{nhan} * 100',
            aggregation: { hierarchy: 'none', time: 'none' },
          }),
        ],
      },
    ],
    optionSets: [],
    rules: [
      {
        code: 'duyet_le_nhan',
        left: '#{duyet}',
        operator: '<=',
        right: '#{nhan}',
        severity: 'error',
        message: { vi: 'Số được duyệt không vượt số hồ sơ nhận.', en: 'Approved ≤ received.' },
      },
    ],
    ...extra,
  };
}

const codes = (problems: ReturnType<typeof checkFormDefinition>) => problems.map((p) => `${p.code}@${p.path}`);

describe('checkFormDefinition', () => {
  it('accepts a sound form', () => {
    expect(checkFormDefinition(form())).toEqual([]);
  });

  it('lists schema problems with their paths', () => {
    const bad = { ...form(), sections: [{ code: '1bad', title: { vi: '', en: '' }, layout: 'grid', fields: [] }] };
    const problems = checkFormDefinition(bad);
    expect(problems.every((p) => p.code === 'SCHEMA' && p.severity === 'error')).toBe(true);
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('sections.0.code');
    expect(paths).toContain('sections.0.title.vi');
    expect(paths).toContain('sections.0.layout');
  });

  it('finds a rule that refers to a missing field, at its position', () => {
    const problems = checkFormDefinition(form({ rules: [{ ...form().rules[0]!, right: '#{nhan} + #{khong_co}' }] }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'EXPRESSION',
      path: 'rules.0.right',
      subject: 'duyet_le_nhan',
      expression: { code: 'EXPR_UNKNOWN_FIELD', position: { offset: 10, line: 1, column: 11 } },
    });
    expect(problems[0]!.message.vi).toContain('khong_co');
  });

  it('finds a cycle between computed fields', () => {
    const f = form();
    f.sections[0]!.fields.push(
      field('a', { expression: '#{b} + 1' }),
      field('b', { expression: '#{c} * 2' }),
      field('c', { expression: '#{a} - #{nhan}' }),
    );
    const problems = checkFormDefinition(f);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'CYCLE', path: 'sections.0.fields.4.expression', subject: 'a' });
    expect(problems[0]!.expression?.cycle).toEqual(['a', 'b', 'c']);
    expect(problems[0]!.message.en).toContain('a → b → c → a');
  });

  it('finds duplicate codes, missing option sets, bad bounds and aggregation', () => {
    const f = form({
      optionSets: [
        { code: 'gioi', label: { vi: 'Giới', en: 'Sex' }, options: [{ code: 'nam', label: { vi: 'Nam', en: 'M' } }] },
      ],
    });
    f.sections[0]!.fields.push(
      field('nhan'),
      field('loai', { type: 'choice', aggregation: { hierarchy: 'none', time: 'last' } }),
      field('nhom', { disaggregation: 'khong_co' }),
      field('so', { min: 10, max: 5 }),
      field('ghi_chu', { type: 'text', aggregation: sum }),
    );
    expect(codes(checkFormDefinition(f))).toEqual([
      'DUPLICATE_CODE@sections.0.fields.4.code',
      'MISSING_OPTION_SET@sections.0.fields.5.optionSet',
      'UNKNOWN_OPTION_SET@sections.0.fields.6.disaggregation',
      'BOUNDS@sections.0.fields.7.min',
      'AGGREGATION@sections.0.fields.8.aggregation.hierarchy',
    ]);
  });

  it('checks table placement: unknown rows and columns, shared cells, disaggregated columns', () => {
    const f = form({
      optionSets: [
        {
          code: 'nhom',
          label: { vi: 'Nhóm', en: 'Group' },
          options: [
            { code: 'g1', label: { vi: 'Nhóm 1', en: 'Group 1' } },
            { code: 'g2', label: { vi: 'Nhóm 2', en: 'Group 2' } },
          ],
        },
      ],
      rules: [],
    });
    f.sections = [
      {
        code: 'bang',
        title: { vi: 'Bảng', en: 'Table' },
        layout: 'table',
        rows: [
          { code: 'r1', label: { vi: 'Dòng 1', en: 'Row 1' } },
          { code: 'g1', label: { vi: 'Nhóm 1', en: 'Group 1' } },
        ],
        columns: [
          { code: 'c1', label: { vi: 'Cột 1', en: 'Column 1' } },
          { code: 'c2', label: { vi: 'Cột 2', en: 'Column 2' } },
        ],
        fields: [
          field('a', { row: 'r1', column: 'c1' }),
          field('b', { row: 'r1', column: 'c1' }),
          field('c', { row: 'r9', column: 'c2' }),
          field('d', { row: 'r1', column: 'c9' }),
          field('e', { row: 'r1' }),
          field('f', { column: 'c2', disaggregation: 'nhom' }),
        ],
      },
    ];
    expect(codes(checkFormDefinition(f))).toEqual([
      'CELL_TAKEN@sections.0.fields.1',
      'UNKNOWN_ROW@sections.0.fields.2.row',
      'UNKNOWN_COLUMN@sections.0.fields.3.column',
      'UNPLACED_FIELD@sections.0.fields.4.column',
      'UNKNOWN_ROW@sections.0.fields.5.disaggregation',
    ]);
  });

  it('checks cross-form references against the other forms when given', () => {
    const f = form({
      rules: [
        {
          code: 'khop',
          left: '#{B11:chi_cs4}',
          operator: '=',
          right: '#{B99:x}',
          severity: 'warning',
          tolerance: 1,
          message: { vi: 'Khớp', en: 'Match' },
        },
      ],
    });
    expect(checkFormDefinition(f)).toEqual([]);
    const problems = checkFormDefinition(f, { otherForms: new Map([['B11', new Set(['chi_cs4'])]]) });
    expect(problems.map((p) => p.expression?.code)).toEqual(['EXPR_UNKNOWN_FORM']);
  });

  it('requires the definition code to match the form', () => {
    expect(codes(checkFormDefinition(form(), { formCode: 'B04' }))).toEqual(['CODE_MISMATCH@code']);
  });

  it('reports type mismatches in rules and computed fields', () => {
    const f = form({
      rules: [
        {
          code: 'sai_kieu',
          left: '#{ghi_chu}',
          operator: '<',
          right: '"abc"',
          severity: 'error',
          message: { vi: 'x', en: 'x' },
        },
      ],
    });
    f.sections[0]!.fields.push(field('ghi_chu', { type: 'text', aggregation: { hierarchy: 'none', time: 'last' } }));
    f.sections[0]!.fields[3]!.expression = '#{ghi_chu}';
    expect(codes(checkFormDefinition(f))).toEqual([
      'EXPRESSION@sections.0.fields.3.expression',
      'EXPRESSION@rules.0.operator',
    ]);
  });
});
