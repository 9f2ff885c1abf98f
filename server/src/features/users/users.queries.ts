import type { Role } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export function selectUserViews(db: Reader) {
  return db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.email',
      'u.phone',
      'u.kind',
      'u.unitId',
      'un.name as unitName',
      'u.captureRootId',
      'u.viewRootId',
      sql<
        Role[]
      >`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as(
        'roles',
      ),
      sql<boolean>`u.disabled_at is not null`.as('disabled'),
      'u.totpEnabled',
      sql<string | null>`to_char(u.locked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('lockedUntil'),
      sql<string | null>`to_char(u.last_login_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('lastLoginAt'),
      'u.version',
    ]);
}

export async function findUserView(db: Reader, id: number) {
  return selectUserViews(db).where('u.id', '=', id).executeTakeFirst();
}

export async function replaceRoles(tx: Tx, userId: number, roles: Role[]): Promise<void> {
  await tx.deleteFrom('userRoles').where('userId', '=', userId).execute();
  if (roles.length > 0)
    await tx
      .insertInto('userRoles')
      .values(roles.map((role) => ({ userId, role })))
      .execute();
}

/**
 * A page of accounts with the total: inside `unitId`'s subtree when given, holding the role, enabled
 * ones unless asked, every word in the account's or its unit's search text; with `viewRoots` only
 * accounts whose unit lies inside those subtrees (null: every account).
 */
export async function findUserPage(
  db: Reader,
  query: { unitId?: number; role?: Role; includeDisabled?: boolean; words: string[] },
  viewRoots: number[] | null,
  page: { limit: number; offset: number },
) {
  let base = selectUserViews(db);
  if (viewRoots !== null)
    base = base.where(
      'u.unitId',
      'in',
      db.selectFrom('unitClosure').select('descendantId').where('ancestorId', 'in', viewRoots),
    );
  if (query.unitId !== undefined) {
    base = base.where(
      'u.unitId',
      'in',
      db.selectFrom('unitClosure').select('descendantId').where('ancestorId', '=', query.unitId),
    );
  }
  if (query.role) {
    const role = query.role;
    base = base.where((eb) =>
      eb.exists(
        eb.selectFrom('userRoles as r').select('r.userId').whereRef('r.userId', '=', 'u.id').where('r.role', '=', role),
      ),
    );
  }
  if (!query.includeDisabled) base = base.where('u.disabledAt', 'is', null);
  for (const word of query.words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where(sql<boolean>`(u.search_text like ${pattern} or un.search_text like ${pattern})`);
  }
  const [items, total] = await Promise.all([
    base.orderBy('un.code').orderBy('u.username').limit(page.limit).offset(page.offset).execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function unitExists(db: Reader, id: number): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/**
 * Units valid on `date` by code, for placing imported accounts; with `viewRoots` only those inside
 * these subtrees (null: every unit).
 */
export async function findUnitsValidOn(db: Reader, codes: string[], date: string, viewRoots: number[] | null) {
  return db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('code', 'in', codes)
    .where('validFrom', '<=', date)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
    .$if(viewRoots !== null, (q) =>
      q.where('id', 'in', db.selectFrom('unitClosure').select('descendantId').where('ancestorId', 'in', viewRoots!)),
    )
    .execute();
}

/** Which of these user names are taken. */
export async function findExistingUsernames(db: Reader, usernames: string[]) {
  return db.selectFrom('users').select('username').where('username', 'in', usernames).execute();
}

export async function insertUser(
  tx: Tx,
  user: {
    username: string;
    displayName: string;
    searchText: string;
    email: string | null;
    phone: string | null;
    kind: 'person' | 'service';
    unitId: number;
    captureRootId: number;
    viewRootId: number;
    passwordHash: string | null;
    mustChangePassword: boolean;
  },
) {
  return tx
    .insertInto('users')
    .values({ ...user, passwordChangedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Locks the account's row until the transaction ends. */
export async function lockUserRow(tx: Tx, id: number): Promise<void> {
  await tx.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
}

export async function updateUserRow(
  tx: Tx,
  id: number,
  changes: {
    displayName?: string;
    searchText?: string;
    email?: string | null;
    phone?: string | null;
    unitId?: number;
    captureRootId?: number;
    viewRootId?: number;
    disabledAt?: Date | null;
    version: number;
  },
): Promise<void> {
  await tx
    .updateTable('users')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** A reset: a temporary password to change at next sign-in, failures and lockout cleared. */
export async function setUserPassword(
  tx: Tx,
  id: number,
  reset: { passwordHash: string; version: number },
): Promise<void> {
  await tx
    .updateTable('users')
    .set({
      passwordHash: reset.passwordHash,
      mustChangePassword: true,
      passwordChangedAt: new Date(),
      failedLogins: 0,
      lockedUntil: null,
      version: reset.version,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Revokes every open session of the account. */
export async function revokeUserSessions(tx: Tx, userId: number): Promise<void> {
  await tx
    .updateTable('sessions')
    .set({ revokedAt: new Date() })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute();
}
