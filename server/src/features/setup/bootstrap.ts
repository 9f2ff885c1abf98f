import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { foldForSearch } from '@baocao/domain';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { hashPassword, temporaryPassword } from '../auth/passwords';
import {
  findCurrentUnit,
  findUserByName,
  hasCommonPasswords,
  insertAdmin,
  insertCommonPasswords,
  insertRootUnit,
} from './setup.queries';

export const ROOT_UNIT_CODE = 'CP';

// Start-up work, not requests: there is no edge transaction here, and the one
// step that writes twice (the first administrator) opens its own.

/** Loads the common-password list used by the password policy (idempotent). */
export async function loadCommonPasswords(db: Db): Promise<void> {
  if (await hasCommonPasswords(db)) return;
  const text = await readFile(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8');
  const words = [
    ...new Set(
      text
        .split('\n')
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  await insertCommonPasswords(db, words);
}

/** The root unit (Government); created here when no demo data provides it. */
export async function ensureRootUnit(db: Db): Promise<number> {
  const found = await findCurrentUnit(db, ROOT_UNIT_CODE);
  if (found) return found.id;
  const row = await insertRootUnit(db, {
    code: ROOT_UNIT_CODE,
    name: 'Chính phủ',
    nameEn: 'Government',
    kind: 'government',
    searchText: foldForSearch(`${ROOT_UNIT_CODE} Chính phủ Government`),
  });
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
  const existing = await findUserByName(db, 'admin');
  if (existing) return { created: false, generatedPassword: null };
  const generated = password ? null : temporaryPassword();
  const passwordHash = await hashPassword(password ?? generated!);
  await db.transaction().execute(async (tx) => {
    const user = await insertAdmin(tx, {
      username: 'admin',
      displayName: 'Quản trị hệ thống',
      searchText: 'admin quan tri he thong',
      unitId: rootUnitId,
      passwordHash,
    });
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
