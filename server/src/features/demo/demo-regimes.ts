/**
 * The demonstration regimes, reconstructed from public descriptions (see docs in
 * ../shared/demo-regimes.md): the shape, agencies and flow are real, the exact field lists are
 * ours. Everything here is labelled "Dữ liệu minh họa" (demonstration data) and flagged is_demo.
 *
 * A. The daily report on COVID-19 support (Resolution 68/NQ-CP, Decision 23/2021/QĐ-TTg):
 *    11 forms, 99 cells, entered by five district-level agencies on the pre-2025 tree.
 * B. A monthly socio-economic report on today's two-level tree (commune → province → VPCP).
 * C. The quarterly Government Office report on administrative procedures (Biểu 06/VPCP/KSTT shape).
 */
import {
  type AggregationMethod,
  checkFormDefinition,
  covidDailySupportSchedules,
  decree09MonthlySchedules,
  type FieldDefinition,
  type FormDefinition,
  type LocalizedText,
  type OptionSet,
  type RegimeDefinition,
  type SectionDefinition,
  type ValidationRuleDefinition,
} from '@baocao/domain';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { searchTextOf } from '../regimes/regimes.service';

export const DEMO_LABEL = 'Dữ liệu minh họa';

export interface DemoRegime {
  code: string;
  definition: RegimeDefinition;
  forms: FormDefinition[];
}

const t = (vi: string, en: string): LocalizedText => ({ vi, en });
const agg = (hierarchy: AggregationMethod, time: AggregationMethod) => ({ hierarchy, time });
/** Cumulative figures: summed over units, the last day's value over time. */
const CUMULATIVE = agg('sum', 'last');
const FLOW = agg('sum', 'sum');
const RATIO = agg('none', 'none');

type FieldOptions = Partial<FieldDefinition>;
const PEOPLE = 'người';
const EMPLOYERS = 'đơn vị';
const MILLION = 'triệu đồng';
const HOUSEHOLDS = 'hộ';

function field(code: string, label: LocalizedText, unit: string, options: FieldOptions = {}): FieldDefinition {
  const money = unit === MILLION || unit === 'tỷ đồng';
  return {
    code,
    label,
    type: money ? 'money' : 'integer',
    unit,
    min: 0,
    aggregation: CUMULATIVE,
    ...options,
  };
}

function rule(
  code: string,
  left: string,
  operator: ValidationRuleDefinition['operator'],
  right: string,
  message: LocalizedText,
  severity: 'error' | 'warning' = 'error',
): ValidationRuleDefinition {
  return { code, left: `#{${left}}`, operator, right: right.includes('#{') ? right : `#{${right}}`, severity, message };
}

const notMore = (code: string, smaller: string, larger: string, what: LocalizedText) =>
  rule(code, smaller, '<=', larger, {
    vi: `${what.vi}: ${smaller} không được lớn hơn ${larger}.`,
    en: `${what.en}: ${smaller} must not exceed ${larger}.`,
  });

const list = (code: string, title: LocalizedText, fields: FieldDefinition[]): SectionDefinition => ({
  code,
  title,
  layout: 'list',
  fields,
});

function demoForm(
  code: string,
  title: LocalizedText,
  entryUnitKinds: string[],
  sections: SectionDefinition[],
  rules: ValidationRuleDefinition[] = [],
  optionSets: OptionSet[] = [],
  note: LocalizedText = t('', ''),
): FormDefinition {
  return {
    code,
    title,
    instructions: {
      vi: `${DEMO_LABEL}: biểu mẫu tái dựng theo mô tả công khai, không phải biểu mẫu chính thức.${note.vi ? ` ${note.vi}` : ''}`,
      en: `Demonstration data: a form reconstructed from public descriptions, not the official one.${note.en ? ` ${note.en}` : ''}`,
    },
    entryUnitKinds,
    sections,
    optionSets,
    rules,
  };
}

// ---------------------------------------------------------------------------
// A. Daily COVID-19 support report
// ---------------------------------------------------------------------------

const CUMULATIVE_NOTE = t(
  'Số liệu lũy kế từ khi bắt đầu thực hiện chính sách đến ngày báo cáo.',
  'Cumulative figures from the start of the policy to the reporting day.',
);

/** The six measures of a benefit paid to people (Biểu 03–05). */
function peopleBenefitForm(code: string, policy: LocalizedText): FormDefinition {
  const what = t(policy.vi, policy.en);
  return demoForm(
    code,
    t(`${code.replace('B', 'Biểu ')}: ${policy.vi}`, `${code.replace('B', 'Form ')}: ${policy.en}`),
    ['labour_office_district'],
    [
      list('ket_qua', t('Kết quả thực hiện', 'Results'), [
        field('ho_so_nhan', t('Số hồ sơ đề nghị đã tiếp nhận', 'Applications received'), PEOPLE),
        field('nguoi_duyet', t('Số người được phê duyệt hỗ trợ', 'People approved'), PEOPLE),
        field('nguoi_duyet_nu', t('Trong đó: lao động nữ', 'Of whom women'), PEOPLE),
        field('nguoi_chi', t('Số người đã được chi trả', 'People paid'), PEOPLE),
        field('tien_chi', t('Số tiền đã chi trả', 'Amount paid'), MILLION),
        field('ho_so_dang_xu_ly', t('Số hồ sơ đang xem xét, giải quyết', 'Applications pending'), PEOPLE),
      ]),
    ],
    [
      notMore('duyet_le_nhan', 'nguoi_duyet', 'ho_so_nhan', what),
      notMore('chi_le_duyet', 'nguoi_chi', 'nguoi_duyet', what),
      notMore('nu_le_tong', 'nguoi_duyet_nu', 'nguoi_duyet', what),
    ],
    [],
    CUMULATIVE_NOTE,
  );
}

interface TableRow {
  code: string;
  label: LocalizedText;
}
interface TableColumn {
  code: string;
  label: LocalizedText;
  unit: string;
  group?: LocalizedText;
}

/** A table with one field per cell, coded `<row>_<column>`. */
function cellTable(code: string, title: LocalizedText, rows: TableRow[], columns: TableColumn[]): SectionDefinition {
  return {
    code,
    title,
    layout: 'table',
    rows: rows.map((r) => ({ code: r.code, label: r.label })),
    columns: columns.map((c) => ({
      code: c.code,
      label: c.label,
      unit: c.unit,
      ...(c.group ? { group: c.group } : {}),
    })),
    fields: rows.flatMap((row) =>
      columns.map((column) =>
        field(
          `${row.code}_${column.code}`,
          t(
            `${row.label.vi} — ${column.group ? `${column.group.vi}: ` : ''}${column.label.vi}`,
            `${row.label.en} — ${column.group ? `${column.group.en}: ` : ''}${column.label.en}`,
          ),
          column.unit,
          { row: row.code, column: column.code },
        ),
      ),
    ),
  };
}

function covidForms(): FormDefinition[] {
  const b01 = demoForm(
    'B01',
    t(
      'Biểu 01: Giảm mức đóng bảo hiểm tai nạn lao động, bệnh nghề nghiệp và tạm dừng đóng vào quỹ hưu trí và tử tuất',
      'Form 01: Reduced occupational-accident insurance contributions and suspended retirement-fund contributions',
    ),
    ['social_insurance_district'],
    [
      cellTable(
        'ket_qua',
        t('Kết quả thực hiện theo chính sách', 'Results by policy'),
        [
          {
            code: 'cs1',
            label: t(
              'Giảm mức đóng vào Quỹ bảo hiểm tai nạn lao động, bệnh nghề nghiệp về 0% trong 12 tháng',
              'Occupational-accident and disease insurance contribution reduced to 0% for 12 months',
            ),
          },
          {
            code: 'cs3',
            label: t(
              'Tạm dừng đóng vào quỹ hưu trí và tử tuất',
              'Suspended contributions to the retirement and survivorship fund',
            ),
          },
        ],
        [
          { code: 'dv', label: t('Số đơn vị được hưởng', 'Employers benefiting'), unit: EMPLOYERS },
          { code: 'ld', label: t('Số lao động thuộc diện', 'Workers covered'), unit: PEOPLE },
          { code: 'tien', label: t('Số tiền', 'Amount'), unit: MILLION },
        ],
      ),
    ],
    [],
    [],
    CUMULATIVE_NOTE,
  );

  const training = t('Hỗ trợ đào tạo duy trì việc làm', 'Training support');
  const b02 = demoForm(
    'B02',
    t(
      'Biểu 02: Hỗ trợ đào tạo, bồi dưỡng, nâng cao trình độ kỹ năng nghề để duy trì việc làm cho người lao động',
      'Form 02: Training support to keep workers employed (unemployment-insurance fund)',
    ),
    ['social_insurance_district'],
    [
      list('ket_qua', t('Kết quả thực hiện', 'Results'), [
        field('dv_de_nghi', t('Số người sử dụng lao động đề nghị hỗ trợ', 'Employers applying'), EMPLOYERS),
        field('dv_duyet', t('Số người sử dụng lao động được phê duyệt', 'Employers approved'), EMPLOYERS),
        field('ld_dao_tao', t('Số người lao động được đào tạo', 'Workers trained'), PEOPLE),
        field('tien_duyet', t('Số tiền được phê duyệt', 'Amount approved'), MILLION),
        field('tien_giai_ngan', t('Số tiền đã giải ngân', 'Amount disbursed'), MILLION),
      ]),
    ],
    [
      notMore('duyet_le_de_nghi', 'dv_duyet', 'dv_de_nghi', training),
      notMore('giai_ngan_le_duyet', 'tien_giai_ngan', 'tien_duyet', training),
    ],
    [],
    CUMULATIVE_NOTE,
  );

  const b03 = peopleBenefitForm(
    'B03',
    t(
      'Hỗ trợ người lao động tạm hoãn thực hiện hợp đồng lao động, nghỉ việc không hưởng lương',
      'Support to workers whose labour contract is suspended or on unpaid leave',
    ),
  );
  const b04 = peopleBenefitForm('B04', t('Hỗ trợ người lao động ngừng việc', 'Support to workers who stop working'));
  const b05 = peopleBenefitForm(
    'B05',
    t(
      'Hỗ trợ người lao động chấm dứt hợp đồng lao động nhưng không đủ điều kiện hưởng trợ cấp thất nghiệp',
      'Support to workers whose contract ended without unemployment benefit',
    ),
  );

  const b06 = demoForm(
    'B06',
    t(
      'Biểu 06: Hỗ trợ trẻ em và người đang điều trị COVID-19 (F0), người cách ly y tế (F1)',
      'Form 06: Support to children, people treated for COVID-19 (F0) and people in medical isolation (F1)',
    ),
    ['ubnd_district'],
    [
      cellTable(
        'ket_qua',
        t('Kết quả hỗ trợ', 'Support results'),
        [
          { code: 'tre_em', label: t('Trẻ em được hỗ trợ', 'Children supported') },
          { code: 'f0', label: t('Người điều trị nhiễm COVID-19 (F0)', 'People treated for COVID-19 (F0)') },
          { code: 'f1', label: t('Người cách ly y tế (F1)', 'People in medical isolation (F1)') },
          { code: 'tien_an', label: t('Hỗ trợ tiền ăn cho F0, F1', 'Meal support for F0 and F1') },
        ],
        [
          { code: 'nguoi', label: t('Số người', 'People'), unit: PEOPLE },
          { code: 'tien', label: t('Số tiền', 'Amount'), unit: MILLION },
        ],
      ),
    ],
    [],
    [],
    CUMULATIVE_NOTE,
  );

  const b07Rows = [
    { code: 'cs8', label: t('Viên chức hoạt động nghệ thuật biểu diễn', 'Public employees in the performing arts') },
    { code: 'cs9', label: t('Hướng dẫn viên du lịch', 'Tour guides') },
  ];
  const b07 = demoForm(
    'B07',
    t(
      'Biểu 07: Hỗ trợ viên chức, người lao động hoạt động nghệ thuật biểu diễn và hướng dẫn viên du lịch',
      'Form 07: Support to performing artists and tour guides',
    ),
    ['ubnd_district'],
    [
      cellTable('ket_qua', t('Kết quả thực hiện theo chính sách', 'Results by policy'), b07Rows, [
        { code: 'nhan', label: t('Số hồ sơ tiếp nhận', 'Applications received'), unit: PEOPLE },
        { code: 'duyet', label: t('Số người được phê duyệt', 'People approved'), unit: PEOPLE },
        { code: 'chi', label: t('Số người đã được chi trả', 'People paid'), unit: PEOPLE },
        { code: 'tien', label: t('Số tiền đã chi trả', 'Amount paid'), unit: MILLION },
      ]),
    ],
    b07Rows.flatMap((row) => [
      notMore(`${row.code}_duyet_le_nhan`, `${row.code}_duyet`, `${row.code}_nhan`, row.label),
      notMore(`${row.code}_chi_le_duyet`, `${row.code}_chi`, `${row.code}_duyet`, row.label),
    ]),
    [],
    CUMULATIVE_NOTE,
  );

  const households = t('Hỗ trợ hộ kinh doanh', 'Household businesses');
  const b08 = demoForm(
    'B08',
    t('Biểu 08: Hỗ trợ hộ kinh doanh', 'Form 08: Support to household businesses'),
    ['ubnd_district'],
    [
      list('ket_qua', t('Kết quả thực hiện', 'Results'), [
        field('ho_de_nghi', t('Số hộ kinh doanh đề nghị hỗ trợ', 'Households applying'), HOUSEHOLDS),
        field('ho_duyet', t('Số hộ được phê duyệt', 'Households approved'), HOUSEHOLDS),
        field('tien_duyet', t('Số tiền được phê duyệt', 'Amount approved'), MILLION),
        field('ho_chi', t('Số hộ đã được chi trả', 'Households paid'), HOUSEHOLDS),
        field('tien_chi', t('Số tiền đã chi trả', 'Amount paid'), MILLION),
        field('ho_dang_xu_ly', t('Số hồ sơ đang xem xét, giải quyết', 'Applications pending'), HOUSEHOLDS),
      ]),
    ],
    [
      notMore('duyet_le_de_nghi', 'ho_duyet', 'ho_de_nghi', households),
      notMore('chi_le_duyet', 'ho_chi', 'ho_duyet', households),
      notMore('tien_chi_le_duyet', 'tien_chi', 'tien_duyet', households),
    ],
    [],
    CUMULATIVE_NOTE,
  );

  const groups: OptionSet = {
    code: 'nhom_lao_dong',
    label: t('Nhóm lao động không có giao kết hợp đồng', 'Group of informal workers'),
    options: [
      { code: 'ban_hang_rong', label: t('Bán hàng rong, không có địa điểm cố định', 'Street vendors') },
      { code: 'xe_om', label: t('Xe ôm, xe thồ, xích lô', 'Motorbike taxi and cyclo drivers') },
      { code: 'boc_vac', label: t('Bốc vác, vận chuyển hàng hóa', 'Porters') },
      { code: 'buon_ban_nho', label: t('Buôn bán nhỏ lẻ', 'Small traders') },
      { code: 'khac', label: t('Lao động tự do khác', 'Other informal workers') },
    ],
  };
  const sumOf = (fieldCode: string) => `sum(${groups.options.map((o) => `#{${fieldCode}.${o.code}}`).join(', ')})`;
  const b09 = demoForm(
    'B09',
    t(
      'Biểu 09: Hỗ trợ người lao động không có giao kết hợp đồng lao động (lao động tự do)',
      'Form 09: Support to workers without a labour contract (informal workers)',
    ),
    ['ubnd_district'],
    [
      {
        code: 'theo_nhom',
        title: t('Kết quả chi trả theo nhóm lao động', 'Payments by group of workers'),
        layout: 'table',
        rows: [
          ...groups.options.map((o) => ({ code: o.code, label: o.label, indent: 1 })),
          { code: 'tong', label: t('Tổng cộng', 'Total') },
        ],
        columns: [
          { code: 'nguoi', label: t('Số người đã được chi trả', 'People paid'), unit: PEOPLE },
          { code: 'tien', label: t('Số tiền đã chi trả', 'Amount paid'), unit: MILLION },
        ],
        fields: [
          field('nguoi', t('Số người đã được chi trả', 'People paid'), PEOPLE, {
            disaggregation: groups.code,
            column: 'nguoi',
          }),
          field('tien', t('Số tiền đã chi trả', 'Amount paid'), MILLION, {
            disaggregation: groups.code,
            column: 'tien',
          }),
          field('tong_nguoi', t('Tổng số người đã được chi trả', 'Total people paid'), PEOPLE, {
            row: 'tong',
            column: 'nguoi',
            expression: sumOf('nguoi'),
          }),
          field('tong_tien', t('Tổng số tiền đã chi trả', 'Total amount paid'), MILLION, {
            row: 'tong',
            column: 'tien',
            expression: sumOf('tien'),
          }),
        ],
      },
    ],
    [],
    [groups],
    t(
      'Đối tượng và mức hỗ trợ do UBND cấp tỉnh quy định. Số liệu lũy kế.',
      'Criteria and amounts are set by each province. Cumulative figures.',
    ),
  );

  const loanLines = [
    { code: 'nv', label: t('Cho vay trả lương ngừng việc', 'Loans to pay wages during work stoppage') },
    { code: 'ph', label: t('Cho vay trả lương phục hồi sản xuất', 'Loans to pay wages to restart production') },
    {
      code: 'phn',
      label: t(
        'Cho vay trả lương phục hồi sản xuất — vận tải, hàng không, du lịch, lưu trú, đưa người lao động đi làm việc ở nước ngoài',
        'Restart wage loans — transport, aviation, tourism, accommodation, labour export',
      ),
    },
  ];
  const stages = [
    { code: 'hs', label: t('Hồ sơ đề nghị vay', 'Applications received') },
    { code: 'duyet', label: t('Được phê duyệt cho vay', 'Loans approved') },
    { code: 'gn', label: t('Đã giải ngân', 'Loans disbursed') },
  ];
  const measures = [
    { code: 'dv', label: t('Số người sử dụng lao động', 'Employers'), unit: EMPLOYERS },
    { code: 'ld', label: t('Số lượt người lao động', 'Worker-instances'), unit: PEOPLE },
    { code: 'tien', label: t('Số tiền', 'Amount'), unit: MILLION },
  ];
  const b10 = demoForm(
    'B10',
    t(
      'Biểu 10: Cho vay trả lương ngừng việc, trả lương phục hồi sản xuất',
      'Form 10: Loans to pay wages during stoppage and to restart production',
    ),
    ['social_policy_bank_district'],
    [
      cellTable(
        'cho_vay',
        t('Kết quả cho vay theo chương trình', 'Loans by programme'),
        loanLines,
        stages.flatMap((stage) =>
          measures.map((m) => ({ code: `${stage.code}_${m.code}`, label: m.label, unit: m.unit, group: stage.label })),
        ),
      ),
    ],
    loanLines.flatMap((line) =>
      measures.flatMap((m) => [
        notMore(
          `${line.code}_duyet_${m.code}`,
          `${line.code}_duyet_${m.code}`,
          `${line.code}_hs_${m.code}`,
          line.label,
        ),
        notMore(`${line.code}_gn_${m.code}`, `${line.code}_gn_${m.code}`, `${line.code}_duyet_${m.code}`, line.label),
      ]),
    ),
    [],
    CUMULATIVE_NOTE,
  );

  const treasuryPolicies = [
    ['cs4', 'Người lao động tạm hoãn hợp đồng, nghỉ không lương', 'Workers on suspended contracts or unpaid leave'],
    ['cs5', 'Người lao động ngừng việc', 'Workers who stop working'],
    ['cs6', 'Người lao động chấm dứt hợp đồng không hưởng trợ cấp thất nghiệp', 'Workers laid off without benefit'],
    ['cs7', 'Trẻ em, người điều trị COVID-19 (F0), người cách ly y tế (F1)', 'Children, F0 and F1'],
    ['cs8', 'Viên chức, người lao động hoạt động nghệ thuật biểu diễn', 'Performing artists'],
    ['cs9', 'Hướng dẫn viên du lịch', 'Tour guides'],
    ['cs10', 'Hộ kinh doanh', 'Household businesses'],
    ['cs12', 'Người lao động không có giao kết hợp đồng lao động', 'Informal workers'],
  ] as const;
  const labourOffice = t('Phòng LĐTBXH', 'the labour office');
  const crossSourcePolicies = [
    ['cs4', 'B03', labourOffice],
    ['cs5', 'B04', labourOffice],
    ['cs6', 'B05', labourOffice],
    ['cs10', 'B08', t('UBND huyện', "the district People's Committee")],
  ] as const;
  const b11 = demoForm(
    'B11',
    t(
      'Biểu 11: Kinh phí đã giải ngân từ ngân sách nhà nước theo từng chính sách',
      'Form 11: Amounts disbursed from the State budget per policy',
    ),
    ['treasury_district'],
    [
      list('giai_ngan', t('Kinh phí đã giải ngân', 'Amounts disbursed'), [
        ...treasuryPolicies.map(([code, vi, en]) =>
          field(`chi_${code}`, t(`Chi hỗ trợ: ${vi}`, `Disbursed: ${en}`), MILLION),
        ),
        field('tong_chi', t('Tổng kinh phí đã giải ngân', 'Total disbursed'), MILLION, {
          expression: `sum(${treasuryPolicies.map(([code]) => `#{chi_${code}}`).join(', ')})`,
        }),
      ]),
    ],
    // Cross-source checks, made where both sources meet (the district's consolidation): what the
    // treasury disbursed for a policy against what the labour office or the People's Committee
    // reports paid, within half a million đồng.
    crossSourcePolicies.map(([policy, form, source]) => ({
      ...rule(
        `doi_chieu_${policy}`,
        `chi_${policy}`,
        '=',
        `#{${form}:tien_chi}`,
        {
          vi: `Kinh phí Kho bạc giải ngân cho chính sách ${policy.slice(2)} khác số tiền ${source.vi} báo cáo đã chi trả (${form}).`,
          en: `The treasury's disbursement for policy ${policy.slice(2)} differs from the amount ${source.en} reports paid (${form}).`,
        },
        'warning',
      ),
      tolerance: 0.5,
    })),
    [],
    CUMULATIVE_NOTE,
  );

  return [b01, b02, b03, b04, b05, b06, b07, b08, b09, b10, b11];
}

const COVID_ENTRY_KINDS = [
  'social_insurance_district',
  'labour_office_district',
  'ubnd_district',
  'social_policy_bank_district',
  'treasury_district',
];

function covidRegime(): DemoRegime {
  return {
    code: 'NQ68-HANG-NGAY',
    definition: {
      name: t(
        'Báo cáo hằng ngày về kết quả thực hiện chính sách hỗ trợ theo Nghị quyết 68/NQ-CP và Quyết định 23/2021/QĐ-TTg',
        'Daily report on the support policies under Resolution 68/NQ-CP and Decision 23/2021/QĐ-TTg',
      ),
      content: `[${DEMO_LABEL}] Kết quả thực hiện 12 chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19 (giảm, tạm dừng đóng bảo hiểm; hỗ trợ đào tạo; hỗ trợ người lao động tạm hoãn hợp đồng, ngừng việc, mất việc; trẻ em, F0, F1; nghệ sĩ, hướng dẫn viên du lịch; hộ kinh doanh; cho vay trả lương; lao động tự do): số hồ sơ tiếp nhận, số được phê duyệt, số người, đơn vị được hỗ trợ và số tiền, lũy kế đến ngày báo cáo.`,
      reportingUnits:
        'UBND cấp huyện, Phòng Lao động – Thương binh và Xã hội, Kho bạc Nhà nước cấp huyện, Bảo hiểm xã hội cấp huyện, Phòng giao dịch Ngân hàng Chính sách xã hội; UBND cấp huyện và cấp tỉnh tổng hợp.',
      receivingAgency: 'Bộ Lao động – Thương binh và Xã hội',
      sendingMethod: 'Nhập trực tuyến trên Hệ thống thông tin báo cáo hoặc tải lên mẫu Excel do hệ thống tạo.',
      deadline:
        'Hằng ngày: các đơn vị cấp huyện nhập số liệu từ 14:00 đến 16:00; UBND cấp huyện tổng hợp, gửi UBND cấp tỉnh từ 16:00 đến 16:30; UBND cấp tỉnh tổng hợp, gửi Bộ LĐTBXH từ 16:30 đến 17:00.',
      frequency: 'day',
      dataWindow: 'calendar',
      outlineTemplate:
        'I. Tình hình triển khai các chính sách hỗ trợ trên địa bàn\nII. Khó khăn, vướng mắc\nIII. Kiến nghị, đề xuất',
      procedure:
        'Các đơn vị cấp huyện nhập số liệu lũy kế đến ngày báo cáo; UBND cấp huyện kiểm tra, tổng hợp số liệu của các đơn vị trên địa bàn và gửi UBND cấp tỉnh; UBND cấp tỉnh tổng hợp và gửi Bộ Lao động – Thương binh và Xã hội. Đơn vị chưa nhập hoặc nhập muộn được hệ thống cảnh báo.',
      legalBasis:
        'Nghị quyết 68/NQ-CP ngày 01/7/2021; Quyết định 23/2021/QĐ-TTg ngày 07/7/2021; Nghị định 09/2019/NĐ-CP ngày 24/01/2019.',
      ownerUnitCode: 'BLDTBXH',
      hierarchy: 'administrative',
      consolidatingUnitKinds: ['ubnd_district', 'ubnd_province'],
      consolidationCounts: 'submitted',
      recipientUnitCodes: ['BLDTBXH'],
      schedules: [
        { unitKinds: COVID_ENTRY_KINDS, role: 'entry', ...covidDailySupportSchedules.entry },
        { unitKinds: ['ubnd_district'], role: 'consolidation', ...covidDailySupportSchedules.district },
        { unitKinds: ['ubnd_province'], role: 'consolidation', ...covidDailySupportSchedules.province },
      ],
      allowLateSubmission: true,
      validFrom: '2021-07-01',
      validTo: '2022-12-31',
      isDemo: true,
    },
    forms: covidForms(),
  };
}

// ---------------------------------------------------------------------------
// B. Monthly socio-economic report (commune → province → Government Office)
// ---------------------------------------------------------------------------

function monthlyRegime(): DemoRegime {
  const stock = (code: string, label: LocalizedText, unit: string) => field(code, label, unit);
  const flow = (code: string, label: LocalizedText, unit: string) => field(code, label, unit, { aggregation: FLOW });
  const percent = (code: string, label: LocalizedText, expression: string): FieldDefinition => ({
    code,
    label,
    type: 'percent',
    unit: '%',
    expression,
    aggregation: RATIO,
  });
  const commune = demoForm(
    'KTXH01',
    t(
      'Biểu 01/KTXH: Một số chỉ tiêu kinh tế – xã hội cấp xã',
      'Form 01/KTXH: Socio-economic indicators of the commune',
    ),
    ['ubnd_commune'],
    [
      list('dan_so', t('Dân số và lao động', 'Population and labour'), [
        stock('dan_so_thuong_tru', t('Dân số đăng ký thường trú', 'Registered permanent residents'), PEOPLE),
        flow(
          'lao_dong_viec_lam_moi',
          t('Lao động được tạo việc làm mới trong tháng', 'Workers newly employed'),
          PEOPLE,
        ),
        flow('that_nghiep_dang_ky', t('Người thất nghiệp đăng ký trong tháng', 'Unemployed newly registered'), PEOPLE),
      ]),
      list('an_sinh', t('An sinh xã hội', 'Social protection'), [
        stock('ho_ngheo', t('Số hộ nghèo', 'Poor households'), HOUSEHOLDS),
        stock('ho_can_ngheo', t('Số hộ cận nghèo', 'Near-poor households'), HOUSEHOLDS),
        stock(
          'nguoi_tro_cap',
          t('Người hưởng trợ cấp xã hội hằng tháng', 'People receiving monthly social allowance'),
          PEOPLE,
        ),
        flow(
          'tien_tro_cap',
          t('Kinh phí chi trả trợ cấp xã hội trong tháng', 'Social allowance paid in the month'),
          MILLION,
        ),
      ]),
      list('dich_vu_cong', t('Giải quyết thủ tục hành chính', 'Administrative procedures'), [
        flow('hs_tiep_nhan', t('Số hồ sơ tiếp nhận', 'Files received'), 'hồ sơ'),
        flow('hs_truc_tuyen', t('Trong đó: tiếp nhận trực tuyến', 'Of which received online'), 'hồ sơ'),
        flow('hs_dung_han', t('Số hồ sơ giải quyết đúng hạn', 'Files resolved on time'), 'hồ sơ'),
        flow('hs_tre_han', t('Số hồ sơ giải quyết quá hạn', 'Files resolved late'), 'hồ sơ'),
        percent(
          'ty_le_dung_han',
          t('Tỷ lệ hồ sơ giải quyết đúng hạn', 'Share resolved on time'),
          'round(#{hs_dung_han} / (#{hs_dung_han} + #{hs_tre_han}) * 100, 2)',
        ),
        percent(
          'ty_le_truc_tuyen',
          t('Tỷ lệ hồ sơ tiếp nhận trực tuyến', 'Share received online'),
          'round(#{hs_truc_tuyen} / #{hs_tiep_nhan} * 100, 2)',
        ),
      ]),
      list('an_ninh', t('Trật tự, an toàn giao thông', 'Traffic safety'), [
        flow('tai_nan', t('Số vụ tai nạn giao thông', 'Traffic accidents'), 'vụ'),
        flow('so_nguoi_chet', t('Số người chết', 'Deaths'), PEOPLE),
        flow('so_nguoi_bi_thuong', t('Số người bị thương', 'Injuries'), PEOPLE),
      ]),
    ],
    [
      notMore(
        'truc_tuyen_le_tiep_nhan',
        'hs_truc_tuyen',
        'hs_tiep_nhan',
        t('Hồ sơ thủ tục hành chính', 'Procedure files'),
      ),
      rule(
        'giai_quyet_so_voi_tiep_nhan',
        'hs_dung_han',
        '<=',
        '#{hs_tiep_nhan} - #{hs_tre_han}',
        t(
          'Số hồ sơ giải quyết lớn hơn số tiếp nhận trong tháng: kiểm tra số hồ sơ kỳ trước chuyển sang.',
          'More files resolved than received this month: check the files carried over.',
        ),
        'warning',
      ),
    ],
    [],
    t(
      'Tỷ lệ được tính lại từ số liệu tổng hợp ở mỗi cấp, không lấy trung bình.',
      'Shares are recomputed from the summed parts at every level, never averaged.',
    ),
  );
  const province = demoForm(
    'KTXH02',
    t('Biểu 02/KTXH: Một số chỉ tiêu kinh tế cấp tỉnh', 'Form 02/KTXH: Economic indicators of the province'),
    ['ubnd_province'],
    [
      list('kinh_te', t('Kinh tế', 'Economy'), [
        flow('thu_ngan_sach', t('Thu ngân sách nhà nước trên địa bàn', 'State budget revenue'), 'tỷ đồng'),
        flow(
          'tong_muc_ban_le',
          t('Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng', 'Retail sales of goods and consumer services'),
          'tỷ đồng',
        ),
        flow(
          'dn_thanh_lap_moi',
          t('Số doanh nghiệp đăng ký thành lập mới', 'Newly registered enterprises'),
          'doanh nghiệp',
        ),
        flow(
          'von_dang_ky_moi',
          t('Vốn đăng ký của doanh nghiệp thành lập mới', 'Capital of new enterprises'),
          'tỷ đồng',
        ),
      ]),
    ],
  );
  return {
    code: 'KTXH-HANG-THANG',
    definition: {
      name: t(
        'Báo cáo tình hình kinh tế – xã hội hằng tháng của cấp xã, cấp tỉnh',
        'Monthly socio-economic report of communes and provinces',
      ),
      content: `[${DEMO_LABEL}] Tình hình dân số, lao động, an sinh xã hội, giải quyết thủ tục hành chính, trật tự an toàn giao thông của cấp xã; một số chỉ tiêu kinh tế của cấp tỉnh.`,
      reportingUnits: 'UBND cấp xã; UBND cấp tỉnh tổng hợp và báo cáo chỉ tiêu kinh tế.',
      receivingAgency: 'Văn phòng Chính phủ',
      sendingMethod: 'Hệ thống thông tin báo cáo Chính phủ.',
      deadline:
        'Cấp xã: trong 2 ngày làm việc sau ngày chốt số liệu; cấp tỉnh: trong 4 ngày làm việc sau ngày chốt số liệu.',
      frequency: 'month',
      dataWindow: 'decree09',
      outlineTemplate: 'I. Tình hình kinh tế – xã hội trong tháng\nII. Nhiệm vụ, giải pháp tháng tới',
      procedure:
        'UBND cấp xã nhập số liệu trong kỳ chốt (từ ngày 15 tháng trước đến ngày 14 tháng báo cáo); UBND cấp tỉnh tổng hợp số liệu các xã, nhập chỉ tiêu kinh tế và gửi Văn phòng Chính phủ.',
      legalBasis: 'Nghị định 09/2019/NĐ-CP ngày 24/01/2019 quy định về chế độ báo cáo của cơ quan hành chính nhà nước.',
      ownerUnitCode: 'VPCP',
      hierarchy: 'administrative',
      consolidatingUnitKinds: ['ubnd_province'],
      consolidationCounts: 'submitted',
      recipientUnitCodes: ['VPCP'],
      schedules: [
        { unitKinds: ['ubnd_commune'], role: 'entry', ...decree09MonthlySchedules.commune },
        { unitKinds: ['ubnd_province'], role: 'entry', ...decree09MonthlySchedules.province },
        { unitKinds: ['ubnd_province'], role: 'consolidation', ...decree09MonthlySchedules.province },
      ],
      allowLateSubmission: true,
      validFrom: '2025-07-01',
      validTo: null,
      isDemo: true,
    },
    forms: [commune, province],
  };
}

// ---------------------------------------------------------------------------
// C. Quarterly report on administrative procedures (Biểu 06/VPCP/KSTT shape)
// ---------------------------------------------------------------------------

function proceduresRegime(): DemoRegime {
  const fieldsOfWork: OptionSet = {
    code: 'linh_vuc',
    label: t('Lĩnh vực giải quyết', 'Field of work'),
    options: [
      { code: 't_dat_dai', label: t('Đất đai', 'Land') },
      { code: 't_xay_dung', label: t('Xây dựng', 'Construction') },
      { code: 't_dau_tu', label: t('Đầu tư', 'Investment') },
      { code: 't_tu_phap', label: t('Tư pháp', 'Justice') },
      { code: 't_lao_dong', label: t('Lao động, người có công và xã hội', 'Labour and social affairs') },
      { code: 'x_ho_tich', label: t('Hộ tịch', 'Civil status') },
      { code: 'x_chung_thuc', label: t('Chứng thực', 'Certification') },
      { code: 'x_dat_dai', label: t('Đất đai', 'Land') },
    ],
  };
  const received = t('Số hồ sơ nhận giải quyết', 'Files received');
  const resolved = t('Số hồ sơ đã giải quyết', 'Files resolved');
  const pending = t('Số hồ sơ đang giải quyết', 'Files pending');
  const columns: (TableColumn & { time: AggregationMethod })[] = [
    { code: 'tn_tong', label: t('Tổng số', 'Total'), group: received, unit: 'hồ sơ', time: 'sum' },
    { code: 'tn_truc_tuyen', label: t('Trực tuyến', 'Online'), group: received, unit: 'hồ sơ', time: 'sum' },
    {
      code: 'tn_truc_tiep',
      label: t('Trực tiếp hoặc qua dịch vụ bưu chính', 'In person or by post'),
      group: received,
      unit: 'hồ sơ',
      time: 'sum',
    },
    {
      code: 'tn_ky_truoc',
      label: t('Từ kỳ trước chuyển sang', 'Carried over'),
      group: received,
      unit: 'hồ sơ',
      time: 'first',
    },
    { code: 'gq_tong', label: t('Tổng số', 'Total'), group: resolved, unit: 'hồ sơ', time: 'sum' },
    { code: 'gq_truoc_han', label: t('Trước hạn', 'Early'), group: resolved, unit: 'hồ sơ', time: 'sum' },
    { code: 'gq_dung_han', label: t('Đúng hạn', 'On time'), group: resolved, unit: 'hồ sơ', time: 'sum' },
    { code: 'gq_qua_han', label: t('Quá hạn', 'Late'), group: resolved, unit: 'hồ sơ', time: 'sum' },
    { code: 'dg_tong', label: t('Tổng số', 'Total'), group: pending, unit: 'hồ sơ', time: 'last' },
    { code: 'dg_trong_han', label: t('Trong hạn', 'Within the deadline'), group: pending, unit: 'hồ sơ', time: 'last' },
    { code: 'dg_qua_han', label: t('Quá hạn', 'Overdue'), group: pending, unit: 'hồ sơ', time: 'last' },
  ];
  const provincial = fieldsOfWork.options.filter((o) => o.code.startsWith('t_'));
  const communal = fieldsOfWork.options.filter((o) => o.code.startsWith('x_'));
  const rows = [
    { code: 'cap_tinh', label: t('I. Cấp tỉnh (các sở, ban, ngành)', 'I. Provincial departments') },
    ...provincial.map((o) => ({ code: o.code, label: o.label, indent: 1 })),
    { code: 'cap_xa', label: t('II. Cấp xã', 'II. Communes') },
    ...communal.map((o) => ({ code: o.code, label: o.label, indent: 1 })),
    { code: 'tong', label: t('Tổng cộng', 'Total') },
  ];
  const fields: FieldDefinition[] = [
    ...columns.map((c) =>
      field(c.code, t(`${c.group!.vi}: ${c.label.vi}`, `${c.group!.en}: ${c.label.en}`), 'hồ sơ', {
        disaggregation: fieldsOfWork.code,
        column: c.code,
        aggregation: agg('sum', c.time),
      }),
    ),
    ...columns.map((c) =>
      field(
        `tong_${c.code}`,
        t(`Tổng cộng — ${c.group!.vi}: ${c.label.vi}`, `Total — ${c.group!.en}: ${c.label.en}`),
        'hồ sơ',
        {
          row: 'tong',
          column: c.code,
          aggregation: agg('sum', c.time),
          expression: `sum(${fieldsOfWork.options.map((o) => `#{${c.code}.${o.code}}`).join(', ')})`,
        },
      ),
    ),
  ];
  const checks: [string, string, string[], LocalizedText][] = [
    [
      'nhan',
      'tn_tong',
      ['tn_truc_tuyen', 'tn_truc_tiep', 'tn_ky_truoc'],
      t(
        'tổng số hồ sơ nhận phải bằng trực tuyến + trực tiếp, bưu chính + kỳ trước chuyển sang',
        'files received must equal online + in person or by post + carried over',
      ),
    ],
    [
      'giai_quyet',
      'gq_tong',
      ['gq_truoc_han', 'gq_dung_han', 'gq_qua_han'],
      t(
        'tổng số hồ sơ đã giải quyết phải bằng trước hạn + đúng hạn + quá hạn',
        'files resolved must equal early + on time + late',
      ),
    ],
    [
      'dang_giai_quyet',
      'dg_tong',
      ['dg_trong_han', 'dg_qua_han'],
      t(
        'tổng số hồ sơ đang giải quyết phải bằng trong hạn + quá hạn',
        'files pending must equal within the deadline + overdue',
      ),
    ],
  ];
  const rules = fieldsOfWork.options.flatMap((option) =>
    checks.map(([code, total, parts, message]) =>
      rule(
        `${code}_${option.code}`,
        `${total}.${option.code}`,
        '=',
        parts.map((p) => `#{${p}.${option.code}}`).join(' + '),
        {
          vi: `${option.code.startsWith('t_') ? 'Cấp tỉnh' : 'Cấp xã'}, lĩnh vực ${option.label.vi}: ${message.vi}.`,
          en: `${option.code.startsWith('t_') ? 'Provincial' : 'Commune'} level, ${option.label.en}: ${message.en}.`,
        },
      ),
    ),
  );
  const form = demoForm(
    'B06_KSTT',
    t(
      'Biểu 06/VPCP/KSTT: Tình hình, kết quả giải quyết thủ tục hành chính tại cơ quan, đơn vị trực tiếp giải quyết',
      'Form 06/VPCP/KSTT: Handling of administrative procedures by the agencies that resolve them',
    ),
    ['ubnd_province'],
    [
      {
        code: 'ket_qua',
        title: t('Kết quả giải quyết thủ tục hành chính theo lĩnh vực', 'Procedures handled by field of work'),
        layout: 'table',
        rows,
        columns: columns.map(({ time: _time, ...c }) => c),
        fields,
      },
    ],
    rules,
    [fieldsOfWork],
    t('Đơn vị tính: số hồ sơ.', 'Unit: number of files.'),
  );
  return {
    code: 'VPCP-KSTT-HANG-QUY',
    definition: {
      name: t(
        'Báo cáo tình hình, kết quả giải quyết thủ tục hành chính hằng quý',
        'Quarterly report on the handling of administrative procedures',
      ),
      content: `[${DEMO_LABEL}] Số hồ sơ thủ tục hành chính tiếp nhận (trực tuyến, trực tiếp, kỳ trước chuyển sang), đã giải quyết (trước hạn, đúng hạn, quá hạn) và đang giải quyết (trong hạn, quá hạn), theo lĩnh vực và cấp giải quyết.`,
      reportingUnits: 'UBND cấp tỉnh (tổng hợp các sở, ban, ngành và cấp xã trên địa bàn).',
      receivingAgency: 'Văn phòng Chính phủ (Cục Kiểm soát thủ tục hành chính)',
      sendingMethod: 'Hệ thống thông tin báo cáo Chính phủ.',
      deadline: 'Trong 4 ngày làm việc sau ngày chốt số liệu của quý.',
      frequency: 'quarter',
      dataWindow: 'decree09',
      outlineTemplate:
        'I. Tình hình, kết quả giải quyết thủ tục hành chính\nII. Nguyên nhân hồ sơ quá hạn\nIII. Kiến nghị, đề xuất',
      procedure:
        'UBND cấp tỉnh tổng hợp kết quả giải quyết thủ tục hành chính của các sở, ban, ngành và UBND cấp xã, gửi Văn phòng Chính phủ.',
      legalBasis:
        'Nghị định 09/2019/NĐ-CP; Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông; Thông tư hướng dẫn của Văn phòng Chính phủ.',
      ownerUnitCode: 'VPCP',
      hierarchy: 'administrative',
      consolidatingUnitKinds: [],
      consolidationCounts: 'submitted',
      recipientUnitCodes: ['VPCP'],
      schedules: [
        {
          unitKinds: ['ubnd_province'],
          role: 'entry',
          opens: { anchor: 'window_end', days: 1, time: '00:00' },
          due: { anchor: 'window_end', days: 4, workingDays: true, time: '17:00' },
          closes: { anchor: 'window_end', days: 8, workingDays: true, time: '17:00' },
        },
      ],
      allowLateSubmission: true,
      validFrom: '2020-01-01',
      validTo: null,
      isDemo: true,
    },
    forms: [form],
  };
}

/** Every demo regime with its forms, as they are loaded. */
export function demoRegimes(): DemoRegime[] {
  return [covidRegime(), monthlyRegime(), proceduresRegime()];
}

/**
 * Loads the demo regimes that are not there yet (by code): each active, with every form
 * published as version 1. Safe to call on every start. Returns the codes it created.
 */
export async function loadDemoRegimes(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const regime of demoRegimes()) {
    const exists = await db.selectFrom('regimes').select('id').where('code', '=', regime.code).executeTakeFirst();
    if (exists) continue;
    for (const form of regime.forms) {
      const errors = checkFormDefinition(form).filter((p) => p.severity === 'error');
      if (errors.length > 0) throw new Error(`demo form ${regime.code}/${form.code}: ${errors[0]!.message.en}`);
    }
    const { definition } = regime;
    const owner = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', definition.ownerUnitCode)
      .orderBy('validFrom')
      .executeTakeFirst();
    await db.transaction().execute(async (tx) => {
      const now = new Date();
      const row = await tx
        .insertInto('regimes')
        .values({
          code: regime.code,
          definition: JSON.stringify(definition),
          status: 'active',
          ownerUnitId: owner?.id ?? null,
          searchText: searchTextOf(regime.code, definition),
          isDemo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [index, form] of regime.forms.entries()) {
        const formRow = await tx
          .insertInto('forms')
          .values({ regimeId: row.id, code: form.code, sortOrder: index + 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('formVersions')
          .values({
            formId: formRow.id,
            number: 1,
            status: 'published',
            definition: JSON.stringify(form),
            publishedAt: now,
          })
          .execute();
      }
      await recordAudit(tx, null, [
        {
          action: 'regime.create',
          objectType: 'regime',
          objectId: row.id,
          unitId: null,
          after: { code: regime.code, demo: true, forms: regime.forms.map((f) => f.code) },
        },
      ]);
    });
    created.push(regime.code);
  }
  return created;
}
