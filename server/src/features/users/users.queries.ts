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
