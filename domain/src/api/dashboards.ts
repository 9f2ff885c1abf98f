/**
 * Dashboards (bảng điều khiển, issue 11 §2): boards of widgets on a 12-column grid, owned by a
 * unit, shared with units (and optionally only some roles there). A data widget carries an
 * analytics query whose units and periods are relative ("the last 12 months", "my unit's
 * children"), so one board serves every viewer inside that viewer's own scope.
 */
import { type Static, Type } from '@sinclair/typebox';
import { roles } from '../auth/roles';
import { Id, IsoDate, Text } from './common';
import { UnitLevel } from './compliance';

export const DASHBOARD_GRID_COLUMNS = 12;
export const DASHBOARD_MAX_WIDGETS = 40;

export const widgetTypes = [
  'kpi',
  'line',
  'bar',
  'pie',
  'pivot',
  'map',
  'compliance',
  'crosscheck',
  'text',
  'tasks',
] as const;
export type WidgetType = (typeof widgetTypes)[number];
/** The widgets that read the analytics API and so need a `query`. */
export const dataWidgetTypes: readonly WidgetType[] = ['kpi', 'line', 'bar', 'pie', 'pivot', 'map'];

const RoleSchema = Type.Union(roles.map((r) => Type.Literal(r)));
const Localized = (max: number) => Type.Object({ vi: Text(max, 1), en: Text(max) }, { additionalProperties: false });

/** `<formId>:<fieldCode>`, as the analytics API names fields. */
export const DashboardFieldId = Type.String({ pattern: '^[1-9][0-9]{0,9}:[A-Za-z][A-Za-z0-9_]{0,39}$', maxLength: 51 });

const relativePeriodTypes = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** What a data widget shows: an analytics query with units and periods relative to the viewer and today. */
export const WidgetQuery = Type.Object(
  {
    fields: Type.Array(DashboardFieldId, { minItems: 1, maxItems: 20 }),
    units: Type.Object(
      {
        /** Every unit of a level under the board's filter unit (default: the viewer's view root). */
        level: Type.Optional(UnitLevel),
        /** The filter unit (default: the viewer's) and its children. */
        children: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
    periods: Type.Object(
      {
        type: Type.Union(relativePeriodTypes.map((t) => Type.Literal(t))),
        /** How many periods up to the board's filter period (default: the current one). */
        last: Type.Integer({ minimum: 1, maximum: 400 }),
      },
      { additionalProperties: false },
    ),
    /** Keep only these options of a disaggregated field. */
    filters: Type.Optional(
      Type.Record(DashboardFieldId, Type.Array(Text(40, 1), { minItems: 1, maxItems: 100 }), { maxProperties: 20 }),
    ),
    byOption: Type.Optional(Type.Boolean()),
    /** Show data of the pre-reform tree on today's 34 provinces. */
    mapping: Type.Optional(Type.Literal('2025')),
  },
  { additionalProperties: false },
);
export type WidgetQuery = Static<typeof WidgetQuery>;

export const Widget = Type.Object(
  {
    /** Unique within the board. */
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
    type: Type.Union(widgetTypes.map((t) => Type.Literal(t))),
    title: Localized(120),
    /** Grid place: column (0–11), row, width in columns, height in rows. */
    x: Type.Integer({ minimum: 0, maximum: DASHBOARD_GRID_COLUMNS - 1 }),
    y: Type.Integer({ minimum: 0, maximum: 500 }),
    w: Type.Integer({ minimum: 1, maximum: DASHBOARD_GRID_COLUMNS }),
    h: Type.Integer({ minimum: 1, maximum: 12 }),
    query: Type.Optional(WidgetQuery),
    /** KPI tile: the target the value is measured against. */
    target: Type.Optional(Type.Number({ minimum: -1e15, maximum: 1e15 })),
    /** Bars: the top or bottom N units (rankings); tasks: how many units its ranking lists (best or worst first). */
    rank: Type.Optional(
      Type.Object(
        {
          order: Type.Union([Type.Literal('top'), Type.Literal('bottom')]),
          limit: Type.Integer({ minimum: 1, maximum: 100 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** Map: which boundaries (today's 34 provinces or the 63 former ones). */
    map: Type.Optional(Type.Union([Type.Literal('provinces-2025'), Type.Literal('provinces-pre-2025')])),
    /** Pivot table: what goes on the rows and the columns. */
    pivot: Type.Optional(
      Type.Object(
        {
          rows: Type.Union([
            Type.Literal('unit'),
            Type.Literal('period'),
            Type.Literal('option'),
            Type.Literal('field'),
          ]),
          columns: Type.Union([
            Type.Literal('unit'),
            Type.Literal('period'),
            Type.Literal('option'),
            Type.Literal('field'),
          ]),
        },
        { additionalProperties: false },
      ),
    ),
    /** Compliance and cross-check widgets: the regime they follow. */
    regimeId: Type.Optional(Id),
    /**
     * Tasks widget (nhiệm vụ): the task statistics of the viewer's scope under the board's unit,
     * ranked per lead unit or per issuer (default: per lead unit).
     */
    tasks: Type.Optional(
      Type.Object({ by: Type.Union([Type.Literal('unit'), Type.Literal('issuer')]) }, { additionalProperties: false }),
    ),
    /** Text widget: Markdown-free plain text in both languages. */
    text: Type.Optional(Localized(4000)),
  },
  { additionalProperties: false },
);
export type Widget = Static<typeof Widget>;

export const DashboardDefinition = Type.Object(
  {
    widgets: Type.Array(Widget, { maxItems: DASHBOARD_MAX_WIDGETS }),
    /**
     * The date the board opens on when the viewer has not chosen one (default: today), e.g. the
     * last day of a closed campaign such as the 2021 COVID-19 support.
     */
    defaultDate: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type DashboardDefinition = Static<typeof DashboardDefinition>;

/** A board is shown to the people of a unit's subtree, or only those holding one role there. */
export const DashboardShare = Type.Object(
  { unitId: Id, role: Type.Union([RoleSchema, Type.Null()]) },
  { additionalProperties: false },
);
export type DashboardShare = Static<typeof DashboardShare>;

export const DashboardBody = Type.Object(
  {
    /** The unit that owns the board (inside your scope); its managers edit it. */
    unitId: Id,
    title: Localized(200),
    definition: DashboardDefinition,
    shares: Type.Array(DashboardShare, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type DashboardBody = Static<typeof DashboardBody>;

export const DashboardSummary = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  title: Type.Object({ vi: Type.String(), en: Type.String() }),
  preset: Type.Union([Type.String(), Type.Null()]),
  /** Whether you may edit and delete it. */
  editable: Type.Boolean(),
  updatedAt: Type.String(),
});
export type DashboardSummary = Static<typeof DashboardSummary>;

export const DashboardItem = Type.Object({
  ...DashboardSummary.properties,
  definition: DashboardDefinition,
  shares: Type.Array(DashboardShare),
  version: Type.Integer(),
});
export type DashboardItem = Static<typeof DashboardItem>;

export const DashboardList = Type.Object({ items: Type.Array(DashboardSummary) });

export const DashboardUpdateBody = Type.Object(
  { ...DashboardBody.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type DashboardUpdateBody = Static<typeof DashboardUpdateBody>;
