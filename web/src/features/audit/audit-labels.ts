import type { TFunction } from 'i18next';
import type { AuditRowView } from '../../api/types';

const actionKeys = {
  'auth.login': 'audit.actions.authLogin',
  'auth.logout': 'audit.actions.authLogout',
  'auth.second_factor': 'audit.actions.authSecondFactor',
  'auth.login_failed': 'audit.actions.authLoginFailed',
  'auth.locked': 'audit.actions.authLocked',
  'settings.update': 'audit.actions.settingsUpdate',
  'token.create': 'audit.actions.tokenCreate',
  'token.revoke': 'audit.actions.tokenRevoke',
  'unit.create': 'audit.actions.unitCreate',
  'unit.update': 'audit.actions.unitUpdate',
  'user.create': 'audit.actions.userCreate',
  'user.update': 'audit.actions.userUpdate',
  'user.disable': 'audit.actions.userDisable',
  'user.enable': 'audit.actions.userEnable',
  'user.password_change': 'audit.actions.userPasswordChange',
  'user.password_reset': 'audit.actions.userPasswordReset',
  'user.totp_enable': 'audit.actions.userTotpEnable',
  'user.totp_disable': 'audit.actions.userTotpDisable',
} as const;

const objectTypeKeys = {
  unit: 'audit.objectTypes.unit',
  user: 'audit.objectTypes.user',
  api_token: 'audit.objectTypes.apiToken',
  settings: 'audit.objectTypes.settings',
} as const;

export const auditObjectTypes = Object.keys(objectTypeKeys) as (keyof typeof objectTypeKeys)[];

export function actionLabel(t: TFunction, action: string): string {
  const key = actionKeys[action as keyof typeof actionKeys];
  return key ? t(key) : action;
}

export function objectTypeLabel(t: TFunction, objectType: string): string {
  const key = objectTypeKeys[objectType as keyof typeof objectTypeKeys];
  return key ? t(key) : objectType;
}

/** A colour for the kind of action: failures red, removals orange, creations green. */
export function actionColor(action: string): string {
  if (/failed|locked/.test(action)) return 'red';
  if (/disable|revoke/.test(action)) return 'orange';
  if (/create|enable/.test(action)) return 'green';
  if (action.startsWith('auth.')) return 'default';
  return 'blue';
}

/** A readable name of the row's object, from its recorded state when there is one. */
export function objectName(row: AuditRowView): string | null {
  for (const state of [row.after, row.before]) {
    if (state && typeof state === 'object') {
      const record = state as Record<string, unknown>;
      for (const key of ['username', 'name', 'code']) if (typeof record[key] === 'string') return record[key] as string;
    }
  }
  return null;
}
