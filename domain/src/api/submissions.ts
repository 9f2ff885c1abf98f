import { type Static, Type } from '@sinclair/typebox';
import { FormDefinition } from '../forms/form-definition';
import { Id, Text } from './common';
import { UnlockRequestItem } from './period-locks';
import { CellBaselineSchema, QualityFlag } from './quality';
import { PeriodId } from './regimes';

const CellKey = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}(\\.[A-Za-z][A-Za-z0-9_]{0,39})?$', maxLength: 81 });
const CellValue = Type.Union([Type.Number(), Type.String({ maxLength: 20000 }), Type.Boolean(), Type.Null()]);
export const CellValuesSchema = Type.Record(CellKey, CellValue, { maxProperties: 5000 });
const Comments = Type.Record(CellKey, Type.String({ maxLength: 2000 }), { maxProperties: 5000 });
const Localized = Type.Object({ vi: Type.String(), en: Type.String() });

// What leaves: values and comments as stored (bounded when they came in, not re-checked here).
const CellValueOut = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]);
const CellValuesOut = Type.Record(Type.String(), CellValueOut);
const CommentsOut = Type.Record(Type.String(), Type.String());

export const ReportKeyQuery = Type.Object(
  { unitId: Id, formId: Id, period: PeriodId },
  { additionalProperties: false },
);

export const UploadQuery = Type.Object(
  { unitId: Id, formId: Id, period: PeriodId, submit: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const DraftBody = Type.Object(
  {
    unitId: Id,
    formId: Id,
    period: PeriodId,
    values: CellValuesSchema,
    comments: Type.Optional(Comments),
    isNil: Type.Optional(Type.Boolean()),
    baseVersion: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const SubmitBody = Type.Object(
  {
    unitId: Id,
    formId: Id,
    period: PeriodId,
    values: Type.Optional(CellValuesSchema),
    comments: Type.Optional(Comments),
    isNil: Type.Optional(Type.Boolean()),
    baseVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  { action: Type.Union([Type.Literal('accept'), Type.Literal('return')]), reason: Type.Optional(Text(1000)) },
  { additionalProperties: false },
);

export const AdjustmentBody = Type.Object(
  { unitId: Id, formId: Id, period: PeriodId, cellKey: CellKey, delta: Type.Number(), reason: Text(1000, 3) },
  { additionalProperties: false },
);

export const DrilldownQuery = Type.Object(
  { unitId: Id, formId: Id, period: PeriodId, cell: CellKey },
  { additionalProperties: false },
);

export const MyReportsQuery = Type.Object(
  { date: Type.Optional(Type.String({ format: 'date', maxLength: 10 })), unitId: Type.Optional(Id) },
  { additionalProperties: false },
);

const Issue = Type.Object({ target: Type.String(), severity: Type.String(), code: Type.String(), message: Localized });

export const SubmitResultSchema = Type.Object({
  submissionId: Type.Integer(),
  revisionId: Type.Integer(),
  revisionNumber: Type.Integer(),
  state: Type.String(),
  submittedAt: Type.String(),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  minutesLate: Type.Integer(),
  onTime: Type.Boolean(),
  warnings: Type.Array(Issue),
  /** The outliers found and confirmed (each flagged cell carried a comment); absent from results stored before. */
  qualityFlags: Type.Optional(Type.Array(QualityFlag)),
});

export const DraftResultSchema = Type.Object({
  submissionId: Type.Integer(),
  draftVersion: Type.Integer(),
  state: Type.String(),
});

const UnitRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() });
const Schedule = Type.Union([
  Type.Object({
    opensAt: Type.String(),
    dueAt: Type.String(),
    closesAt: Type.String(),
    state: Type.Optional(Type.String()),
  }),
  Type.Null(),
]);
const FormRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  versionId: Type.Integer(),
  definition: FormDefinition,
});
const RegimeRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Localized });

/** What a consolidating unit's revision was made of: the child reports and live figures it counted. */
export const RevisionContents = Type.Object({
  contributors: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      source: Type.Union([Type.Literal('revision'), Type.Literal('consolidation'), Type.Literal('own')]),
      revisionId: Type.Union([Type.Integer(), Type.Null()]),
      /** Highest revision id included through this contributor (for "changed since sent"). */
      maxRevision: Type.Integer(),
    }),
  ),
  maxRevision: Type.Integer(),
});
export type RevisionContents = Static<typeof RevisionContents>;

const Revision = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  formVersionId: Type.Integer(),
  values: CellValuesOut,
  comments: CommentsOut,
  isNil: Type.Boolean(),
  channel: Type.String(),
  submittedByName: Type.String(),
  submittedAt: Type.String(),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  minutesLate: Type.Integer(),
  /** Null for an entry unit's revision. */
  contains: Type.Union([RevisionContents, Type.Null()]),
  reviewState: Type.String(),
  reviewedByName: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  reviewReason: Type.Union([Type.String(), Type.Null()]),
  /** Outliers the submit found, each with the officer's confirming comment. */
  qualityFlags: Type.Array(QualityFlag),
});

export const ReportView = Type.Object({
  unit: UnitRef,
  regime: RegimeRef,
  form: FormRef,
  period: Type.Object({ id: Type.String(), start: Type.String(), end: Type.String(), label: Localized }),
  role: Type.String(),
  schedule: Schedule,
  allowLateSubmission: Type.Boolean(),
  locked: Type.Boolean(),
  /** Who locked the period, when and why (null when it is open). */
  lock: Type.Union([
    Type.Object({
      lockedByName: Type.String(),
      lockedAt: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  /** This unit's latest request to unlock the period, if any. */
  unlockRequest: Type.Union([UnlockRequestItem, Type.Null()]),
  /** Whether the caller may ask for the locked period to be unlocked for this unit. */
  canRequestUnlock: Type.Boolean(),
  submission: Type.Union([
    Type.Object({
      id: Type.Integer(),
      state: Type.String(),
      stateLabel: Localized,
      isNil: Type.Boolean(),
      draft: CellValuesOut,
      draftComments: CommentsOut,
      draftVersion: Type.Integer(),
      draftUpdatedAt: Type.Union([Type.String(), Type.Null()]),
      revisionCount: Type.Integer(),
      currentRevision: Type.Union([Revision, Type.Null()]),
    }),
    Type.Null(),
  ]),
  actions: Type.Array(Type.String()),
  /**
   * Who accepts or returns this report: its direct consolidator (the nearest consolidating unit
   * above it on the regime's line), and with it the regime's recipients when that is the root.
   */
  reviewer: Type.Union([Type.Object({ unit: UnitRef, withRecipients: Type.Boolean() }), Type.Null()]),
  /**
   * The unit's history of each numeric cell (its last periods), for an entry unit whose data the
   * caller may enter: the entry grid flags outliers with it as the submit will.
   */
  outlierBaselines: Type.Record(Type.String(), CellBaselineSchema),
});

const ChildRow = Type.Object({
  unit: UnitRef,
  role: Type.String(),
  status: Type.String(),
  submissionId: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.Union([Type.String(), Type.Null()]),
  revisionId: Type.Union([Type.Integer(), Type.Null()]),
  revisionCount: Type.Integer(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  submittedByName: Type.Union([Type.String(), Type.Null()]),
  channel: Type.Union([Type.String(), Type.Null()]),
  minutesLate: Type.Union([Type.Integer(), Type.Null()]),
  reviewReason: Type.Union([Type.String(), Type.Null()]),
});

export const ConsolidationView = Type.Object({
  unit: UnitRef,
  regime: RegimeRef,
  form: FormRef,
  period: Type.Object({ id: Type.String(), start: Type.String(), end: Type.String() }),
  schedule: Schedule,
  values: CellValuesOut,
  own: Type.Object({
    submissionId: Type.Union([Type.Integer(), Type.Null()]),
    state: Type.String(),
    values: CellValuesOut,
    draftVersion: Type.Integer(),
  }),
  adjustments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      cellKey: Type.String(),
      delta: Type.Number(),
      reason: Type.String(),
      createdByName: Type.String(),
      createdAt: Type.String(),
    }),
  ),
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  contributorCount: Type.Integer(),
  children: Type.Array(ChildRow),
  counts: Type.Record(Type.String(), Type.Integer()),
  sent: Type.Union([
    Type.Object({
      revisionId: Type.Integer(),
      sentAt: Type.Union([Type.String(), Type.Null()]),
      minutesLate: Type.Union([Type.Integer(), Type.Null()]),
      changedSinceSent: Type.Boolean(),
      differences: Type.Array(Type.Object({ cellKey: Type.String(), sent: CellValueOut, now: CellValueOut })),
      /** Why the level above returned what was sent, and who reviewed it (accepted or returned). */
      reviewReason: Type.Union([Type.String(), Type.Null()]),
      reviewedByName: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  canSend: Type.Boolean(),
  /**
   * Whether the caller accepts and returns the children's reports here: an approver of this
   * unit (their direct consolidator), or of a recipient agency of the regime at the hierarchy's root.
   */
  canReview: Type.Boolean(),
  /** Whether the caller sees this as a recipient agency of the regime (read-only, outside the tree). */
  asRecipient: Type.Boolean(),
  /** Rules comparing this form's consolidated figures with other forms' of the same unit and period. */
  crossChecks: Type.Array(
    Type.Object({
      code: Type.String(),
      severity: Type.String(),
      message: Localized,
      status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('skipped')]),
      left: CellValueOut,
      right: CellValueOut,
      difference: Type.Union([Type.Number(), Type.Null()]),
      tolerance: Type.Number(),
      forms: Type.Array(Type.String()),
    }),
  ),
  /** Whether the children's reports are generated demonstration data ("Dữ liệu minh họa"). */
  isDemo: Type.Boolean(),
});

export const DrilldownView = Type.Object({
  unit: UnitRef,
  cellKey: Type.String(),
  contributions: Type.Array(
    Type.Object({
      unit: UnitRef,
      source: Type.String(),
      value: CellValueOut,
      drillable: Type.Boolean(),
      revisionId: Type.Union([Type.Integer(), Type.Null()]),
      submittedByName: Type.Union([Type.String(), Type.Null()]),
      submittedAt: Type.Union([Type.String(), Type.Null()]),
      channel: Type.Union([Type.String(), Type.Null()]),
      minutesLate: Type.Union([Type.Integer(), Type.Null()]),
      counted: Type.Boolean(),
    }),
  ),
  /** The unit's own entry in the cell. */
  own: CellValueOut,
  adjustments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      delta: Type.Number(),
      reason: Type.String(),
      createdByName: Type.String(),
      createdAt: Type.String(),
    }),
  ),
});

export const MyReportItem = Type.Object({
  regime: RegimeRef,
  form: Type.Object({ id: Type.Integer(), code: Type.String(), title: Localized }),
  unit: UnitRef,
  role: Type.String(),
  period: Type.Object({ id: Type.String(), label: Localized }),
  schedule: Schedule,
  state: Type.String(),
  submissionId: Type.Union([Type.Integer(), Type.Null()]),
  late: Type.Boolean(),
  minutesLate: Type.Union([Type.Integer(), Type.Null()]),
  /**
   * For a recipient agency's row (role `recipient`, unit: the hierarchy's root): the top-level
   * units' reports it receives — how many are expected, sent, accepted and returned.
   */
  received: Type.Optional(
    Type.Object({
      expected: Type.Integer(),
      sent: Type.Integer(),
      accepted: Type.Integer(),
      returned: Type.Integer(),
    }),
  ),
  /** Generated demonstration data ("Dữ liệu minh họa"), not a real report. */
  isDemo: Type.Boolean(),
});

export const MyReportsView = Type.Object({
  /** The unit the list is for: the caller's, or the one asked for. */
  unit: UnitRef,
  date: Type.String(),
  items: Type.Array(MyReportItem),
});
