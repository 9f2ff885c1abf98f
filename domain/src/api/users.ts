import { type Static, Type } from '@sinclair/typebox';
import { Id, PageQuery, Text } from './common';
import { RoleSchema } from './settings';

export const Username = Type.String({ pattern: '^[a-z0-9][a-z0-9._@-]{2,63}$', minLength: 3, maxLength: 64 });

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  captureRootId: Type.Integer(),
  viewRootId: Type.Integer(),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export type UserView = Static<typeof UserView>;

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Text(100)),
    unitId: Type.Optional(Id),
    role: Type.Optional(RoleSchema),
    includeDisabled: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Email = Type.String({ format: 'email', maxLength: 254 });
const Phone = Type.String({ pattern: '^[0-9 +().-]{6,30}$', maxLength: 30 });

export const UserCreate = Type.Object(
  {
    username: Username,
    displayName: Text(200, 1),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    unitId: Id,
    captureRootId: Type.Optional(Id),
    viewRootId: Type.Optional(Id),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true }),
    password: Type.Optional(Text(256, 1)),
    kind: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('service')])),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const UserCreated = Type.Object({ user: UserView, temporaryPassword: Type.Union([Type.String(), Type.Null()]) });

export const UserUpdate = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Text(200, 1)),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    unitId: Type.Optional(Id),
    captureRootId: Type.Optional(Id),
    viewRootId: Type.Optional(Id),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type UserUpdate = Static<typeof UserUpdate>;

export const PasswordReset = Type.Object({ temporaryPassword: Type.String() });

export const ImportRowError = Type.Object({
  row: Type.Integer(),
  field: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});

export const ImportResult = Type.Object({
  created: Type.Integer(),
  users: Type.Array(Type.Object({ username: Type.String(), temporaryPassword: Type.String() })),
});
