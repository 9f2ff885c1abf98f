import { Type } from '@sinclair/typebox';
import { permissions } from '../auth/roles';
import { Id, Text } from './common';

const PermissionSchema = Type.Union(permissions.map((p) => Type.Literal(p)));

export const TokenCreate = Type.Object(
  {
    userId: Id,
    name: Text(100, 1),
    unitIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
    permissions: Type.Array(PermissionSchema, { minItems: 1, maxItems: 20, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 730 }),
  },
  { additionalProperties: false },
);

export const TokenView = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  username: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  unitIds: Type.Array(Type.Integer()),
  permissions: Type.Array(Type.String()),
  expiresAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedIp: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const TokenCreated = Type.Object({ token: Type.String(), view: TokenView });
