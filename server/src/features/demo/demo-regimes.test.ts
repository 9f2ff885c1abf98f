import { formCellKeys } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_LABEL, demoRegimes, expandRegime } from './demo-regimes';

const definition = {
  name: { vi: 'Chế độ thử', en: 'Test regime' },
  content: 'Nội dung.',
  reportingUnits: 'UBND cấp huyện.',
  receivingAgency: 'Bộ',
  sendingMethod: 'Trực tuyến.',
  deadline: 'Hằng ngày.',
  frequency: 'day',
  dataWindow: 'calendar',
  outlineTemplate: '',
  procedure: '',
  legalBasis: '',
  ownerUnitCode: 'BLDTBXH',
  hierarchy: 'administrative',
  consolidatingUnitKinds: [],
  consolidationCounts: 'submitted',
  recipientUnitCodes: ['BLDTBXH'],
  schedules: [],
  allowLateSubmission: true,
  validFrom: '2021-07-01',
  validTo: null,
};
const title = { vi: 'Biểu thử', en: 'Test form' };
const results = { vi: 'Kết quả', en: 'Results' };

/** A regime file holding one form. */
const file = (form: object, formDefaults: object = { aggregation: 'sum/last' }) => ({
  code: 'THU',
  definition,
  formDefaults,
  forms: [{ code: 'B01', title, entryUnitKinds: ['ubnd_district'], ...form }],
});
const expandForm = (form: object, formDefaults?: object) => expandRegime(file(form, formDefaults), 'test').forms[0]!;
const cumulative = { hierarchy: 'sum', time: 'last' };

describe('demo regime files', () => {
  it('mark the regime and its forms as demonstration data, with the form’s note or the default one', () => {
    const regime = expandRegime(
      file(
        { sections: [{ code: 'kq', title: results, layout: 'list', fields: [{ code: 'a', vi: 'A', en: 'A' }] }] },
        { aggregation: 'sum/last', note: { vi: 'Lũy kế.', en: 'Cumulative.' } },
      ),
      'test',
    );
    expect(regime.definition.content).toBe(`[${DEMO_LABEL}] Nội dung.`);
    expect(regime.definition.isDemo).toBe(true);
    expect(regime.forms[0]!.instructions).toStrictEqual({
      vi: `${DEMO_LABEL}: biểu mẫu tái dựng theo mô tả công khai, không phải biểu mẫu chính thức. Lũy kế.`,
      en: 'Demonstration data: a form reconstructed from public descriptions, not the official one. Cumulative.',
    });
  });

  it('make a field without a type a count or an amount, never negative; a typed field has the bounds it states', () => {
    const form = expandForm({
      sections: [
        {
          code: 'kq',
          title: results,
          layout: 'list',
          fields: [
            { code: 'nguoi', vi: 'Số người', en: 'People', unit: 'người' },
            { code: 'tien', vi: 'Số tiền', en: 'Amount', unit: 'triệu đồng', aggregation: 'sum/sum' },
            {
              code: 'ty_le',
              vi: 'Tỷ lệ',
              en: 'Share',
              type: 'percent',
              unit: '%',
              aggregation: 'none/none',
              expression: '#{tien} / #{nguoi}',
            },
          ],
        },
      ],
    });
    expect(form.sections[0]!.fields).toStrictEqual([
      {
        code: 'nguoi',
        label: { vi: 'Số người', en: 'People' },
        type: 'integer',
        unit: 'người',
        min: 0,
        aggregation: cumulative,
      },
      {
        code: 'tien',
        label: { vi: 'Số tiền', en: 'Amount' },
        type: 'money',
        unit: 'triệu đồng',
        min: 0,
        aggregation: { hierarchy: 'sum', time: 'sum' },
      },
      {
        code: 'ty_le',
        label: { vi: 'Tỷ lệ', en: 'Share' },
        type: 'percent',
        unit: '%',
        aggregation: { hierarchy: 'none', time: 'none' },
        expression: '#{tien} / #{nguoi}',
      },
    ]);
  });

  it('give a table one field per cell, and repeat its row rules for each row with the row’s label', () => {
    const form = expandForm({
      sections: [
        {
          code: 'kq',
          title: results,
          layout: 'table',
          rows: [
            { code: 'cs8', vi: 'Nghệ sĩ', en: 'Artists' },
            { code: 'cs9', vi: 'Hướng dẫn viên', en: 'Tour guides' },
          ],
          columns: [
            { code: 'nhan', vi: 'Tiếp nhận', en: 'Received', unit: 'người' },
            {
              group: { vi: 'Đã chi', en: 'Paid' },
              columns: [{ code: 'chi', vi: 'Số người', en: 'People', unit: 'người' }],
            },
          ],
          rowRules: [{ code: '{row}_chi_le_nhan', notMore: ['{row}_chi', '{row}_nhan'] }],
        },
      ],
    });
    const section = form.sections[0]!;
    expect(section.columns).toStrictEqual([
      { code: 'nhan', label: { vi: 'Tiếp nhận', en: 'Received' }, unit: 'người' },
      { code: 'chi', label: { vi: 'Số người', en: 'People' }, unit: 'người', group: { vi: 'Đã chi', en: 'Paid' } },
    ]);
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
      {
        sections: [
          {
            code: 'kq',
            title: results,
            layout: 'table',
            disaggregation: { code: 'linh_vuc', vi: 'Lĩnh vực', en: 'Field of work' },
            rows: [
              {
                code: 'cap_tinh',
                vi: 'I. Cấp tỉnh',
                en: 'I. Province',
                heading: { vi: 'Cấp tỉnh', en: 'Provincial level' },
              },
              { code: 't_dat_dai', vi: 'Đất đai', en: 'Land', indent: 1 },
              { code: 't_xay_dung', vi: 'Xây dựng', en: 'Construction', indent: 1 },
            ],
            total: { code: 'tong', vi: 'Tổng cộng', en: 'Total' },
            columns: [
              { code: 'tong_so', vi: 'Tổng số', en: 'Total', unit: 'hồ sơ' },
              { code: 'qua_han', vi: 'Quá hạn', en: 'Late', unit: 'hồ sơ', aggregation: 'sum/last' },
            ],
            rowRules: [
              {
                code: 'qua_han_{row}',
                left: '#{qua_han.{row}}',
                operator: '<=',
                right: '#{tong_so.{row}}',
                severity: 'warning',
                message: {
                  vi: '{heading}, lĩnh vực {label}: quá hạn nhiều hơn tổng số.',
                  en: '{heading}, {label}: more late than in all.',
                },
              },
            ],
          },
        ],
      },
      { aggregation: 'sum/sum' },
    );
    const section = form.sections[0]!;
    expect(form.optionSets).toStrictEqual([
      {
        code: 'linh_vuc',
        label: { vi: 'Lĩnh vực', en: 'Field of work' },
        options: [
          { code: 't_dat_dai', label: { vi: 'Đất đai', en: 'Land' } },
          { code: 't_xay_dung', label: { vi: 'Xây dựng', en: 'Construction' } },
        ],
      },
    ]);
    expect(section.rows!.map((r) => [r.code, r.indent])).toStrictEqual([
      ['cap_tinh', undefined],
      ['t_dat_dai', 1],
      ['t_xay_dung', 1],
      ['tong', undefined],
    ]);
    expect(section.fields[1]).toStrictEqual({
      code: 'qua_han',
      label: { vi: 'Quá hạn', en: 'Late' },
      type: 'integer',
      unit: 'hồ sơ',
      min: 0,
      aggregation: cumulative,
      disaggregation: 'linh_vuc',
      column: 'qua_han',
    });
    expect(section.fields[2]).toStrictEqual({
      code: 'tong_tong_so',
      label: { vi: 'Tổng cộng — Tổng số', en: 'Total — Total' },
      type: 'integer',
      unit: 'hồ sơ',
      min: 0,
      aggregation: { hierarchy: 'sum', time: 'sum' },
      row: 'tong',
      column: 'tong_so',
      expression: 'sum(#{tong_so.t_dat_dai}, #{tong_so.t_xay_dung})',
    });
    expect(formCellKeys(form)).toHaveLength(6);
    expect(form.rules.map((r) => [r.code, r.left, r.right, r.message.vi, r.message.en])).toStrictEqual([
      [
        'qua_han_t_dat_dai',
        '#{qua_han.t_dat_dai}',
        '#{tong_so.t_dat_dai}',
        'Cấp tỉnh, lĩnh vực Đất đai: quá hạn nhiều hơn tổng số.',
        'Provincial level, Land: more late than in all.',
      ],
      [
        'qua_han_t_xay_dung',
        '#{qua_han.t_xay_dung}',
        '#{tong_so.t_xay_dung}',
        'Cấp tỉnh, lĩnh vực Xây dựng: quá hạn nhiều hơn tổng số.',
        'Provincial level, Construction: more late than in all.',
      ],
    ]);
  });

  it('refuse a file of the wrong shape and a form the domain rejects, naming the file', () => {
    const list = (fields: object[]) => ({ sections: [{ code: 'kq', title: results, layout: 'list', fields }] });
    expect(() => expandForm(list([{ code: 'a', vi: 'A', en: 'A', unti: 'người' }]))).toThrow(
      /demo regime test: .*additional properties/,
    );
    expect(() => expandForm(list([{ code: 'a', vi: 'A', en: 'A', aggregation: 'sum/often' }]))).toThrow(
      /demo regime test/,
    );
    expect(() =>
      expandForm({ ...list([{ code: 'a', vi: 'A', en: 'A' }]), rules: [{ code: 'r', notMore: ['a', 'b'] }] }),
    ).toThrow(/notMore needs the form's subject/);
    expect(() =>
      expandForm({
        ...list([{ code: 'a', vi: 'A', en: 'A' }]),
        subject: title,
        rules: [{ code: 'r', notMore: ['a', 'b'] }],
      }),
    ).toThrow(/B01 error at rules\.0\.right/);
    expect(() => expandForm(list([{ code: 'a', vi: 'A', en: 'A' }]), {})).toThrow(/field a: no aggregation/);
  });

  it('hold the three demo regimes; the COVID-19 report has 11 forms of 99 cumulative cells', () => {
    const regimes = demoRegimes();
    expect(regimes.map((r) => r.code)).toEqual(['NQ68-HANG-NGAY', 'KTXH-HANG-THANG', 'VPCP-KSTT-HANG-QUY']);
    const covid = regimes[0]!.forms;
    expect(covid).toHaveLength(11);
    expect(covid.flatMap(formCellKeys)).toHaveLength(99);
    for (const form of covid)
      for (const section of form.sections)
        for (const field of section.fields) expect(field.aggregation).toStrictEqual(cumulative);
  });
});
