import type { Permission } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

function selectTokenViews(db: Reader) {
  return db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select([
      't.id',
      't.userId',
      'u.username',
      'u.unitId',
      't.name',
      't.prefix',
      't.unitIds',
      't.permissions',
      sql<string>`to_char(t.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('expiresAt'),
      sql<string | null>`to_char(t.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('revokedAt'),
      sql<string | null>`to_char(t.last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('lastUsedAt'),
      't.lastUsedIp',
      sql<string>`to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('createdAt'),
    ]);
}

/** The newest tokens; with `captureRoots` only those of accounts whose unit lies inside those subtrees (null: all). */
export async function findTokenViews(db: Reader, captureRoots: number[] | null) {
  let q = selectTokenViews(db);
  if (captureRoots !== null)
    q = q.where(
      'u.unitId',
      'in',
      db.selectFrom('unitClosure').select('descendantId').where('ancestorId', 'in', captureRoots),
    );
  return q.orderBy('t.id', 'desc').limit(500).execute();
}

export async function findTokenView(db: Reader, id: number) {
  return selectTokenViews(db).where('t.id', '=', id).executeTakeFirst();
}

export async function insertToken(
  tx: Tx,
  token: {
    userId: number;
    name: string;
    prefix: string;
    tokenHash: string;
    unitIds: number[];
    permissions: Permission[];
    expiresAt: Date;
    createdBy: number;
  },
) {
  return tx.insertInto('apiTokens').values(token).returning('id').executeTakeFirstOrThrow();
}

export async function revokeTokenRow(tx: Tx, id: number): Promise<void> {
  await tx
    .updateTable('apiTokens')
    .set({ revokedAt: new Date() })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}
