/**
 * Directives and task tracking (chỉ đạo, theo dõi nhiệm vụ): the API's schemas. A directive
 * (resolution, decision, official letter, meeting conclusion) of an issuing unit assigns tasks,
 * each to a lead unit with supporting units, a deadline or none ("regular"), and an expected
 * result; the lead and supporting units report progress.
 */
import { type Static, Type } from '@sinclair/typebox';
import { directiveKinds, taskStatuses } from '../tasks/tasks';
import { Id, IsoDate, PageQuery, Text } from './common';

export const DirectiveKindSchema = Type.Union(directiveKinds.map((k) => Type.Literal(k)));
export const TaskStatusSchema = Type.Union(taskStatuses.map((s) => Type.Literal(s)));

const UnitRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const TaskInput = Type.Object(
  {
    title: Text(1000, 3),
    /** A calendar day, or null for a regular task (thường xuyên). */
    deadline: Type.Union([IsoDate, Type.Null()]),
    leadUnitId: Id,
    supportingUnitIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
    expectedResult: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type TaskInput = Static<typeof TaskInput>;

export const DirectiveInput = Type.Object(
  {
    kind: DirectiveKindSchema,
    /** Số, ký hiệu: e.g. 68/NQ-CP. */
    number: Text(60, 1),
    issuedOn: IsoDate,
    issuerUnitId: Id,
    summary: Text(2000, 3),
    tasks: Type.Optional(Type.Array(TaskInput, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type DirectiveInput = Static<typeof DirectiveInput>;

export const DirectivesQuery = Type.Object(
  {
    /** Directives issued under this unit, or assigning tasks under it (default: your view). */
    unitId: Type.Optional(Id),
    kind: Type.Optional(DirectiveKindSchema),
    q: Type.Optional(Text(100)),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type DirectivesQuery = Static<typeof DirectivesQuery>;

export const TaskCountsSchema = Type.Object({
  assigned: Type.Integer(),
  done_on_time: Type.Integer(),
  done_late: Type.Integer(),
  overdue: Type.Integer(),
  in_progress: Type.Integer(),
  regular: Type.Integer(),
});

export const DirectiveItem = Type.Object({
  id: Type.Integer(),
  kind: DirectiveKindSchema,
  number: Type.String(),
  issuedOn: Type.String(),
  issuer: UnitRef,
  summary: Type.String(),
  demo: Type.Boolean(),
  counts: TaskCountsSchema,
});
export type DirectiveItem = Static<typeof DirectiveItem>;

export const TaskItem = Type.Object({
  id: Type.Integer(),
  directive: Type.Object({
    id: Type.Integer(),
    kind: DirectiveKindSchema,
    number: Type.String(),
    issuedOn: Type.String(),
  }),
  title: Type.String(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  lead: UnitRef,
  supporting: Type.Array(UnitRef),
  expectedResult: Type.String(),
  percent: Type.Integer(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  status: TaskStatusSchema,
  /** Whole days to the end of the deadline day (negative: past it); null for regular tasks. */
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
  demo: Type.Boolean(),
});
export type TaskItem = Static<typeof TaskItem>;

export const DirectiveDetail = Type.Object({
  directive: DirectiveItem,
  tasks: Type.Array(TaskItem),
  /** Whether the caller may add tasks (the issuer is in its capture scope and it holds data.review). */
  canEdit: Type.Boolean(),
});
export type DirectiveDetail = Static<typeof DirectiveDetail>;

export const TasksQuery = Type.Object(
  {
    /** Tasks led or supported by units under this unit (default: your view). */
    unitId: Type.Optional(Id),
    /** Only the tasks of the units you change (your own tasks, "nhiệm vụ của tôi"). */
    mine: Type.Optional(Type.Boolean()),
    status: Type.Optional(TaskStatusSchema),
    directiveId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type TasksQuery = Static<typeof TasksQuery>;

export const TaskAttachmentItem = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});

export const TaskProgressItem = Type.Object({
  id: Type.Integer(),
  unit: UnitRef,
  role: Type.Union([Type.Literal('lead'), Type.Literal('supporting')]),
  reportedBy: Type.String(),
  reportedAt: Type.String(),
  note: Type.String(),
  percent: Type.Union([Type.Integer(), Type.Null()]),
  done: Type.Boolean(),
  attachments: Type.Array(TaskAttachmentItem),
});

export const TaskDetail = Type.Object({
  task: TaskItem,
  progress: Type.Array(TaskProgressItem),
  /** The units the caller may report progress for (lead or supporting, in its capture scope). */
  reportableUnitIds: Type.Array(Type.Integer()),
});
export type TaskDetail = Static<typeof TaskDetail>;
export type TaskProgressItem = Static<typeof TaskProgressItem>;

export const TaskProgressInput = Type.Object(
  {
    /** The lead or a supporting unit of the task. */
    unitId: Id,
    note: Text(4000, 3),
    percent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    /** Reported by the lead unit: the task is done (at the server's time). */
    done: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type TaskProgressInput = Static<typeof TaskProgressInput>;

export const TaskStatsQuery = Type.Object(
  {
    unitId: Type.Optional(Id),
    directiveId: Type.Optional(Id),
    /** Issued on or after / before (the directive's date). */
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type TaskStatsQuery = Static<typeof TaskStatsQuery>;

const StatsRow = Type.Object({
  unit: UnitRef,
  counts: TaskCountsSchema,
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  rank: Type.Integer(),
});

export const TaskStats = Type.Object({
  asOf: Type.String(),
  totals: TaskCountsSchema,
  /** Per lead unit, best first. */
  byUnit: Type.Array(StatsRow),
  /** Per issuing unit, best first. */
  byIssuer: Type.Array(StatsRow),
});
export type TaskStats = Static<typeof TaskStats>;

export const TaskImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const TaskImportResult = Type.Object({
  dryRun: Type.Boolean(),
  /** The tasks read (all valid; any error fails the whole import with IMPORT_FAILED and its rows). */
  rows: Type.Integer(),
  created: Type.Integer(),
  tasks: Type.Array(
    Type.Object({
      row: Type.Integer(),
      title: Type.String(),
      deadline: Type.Union([Type.String(), Type.Null()]),
      leadUnitCode: Type.String(),
      supportingUnitCodes: Type.Array(Type.String()),
    }),
  ),
});
export type TaskImportResult = Static<typeof TaskImportResult>;
