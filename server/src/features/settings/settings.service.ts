import { defaultPasswordPolicy, type PasswordPolicy, type Role } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { canonicalJson } from '../audit/audit-chain';
import { findSetting, upsertSetting } from './settings.queries';

export interface SecuritySettings {
  passwordPolicy: PasswordPolicy;
  mandatoryTotpRoles: Role[];
  sessionHours: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
}

export const defaultSecuritySettings: SecuritySettings = {
  passwordPolicy: defaultPasswordPolicy,
  mandatoryTotpRoles: [],
  sessionHours: 12,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
};

const KEY = 'security';
// Read on every request; a short cache per database handle keeps that cheap while
// an administrator's change still applies within a few seconds on every process
// (at once on its own: the change drops every handle's cache).
let cache = new WeakMap<object, { at: number; value: SecuritySettings }>();
const CACHE_MS = 2_000;

export async function readSecuritySettings(db: Db | Tx): Promise<SecuritySettings> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const stored = ((await findSetting(db, KEY)) ?? {}) as Partial<SecuritySettings>;
  const value: SecuritySettings = {
    ...defaultSecuritySettings,
    ...stored,
    passwordPolicy: { ...defaultPasswordPolicy, ...stored.passwordPolicy },
  };
  cache.set(db, { at: Date.now(), value });
  return value;
}

export async function readSecurityPolicy(db: Db) {
  const settings = await readSecuritySettings(db);
  return { mandatoryTotpRoles: settings.mandatoryTotpRoles, rotationDays: settings.passwordPolicy.rotationDays };
}

export async function updateSecuritySettings(
  tx: Tx,
  context: RequestContext,
  patch: Partial<SecuritySettings>,
): Promise<SecuritySettings> {
  const before = await readSecuritySettings(tx);
  const after: SecuritySettings = {
    ...before,
    ...patch,
    passwordPolicy: { ...before.passwordPolicy, ...patch.passwordPolicy },
  };
  // An empty or unchanged update writes nothing and records nothing.
  if (canonicalJson(after) === canonicalJson(before)) return before;
  await upsertSetting(tx, KEY, after);
  await recordAudit(tx, context, [
    { action: 'settings.update', objectType: 'settings', objectId: KEY, unitId: null, before, after },
  ]);
  cache = new WeakMap();
  return after;
}
