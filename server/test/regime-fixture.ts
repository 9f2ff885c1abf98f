import type { FormDefinition, RegimeDefinition } from '@baocao/domain';
import type { Db } from '../src/db/database';

/** A daily regime over the fixture tree: communes enter, districts and provinces consolidate. */
export const fixtureRegime: RegimeDefinition = {
  name: { vi: 'Báo cáo thử nghiệm hằng ngày', en: 'Daily test report' },
  content: 'Số liệu thử nghiệm',
  reportingUnits: 'UBND cấp xã',
  receivingAgency: 'Bộ LĐTBXH',
  sendingMethod: 'Hệ thống thông tin báo cáo',
  deadline: '16:00 hằng ngày',
  frequency: 'day',
  dataWindow: 'calendar',
  outlineTemplate: 'I. Tình hình chung',
  procedure: 'Xã nhập, huyện tổng hợp, tỉnh tổng hợp',
  legalBasis: 'Thử nghiệm',
  ownerUnitCode: 'BO',
  hierarchy: 'administrative',
  consolidatingUnitKinds: ['ubnd_district', 'ubnd_province'],
  consolidationCounts: 'submitted',
  recipientUnitCodes: ['BO'],
  schedules: [
    {
      unitKinds: ['ubnd_commune'],
      role: 'entry',
      opens: { anchor: 'period_end', days: 0, time: '14:00' },
      due: { anchor: 'period_end', days: 0, time: '16:00' },
      closes: { anchor: 'period_end', days: 0, time: '16:00' },
    },
    {
      unitKinds: ['ubnd_district'],
      role: 'consolidation',
      opens: { anchor: 'period_end', days: 0, time: '14:00' },
      due: { anchor: 'period_end', days: 0, time: '16:30' },
      closes: { anchor: 'period_end', days: 0, time: '16:30' },
    },
    {
      unitKinds: ['ubnd_province'],
      role: 'consolidation',
      opens: { anchor: 'period_end', days: 0, time: '14:00' },
      due: { anchor: 'period_end', days: 0, time: '17:00' },
      closes: { anchor: 'period_end', days: 0, time: '17:00' },
    },
  ],
  allowLateSubmission: true,
  validFrom: '2021-07-01',
  validTo: null,
};

const afterQuarter = (days: number, time = '17:00') => ({ anchor: 'period_end' as const, days, time });
const quarterOpens = { anchor: 'period_end' as const, days: 0, time: '00:00' };

/** Quarterly: communes due 5 days after the quarter, districts 10, provinces 15 (accepted late for a year). */
export const quarterlyRegime: RegimeDefinition = {
  ...fixtureRegime,
  name: { vi: 'Báo cáo thử nghiệm hằng quý', en: 'Quarterly test report' },
  frequency: 'quarter',
  validFrom: '2025-01-01',
  schedules: [
    { unitKinds: ['ubnd_commune'], role: 'entry', opens: quarterOpens, due: afterQuarter(5), closes: afterQuarter(30) },
    {
      unitKinds: ['ubnd_district'],
      role: 'consolidation',
      opens: quarterOpens,
      due: afterQuarter(10),
      closes: afterQuarter(40),
    },
    {
      unitKinds: ['ubnd_province'],
      role: 'consolidation',
      opens: quarterOpens,
      due: afterQuarter(15),
      closes: afterQuarter(365),
    },
  ],
};

export const fixtureForm: FormDefinition = {
  code: 'B03',
  title: { vi: 'Biểu 03: Hỗ trợ người lao động tạm hoãn hợp đồng', en: 'Form 03: workers on suspended contracts' },
  entryUnitKinds: ['ubnd_commune'],
  optionSets: [],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Kết quả hỗ trợ', en: 'Support results' },
      layout: 'list',
      fields: [
        {
          code: 'nhan',
          label: { vi: 'Số hồ sơ tiếp nhận', en: 'Applications received' },
          type: 'integer',
          unit: 'hồ sơ',
          min: 0,
          required: true,
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'duyet',
          label: { vi: 'Số người được duyệt', en: 'People approved' },
          type: 'integer',
          unit: 'người',
          min: 0,
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'tien',
          label: { vi: 'Số tiền đã chi', en: 'Amount paid' },
          type: 'money',
          unit: 'triệu đồng',
          min: 0,
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'ty_le',
          label: { vi: 'Tỷ lệ duyệt', en: 'Approval rate' },
          type: 'percent',
          unit: '%',
          expression: 'round(#{duyet} / #{nhan} * 100, 1)',
          aggregation: { hierarchy: 'none', time: 'last' },
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
      message: { vi: 'Số được duyệt không vượt quá số hồ sơ tiếp nhận.', en: 'Approved must not exceed received.' },
    },
  ],
};

export interface RegimeFixture {
  regimeId: number;
  formId: number;
  versionId: number;
}

export async function seedRegime(db: Db, regime = fixtureRegime, form = fixtureForm): Promise<RegimeFixture> {
  const r = await db
    .insertInto('regimes')
    .values({
      code: `TEST-${Math.floor(Math.random() * 1e9)}`,
      definition: JSON.stringify(regime),
      status: 'active',
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('regimeVersions')
    .values({ regimeId: r.id, number: 1, effectiveFrom: regime.validFrom, definition: JSON.stringify(regime) })
    .execute();
  const f = await db
    .insertInto('forms')
    .values({ regimeId: r.id, code: form.code, createdAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await db
    .insertInto('formVersions')
    .values({
      formId: f.id,
      number: 1,
      status: 'published',
      definition: JSON.stringify(form),
      publishedAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { regimeId: r.id, formId: f.id, versionId: v.id };
}

/**
 * A second form of the fixture regime, the treasury's, whose amount is compared with B03's
 * ("tien") by a cross-source rule, within 0.5.
 */
export const treasuryCrossForm = {
  code: 'KB',
  title: { vi: 'Kho bạc: kinh phí đã giải ngân', en: 'Treasury: amounts disbursed' },
  entryUnitKinds: ['ubnd_commune'],
  optionSets: [],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Giải ngân', en: 'Disbursed' },
      layout: 'list',
      fields: [
        {
          code: 'chi',
          label: { vi: 'Kinh phí đã giải ngân', en: 'Disbursed' },
          type: 'decimal',
          unit: 'triệu đồng',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
  rules: [
    {
      code: 'doi_chieu_chi',
      left: '#{chi}',
      operator: '=',
      right: '#{B03:tien}',
      tolerance: 0.5,
      severity: 'warning',
      message: {
        vi: 'Kinh phí Kho bạc giải ngân khác số tiền xã báo cáo đã chi (B03).',
        en: 'The treasury’s disbursement differs from what the communes report paid (B03).',
      },
    },
  ],
} as unknown as FormDefinition;

/** Adds a form with a published first version to a regime; returns the form's id. */
export async function addPublishedForm(db: Db, regimeId: number, definition: FormDefinition): Promise<number> {
  const form = await db
    .insertInto('forms')
    .values({ regimeId, code: definition.code, createdAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('formVersions')
    .values({
      formId: form.id,
      number: 1,
      status: 'published',
      definition: JSON.stringify(definition),
      publishedAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .execute();
  return form.id;
}

/** 15:00 Vietnam time on `date`: inside the commune entry window. */
export const during = (date: string, time = '15:00') => Date.parse(`${date}T${time}:00+07:00`);
