/**
 * A report regime (chế độ báo cáo) as Decree 09/2019 defines it: ten components
 * plus what Baocao needs to run it (hierarchy, levels that enter and
 * consolidate, schedules per level, data window kind).
 */
import { type Static, Type } from '@sinclair/typebox';
import { LocalizedText } from './form-definition';

const Text = (max: number) => Type.String({ maxLength: max });

export const ScheduleOffsetSchema = Type.Object(
  {
    anchor: Type.Union([Type.Literal('period_end'), Type.Literal('window_end'), Type.Literal('period_start')]),
    days: Type.Integer({ minimum: -366, maximum: 366 }),
    workingDays: Type.Optional(Type.Boolean()),
    time: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5 }),
  },
  { additionalProperties: false },
);

/**
 * The warning ladder of a level: a reminder before the due instant to units that have not
 * submitted, a late warning at the due instant (to the unit, and a summary to its consolidating
 * unit), and an escalation to the level above after the window closes. Absent: the defaults of
 * `domain/src/notices/ladder.ts`. `null` turns a step off.
 */
export const NoticeLadder = Type.Object(
  {
    reminderMinutesBeforeDue: Type.Union([Type.Integer({ minimum: 1, maximum: 10_080 }), Type.Null()]),
    lateWarning: Type.Boolean(),
    escalationMinutesAfterClose: Type.Union([Type.Integer({ minimum: 0, maximum: 10_080 }), Type.Null()]),
    /** `inbox`, `email`: checked by `validateLadder`, so an unknown one is named in the error. */
    channels: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 }),
  },
  { additionalProperties: false },
);
export type NoticeLadder = Static<typeof NoticeLadder>;

export const LevelSchedule = Type.Object(
  {
    /** Unit kinds this schedule applies to. */
    unitKinds: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 20 }),
    role: Type.Union([Type.Literal('entry'), Type.Literal('consolidation')]),
    opens: ScheduleOffsetSchema,
    due: ScheduleOffsetSchema,
    closes: ScheduleOffsetSchema,
    ladder: Type.Optional(NoticeLadder),
  },
  { additionalProperties: false },
);
export type LevelSchedule = Static<typeof LevelSchedule>;

export const RegimeDefinition = Type.Object(
  {
    // Decree 09's ten components.
    name: LocalizedText,
    content: Text(5000),
    reportingUnits: Text(2000),
    receivingAgency: Text(500),
    sendingMethod: Text(1000),
    deadline: Text(1000),
    frequency: Type.Union(
      ['day', 'week', 'month', 'quarter', 'half_year', 'nine_months', 'year'].map((f) => Type.Literal(f)),
    ),
    dataWindow: Type.Union([Type.Literal('calendar'), Type.Literal('decree09')]),
    outlineTemplate: Text(20000),
    procedure: Text(5000),
    // What Baocao needs to run it.
    legalBasis: Text(1000),
    ownerUnitCode: Type.String({ maxLength: 40 }),
    hierarchy: Type.String({ maxLength: 40 }),
    consolidatingUnitKinds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
    consolidationCounts: Type.Union([Type.Literal('submitted'), Type.Literal('accepted')]),
    recipientUnitCodes: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
    schedules: Type.Array(LevelSchedule, { maxItems: 10 }),
    allowLateSubmission: Type.Boolean(),
    validFrom: Type.String({ format: 'date', maxLength: 10 }),
    validTo: Type.Union([Type.String({ format: 'date', maxLength: 10 }), Type.Null()]),
    isDemo: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RegimeDefinition = Static<typeof RegimeDefinition>;
