import { randomBytes } from 'node:crypto';
import { DomainError, type Permission, permissionsOf } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { sha256 } from '../../http/auth';
import type { RequestContext } from '../../http/context';
import { canCapture, inSubtrees } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import { findUserView } from '../users/users.queries';

function selectTokenViews(db: Db) {
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

/** Tokens of service accounts whose unit lies in the caller's capture subtree. */
export async function listTokens(db: Db, context: RequestContext) {
  let q = selectTokenViews(db);
  if (!context.actor.isSystemAdmin)
    q = q.where(
      'u.unitId',
      'in',
      db.selectFrom('unitClosure').select('descendantId').where('ancestorId', 'in', context.actor.captureRoots),
    );
  return q.orderBy('t.id', 'desc').limit(500).execute();
}

/**
 * Issues a token for a service account. The secret is returned once and only its
 * hash is stored; the token's units must lie inside the account's capture scope and
 * its permissions within the account's roles.
 */
export async function createToken(
  db: Db,
  context: RequestContext,
  input: { userId: number; name: string; unitIds: number[]; permissions: Permission[]; expiresInDays: number },
) {
  const account = await findUserView(db, input.userId);
  if (!account || !(await canCapture(db, context.actor, account.unitId)))
    throw new DomainError('NOT_FOUND', { field: 'userId' });
  if (account.kind !== 'service')
    throw new DomainError('VALIDATION_FAILED', {
      field: 'userId',
      message: 'TOKENS_FOR_SERVICE_ACCOUNTS_ONLY',
    });
  const held = permissionsOf(account.roles);
  const missing = input.permissions.filter((p) => !held.has(p));
  if (missing.length > 0) throw new DomainError('ROLE_NOT_GRANTABLE', { field: 'permissions', details: { missing } });
  for (const unitId of input.unitIds)
    if (!(await inSubtrees(db, [account.captureRootId], unitId)) || !(await canCapture(db, context.actor, unitId)))
      throw new DomainError('NOT_FOUND', { field: 'unitIds' });
  const secret = randomBytes(32).toString('base64url');
  const prefix = secret.slice(0, 6);
  const token = `bc_${prefix}_${secret.slice(6)}`;
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('apiTokens')
      .values({
        userId: account.id,
        name: input.name,
        prefix,
        tokenHash: sha256(token),
        unitIds: input.unitIds,
        permissions: input.permissions,
        expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
        createdBy: context.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, context, [
      {
        action: 'token.create',
        objectType: 'api_token',
        objectId: row.id,
        unitId: account.unitId,
        after: { ...input, prefix },
      },
    ]);
    return row.id;
  });
  const view = await selectTokenViews(db).where('t.id', '=', id).executeTakeFirstOrThrow();
  return { token, view };
}

export async function revokeToken(db: Db, context: RequestContext, id: number) {
  const view = await selectTokenViews(db).where('t.id', '=', id).executeTakeFirst();
  if (!view || !(await canCapture(db, context.actor, view.unitId))) throw new DomainError('NOT_FOUND');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('apiTokens')
      .set({ revokedAt: new Date() })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .execute();
    await recordAudit(tx, context, [
      {
        action: 'token.revoke',
        objectType: 'api_token',
        objectId: id,
        unitId: view.unitId,
        before: { revokedAt: view.revokedAt },
      },
    ]);
  });
  return selectTokenViews(db).where('t.id', '=', id).executeTakeFirstOrThrow();
}
