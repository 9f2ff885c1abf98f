import { defaultLadder, type NoticeLadder, type RegimeDefinition } from '@baocao/domain';
import { todayInVietnam } from '../../i18n/format';
import type { RegimeDetailView } from './regimes.api';

/** The regime editor's form: the definition, and the code (set once, at creation). */
export type RegimeFormValues = RegimeDefinition & { code: string };

export function newRegimeValues(): RegimeFormValues {
  return {
    code: '',
    name: { vi: '', en: '' },
    content: '',
    reportingUnits: '',
    receivingAgency: '',
    sendingMethod: 'Gửi, nhận qua Hệ thống thông tin báo cáo (văn bản điện tử).',
    deadline: '',
    frequency: 'month',
    dataWindow: 'decree09',
    outlineTemplate: '',
    procedure: '',
    legalBasis:
      'Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định về chế độ báo cáo của cơ quan hành chính nhà nước.',
    ownerUnitCode: '',
    hierarchy: 'administrative',
    consolidatingUnitKinds: [],
    consolidationCounts: 'submitted',
    recipientUnitCodes: [],
    schedules: [],
    allowLateSubmission: true,
    validFrom: todayInVietnam(),
    validTo: null,
  };
}

/** The form shows each level's warning ladder, the defaults where the definition sets none. */
export const valuesOf = (regime: RegimeDetailView): RegimeFormValues => ({
  ...regime.definition,
  schedules: regime.definition.schedules.map((s) => ({ ...s, ladder: s.ladder ?? defaultLadder })),
  code: regime.code,
});

/** A level's ladder as the form holds it (an empty number: the step is off); none when it is the default. */
function ladderOf(ladder: Partial<NoticeLadder> | undefined): { ladder?: NoticeLadder } {
  if (!ladder) return {};
  const value: NoticeLadder = {
    reminderMinutesBeforeDue: ladder.reminderMinutesBeforeDue ?? null,
    lateWarning: !!ladder.lateWarning,
    escalationMinutesAfterClose: ladder.escalationMinutesAfterClose ?? null,
    channels: ladder.channels ?? [],
  };
  return JSON.stringify(value) === JSON.stringify(defaultLadder) ? {} : { ladder: value };
}

/** Exactly the definition's properties: the API refuses unknown ones. */
export function definitionOf(values: RegimeFormValues, base: RegimeDefinition): RegimeDefinition {
  const text = (value: string | undefined) => (value ?? '').trim();
  return {
    name: { vi: text(values.name?.vi), en: text(values.name?.en) },
    content: text(values.content),
    reportingUnits: text(values.reportingUnits),
    receivingAgency: text(values.receivingAgency),
    sendingMethod: text(values.sendingMethod),
    deadline: text(values.deadline),
    frequency: values.frequency,
    dataWindow: values.dataWindow,
    outlineTemplate: values.outlineTemplate ?? '',
    procedure: text(values.procedure),
    legalBasis: text(values.legalBasis),
    ownerUnitCode: values.ownerUnitCode ?? '',
    hierarchy: values.hierarchy,
    consolidatingUnitKinds: values.consolidatingUnitKinds ?? [],
    consolidationCounts: values.consolidationCounts,
    recipientUnitCodes: values.recipientUnitCodes ?? [],
    schedules: (values.schedules ?? []).map((schedule) => ({
      unitKinds: schedule.unitKinds ?? [],
      role: schedule.role,
      opens: offsetOf(schedule.opens),
      due: offsetOf(schedule.due),
      closes: offsetOf(schedule.closes),
      ...ladderOf(schedule.ladder),
    })),
    allowLateSubmission: !!values.allowLateSubmission,
    validFrom: values.validFrom,
    validTo: values.validTo ?? null,
    ...(base.isDemo ? { isDemo: true } : {}),
  };
}

function offsetOf(offset: RegimeDefinition['schedules'][number]['opens']) {
  return {
    anchor: offset.anchor,
    days: offset.days ?? 0,
    ...(offset.workingDays ? { workingDays: true } : {}),
    time: offset.time,
  };
}
