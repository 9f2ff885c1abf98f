import { type LocalizedMessage, localize } from '../errors/error-messages';

/** The roles a user can hold; what each may do is {@link rolePermissions}. */
export const roles = ['system_admin', 'unit_admin', 'approver', 'entry_officer', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'units.read',
  'units.manage',
  'users.read',
  'users.manage',
  'tokens.manage',
  'audit.read',
  'settings.manage',
  'regimes.read',
  'regimes.manage',
  'data.read',
  'data.enter',
  'data.submit',
  'data.review',
  'periods.lock',
  'dashboards.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  system_admin: permissions,
  unit_admin: [
    'units.read',
    'users.read',
    'users.manage',
    'audit.read',
    'regimes.read',
    'data.read',
    'dashboards.manage',
  ],
  approver: [
    'units.read',
    'users.read',
    'audit.read',
    'regimes.read',
    'data.read',
    'data.submit',
    'data.review',
    'dashboards.manage',
  ],
  entry_officer: ['units.read', 'regimes.read', 'data.read', 'data.enter', 'data.submit'],
  viewer: ['units.read', 'regimes.read', 'data.read'],
};

export const roleLabels: Record<Role, { vi: string; en: string }> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  unit_admin: { vi: 'Quản trị đơn vị', en: 'Unit administrator' },
  approver: { vi: 'Lãnh đạo đơn vị (phê duyệt)', en: 'Approver (unit leader)' },
  entry_officer: { vi: 'Cán bộ nhập liệu', en: 'Entry officer' },
  viewer: { vi: 'Người xem', en: 'Viewer' },
};

/** Every permission granted by any of `held`. */
export function permissionsOf(held: readonly Role[]): Set<Permission> {
  return new Set(held.flatMap((role) => rolePermissions[role]));
}

/** A unit administrator may grant only roles it holds itself; a system administrator any. */
export function canGrantRoles(granterRoles: readonly Role[], requested: readonly Role[]): boolean {
  if (granterRoles.includes('system_admin')) return true;
  if (!granterRoles.includes('unit_admin')) return false;
  return requested.every((role) => role !== 'system_admin' && granterRoles.includes(role));
}

/** Password policy, stored in settings and editable by system administrators. */
export interface PasswordPolicy {
  minLength: number;
  requireMixed: boolean;
  rotationDays: number | null;
  checkCommon: boolean;
}

export const defaultPasswordPolicy: PasswordPolicy = {
  minLength: 12,
  requireMixed: false,
  rotationDays: null,
  checkCommon: true,
};

/** Problems of a candidate password against the policy (the common-password check is the server's). */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy,
  context: { username?: string } = {},
): LocalizedMessage[] {
  const problems: LocalizedMessage[] = [];
  if ([...password].length < policy.minLength)
    problems.push(localize('PASSWORD_TOO_SHORT', { minLength: policy.minLength }));
  if (policy.requireMixed && !(/[a-zà-ỹ]/.test(password) && /[A-ZÀ-Ỹ]/.test(password) && /[0-9]/.test(password)))
    problems.push(localize('PASSWORD_NOT_MIXED'));
  if (context.username && password.toLowerCase().includes(context.username.toLowerCase()))
    problems.push(localize('PASSWORD_CONTAINS_USERNAME'));
  return problems;
}
