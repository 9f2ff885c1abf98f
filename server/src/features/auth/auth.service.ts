import { randomBytes } from 'node:crypto';
import { DomainError, permissionsOf, type Role } from '@baocao/domain';
import { authenticator } from 'otplib';
import type { SignInConfig } from '../../config';
import type { Db, Tx } from '../../db/database';
import { sha256 } from '../../http/auth';
import type { Actor, RequestContext } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { readSecuritySettings } from '../settings/settings.service';
import {
  clearSecondFactorPending,
  disableTotpOf,
  enableTotpOf,
  findCredentials,
  findCsrfToken,
  findLoginThrottle,
  findOwnAccount,
  findUserByUsername,
  insertSession,
  recordThrottledFailure,
  revokeOtherSessions,
  revokeSessionByHash,
  setFailedLogins,
  setPassword,
  setPendingTotpSecret,
  setSecondFactorPassed,
  setSignedIn,
} from './auth.queries';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords';

const totp = authenticator.clone({ window: 1 });
const ADDRESS_MAX_FAILURES = 30;
const ADDRESS_WINDOW_MINUTES = 15;

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

function systemContext(actor: Pick<Actor, 'userId' | 'username'>, client: ClientInfo): RequestContext {
  return {
    actor: {
      userId: actor.userId,
      username: actor.username,
      displayName: actor.username,
      unitId: 0,
      roles: [],
      permissions: permissionsOf([]),
      captureRoots: [],
      viewRoots: [],
      isSystemAdmin: false,
      via: 'session',
      sessionHash: null,
      tokenId: null,
    },
    ...client,
  };
}

async function addressLocked(db: Db, ip: string): Promise<boolean> {
  const row = await findLoginThrottle(db, `ip:${ip}`);
  return !!row?.lockedUntil && new Date(row.lockedUntil) > new Date();
}

async function recordAddressFailure(db: Db, ip: string): Promise<void> {
  await recordThrottledFailure(db, `ip:${ip}`, {
    windowMinutes: ADDRESS_WINDOW_MINUTES,
    maxFailures: ADDRESS_MAX_FAILURES,
  });
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  secondFactorPending: boolean;
}

/**
 * Checks the password, with throttling per account (temporary lockout after
 * repeated failures) and per address, and opens a session. When the account has
 * two-factor on, the session stays pending until the code is given.
 *
 * Runs without the edge transaction (a documented exception, see
 * http/transaction.ts): a failure is counted and audited in writes of its own
 * that stay although the request then fails.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  client: ClientInfo,
  methods: Pick<SignInConfig, 'password'>,
): Promise<NewSession> {
  if (!methods.password) throw new DomainError('PASSWORD_SIGN_IN_DISABLED');
  const settings = await readSecuritySettings(db);
  if (await addressLocked(db, client.ip)) throw new DomainError('TOO_MANY_ATTEMPTS');
  const user = await findUserByUsername(db, username);
  if (user?.lockedUntil && new Date(user.lockedUntil) > new Date()) throw new DomainError('ACCOUNT_LOCKED');
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || user.kind !== 'person') {
    await recordAddressFailure(db, client.ip);
    if (user) {
      const failures = user.failedLogins + 1;
      const lock = failures >= settings.maxFailedLogins;
      await db.transaction().execute(async (tx) => {
        await setFailedLogins(tx, user.id, {
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : null,
        });
        await recordAudit(tx, systemContext({ userId: user.id, username: user.username }, client), [
          { action: lock ? 'auth.locked' : 'auth.login_failed', objectType: 'user', objectId: user.id, unitId: null },
        ]);
      });
    }
    throw new DomainError('INVALID_CREDENTIALS');
  }
  if (user.disabledAt) throw new DomainError('ACCOUNT_DISABLED');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + settings.sessionHours * 3_600_000);
  await db.transaction().execute(async (tx) => {
    await insertSession(tx, {
      tokenHash: sha256(token),
      userId: user.id,
      csrfToken,
      secondFactorPending: user.totpEnabled,
      ip: client.ip,
      userAgent: client.userAgent,
      expiresAt,
    });
    await setSignedIn(tx, user.id, user.totpEnabled ? undefined : new Date());
    await recordAudit(tx, systemContext({ userId: user.id, username: user.username }, client), [
      { action: 'auth.login', objectType: 'user', objectId: user.id, unitId: null, after: { via: 'password' } },
    ]);
  });
  return { token, csrfToken, expiresAt, secondFactorPending: user.totpEnabled };
}

/**
 * Completes a pending sign-in with a TOTP code; wrong codes count as failed sign-ins.
 * Like `login`, without the edge transaction: the failure is kept although the request fails.
 */
export async function completeSecondFactor(db: Db, context: RequestContext, code: string): Promise<void> {
  const user = await findCredentials(db, context.actor.userId);
  const settings = await readSecuritySettings(db);
  if (!user.totpSecret || !totp.check(code, user.totpSecret)) {
    const failures = user.failedLogins + 1;
    const lock = failures >= settings.maxFailedLogins;
    await db.transaction().execute(async (tx) => {
      await setFailedLogins(tx, context.actor.userId, {
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : null,
      });
      if (lock) await revokeSession(tx, context);
    });
    throw new DomainError('TOTP_INVALID', { field: 'code' });
  }
  await db.transaction().execute(async (tx) => {
    await clearSecondFactorPending(tx, context.actor.sessionHash ?? '');
    await setSecondFactorPassed(tx, context.actor.userId);
    await recordAudit(tx, context, [
      {
        action: 'auth.second_factor',
        objectType: 'user',
        objectId: context.actor.userId,
        unitId: context.actor.unitId,
      },
    ]);
  });
}

export async function revokeSession(tx: Tx, context: RequestContext): Promise<void> {
  if (!context.actor.sessionHash) return;
  await revokeSessionByHash(tx, context.actor.sessionHash);
  await recordAudit(tx, context, [
    { action: 'auth.logout', objectType: 'user', objectId: context.actor.userId, unitId: context.actor.unitId },
  ]);
}

export async function me(db: Db, request: { actor: Actor; pending: string | null }, csrfToken: string) {
  const { actor } = request;
  const row = await findOwnAccount(db, actor.userId);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
    captureRoot: { id: row.captureId, name: row.captureName },
    viewRoot: { id: row.viewId, name: row.viewName },
    roles: actor.roles,
    permissions: [...actor.permissions],
    totpEnabled: row.totpEnabled,
    pending: request.pending as 'second_factor' | 'totp_enrolment' | 'password_change' | null,
    csrfToken,
    via: actor.via,
  };
}

export async function csrfTokenOf(db: Db, actor: Actor): Promise<string> {
  if (!actor.sessionHash) return '';
  return (await findCsrfToken(db, actor.sessionHash)) ?? '';
}

/** Changes the caller's own password; other sessions of the account are revoked. */
export async function changePassword(tx: Tx, context: RequestContext, current: string, next: string): Promise<void> {
  const user = await findCredentials(tx, context.actor.userId);
  if (!(await verifyPassword(user.passwordHash, current)))
    throw new DomainError('INVALID_CREDENTIALS', { field: 'currentPassword' });
  try {
    await assertPasswordAcceptable(tx, next, user.username);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'WEAK_PASSWORD') throw error.withField('newPassword');
    throw error;
  }
  const passwordHash = await hashPassword(next);
  await setPassword(tx, context.actor.userId, passwordHash);
  await revokeOtherSessions(tx, context.actor.userId, context.actor.sessionHash ?? '');
  await recordAudit(tx, context, [
    {
      action: 'user.password_change',
      objectType: 'user',
      objectId: context.actor.userId,
      unitId: context.actor.unitId,
    },
  ]);
}

/** Starts two-factor enrolment: a new secret, stored but not active until a code proves the app has it. */
export async function setupTotp(tx: Tx, context: RequestContext) {
  const secret = totp.generateSecret();
  await setPendingTotpSecret(tx, context.actor.userId, secret);
  const user = await findCredentials(tx, context.actor.userId);
  if (user.totpEnabled) throw new DomainError('INVALID_STATE');
  return { secret, otpauthUri: totp.keyuri(context.actor.username, 'Baocao', secret) };
}

export async function enableTotp(tx: Tx, context: RequestContext, code: string): Promise<void> {
  const user = await findCredentials(tx, context.actor.userId);
  if (user.totpEnabled || !user.totpSecret) throw new DomainError('INVALID_STATE');
  if (!totp.check(code, user.totpSecret)) throw new DomainError('TOTP_INVALID', { field: 'code' });
  await enableTotpOf(tx, context.actor.userId);
  await recordAudit(tx, context, [
    { action: 'user.totp_enable', objectType: 'user', objectId: context.actor.userId, unitId: context.actor.unitId },
  ]);
}

export async function disableTotp(tx: Tx, context: RequestContext, password: string, code: string): Promise<void> {
  const user = await findCredentials(tx, context.actor.userId);
  if (!user.totpEnabled || !user.totpSecret) throw new DomainError('INVALID_STATE');
  if (!(await verifyPassword(user.passwordHash, password)))
    throw new DomainError('INVALID_CREDENTIALS', { field: 'password' });
  if (!totp.check(code, user.totpSecret)) throw new DomainError('TOTP_INVALID', { field: 'code' });
  const settings = await readSecuritySettings(tx);
  if (context.actor.roles.some((r: Role) => settings.mandatoryTotpRoles.includes(r)))
    throw new DomainError('FORBIDDEN');
  await disableTotpOf(tx, context.actor.userId);
  await recordAudit(tx, context, [
    { action: 'user.totp_disable', objectType: 'user', objectId: context.actor.userId, unitId: context.actor.unitId },
  ]);
}
