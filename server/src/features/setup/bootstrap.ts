import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { foldForSearch } from '@baocao/domain';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { hashPassword, temporaryPassword } from '../auth/passwords';

export const ROOT_UNIT_CODE = 'CP';

/** Loads the common-password list used by the password policy (idempotent). */
export async function loadCommonPasswords(db: Db): Promise<void> {
  const existing = await db.selectFrom('commonPasswords').select('password').limit(1).executeTakeFirst();
  if (existing) return;
  const text = await readFile(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8');
  const words = [
    ...new Set(
      text
        .split('\n')
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  await db
    .insertInto('commonPasswords')
    .values(words.map((password) => ({ password })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The root unit (Government); created here when no demo data provides it. */
export async function ensureRootUnit(db: Db): Promise<number> {
  const found = await db
    .selectFrom('units')
    .select('id')
    .where('code', '=', ROOT_UNIT_CODE)
    .where('validTo', 'is', null)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto('units')
    .values({
      code: ROOT_UNIT_CODE,
      name: 'Chính phủ',
      nameEn: 'Government',
      kind: 'government',
      searchText: foldForSearch(`${ROOT_UNIT_CODE} Chính phủ Government`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Creates the first system administrator (`admin`) unless it exists. Its password
 * is BAOCAO_ADMIN_PASSWORD, or a random one that is returned to be printed once.
 */
export async function ensureAdmin(
  db: Db,
  rootUnitId: number,
  password: string | undefined,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  const existing = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (existing) return { created: false, generatedPassword: null };
  const generated = password ? null : temporaryPassword();
  const passwordHash = await hashPassword(password ?? generated!);
  await db.transaction().execute(async (tx) => {
    const user = await tx
      .insertInto('users')
      .values({
        username: 'admin',
        displayName: 'Quản trị hệ thống',
        searchText: 'admin quan tri he thong',
        unitId: rootUnitId,
        captureRootId: rootUnitId,
        viewRootId: rootUnitId,
        passwordHash,
        passwordChangedAt: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('userRoles').values({ userId: user.id, role: 'system_admin' }).execute();
    await recordAudit(tx, null, [
      {
        action: 'user.create',
        objectType: 'user',
        objectId: user.id,
        unitId: rootUnitId,
        after: { username: 'admin', roles: ['system_admin'] },
      },
    ]);
  });
  return { created: true, generatedPassword: generated };
}
