import { Type } from '@sinclair/typebox';
import { Id, JsonValue, Text } from './common';

export const AuditQuerySchema = Type.Object(
  {
    objectType: Type.Optional(Text(40, 1)),
    objectId: Type.Optional(Text(100, 1)),
    unitId: Type.Optional(Id),
    beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const AuditRow = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorUserId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.String(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  before: JsonValue,
  after: JsonValue,
  hash: Type.String(),
});
