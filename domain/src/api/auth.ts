import { Type } from '@sinclair/typebox';
import { permissions } from '../auth/roles';
import { Text } from './common';
import { RoleSchema } from './settings';

export const LoginBody = Type.Object(
  { username: Text(64, 1), password: Text(256, 1) },
  { additionalProperties: false },
);

export const LoginResult = Type.Object({
  status: Type.Union([Type.Literal('signed_in'), Type.Literal('second_factor_required')]),
  csrfToken: Type.String(),
});

export const SecondFactorBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', maxLength: 6 }) },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  captureRoot: Type.Object({ id: Type.Integer(), name: Type.String() }),
  viewRoot: Type.Object({ id: Type.Integer(), name: Type.String() }),
  roles: Type.Array(RoleSchema),
  permissions: Type.Array(Type.Union(permissions.map((p) => Type.Literal(p)))),
  totpEnabled: Type.Boolean(),
  pending: Type.Union([
    Type.Literal('second_factor'),
    Type.Literal('totp_enrolment'),
    Type.Literal('password_change'),
    Type.Null(),
  ]),
  csrfToken: Type.String(),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
});

export const ChangePasswordBody = Type.Object(
  { currentPassword: Text(256, 1), newPassword: Text(256, 1) },
  { additionalProperties: false },
);

export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUri: Type.String() });
export const TotpCodeBody = SecondFactorBody;
export const TotpDisableBody = Type.Object(
  { password: Text(256, 1), code: Type.String({ pattern: '^[0-9]{6}$', maxLength: 6 }) },
  { additionalProperties: false },
);
