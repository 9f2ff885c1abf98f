/**
 * API schemas of report regimes, forms and their versions, holidays, periods and schedules, and the
 * expression evaluator of the form designer. The pure checks behind them (form definition problems,
 * version differences) are re-exported here so server and web app share one implementation.
 */
import { type Static, Type } from '@sinclair/typebox';
import { FormDefinition, LocalizedText } from '../forms/form-definition';
import { RegimeDefinition } from '../forms/regime-definition';
import { Id, IsoDate, JsonValue, PageQuery, Text } from './common';

export { checkFormDefinition, type FormCheckContext, type FormProblem, formProblemCodes } from '../forms/form-checks';
export {
  diffFormDefinitions,
  type FormDiff,
  type ItemChange,
  type ItemDiff,
  type PropertyChange,
} from '../forms/form-diff';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const regimeStatuses = ['draft', 'active', 'retired'] as const;
export const formVersionStatuses = ['draft', 'published', 'superseded'] as const;
export const regimeFrequencies = ['day', 'week', 'month', 'quarter', 'half_year', 'nine_months', 'year'] as const;

export const RegimeCode = Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$', minLength: 1, maxLength: 40 });
export const FormCode = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$', minLength: 1, maxLength: 40 });
/** A canonical period id: `20210715`, `2021W28`, `202107`, `2021Q3`, `2021S1`, `2021N9`, `2021`. */
export const PeriodId = Type.String({
  pattern: '^[0-9]{4}([0-9]{2}|[0-9]{4}|W[0-9]{1,2}|Q[1-4]|S[12]|N9)?$',
  minLength: 4,
  maxLength: 8,
  description: 'Canonical period id: 20210715 (day), 2021W28 (ISO week), 202107, 2021Q3, 2021S1, 2021N9, 2021.',
});

const RegimeStatus = Type.Union(regimeStatuses.map((s) => Type.Literal(s)));
const FormVersionStatus = Type.Union(formVersionStatuses.map((s) => Type.Literal(s)));
const Frequency = Type.Union(regimeFrequencies.map((f) => Type.Literal(f)));
const Instant = Type.String({ description: 'ISO 8601 instant' });
const LocalizedOut = Type.Object({ vi: Type.String(), en: Type.String() });

// ---------------------------------------------------------------------------
// Regimes
// ---------------------------------------------------------------------------

export const RegimeListQuery = Type.Object(
  {
    q: Type.Optional(Text(100)),
    /** Code of the owning agency unit, e.g. `BLDTBXH`. */
    agency: Type.Optional(Text(40, 1)),
    frequency: Type.Optional(Frequency),
    status: Type.Optional(RegimeStatus),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type RegimeListQuery = Static<typeof RegimeListQuery>;

export const RegimeSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: LocalizedOut,
  frequency: Type.String(),
  dataWindow: Type.String(),
  status: RegimeStatus,
  ownerUnitId: Nullable(Type.Integer()),
  ownerUnitCode: Type.String(),
  ownerUnitName: Nullable(Type.String()),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  /** The unit kinds that consolidate (besides the hierarchy's root), so a picker can offer the regimes a unit consolidates. */
  consolidatingUnitKinds: Type.Array(Type.String()),
  isDemo: Type.Boolean(),
  formCount: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Instant,
});
export type RegimeSummary = Static<typeof RegimeSummary>;

export const FormVersionRef = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  status: FormVersionStatus,
  publishedAt: Nullable(Instant),
  updatedAt: Instant,
});

export const FormSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  sortOrder: Type.Integer(),
  /** The title of the newest version the caller may see. */
  title: Type.Union([LocalizedOut, Type.Null()]),
  entryUnitKinds: Type.Array(Type.String()),
  publishedVersion: Type.Union([FormVersionRef, Type.Null()]),
  /** Only for callers who manage regimes. */
  draftVersion: Type.Union([FormVersionRef, Type.Null()]),
  versionCount: Type.Integer(),
});
export type FormSummary = Static<typeof FormSummary>;

export const RegimeDetail = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  status: RegimeStatus,
  ownerUnitId: Nullable(Type.Integer()),
  ownerUnitName: Nullable(Type.String()),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
  definition: RegimeDefinition,
  forms: Type.Array(FormSummary),
});
export type RegimeDetail = Static<typeof RegimeDetail>;

export const RegimeCreate = Type.Object(
  { code: RegimeCode, definition: RegimeDefinition },
  { additionalProperties: false },
);
export type RegimeCreate = Static<typeof RegimeCreate>;

export const RegimeAmendment = Type.Object(
  {
    /** The day the new version comes into force: the first day of a period of the regime's frequency. */
    effectiveFrom: IsoDate,
    /** The legal basis of the amendment, e.g. “Thông tư 5/2025/TT-VPCP”. */
    legalBasis: Text(300, 1),
  },
  { additionalProperties: false },
);
export type RegimeAmendment = Static<typeof RegimeAmendment>;

export const RegimeUpdate = Type.Object(
  {
    /** The `version` last read: a stale one answers 409 CONFLICT. */
    version: Type.Integer({ minimum: 1 }),
    definition: RegimeDefinition,
    /**
     * Required when the regime is active or retired: the change becomes a new regime version in force
     * from `effectiveFrom` (the first day of a period), and the versions before it stay as they were.
     * A draft regime is edited in place and takes no amendment.
     */
    amendment: Type.Optional(RegimeAmendment),
  },
  { additionalProperties: false },
);
export type RegimeUpdate = Static<typeof RegimeUpdate>;

/** One version of a regime: in force from `effectiveFrom` until the day before `effectiveTo` (the next one's start). */
export const RegimeVersionSummary = Type.Object({
  number: Type.Integer(),
  effectiveFrom: Type.String(),
  /** The next version's `effectiveFrom` (exclusive), or null for the newest. */
  effectiveTo: Nullable(Type.String()),
  legalBasis: Nullable(Type.String()),
  /** Past, in force today (Vietnam time) or scheduled. */
  state: Type.Union([Type.Literal('past'), Type.Literal('current'), Type.Literal('scheduled')]),
  createdByName: Nullable(Type.String()),
  createdAt: Instant,
});
export type RegimeVersionSummary = Static<typeof RegimeVersionSummary>;

export const RegimeVersionDetail = Type.Composite([
  RegimeVersionSummary,
  Type.Object({ regimeId: Type.Integer(), regimeCode: Type.String(), definition: RegimeDefinition }),
]);
export type RegimeVersionDetail = Static<typeof RegimeVersionDetail>;

export const RegimeVersionParams = Type.Object(
  { id: Id, number: Type.Integer({ minimum: 1, maximum: 100000 }) },
  { additionalProperties: false },
);

export const RegimeVersionDiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1, maximum: 100000 }), to: Type.Integer({ minimum: 1, maximum: 100000 }) },
  { additionalProperties: false },
);

/** What changed between two versions of a regime, one entry per changed top-level part of the definition. */
export const RegimeVersionDiff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      /** schedules, recipientUnitCodes, consolidatingUnitKinds, name, ... */
      part: Type.String(),
      before: JsonValue,
      after: JsonValue,
    }),
  ),
});
export type RegimeVersionDiff = Static<typeof RegimeVersionDiff>;

export const RegimeTransition = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

// ---------------------------------------------------------------------------
// Forms and versions
// ---------------------------------------------------------------------------

export const FormCreate = Type.Object(
  {
    code: FormCode,
    title: LocalizedText,
    /** The first draft's definition; without it the draft starts with one empty list section. */
    definition: Type.Optional(FormDefinition),
  },
  { additionalProperties: false },
);
export type FormCreate = Static<typeof FormCreate>;

export const FormOrder = Type.Object(
  {
    /** Every form of the regime, in the new order. */
    formIds: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const FormVersionSummary = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  status: FormVersionStatus,
  title: LocalizedOut,
  publishedAt: Nullable(Instant),
  publishedByName: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
});

export const FormDetail = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  sortOrder: Type.Integer(),
  regimeId: Type.Integer(),
  regimeCode: Type.String(),
  regimeName: LocalizedOut,
  versions: Type.Array(FormVersionSummary),
});

export const FormVersionDetail = Type.Object({
  id: Type.Integer(),
  formId: Type.Integer(),
  formCode: Type.String(),
  regimeId: Type.Integer(),
  regimeCode: Type.String(),
  number: Type.Integer(),
  status: FormVersionStatus,
  definition: FormDefinition,
  /** Every cell key (`field` or `field.option`) of the version, in layout order; computed ones included. */
  cellKeys: Type.Array(Type.String()),
  publishedAt: Nullable(Instant),
  publishedBy: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  createdAt: Instant,
  /** Send it back as `updatedAt` when saving the draft, to detect a concurrent edit. */
  updatedAt: Instant,
});
export type FormVersionDetail = Static<typeof FormVersionDetail>;

export const FormVersionUpdate = Type.Object(
  {
    definition: FormDefinition,
    /** The `updatedAt` last read; a different one answers 409 CONFLICT. */
    updatedAt: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type FormVersionUpdate = Static<typeof FormVersionUpdate>;

export const FormValidateBody = Type.Object(
  {
    /** A definition to check instead of the stored one (e.g. unsaved edits); any JSON, checked against the schema too. */
    definition: Type.Optional(JsonValue),
  },
  { additionalProperties: false },
);

const SourcePositionSchema = Type.Object({ offset: Type.Integer(), line: Type.Integer(), column: Type.Integer() });
const SourceSpanSchema = Type.Object({ start: SourcePositionSchema, end: SourcePositionSchema });

export const FormProblemSchema = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  path: Type.String({ description: 'Dotted path into the definition, e.g. sections.0.fields.3.expression' }),
  subject: Type.Optional(Type.String()),
  message: LocalizedOut,
  expression: Type.Optional(
    Type.Object({
      code: Type.String(),
      position: SourcePositionSchema,
      span: SourceSpanSchema,
      cycle: Type.Optional(Type.Array(Type.String())),
    }),
  ),
});

export const FormValidation = Type.Object({
  valid: Type.Boolean(),
  errorCount: Type.Integer(),
  warningCount: Type.Integer(),
  problems: Type.Array(FormProblemSchema),
});

const PropertyChangeSchema = Type.Object({
  property: Type.String(),
  before: JsonValue,
  after: JsonValue,
});
const ItemChangeSchema = Type.Object({
  code: Type.String(),
  label: Type.Union([LocalizedOut, Type.Null()]),
  changes: Type.Array(PropertyChangeSchema),
});
const ItemDiffSchema = Type.Object({
  added: Type.Array(ItemChangeSchema),
  removed: Type.Array(ItemChangeSchema),
  changed: Type.Array(ItemChangeSchema),
});

export const FormVersionDiff = Type.Object({
  /** The version compared against: the one published before this one (null for a form's first version). */
  from: Type.Union([Type.Object({ id: Type.Integer(), number: Type.Integer() }), Type.Null()]),
  to: Type.Object({ id: Type.Integer(), number: Type.Integer() }),
  changed: Type.Boolean(),
  form: Type.Array(PropertyChangeSchema),
  sections: ItemDiffSchema,
  fields: ItemDiffSchema,
  rules: ItemDiffSchema,
  optionSets: ItemDiffSchema,
});

export const FormPublished = Type.Object({ version: FormVersionDetail, diff: FormVersionDiff });

export const TemplateQuery = Type.Object({ unitId: Id, period: PeriodId }, { additionalProperties: false });

// ---------------------------------------------------------------------------
// Expressions (the designer's "evaluate as you type")
// ---------------------------------------------------------------------------

const SampleValue = Type.Union([Type.Number(), Type.String({ maxLength: 2000 }), Type.Boolean(), Type.Null()]);

export const ExpressionEvaluate = Type.Object(
  {
    /** A computed-field expression or a condition; give this or `rule`. */
    expression: Type.Optional(Text(2000, 1)),
    /** A validation rule: `left operator right`, with an optional tolerance. */
    rule: Type.Optional(
      Type.Object(
        {
          left: Text(2000, 1),
          operator: Type.Union(['=', '!=', '<', '<=', '>', '>='].map((o) => Type.Literal(o))),
          right: Text(2000, 1),
          tolerance: Type.Optional(Type.Number({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** Sample values by cell key: `code`, `code.option`, `FORM:code`. */
    values: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.:]{1,90}$' }), SampleValue, {
      maxProperties: 5000,
    }),
    /** The form's fields: with them, references to unknown fields or options and type errors are reported. */
    fields: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: FormCode,
            type: Type.Optional(
              Type.Union(
                ['integer', 'decimal', 'money', 'percent', 'text', 'date', 'boolean', 'choice'].map((t) =>
                  Type.Literal(t),
                ),
              ),
            ),
            options: Type.Optional(Type.Array(FormCode, { maxItems: 100 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 2000 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ExpressionEvaluate = Static<typeof ExpressionEvaluate>;

const ExpressionErrorSchema = Type.Object({
  code: Type.String(),
  /** Which part the error is in: `expression`, `left` or `right`. */
  part: Type.String(),
  position: SourcePositionSchema,
  span: SourceSpanSchema,
  vi: Type.String(),
  en: Type.String(),
});

export const ExpressionEvaluation = Type.Object({
  ok: Type.Boolean(),
  /** The value of the expression (null when blank inputs or a division by zero make it unknown). */
  value: Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()])),
  /** For a rule: pass, fail, or skipped when a side is null. */
  status: Type.Optional(Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('skipped')])),
  leftValue: Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()])),
  rightValue: Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()])),
  difference: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  errors: Type.Array(ExpressionErrorSchema),
});

// ---------------------------------------------------------------------------
// Holidays, periods, schedules
// ---------------------------------------------------------------------------

export const HolidayKind = Type.Union([
  Type.Literal('statutory'),
  Type.Literal('compensatory'),
  Type.Literal('custom'),
]);

export const HolidayView = Type.Object({
  date: Type.String({ format: 'date' }),
  nameVi: Type.String(),
  nameEn: Type.String(),
  kind: HolidayKind,
});

export const HolidayQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999 })) },
  { additionalProperties: false },
);

export const HolidayParams = Type.Object({ date: IsoDate }, { additionalProperties: false });

export const HolidayUpsert = Type.Object(
  {
    nameVi: Text(200, 1),
    nameEn: Type.Optional(Text(200)),
    kind: Type.Optional(HolidayKind),
  },
  { additionalProperties: false },
);
export type HolidayUpsert = Static<typeof HolidayUpsert>;

export const PeriodParams = Type.Object({ id: PeriodId }, { additionalProperties: false });

const DateRangeSchema = Type.Object({ start: Type.String(), end: Type.String() });

export const PeriodInfo = Type.Object({
  id: Type.String(),
  type: Type.String(),
  start: Type.String(),
  end: Type.String(),
  label: LocalizedOut,
  /** ISO 8601 interval (IHE ADX), e.g. 2021-07-01/P1M. */
  isoInterval: Type.String(),
  previousId: Type.String(),
  nextId: Type.String(),
  /** The dates whose figures a report of this period counts, per data-window kind. */
  dataWindows: Type.Object({ calendar: DateRangeSchema, decree09: DateRangeSchema }),
});

export const ScheduleQuery = Type.Object({ period: PeriodId }, { additionalProperties: false });

export const RegimeSchedule = Type.Object({
  regimeId: Type.Integer(),
  regimeCode: Type.String(),
  periodId: Type.String(),
  periodLabel: LocalizedOut,
  dataWindowKind: Type.String(),
  dataWindow: DateRangeSchema,
  timeZone: Type.Literal('Asia/Ho_Chi_Minh'),
  levels: Type.Array(
    Type.Object({
      role: Type.Union([Type.Literal('entry'), Type.Literal('consolidation')]),
      unitKinds: Type.Array(Type.String()),
      opensAt: Type.String(),
      dueAt: Type.String(),
      closesAt: Type.String(),
    }),
  ),
});
