/**
 * Compliance with a regime (tình hình thực hiện chế độ báo cáo): the board of one
 * period — every expected unit with its status — and statistics over a range of
 * periods. The statuses, worst first, as the server ranks them when a unit owes
 * several forms of a period (its status is its worst form's).
 */
import { type Static, Type } from '@sinclair/typebox';
import { Id, Text } from './common';
import { PeriodId } from './regimes';

export const complianceStatuses = [
  'missing',
  'overdue',
  'returned',
  'late',
  'draft',
  'not_due',
  'nothing_to_report',
  'on_time',
  'exempt',
] as const;
export type ComplianceStatus = (typeof complianceStatuses)[number];
export const ComplianceStatusSchema = Type.Union(complianceStatuses.map((s) => Type.Literal(s)));

/** The statuses that count as "reported" (sent and not withdrawn): the base of the all / some / none figure. */
export const reportedStatuses: readonly ComplianceStatus[] = ['on_time', 'late', 'returned', 'nothing_to_report'];

export const unitLevels = ['central', 'province', 'district', 'commune'] as const;
export const UnitLevel = Type.Union(unitLevels.map((l) => Type.Literal(l)));
export type UnitLevel = Static<typeof UnitLevel>;

export const ComplianceBoardQuery = Type.Object(
  {
    regimeId: Id,
    formId: Type.Optional(Id),
    periodId: PeriodId,
    unitId: Type.Optional(Id),
    level: Type.Optional(UnitLevel),
    status: Type.Optional(ComplianceStatusSchema),
  },
  { additionalProperties: false },
);
export type ComplianceBoardQuery = Static<typeof ComplianceBoardQuery>;

const StatusCounts = Type.Object(
  Object.fromEntries(complianceStatuses.map((s) => [s, Type.Integer()])) as Record<
    ComplianceStatus,
    ReturnType<typeof Type.Integer>
  >,
);

export const ComplianceBoardRow = Type.Object({
  unit: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    level: Type.String(),
  }),
  /** The parent in the regime's hierarchy on the period's first day. */
  parent: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  status: ComplianceStatusSchema,
  /** How many forms of the period the unit owes, and how many of them it has sent. */
  forms: Type.Integer(),
  sent: Type.Integer(),
  /** First submission (of the latest form, when several). */
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  minutesLate: Type.Integer(),
  /** The exemption that covers the period, if any (to withdraw it). */
  exemptionId: Type.Union([Type.Integer(), Type.Null()]),
  exemptionReason: Type.Union([Type.String(), Type.Null()]),
});
export type ComplianceBoardRow = Static<typeof ComplianceBoardRow>;

export const ComplianceBoard = Type.Object({
  regime: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.Object({ vi: Type.String(), en: Type.String() }),
  }),
  form: Type.Union([Type.Object({ id: Type.Integer(), code: Type.String() }), Type.Null()]),
  period: Type.Object({
    id: Type.String(),
    start: Type.String(),
    end: Type.String(),
    label: Type.Object({ vi: Type.String(), en: Type.String() }),
  }),
  root: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  /** Over every expected unit (of the level asked), before the status filter. */
  totals: Type.Object({ expected: Type.Integer(), reported: Type.Integer(), counts: StatusCounts }),
  rows: Type.Array(ComplianceBoardRow),
  /** The server's clock (epoch ms) the statuses were judged at. */
  asOf: Type.Integer(),
});
export type ComplianceBoard = Static<typeof ComplianceBoard>;

export const ComplianceStatsQuery = Type.Object(
  {
    regimeId: Id,
    formId: Type.Optional(Id),
    from: PeriodId,
    to: PeriodId,
    unitId: Type.Optional(Id),
    level: Type.Optional(UnitLevel),
  },
  { additionalProperties: false },
);
export type ComplianceStatsQuery = Static<typeof ComplianceStatsQuery>;

/** At most this many periods in one statistics request (a year of a daily regime). */
export const MAX_STATS_PERIODS = 366;

export const ComplianceStatsUnit = Type.Object({
  rank: Type.Integer(),
  unit: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    level: Type.String(),
  }),
  /** Periods the unit was expected to report (exempt periods excluded). */
  expected: Type.Integer(),
  reported: Type.Integer(),
  counts: StatusCounts,
  minutesLate: Type.Integer(),
});
export type ComplianceStatsUnit = Static<typeof ComplianceStatsUnit>;

export const ComplianceStats = Type.Object({
  regime: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.Object({ vi: Type.String(), en: Type.String() }),
  }),
  periods: Type.Array(Type.Object({ id: Type.String(), label: Type.Object({ vi: Type.String(), en: Type.String() }) })),
  /** Per period: how many units were expected and how many had each status (the trend). */
  trend: Type.Array(Type.Object({ periodId: Type.String(), expected: Type.Integer(), counts: StatusCounts })),
  /**
   * Per level: units expected at least once, and how many reported every period they were
   * expected to, only some, or none ("15 of 63 provinces sent all three quarterly reports").
   */
  levels: Type.Array(
    Type.Object({
      level: Type.String(),
      units: Type.Integer(),
      all: Type.Integer(),
      some: Type.Integer(),
      none: Type.Integer(),
    }),
  ),
  /** Every unit, best first: on-time share, then fewer missing, then fewer minutes late. */
  units: Type.Array(ComplianceStatsUnit),
  asOf: Type.Integer(),
});
export type ComplianceStats = Static<typeof ComplianceStats>;

export const ExemptionBody = Type.Object(
  {
    unitId: Id,
    regimeId: Id,
    periodFrom: PeriodId,
    periodTo: Type.Optional(Type.Union([PeriodId, Type.Null()])),
    reason: Text(1000, 3),
  },
  { additionalProperties: false },
);
export type ExemptionBody = Static<typeof ExemptionBody>;

export const ExemptionsQuery = Type.Object(
  { regimeId: Id, unitId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const ExemptionItem = Type.Object({
  id: Type.Integer(),
  regimeId: Type.Integer(),
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  periodFrom: Type.String(),
  periodTo: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  createdByName: Type.String(),
  createdAt: Type.String(),
});
export type ExemptionItem = Static<typeof ExemptionItem>;

/** The statuses as the board and its spreadsheet name them. */
export const complianceStatusLabels: Record<ComplianceStatus, { vi: string; en: string }> = {
  missing: { vi: 'Không gửi', en: 'Missing' },
  overdue: { vi: 'Quá hạn, chưa gửi', en: 'Overdue' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  late: { vi: 'Gửi muộn', en: 'Late' },
  draft: { vi: 'Đang soạn', en: 'Draft' },
  not_due: { vi: 'Chưa đến hạn', en: 'Not yet due' },
  nothing_to_report: { vi: 'Không phát sinh', en: 'Nothing to report' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  exempt: { vi: 'Được miễn', en: 'Exempt' },
};

/**
 * A delay in words, largest units first and at most two of them: `2 ngày 3 giờ`, `45 phút`,
 * `1 day 2 h`. Zero or less is an empty string.
 */
export function formatDelay(minutes: number, language: 'vi' | 'en'): string {
  if (minutes <= 0) return '';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const words =
    language === 'vi'
      ? [`${days} ngày`, `${hours} giờ`, `${mins} phút`]
      : [`${days} ${days === 1 ? 'day' : 'days'}`, `${hours} h`, `${mins} min`];
  return [days, hours, mins]
    .map((value, i) => (value > 0 ? words[i] : null))
    .filter((w): w is string => w !== null)
    .slice(0, 2)
    .join(' ');
}

/** What the compliance page opens on when the address names nothing. */
export const ComplianceDefault = Type.Object(
  {
    regimeId: Type.Union([Id, Type.Null()]),
    periodId: Type.Union([PeriodId, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ComplianceDefault = Static<typeof ComplianceDefault>;
