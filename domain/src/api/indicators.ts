/**
 * The indicator catalogue API (issue 12 §1): indicators with their owning agencies, values with
 * vintages, direct entry and API push. Shared by the server's routes and the web app.
 */
import { type Static, Type } from '@sinclair/typebox';
import {
  indicatorAreas,
  indicatorFrequencies,
  indicatorSources,
  indicatorValueSources,
  indicatorVintages,
} from '../indicators/indicators';
import { Id, IsoDate, Text } from './common';
import { PeriodId } from './regimes';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const IndicatorArea = literals(indicatorAreas);
export const IndicatorFrequency = literals(indicatorFrequencies);
export const IndicatorSourceSchema = literals(indicatorSources);
export const IndicatorVintageSchema = literals(indicatorVintages);
export const IndicatorCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$', minLength: 1, maxLength: 40 });
const OptionCode = Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', maxLength: 40 });

const Names = (max: number) => Type.Object({ vi: Text(max, 1), en: Text(max, 1) }, { additionalProperties: false });
const Label = Type.Object({ vi: Type.String(), en: Type.String() });

export const IndicatorDisaggregation = Type.Object(
  {
    /** e.g. `sex`, `province`, `age`. */
    code: OptionCode,
    label: Names(100),
    /** The options a value may carry (`sex.nu`); none for a disaggregation by unit (province). */
    options: Type.Array(Type.Object({ code: OptionCode, label: Names(100) }, { additionalProperties: false }), {
      maxItems: 50,
    }),
  },
  { additionalProperties: false },
);
export type IndicatorDisaggregation = Static<typeof IndicatorDisaggregation>;

/** The agency that owns an indicator from a date (effective-dated: responsibility moves). */
export const IndicatorAgency = Type.Object(
  { validFrom: IsoDate, agency: Text(200, 1) },
  { additionalProperties: false },
);

export const IndicatorFormula = Type.Object(
  {
    /** The form whose consolidated figures the formula reads (its fields by code, `#{code}`). */
    formId: Id,
    expression: Text(2000, 1),
  },
  { additionalProperties: false },
);

const indicatorProperties = {
  code: IndicatorCode,
  name: Names(300),
  unitOfMeasure: Text(60, 1),
  frequency: IndicatorFrequency,
  area: IndicatorArea,
  source: IndicatorSourceSchema,
  /** How values combine into a coarser period: `sum` for flows, `last` for stocks and ratios. */
  timeMethod: Type.Union([Type.Literal('sum'), Type.Literal('last')]),
  formula: Type.Optional(Type.Union([IndicatorFormula, Type.Null()])),
  disaggregations: Type.Array(IndicatorDisaggregation, { maxItems: 10 }),
  agencies: Type.Array(IndicatorAgency, { minItems: 1, maxItems: 20 }),
  description: Type.Optional(Type.Union([Names(2000), Type.Null()])),
};
export const IndicatorBody = Type.Object(indicatorProperties, { additionalProperties: false });
export type IndicatorBody = Static<typeof IndicatorBody>;
export const IndicatorUpdateBody = Type.Object(
  { ...indicatorProperties, version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
export type IndicatorUpdateBody = Static<typeof IndicatorUpdateBody>;

export const IndicatorListQuery = Type.Object(
  {
    /** Searches code and names, ignoring diacritics ("no cong" finds "nợ công"). */
    q: Type.Optional(Text(100)),
    area: Type.Optional(IndicatorArea),
    source: Type.Optional(IndicatorSourceSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type IndicatorListQuery = Static<typeof IndicatorListQuery>;

export const IndicatorSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Label,
  unitOfMeasure: Type.String(),
  frequency: IndicatorFrequency,
  area: IndicatorArea,
  source: IndicatorSourceSchema,
  /** The agency that owns it today. */
  agency: Type.Union([Type.String(), Type.Null()]),
  /** Demonstration indicator (generated history). */
  isDemo: Type.Boolean(),
});
export type IndicatorSummary = Static<typeof IndicatorSummary>;

export const IndicatorList = Type.Object({
  items: Type.Array(IndicatorSummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type IndicatorList = Static<typeof IndicatorList>;

export const IndicatorItem = Type.Object({
  ...IndicatorSummary.properties,
  timeMethod: Type.Union([Type.Literal('sum'), Type.Literal('last')]),
  formula: Type.Union([Type.Object({ formId: Type.Integer(), expression: Type.String() }), Type.Null()]),
  disaggregations: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Label,
      options: Type.Array(Type.Object({ code: Type.String(), label: Label })),
    }),
  ),
  agencies: Type.Array(Type.Object({ validFrom: Type.String(), agency: Type.String() })),
  description: Type.Union([Label, Type.Null()]),
  version: Type.Integer(),
});
export type IndicatorItem = Static<typeof IndicatorItem>;

/** One value to store: a unit's figure for a period (and option), of a vintage released on a date. */
const valueProperties = {
  period: PeriodId,
  /** `''` or absent for the total; else `<disaggregation>.<option>`, e.g. `sex.nu`. */
  option: Type.Optional(Type.String({ pattern: '^([A-Za-z0-9_-]{1,40}\\.[A-Za-z0-9_-]{1,40})?$', maxLength: 81 })),
  vintage: IndicatorVintageSchema,
  releasedOn: IsoDate,
  value: Type.Number({ minimum: -1e15, maximum: 1e15 }),
};

/** Direct entry on the indicator page: values of one indicator. */
export const IndicatorValuesBody = Type.Object(
  {
    values: Type.Array(Type.Object({ unitId: Id, ...valueProperties }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 1000,
    }),
  },
  { additionalProperties: false },
);
export type IndicatorValuesBody = Static<typeof IndicatorValuesBody>;

/** A push from another system: values of any indicators, units by id or by code (resolved on the period's start). */
export const IndicatorPushBody = Type.Object(
  {
    values: Type.Array(
      Type.Object(
        {
          indicator: IndicatorCode,
          unitId: Type.Optional(Id),
          unitCode: Type.Optional(Text(40, 1)),
          ...valueProperties,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  { additionalProperties: false },
);
export type IndicatorPushBody = Static<typeof IndicatorPushBody>;

/** What a store did: exact counts (the same values again change nothing). */
export const IndicatorStoreResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type IndicatorStoreResult = Static<typeof IndicatorStoreResult>;

export const IndicatorSeriesQuery = Type.Object(
  {
    /** The unit (default: the country, i.e. your view's root). */
    unitId: Type.Optional(Id),
    from: Type.Optional(PeriodId),
    to: Type.Optional(PeriodId),
    option: Type.Optional(Type.String({ maxLength: 81 })),
  },
  { additionalProperties: false },
);
export type IndicatorSeriesQuery = Static<typeof IndicatorSeriesQuery>;

const VintageEntry = Type.Object({
  vintage: IndicatorVintageSchema,
  releasedOn: Type.String(),
  value: Type.Number(),
  source: literals(indicatorValueSources),
  recordedAt: Type.String(),
});
export type IndicatorVintageEntry = Static<typeof VintageEntry>;

export const IndicatorSeries = Type.Object({
  indicator: IndicatorSummary,
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  option: Type.String(),
  /** One point per period with a value: its latest vintage, and every vintage in release order. */
  points: Type.Array(
    Type.Object({
      period: Type.String(),
      start: Type.String(),
      value: Type.Number(),
      vintage: IndicatorVintageSchema,
      releasedOn: Type.String(),
      source: literals(indicatorValueSources),
      isDemo: Type.Boolean(),
      history: Type.Array(VintageEntry),
    }),
  ),
  /** Some points are demonstration data (generated). */
  demo: Type.Boolean(),
});
export type IndicatorSeries = Static<typeof IndicatorSeries>;

/**
 * The query of the indicator value exports (`GET /indicator-values`, `GET /indicator-values.csv`):
 * stored values (every vintage) of the units in the caller's view, oldest first, paged by cursor.
 */
export const IndicatorExportQuery = Type.Object(
  {
    indicator: Type.Optional(IndicatorCode),
    /** A unit code in the caller's view. */
    unitCode: Type.Optional(Text(40, 1)),
    period: Type.Optional(PeriodId),
    /** Only values recorded (or corrected) at or after this instant (ISO 8601). */
    lastUpdated: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    /** The cursor: the `X-Next-Cursor` of the previous page. */
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_007_199_254_740_991 })),
    /** Values per page; at most what one `POST /indicator-values` takes. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 })),
  },
  { additionalProperties: false },
);
export type IndicatorExportQuery = Static<typeof IndicatorExportQuery>;
