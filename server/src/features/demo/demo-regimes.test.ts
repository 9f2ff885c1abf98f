import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type FieldDefinition, formCellKeys } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_LABEL, demoRegimes, expandRegime } from './demo-regimes';

/** A real regime definition, to hold the forms of each test. */
const { definition } = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'data/regimes/vpcp-kstt-hang-quy.json'), 'utf8'),
);
const title = { vi: 'Kết quả', en: 'Results' };
const item = (code: string, vi: string, en: string, more: object = {}) => ({ code, vi, en, ...more });

/** The one form of a regime file holding it. */
function expandForm(form: object, formDefaults: object = { aggregation: 'sum/last' }) {
  const forms = [{ code: 'B01', title, entryUnitKinds: ['ubnd_district'], ...form }];
  return expandRegime({ code: 'THU', definition, formDefaults, forms }, 'test').forms[0]!;
}
/** A field on one line: code, type, unit, bounds, aggregation, placement, expression. */
const brief = (f: FieldDefinition) =>
  [f.code, f.type, f.unit, f.min !== undefined && `≥${f.min}`, `${f.aggregation.hierarchy}/${f.aggregation.time}`]
    .concat(f.row && `row ${f.row}`, f.disaggregation && `by ${f.disaggregation}`, f.column && `column ${f.column}`)
    .concat(f.expression && `= ${f.expression}`)
    .filter(Boolean)
    .join(' ');
const list = (...fields: object[]) => ({ sections: [{ code: 'kq', title, layout: 'list', fields }] });
const table = (section: object) => ({ sections: [{ code: 'kq', title, layout: 'table', ...section }] });

describe('demo regime files', () => {
  it('mark the regime and its forms as demonstration data, with the form’s note or the default one', () => {
    const note = { vi: 'Lũy kế.', en: 'Cumulative.' };
    const forms = [{ code: 'B01', title, entryUnitKinds: [], ...list(item('a', 'A', 'A')) }];
    const regime = expandRegime(
      { code: 'THU', definition, formDefaults: { aggregation: 'sum/last', note }, forms },
      'test',
    );
    expect(regime.definition).toMatchObject({ content: `[${DEMO_LABEL}] ${definition.content}`, isDemo: true });
    expect(regime.forms[0]!.instructions).toStrictEqual({
      vi: `${DEMO_LABEL}: biểu mẫu tái dựng theo mô tả công khai, không phải biểu mẫu chính thức. Lũy kế.`,
      en: 'Demonstration data: a form reconstructed from public descriptions, not the official one. Cumulative.',
    });
  });

  it('make a field without a type a count or an amount, never negative; a typed field has the bounds it states', () => {
    const form = expandForm(
      list(
        item('nguoi', 'Số người', 'People', { unit: 'người' }),
        item('tien', 'Số tiền', 'Amount', { unit: 'triệu đồng', aggregation: 'sum/sum' }),
        item('ty_le', 'Tỷ lệ', 'Share', {
          type: 'percent',
          aggregation: 'none/none',
          expression: '#{tien} / #{nguoi}',
        }),
      ),
    );
    expect(form.sections[0]!.fields[0]).toStrictEqual({
      code: 'nguoi',
      label: { vi: 'Số người', en: 'People' },
      type: 'integer',
      unit: 'người',
      min: 0,
      aggregation: { hierarchy: 'sum', time: 'last' },
    });
    expect(form.sections[0]!.fields.map(brief)).toStrictEqual([
      'nguoi integer người ≥0 sum/last',
      'tien money triệu đồng ≥0 sum/sum',
      'ty_le percent none/none = #{tien} / #{nguoi}',
    ]);
  });

  it('give a table one field per cell, and repeat its row rules for each row, about the row', () => {
    const form = expandForm(
      table({
        rows: [item('cs8', 'Nghệ sĩ', 'Artists'), item('cs9', 'Hướng dẫn viên', 'Tour guides')],
        columns: [
          item('nhan', 'Tiếp nhận', 'Received', { unit: 'người' }),
          { group: { vi: 'Đã chi', en: 'Paid' }, columns: [item('chi', 'Số người', 'People', { unit: 'người' })] },
        ],
        rowRules: [{ code: '{row}_chi_le_nhan', notMore: ['{row}_chi', '{row}_nhan'] }],
      }),
    );
    const section = form.sections[0]!;
    expect(section.columns![1]).toStrictEqual({
      code: 'chi',
      label: { vi: 'Số người', en: 'People' },
      unit: 'người',
      group: { vi: 'Đã chi', en: 'Paid' },
    });
    expect(section.fields.map((f) => [f.code, f.row, f.column, f.label.vi])).toStrictEqual([
      ['cs8_nhan', 'cs8', 'nhan', 'Nghệ sĩ — Tiếp nhận'],
      ['cs8_chi', 'cs8', 'chi', 'Nghệ sĩ — Đã chi: Số người'],
      ['cs9_nhan', 'cs9', 'nhan', 'Hướng dẫn viên — Tiếp nhận'],
      ['cs9_chi', 'cs9', 'chi', 'Hướng dẫn viên — Đã chi: Số người'],
    ]);
    expect(form.rules[1]).toStrictEqual({
      code: 'cs9_chi_le_nhan',
      left: '#{cs9_chi}',
      operator: '<=',
      right: '#{cs9_nhan}',
      severity: 'error',
      message: {
        vi: 'Hướng dẫn viên: cs9_chi không được lớn hơn cs9_nhan.',
        en: 'Tour guides: cs9_chi must not exceed cs9_nhan.',
      },
    });
  });

  it('disaggregate a table by its rows under their headings, with a computed total row and rules per row', () => {
    const form = expandForm(
      table({
        disaggregation: item('linh_vuc', 'Lĩnh vực', 'Field of work'),
        rows: [
          item('cap_tinh', 'I. Cấp tỉnh', 'I. Province', { heading: { vi: 'Cấp tỉnh', en: 'Provincial level' } }),
          item('t_dat_dai', 'Đất đai', 'Land', { indent: 1 }),
          item('t_xay_dung', 'Xây dựng', 'Construction', { indent: 1 }),
        ],
        total: item('tong', 'Tổng cộng', 'Total'),
        columns: [
          item('tong_so', 'Tổng số', 'Total', { unit: 'hồ sơ' }),
          item('qua_han', 'Quá hạn', 'Late', { aggregation: 'sum/last' }),
        ],
        rowRules: [
          {
            code: 'qua_han_{row}',
            ...{ left: '#{qua_han.{row}}', operator: '<=', right: '#{tong_so.{row}}', severity: 'warning' },
            message: { vi: '{heading}, lĩnh vực {label}: quá hạn.', en: '{heading}, {label}: late.' },
          },
        ],
      }),
      { aggregation: 'sum/sum' },
    );
    const section = form.sections[0]!;
    expect(form.optionSets[0]!.options.map((o) => o.code)).toStrictEqual(['t_dat_dai', 't_xay_dung']);
    expect(section.rows!.map((r) => [r.code, r.indent])).toStrictEqual([
      ['cap_tinh', undefined],
      ['t_dat_dai', 1],
      ['t_xay_dung', 1],
      ['tong', undefined],
    ]);
    expect(section.fields.map(brief)).toStrictEqual([
      'tong_so integer hồ sơ ≥0 sum/sum by linh_vuc column tong_so',
      'qua_han integer ≥0 sum/last by linh_vuc column qua_han',
      'tong_tong_so integer hồ sơ ≥0 sum/sum row tong column tong_so = sum(#{tong_so.t_dat_dai}, #{tong_so.t_xay_dung})',
      'tong_qua_han integer ≥0 sum/last row tong column qua_han = sum(#{qua_han.t_dat_dai}, #{qua_han.t_xay_dung})',
    ]);
    expect(section.fields[2]!.label).toStrictEqual({ vi: 'Tổng cộng — Tổng số', en: 'Total — Total' });
    expect(form.rules.map((r) => `${r.code}: ${r.left} ${r.operator} ${r.right}, ${r.severity}`)).toStrictEqual([
      'qua_han_t_dat_dai: #{qua_han.t_dat_dai} <= #{tong_so.t_dat_dai}, warning',
      'qua_han_t_xay_dung: #{qua_han.t_xay_dung} <= #{tong_so.t_xay_dung}, warning',
    ]);
    expect(form.rules.map((r) => r.message)).toStrictEqual([
      { vi: 'Cấp tỉnh, lĩnh vực Đất đai: quá hạn.', en: 'Provincial level, Land: late.' },
      { vi: 'Cấp tỉnh, lĩnh vực Xây dựng: quá hạn.', en: 'Provincial level, Construction: late.' },
    ]);
  });

  it('refuse a file of the wrong shape and a form the domain rejects, naming the file', () => {
    const a = item('a', 'A', 'A');
    expect(() => expandForm(list({ ...a, unti: 'người' }))).toThrow(/demo regime test: .*additional properties/);
    expect(() => expandForm(list({ ...a, aggregation: 'sum/often' }))).toThrow(/demo regime test: .*pattern/);
    expect(() => expandForm(list(a), {})).toThrow(/field a: no aggregation/);
    const rules = [{ code: 'r', notMore: ['a', 'b'] }];
    expect(() => expandForm({ ...list(a), rules })).toThrow(/notMore needs the form's subject/);
    expect(() => expandForm({ ...list(a), rules, subject: title })).toThrow(
      /demo regime test:\nB01 error at rules\.0\.right/,
    );
  });

  it('hold the three demo regimes; the COVID-19 report has 11 forms of 99 cumulative cells', () => {
    const regimes = demoRegimes();
    expect(regimes.map((r) => r.code)).toEqual([
      'NQ68-HANG-NGAY',
      'KTXH-HANG-THANG',
      'VPCP-KSTT-HANG-QUY',
      'KBNN-GIAI-NGAN-HANG-THANG',
    ]);
    const fields = regimes[0]!.forms.flatMap((form) => form.sections.flatMap((section) => section.fields));
    expect(regimes[0]!.forms).toHaveLength(11);
    expect(regimes[0]!.forms.flatMap(formCellKeys)).toHaveLength(99);
    expect(new Set(fields.map((f) => `${f.aggregation.hierarchy}/${f.aggregation.time}`))).toEqual(
      new Set(['sum/last']),
    );
  });
});
