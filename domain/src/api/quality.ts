import { type Static, Type } from '@sinclair/typebox';
import { Id } from './common';
import { PeriodId } from './regimes';

const Localized = Type.Object({ vi: Type.String(), en: Type.String() });

/** What a cell's history says (domain/src/quality/outliers.ts `CellBaseline`). */
export const CellBaselineSchema = Type.Object({
  count: Type.Integer(),
  median: Type.Number(),
  scale: Type.Number(),
  min: Type.Number(),
  max: Type.Number(),
});

/** An outlier a submit found, with the officer's confirming comment, as the revision keeps it. */
export const QualityFlag = Type.Object({
  cell: Type.String(),
  value: Type.Number(),
  /** Robust z-score; null when the history was constant (any other figure is infinitely far). */
  z: Type.Union([Type.Number(), Type.Null()]),
  direction: Type.Union([Type.Literal('high'), Type.Literal('low')]),
  baseline: CellBaselineSchema,
  comment: Type.String(),
});
export type QualityFlag = Static<typeof QualityFlag>;

export const QualityQuery = Type.Object(
  { regimeId: Id, periodId: PeriodId, unitId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type QualityQuery = Static<typeof QualityQuery>;

/** Each list of the quality view returns at most this many items (the totals count them all). */
export const QUALITY_LIST_LIMIT = 500;

const UnitBrief = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
const FormBrief = Type.Object({ id: Type.Integer(), code: Type.String() });
/** Where the item can be looked at: the report page (entry units) or the consolidation page. */
const ReportLink = Type.Object({
  unitId: Type.Integer(),
  formId: Type.Integer(),
  period: Type.String(),
  page: Type.Union([Type.Literal('report'), Type.Literal('consolidation')]),
  href: Type.String(),
});

export const QualityOutlier = Type.Object({
  unit: UnitBrief,
  form: FormBrief,
  submissionId: Type.Integer(),
  revisionId: Type.Integer(),
  state: Type.String(),
  submittedAt: Type.String(),
  flag: QualityFlag,
  link: ReportLink,
});

export const QualityRuleViolation = Type.Object({
  unit: UnitBrief,
  form: FormBrief,
  submissionId: Type.Integer(),
  revisionId: Type.Integer(),
  rule: Type.String(),
  severity: Type.String(),
  message: Localized,
  link: ReportLink,
});

export const QualityDiscrepancy = Type.Object({
  unit: UnitBrief,
  form: FormBrief,
  rule: Type.String(),
  severity: Type.String(),
  message: Localized,
  forms: Type.Array(Type.String()),
  left: Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]),
  right: Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]),
  difference: Type.Union([Type.Number(), Type.Null()]),
  tolerance: Type.Number(),
  link: ReportLink,
});

export const QualityView = Type.Object({
  regime: Type.Object({ id: Type.Integer(), code: Type.String(), name: Localized }),
  period: Type.Object({ id: Type.String(), start: Type.String(), end: Type.String(), label: Localized }),
  root: UnitBrief,
  /** From the compliance board of the same regime, period and root. */
  timeliness: Type.Object({
    expected: Type.Integer(),
    reported: Type.Integer(),
    onTime: Type.Integer(),
    late: Type.Integer(),
    missing: Type.Integer(),
    /** reported / expected (0–1; null when nothing is expected). */
    completeness: Type.Union([Type.Number(), Type.Null()]),
    /** on time / reported (0–1; null when nothing was reported). */
    onTimeShare: Type.Union([Type.Number(), Type.Null()]),
  }),
  /** How many reports (current revisions) were examined. */
  reportsChecked: Type.Integer(),
  totals: Type.Object({ outliers: Type.Integer(), ruleViolations: Type.Integer(), discrepancies: Type.Integer() }),
  outliers: Type.Array(QualityOutlier),
  ruleViolations: Type.Array(QualityRuleViolation),
  discrepancies: Type.Array(QualityDiscrepancy),
});
export type QualityView = Static<typeof QualityView>;
