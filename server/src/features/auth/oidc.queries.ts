import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** What a sign-in decides on about an account. */
const ACCOUNT_COLUMNS = ['id', 'username', 'kind', 'disabledAt', 'totpEnabled', 'unitId'] as const;

export async function insertSignInRequest(
  tx: Tx,
  request: { browserHash: string; state: string; nonce: string; codeVerifier: string; expiresAt: Date },
): Promise<void> {
  await tx.insertInto('oidcSignInRequests').values(request).execute();
}

/** Sign-ins started and never completed: a request lives minutes. */
export async function deleteExpiredSignInRequests(tx: Tx): Promise<void> {
  await tx.deleteFrom('oidcSignInRequests').where('expiresAt', '<=', new Date()).execute();
}

/** Takes (and so uses up) the browser's started sign-in, if it has one that has not expired. */
export async function takeSignInRequest(db: Reader, browserHash: string) {
  return db
    .deleteFrom('oidcSignInRequests')
    .where('browserHash', '=', browserHash)
    .where('expiresAt', '>', new Date())
    .returning(['state', 'nonce', 'codeVerifier'])
    .executeTakeFirst();
}

/** The account linked to a provider's subject. */
export async function findLinkedAccount(tx: Tx, provider: string, subject: string) {
  return tx
    .selectFrom('userIdentities as i')
    .innerJoin('users as u', 'u.id', 'i.userId')
    .select(ACCOUNT_COLUMNS.map((c) => `u.${c}` as const))
    .where('i.provider', '=', provider)
    .where('i.subject', '=', subject)
    .executeTakeFirst();
}

/** People's accounts whose user name (or, `by: 'email'`, e-mail address) is `value`, in any case. */
export async function findAccountsByClaim(tx: Tx, by: 'username' | 'email', value: string) {
  return tx
    .selectFrom('users')
    .select(ACCOUNT_COLUMNS)
    .where((eb) => eb(eb.fn('lower', [by]), '=', value.toLowerCase()))
    .where('kind', '=', 'person')
    .orderBy('id')
    .limit(2)
    .execute();
}

/** The first administrator that first start creates (features/setup/bootstrap.ts). */
export async function findFirstAdministrator(tx: Tx) {
  return tx.selectFrom('users').select(ACCOUNT_COLUMNS).where('username', '=', 'admin').executeTakeFirst();
}

/** The subject an account is linked to at a provider, if any. */
export async function findIdentityOf(tx: Tx, provider: string, userId: number) {
  return tx
    .selectFrom('userIdentities')
    .select('subject')
    .where('provider', '=', provider)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function insertIdentity(
  tx: Tx,
  identity: { provider: string; subject: string; userId: number; claimValue: string },
): Promise<void> {
  await tx
    .insertInto('userIdentities')
    .values({ ...identity, lastSignInAt: new Date() })
    .execute();
}

/** Notes the sign-in and the claim value the provider gave this time (it may have changed). */
export async function touchIdentity(tx: Tx, provider: string, subject: string, claimValue: string): Promise<void> {
  await tx
    .updateTable('userIdentities')
    .set({ lastSignInAt: new Date(), claimValue })
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .execute();
}

/** The unit (in force today) that has this code. */
export async function findCurrentUnitByCode(tx: Tx, code: string) {
  return tx
    .selectFrom('units')
    .select('id')
    .where('code', '=', code)
    .where('validFrom', '<=', sql<string>`current_date`)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', sql<string>`current_date`)]))
    .executeTakeFirst();
}

/** A person's account without a password and without roles, placed at `unitId` (capture and view roots too). */
export async function insertAccount(
  tx: Tx,
  account: { username: string; displayName: string; email: string | null; searchText: string; unitId: number },
): Promise<number> {
  const row = await tx
    .insertInto('users')
    .values({ ...account, kind: 'person', captureRootId: account.unitId, viewRootId: account.unitId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function isUsernameTaken(tx: Tx, username: string): Promise<boolean> {
  const row = await tx
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return !!row;
}

/** A session opened by the identity provider: the same row as a password sign-in's, method `oidc`. */
export async function insertOidcSession(
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
  await tx
    .insertInto('sessions')
    .values({ ...session, method: 'oidc' })
    .execute();
}

/** The sign-in time, once the sign-in is complete (a pending second factor sets it later). */
export async function setLastSignIn(tx: Tx, userId: number): Promise<void> {
  await tx.updateTable('users').set({ lastLoginAt: new Date() }).where('id', '=', userId).execute();
}
