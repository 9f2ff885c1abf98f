/**
 * The analytics API (issue 11): fields aggregated by unit and by period, with
 * each field's time method, disaggregation filters, and the pre-reform data
 * optionally re-aggregated onto today's units. Shared by the server (route
 * schemas, OpenAPI) and the web app's dashboards.
 */
import { type Static, Type } from '@sinclair/typebox';
import { aggregationMethods } from '../forms/form-definition';
import { periodTypes } from '../periods/periods';
import { Id, Text } from './common';
import { UnitLevel } from './compliance';
import { PeriodId } from './regimes';

/** A field is named `<formId>:<fieldCode>`, or `ind:<code>` for an indicator (as `GET /analytics/fields` lists them). */
export const AnalyticsFieldId = Type.String({
  pattern: '^([1-9][0-9]{0,9}:[A-Za-z][A-Za-z0-9_]{0,39}|ind:[A-Za-z0-9][A-Za-z0-9._-]{0,39})$',
  maxLength: 51,
});
const Method = Type.Union(aggregationMethods.map((m) => Type.Literal(m)));
const PeriodTypeSchema = Type.Union(periodTypes.map((t) => Type.Literal(t)));

/** Limits of one query: beyond them it answers 413 `ANALYTICS_QUERY_TOO_BIG` instead of running for minutes. */
export const ANALYTICS_LIMITS = {
  fields: 20,
  units: 1_000,
  /** Periods in the answer. */
  periods: 400,
  /** Cells of the answer (fields' cells × units × periods). */
  cells: 200_000,
  /** Stored rows read (cells × source units × the form's periods). */
  rows: 5_000_000,
} as const;

export const AnalyticsQuery = Type.Object(
  {
    fields: Type.Array(AnalyticsFieldId, { minItems: 1, maxItems: ANALYTICS_LIMITS.fields }),
    units: Type.Object(
      {
        /** Every unit of a level under `root` (default: your view roots). */
        level: Type.Optional(UnitLevel),
        /** Chosen units. */
        ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: ANALYTICS_LIMITS.units })),
        /** A unit (default: yours) and its children. */
        childrenOf: Type.Optional(Type.Union([Id, Type.Literal('mine')])),
        root: Type.Optional(Id),
      },
      { additionalProperties: false },
    ),
    periods: Type.Object(
      {
        type: PeriodTypeSchema,
        /** A range, both ends inclusive… */
        from: Type.Optional(PeriodId),
        to: Type.Optional(PeriodId),
        /** …or a list, all of `type`. */
        ids: Type.Optional(Type.Array(PeriodId, { minItems: 1, maxItems: ANALYTICS_LIMITS.periods })),
      },
      { additionalProperties: false },
    ),
    /** Keep only these options of a disaggregated field: `{"12:nguoi": ["nu"]}`. */
    filters: Type.Optional(
      Type.Record(AnalyticsFieldId, Type.Array(Text(40, 1), { minItems: 1, maxItems: 100 }), {
        maxProperties: ANALYTICS_LIMITS.fields,
      }),
    ),
    /** One row per option of disaggregated fields (`byOption`), besides the field's total. */
    byOption: Type.Optional(Type.Boolean()),
    /** `2025`: show data of the pre-reform tree on today's units (the old → new mapping). */
    mapping: Type.Optional(Type.Literal('2025')),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type AnalyticsQuery = Static<typeof AnalyticsQuery>;

const Label = Type.Object({ vi: Type.String(), en: Type.String() });

export const AnalyticsFieldInfo = Type.Object({
  id: Type.String(),
  regime: Type.Object({ id: Type.Integer(), code: Type.String(), name: Label }),
  form: Type.Object({ id: Type.Integer(), code: Type.String(), title: Label }),
  field: Type.Object({ code: Type.String(), label: Label }),
  type: Type.String(),
  unitOfMeasure: Type.Union([Type.String(), Type.Null()]),
  periodType: PeriodTypeSchema,
  hierarchyMethod: Method,
  /** How the field aggregates over time: `sum` for flows, `last` for stocks; computed fields (ratios) are recomputed. */
  timeMethod: Method,
  computed: Type.Boolean(),
  options: Type.Array(Type.Object({ code: Type.String(), label: Label })),
});
export type AnalyticsFieldInfo = Static<typeof AnalyticsFieldInfo>;

export const AnalyticsFieldsQuery = Type.Object(
  { regimeId: Type.Optional(Id), formId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const AnalyticsFields = Type.Object({ items: Type.Array(AnalyticsFieldInfo) });

const Count = {
  value: Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]),
  /** How many of the units expected in this cell it includes ("58/63"). */
  included: Type.Integer(),
  expected: Type.Integer(),
  /** Includes data of units split by the reform, shared out by the stated method. */
  approximate: Type.Boolean(),
};

export const AnalyticsCell = Type.Object({
  field: Type.String(),
  /** A disaggregation option, or null for the field's total. */
  option: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.Integer(),
  period: Type.String(),
  ...Count,
});
export type AnalyticsCell = Static<typeof AnalyticsCell>;

export const AnalyticsAnswer = Type.Object({
  periodType: PeriodTypeSchema,
  periods: Type.Array(Type.Object({ id: Type.String(), start: Type.String(), end: Type.String() })),
  fields: Type.Array(AnalyticsFieldInfo),
  units: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      areaCode: Type.Union([Type.String(), Type.Null()]),
      approximate: Type.Boolean(),
    }),
  ),
  cells: Type.Array(AnalyticsCell),
  /** Per field and period, over every unit of the answer (for a level or a list). */
  totals: Type.Array(
    Type.Object({
      field: Type.String(),
      option: Type.Union([Type.String(), Type.Null()]),
      period: Type.String(),
      ...Count,
    }),
  ),
  mapping: Type.Union([
    Type.Null(),
    Type.Object({
      target: Type.Literal('2025'),
      /** How a split unit's figures are shared out among the units it went to. */
      method: Type.Literal('equal_split'),
      note: Label,
    }),
  ]),
});
export type AnalyticsAnswer = Static<typeof AnalyticsAnswer>;
