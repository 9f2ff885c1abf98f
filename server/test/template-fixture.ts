import { type FormDefinition, parsePeriod } from '@baocao/domain';
import type { TemplateInput } from '../src/features/templates/template-writer';

const sum = { hierarchy: 'sum', time: 'last' } as const;

/** A form with every kind of cell: a list, a table with grouped columns and a disaggregated column. */
export const templateForm: FormDefinition = {
  code: 'B09',
  title: { vi: 'Biểu 09: Hỗ trợ người lao động không có giao kết hợp đồng', en: 'Form 09: informal workers' },
  instructions: { vi: 'Số liệu lũy kế từ đầu đợt hỗ trợ.', en: 'Cumulative figures.' },
  entryUnitKinds: ['ubnd_district'],
  optionSets: [
    {
      code: 'nhom',
      label: { vi: 'Nhóm lao động', en: 'Worker group' },
      options: [
        { code: 'ban_hang_rong', label: { vi: 'Bán hàng rong', en: 'Street vendors' } },
        { code: 'xe_om', label: { vi: 'Xe ôm', en: 'Motorbike taxi' } },
      ],
    },
    {
      code: 'muc_do',
      label: { vi: 'Mức độ', en: 'Level' },
      options: [
        { code: 'thap', label: { vi: 'Thấp', en: 'Low' } },
        { code: 'cao', label: { vi: 'Cao', en: 'High' } },
      ],
    },
  ],
  sections: [
    {
      code: 'chung',
      title: { vi: 'Thông tin chung', en: 'General' },
      layout: 'list',
      fields: [
        {
          code: 'so_quyet_dinh',
          label: { vi: 'Số quyết định', en: 'Decision number' },
          type: 'text',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
        {
          code: 'ngay_ban_hanh',
          label: { vi: 'Ngày ban hành', en: 'Date issued' },
          type: 'date',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
        {
          code: 'da_chi',
          label: { vi: 'Đã chi trả', en: 'Paid' },
          type: 'boolean',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
        {
          code: 'muc',
          label: { vi: 'Mức độ triển khai', en: 'Level' },
          type: 'choice',
          optionSet: 'muc_do',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
        {
          code: 'ho_so',
          label: { vi: 'Số hồ sơ nhận', en: 'Applications' },
          type: 'integer',
          unit: 'hồ sơ',
          min: 0,
          max: 100000,
          aggregation: sum,
        },
      ],
    },
    {
      code: 'bang',
      title: { vi: 'Kết quả theo nhóm lao động', en: 'By worker group' },
      layout: 'table',
      rows: [
        { code: 'ban_hang_rong', label: { vi: 'Bán hàng rong', en: 'Street vendors' } },
        { code: 'xe_om', label: { vi: 'Xe ôm', en: 'Motorbike taxi' } },
        { code: 'tong', label: { vi: 'Tổng cộng', en: 'Total' } },
      ],
      columns: [
        {
          code: 'nguoi',
          label: { vi: 'Số người', en: 'People' },
          unit: 'người',
          group: { vi: 'Đã chi trả', en: 'Paid' },
        },
        {
          code: 'tien',
          label: { vi: 'Số tiền', en: 'Amount' },
          unit: 'triệu đồng',
          group: { vi: 'Đã chi trả', en: 'Paid' },
        },
      ],
      fields: [
        {
          code: 'nguoi',
          label: { vi: 'Số người được chi trả', en: 'People paid' },
          type: 'integer',
          min: 0,
          disaggregation: 'nhom',
          column: 'nguoi',
          aggregation: sum,
        },
        {
          code: 'tien',
          label: { vi: 'Số tiền đã chi', en: 'Amount paid' },
          type: 'money',
          min: 0,
          disaggregation: 'nhom',
          column: 'tien',
          aggregation: sum,
        },
        {
          code: 'tong_nguoi',
          label: { vi: 'Tổng số người', en: 'Total people' },
          type: 'integer',
          row: 'tong',
          column: 'nguoi',
          expression: 'sum(#{nguoi.ban_hang_rong}, #{nguoi.xe_om})',
          aggregation: sum,
        },
        {
          code: 'tong_tien',
          label: { vi: 'Tổng số tiền', en: 'Total amount' },
          type: 'money',
          row: 'tong',
          column: 'tien',
          expression: 'sum(#{tien.ban_hang_rong}, #{tien.xe_om})',
          aggregation: sum,
        },
      ],
    },
  ],
  rules: [],
};

export function templateInput(definition = templateForm): TemplateInput {
  return {
    definition,
    form: { id: 7, code: definition.code },
    version: { id: 12, number: 2, status: 'published' },
    regime: {
      id: 3,
      code: 'NQ68',
      name: { vi: 'Báo cáo hằng ngày', en: 'Daily report' },
      receivingAgency: 'Bộ LĐTBXH',
    },
    unit: { id: 271, code: '271', name: 'UBND huyện Ba Vì' },
    period: parsePeriod('20210815'),
    generatedAt: new Date('2021-08-15T07:00:00Z'),
  };
}
