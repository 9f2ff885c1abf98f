import type { Db, Tx } from '../../db/database';

// Start-up work runs outside any request, so single-statement writes here take the pool too.
type Reader = Db | Tx;
type Writer = Db | Tx;

export async function hasCommonPasswords(db: Reader): Promise<boolean> {
  const existing = await db.selectFrom('commonPasswords').select('password').limit(1).executeTakeFirst();
  return existing !== undefined;
}

export async function insertCommonPasswords(db: Writer, passwords: string[]): Promise<void> {
  await db
    .insertInto('commonPasswords')
    .values(passwords.map((password) => ({ password })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The current unit with this code, if any. */
export async function findCurrentUnit(db: Reader, code: string) {
  return db.selectFrom('units').select('id').where('code', '=', code).where('validTo', 'is', null).executeTakeFirst();
}

export async function insertRootUnit(
  db: Writer,
  unit: { code: string; name: string; nameEn: string; kind: string; searchText: string },
) {
  return db.insertInto('units').values(unit).returning('id').executeTakeFirstOrThrow();
}

export async function findUserByName(db: Reader, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

/** The first system administrator, with its role. */
export async function insertAdmin(
  tx: Tx,
  admin: { username: string; displayName: string; searchText: string; unitId: number; passwordHash: string },
) {
  const user = await tx
    .insertInto('users')
    .values({
      ...admin,
      captureRootId: admin.unitId,
      viewRootId: admin.unitId,
      passwordChangedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('userRoles').values({ userId: user.id, role: 'system_admin' }).execute();
  return user;
}
