import { Type } from '@sinclair/typebox';
import { Id, PageQuery, Text } from './common';

/** An http(s) address, bounded. */
const Url = Type.String({ minLength: 10, maxLength: 2000, pattern: '^[hH][tT][tT][pP][sS]?://' });
const Path = Text(200, 1);

export const FeedMappingSchema = Type.Object(
  {
    records: Type.Optional(Path),
    unit: Path,
    period: Path,
    periodFormat: Type.Union([Type.Literal('id'), Type.Literal('date')]),
    values: Type.Optional(
      Type.Array(Type.Object({ cell: Text(100, 1), path: Path }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 200,
      }),
    ),
    cell: Type.Optional(Path),
    value: Type.Optional(Path),
  },
  { additionalProperties: false },
);

const connectorFields = {
  name: Text(200, 1),
  url: Url,
  format: Type.Union([Type.Literal('json'), Type.Literal('csv')]),
  formId: Id,
  unitId: Id,
  mapping: FeedMappingSchema,
  atomic: Type.Optional(Type.Boolean()),
  intervalMinutes: Type.Integer({ minimum: 1, maximum: 10080 }),
  active: Type.Optional(Type.Boolean()),
};

export const ConnectorCreate = Type.Object(
  { code: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$', maxLength: 40 }), ...connectorFields },
  { additionalProperties: false },
);
export const ConnectorUpdate = Type.Object(connectorFields, { additionalProperties: false });

export const connectorRunStatuses = ['running', 'retrying', 'succeeded', 'rejected', 'failed'] as const;
const RunStatus = Type.Union(connectorRunStatuses.map((s) => Type.Literal(s)));

export const ConnectorRun = Type.Object({
  id: Type.Integer(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual')]),
  status: RunStatus,
  attempts: Type.Integer(),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  conflicts: Type.Array(
    Type.Object({ rows: Type.Array(Type.Integer()), object: Type.String(), message: Type.String() }),
  ),
});
export type ConnectorRun = typeof ConnectorRun.static;

export const ConnectorView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  url: Type.String(),
  format: Type.Union([Type.Literal('json'), Type.Literal('csv')]),
  formId: Type.Integer(),
  formCode: Type.String(),
  regimeCode: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  mapping: FeedMappingSchema,
  atomic: Type.Boolean(),
  intervalMinutes: Type.Integer(),
  active: Type.Boolean(),
  consecutiveFailures: Type.Integer(),
  nextRunAt: Type.String(),
  createdAt: Type.String(),
  lastRun: Type.Union([ConnectorRun, Type.Null()]),
});
export type ConnectorView = typeof ConnectorView.static;

export const ConnectorRunsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export const ConnectorRunPage = Type.Object({
  items: Type.Array(ConnectorRun),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
