import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** The throttle of a sign-in address (`ip:<address>`), if it ever failed. */
export async function findLoginThrottle(db: Reader, key: string) {
  return db.selectFrom('loginThrottle').select('lockedUntil').where('key', '=', key).executeTakeFirst();
}

/**
 * Counts a failed sign-in from an address: the count restarts after `windowMinutes`, and reaching
 * `maxFailures` locks the address for a window.
 */
export async function recordThrottledFailure(
  db: Reader,
  key: string,
  limits: { windowMinutes: number; maxFailures: number },
): Promise<void> {
  await db
    .insertInto('loginThrottle')
    .values({ key, failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('loginThrottle.windowStartedAt', '<', new Date(Date.now() - limits.windowMinutes * 60_000))
          .then(1)
          .else(eb('loginThrottle.failures', '+', 1))
          .end(),
        windowStartedAt: eb
          .case()
          .when('loginThrottle.windowStartedAt', '<', new Date(Date.now() - limits.windowMinutes * 60_000))
          .then(new Date())
          .else(eb.ref('loginThrottle.windowStartedAt'))
          .end(),
      })),
    )
    .execute();
  await db
    .updateTable('loginThrottle')
    .set({ lockedUntil: new Date(Date.now() + limits.windowMinutes * 60_000), failures: 0 })
    .where('key', '=', key)
    .where('failures', '>=', limits.maxFailures)
    .execute();
}

/** The account signing in, found by its user name in any case. */
export async function findUserByUsername(db: Reader, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'passwordHash', 'disabledAt', 'lockedUntil', 'failedLogins', 'totpEnabled', 'kind'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/** What the signed-in caller's own account steps check: its password, second factor and failures. */
export async function findCredentials(db: Reader, userId: number) {
  return db
    .selectFrom('users')
    .select(['username', 'passwordHash', 'totpSecret', 'totpEnabled', 'failedLogins'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Stores an account's failed sign-ins, and the lockout they led to (null: none). */
export async function setFailedLogins(
  tx: Tx,
  userId: number,
  failures: { failedLogins: number; lockedUntil: Date | null },
): Promise<void> {
  await tx
    .updateTable('users')
    .set({ failedLogins: failures.failedLogins, lockedUntil: failures.lockedUntil })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  tx: Tx,
  session: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    secondFactorPending: boolean;
    ip: string;
    userAgent: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.insertInto('sessions').values(session).execute();
}

/** Clears the account's failures and lockout; `lastLoginAt` when the sign-in is complete (undefined: unchanged). */
export async function setSignedIn(tx: Tx, userId: number, lastLoginAt: Date | undefined): Promise<void> {
  await tx
    .updateTable('users')
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt })
    .where('id', '=', userId)
    .execute();
}

/** The second factor completed the sign-in: failures cleared, the sign-in time kept. */
export async function setSecondFactorPassed(tx: Tx, userId: number): Promise<void> {
  await tx.updateTable('users').set({ failedLogins: 0, lastLoginAt: new Date() }).where('id', '=', userId).execute();
}

export async function clearSecondFactorPending(tx: Tx, tokenHash: string): Promise<void> {
  await tx.updateTable('sessions').set({ secondFactorPending: false }).where('tokenHash', '=', tokenHash).execute();
}

export async function revokeSessionByHash(tx: Tx, tokenHash: string): Promise<void> {
  await tx.updateTable('sessions').set({ revokedAt: new Date() }).where('tokenHash', '=', tokenHash).execute();
}

/** Revokes the account's open sessions, except the one whose hash is `keepHash`. */
export async function revokeOtherSessions(tx: Tx, userId: number, keepHash: string): Promise<void> {
  await tx
    .updateTable('sessions')
    .set({ revokedAt: new Date() })
    .where('userId', '=', userId)
    .where('tokenHash', '!=', keepHash)
    .where('revokedAt', 'is', null)
    .execute();
}

/** The caller's account with its unit and the roots of its scopes, for "me". */
export async function findOwnAccount(db: Reader, userId: number) {
  return db
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
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function findCsrfToken(db: Reader, sessionHash: string) {
  const row = await db
    .selectFrom('sessions')
    .select('csrfToken')
    .where('tokenHash', '=', sessionHash)
    .executeTakeFirst();
  return row?.csrfToken ?? null;
}

export async function setPassword(tx: Tx, userId: number, passwordHash: string): Promise<void> {
  await tx
    .updateTable('users')
    .set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() })
    .where('id', '=', userId)
    .execute();
}

/** Stores a new, not yet active second-factor secret, unless two-factor is already on. */
export async function setPendingTotpSecret(tx: Tx, userId: number, secret: string): Promise<void> {
  await tx
    .updateTable('users')
    .set({ totpSecret: secret, totpEnabled: false })
    .where('id', '=', userId)
    .where('totpEnabled', '=', false)
    .execute();
}

export async function enableTotpOf(tx: Tx, userId: number): Promise<void> {
  await tx.updateTable('users').set({ totpEnabled: true }).where('id', '=', userId).execute();
}

export async function disableTotpOf(tx: Tx, userId: number): Promise<void> {
  await tx.updateTable('users').set({ totpEnabled: false, totpSecret: null }).where('id', '=', userId).execute();
}

/** Whether the password is on the list of common passwords (compared in lower case). */
export async function isCommonPassword(db: Reader, password: string): Promise<boolean> {
  const common = await db
    .selectFrom('commonPasswords')
    .select('password')
    .where('password', '=', password.toLowerCase())
    .executeTakeFirst();
  return common !== undefined;
}

/** Deletes sessions that expired or were revoked before `before` (retention); returns how many. */
export async function deleteEndedSessions(tx: Tx, before: Date): Promise<number> {
  const result = await tx
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<', before), eb('revokedAt', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
