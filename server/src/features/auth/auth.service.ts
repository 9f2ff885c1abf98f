import { randomBytes } from 'node:crypto';
import { DomainError, permissionsOf, type Role } from '@baocao/domain';
import { authenticator } from 'otplib';
import type { Db } from '../../db/database';
import { sha256 } from '../../http/auth';
import type { Actor, RequestContext } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { readSecuritySettings } from '../settings/settings.service';
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
  const row = await db
    .selectFrom('loginThrottle')
    .select('lockedUntil')
    .where('key', '=', `ip:${ip}`)
    .executeTakeFirst();
  return !!row?.lockedUntil && new Date(row.lockedUntil) > new Date();
}

async function recordAddressFailure(db: Db, ip: string): Promise<void> {
  await db
    .insertInto('loginThrottle')
    .values({ key: `ip:${ip}`, failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('loginThrottle.windowStartedAt', '<', new Date(Date.now() - ADDRESS_WINDOW_MINUTES * 60_000))
          .then(1)
          .else(eb('loginThrottle.failures', '+', 1))
          .end(),
        windowStartedAt: eb
          .case()
          .when('loginThrottle.windowStartedAt', '<', new Date(Date.now() - ADDRESS_WINDOW_MINUTES * 60_000))
          .then(new Date())
          .else(eb.ref('loginThrottle.windowStartedAt'))
          .end(),
      })),
    )
    .execute();
  await db
    .updateTable('loginThrottle')
    .set({ lockedUntil: new Date(Date.now() + ADDRESS_WINDOW_MINUTES * 60_000), failures: 0 })
    .where('key', '=', `ip:${ip}`)
    .where('failures', '>=', ADDRESS_MAX_FAILURES)
    .execute();
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
 */
export async function login(db: Db, username: string, password: string, client: ClientInfo): Promise<NewSession> {
  const settings = await readSecuritySettings(db);
  if (await addressLocked(db, client.ip)) throw new DomainError('TOO_MANY_ATTEMPTS');
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'passwordHash', 'disabledAt', 'lockedUntil', 'failedLogins', 'totpEnabled', 'kind'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  if (user?.lockedUntil && new Date(user.lockedUntil) > new Date()) throw new DomainError('ACCOUNT_LOCKED');
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || user.kind !== 'person') {
    await recordAddressFailure(db, client.ip);
    if (user) {
      const failures = user.failedLogins + 1;
      const lock = failures >= settings.maxFailedLogins;
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({
            failedLogins: lock ? 0 : failures,
            lockedUntil: lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : null,
          })
          .where('id', '=', user.id)
          .execute();
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
    await tx
      .insertInto('sessions')
      .values({
        tokenHash: sha256(token),
        userId: user.id,
        csrfToken,
        secondFactorPending: user.totpEnabled,
        ip: client.ip,
        userAgent: client.userAgent,
        expiresAt,
      })
      .execute();
    await tx
      .updateTable('users')
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: user.totpEnabled ? undefined : new Date() })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(tx, systemContext({ userId: user.id, username: user.username }, client), [
      { action: 'auth.login', objectType: 'user', objectId: user.id, unitId: null, after: { via: 'password' } },
    ]);
  });
  return { token, csrfToken, expiresAt, secondFactorPending: user.totpEnabled };
}

/** Completes a pending sign-in with a TOTP code; wrong codes count as failed sign-ins. */
export async function completeSecondFactor(db: Db, context: RequestContext, code: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['totpSecret', 'failedLogins'])
    .where('id', '=', context.actor.userId)
    .executeTakeFirstOrThrow();
  const settings = await readSecuritySettings(db);
  if (!user.totpSecret || !totp.check(code, user.totpSecret)) {
    const failures = user.failedLogins + 1;
    const lock = failures >= settings.maxFailedLogins;
    await db
      .updateTable('users')
      .set({
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : null,
      })
      .where('id', '=', context.actor.userId)
      .execute();
    if (lock) await revokeSession(db, context);
    throw new DomainError('TOTP_INVALID', { field: 'code' });
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('sessions')
      .set({ secondFactorPending: false })
      .where('tokenHash', '=', context.actor.sessionHash ?? '')
      .execute();
    await tx
      .updateTable('users')
      .set({ failedLogins: 0, lastLoginAt: new Date() })
      .where('id', '=', context.actor.userId)
      .execute();
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

export async function revokeSession(db: Db, context: RequestContext): Promise<void> {
  if (!context.actor.sessionHash) return;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('sessions')
      .set({ revokedAt: new Date() })
      .where('tokenHash', '=', context.actor.sessionHash!)
      .execute();
    await recordAudit(tx, context, [
      { action: 'auth.logout', objectType: 'user', objectId: context.actor.userId, unitId: context.actor.unitId },
    ]);
  });
}

export async function me(db: Db, request: { actor: Actor; pending: string | null }, csrfToken: string) {
  const { actor } = request;
  const row = await db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .innerJoin('units as c', 'c.id', 'u.captureRootId')
    .innerJoin('units as v', 'v.id', 'u.viewRootId')
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.email',
      'u.totpEnabled',
      'un.id as unitId',
      'un.code as unitCode',
      'un.name as unitName',
      'c.id as captureId',
      'c.name as captureName',
      'v.id as viewId',
      'v.name as viewName',
    ])
    .where('u.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
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
  const row = await db
    .selectFrom('sessions')
    .select('csrfToken')
    .where('tokenHash', '=', actor.sessionHash)
    .executeTakeFirst();
  return row?.csrfToken ?? '';
}

/** Changes the caller's own password; other sessions of the account are revoked. */
export async function changePassword(db: Db, context: RequestContext, current: string, next: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['passwordHash', 'username'])
    .where('id', '=', context.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, current)))
    throw new DomainError('INVALID_CREDENTIALS', { field: 'currentPassword' });
  try {
    await assertPasswordAcceptable(db, next, user.username);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'WEAK_PASSWORD') throw error.withField('newPassword');
    throw error;
  }
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() })
      .where('id', '=', context.actor.userId)
      .execute();
    await tx
      .updateTable('sessions')
      .set({ revokedAt: new Date() })
      .where('userId', '=', context.actor.userId)
      .where('tokenHash', '!=', context.actor.sessionHash ?? '')
      .where('revokedAt', 'is', null)
      .execute();
    await recordAudit(tx, context, [
      {
        action: 'user.password_change',
        objectType: 'user',
        objectId: context.actor.userId,
        unitId: context.actor.unitId,
      },
    ]);
  });
}

/** Starts two-factor enrolment: a new secret, stored but not active until a code proves the app has it. */
export async function setupTotp(db: Db, context: RequestContext) {
  const secret = totp.generateSecret();
  await db
    .updateTable('users')
    .set({ totpSecret: secret, totpEnabled: false })
    .where('id', '=', context.actor.userId)
    .where('totpEnabled', '=', false)
    .execute();
  const user = await db
    .selectFrom('users')
    .select(['totpSecret', 'totpEnabled'])
    .where('id', '=', context.actor.userId)
    .executeTakeFirstOrThrow();
  if (user.totpEnabled) throw new DomainError('INVALID_STATE');
  return { secret, otpauthUri: totp.keyuri(context.actor.username, 'Baocao', secret) };
}

export async function enableTotp(db: Db, context: RequestContext, code: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['totpSecret', 'totpEnabled'])
    .where('id', '=', context.actor.userId)
    .executeTakeFirstOrThrow();
  if (user.totpEnabled || !user.totpSecret) throw new DomainError('INVALID_STATE');
  if (!totp.check(code, user.totpSecret)) throw new DomainError('TOTP_INVALID', { field: 'code' });
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ totpEnabled: true }).where('id', '=', context.actor.userId).execute();
    await recordAudit(tx, context, [
      { action: 'user.totp_enable', objectType: 'user', objectId: context.actor.userId, unitId: context.actor.unitId },
    ]);
  });
}

export async function disableTotp(db: Db, context: RequestContext, password: string, code: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['totpSecret', 'totpEnabled', 'passwordHash'])
    .where('id', '=', context.actor.userId)
    .executeTakeFirstOrThrow();
  if (!user.totpEnabled || !user.totpSecret) throw new DomainError('INVALID_STATE');
  if (!(await verifyPassword(user.passwordHash, password)))
    throw new DomainError('INVALID_CREDENTIALS', { field: 'password' });
  if (!totp.check(code, user.totpSecret)) throw new DomainError('TOTP_INVALID', { field: 'code' });
  const settings = await readSecuritySettings(db);
  if (context.actor.roles.some((r: Role) => settings.mandatoryTotpRoles.includes(r)))
    throw new DomainError('FORBIDDEN');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ totpEnabled: false, totpSecret: null })
      .where('id', '=', context.actor.userId)
      .execute();
    await recordAudit(tx, context, [
      { action: 'user.totp_disable', objectType: 'user', objectId: context.actor.userId, unitId: context.actor.unitId },
    ]);
  });
}
