import { Type } from '@sinclair/typebox';
import { roles } from '../auth/roles';

const RoleSchema = Type.Union(roles.map((r) => Type.Literal(r)));

export { RoleSchema };

const PasswordPolicySchema = Type.Object(
  {
    minLength: Type.Integer({ minimum: 8, maximum: 128 }),
    requireMixed: Type.Boolean(),
    rotationDays: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()]),
    checkCommon: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const SecuritySettingsSchema = Type.Object(
  {
    passwordPolicy: PasswordPolicySchema,
    mandatoryTotpRoles: Type.Array(RoleSchema, { maxItems: 5, uniqueItems: true }),
    sessionHours: Type.Integer({ minimum: 1, maximum: 720 }),
    maxFailedLogins: Type.Integer({ minimum: 3, maximum: 50 }),
    lockoutMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  { additionalProperties: false },
);

export const SecuritySettingsPatch = Type.Partial(SecuritySettingsSchema, { additionalProperties: false });
