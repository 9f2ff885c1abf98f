import { randomBytes } from 'node:crypto';
import { DomainError, type Permission, permissionsOf } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import { sha256 } from '../../http/auth';
import type { RequestContext } from '../../http/context';
import { canCapture, inSubtrees } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import { findUserView } from '../users/users.queries';
import { findTokenView, findTokenViews, insertToken, revokeTokenRow } from './tokens.queries';

/** Tokens of service accounts whose unit lies in the caller's capture subtree. */
export async function listTokens(db: Db, context: RequestContext) {
  return findTokenViews(db, context.actor.isSystemAdmin ? null : context.actor.captureRoots);
}

/**
 * Issues a token for a service account. The secret is returned once and only its
 * hash is stored; the token's units must lie inside the account's capture scope and
 * its permissions within the account's roles.
 */
export async function createToken(
  tx: Tx,
  context: RequestContext,
  input: { userId: number; name: string; unitIds: number[]; permissions: Permission[]; expiresInDays: number },
) {
  const account = await findUserView(tx, input.userId);
  if (!account || !(await canCapture(tx, context.actor, account.unitId)))
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
    if (!(await inSubtrees(tx, [account.captureRootId], unitId)) || !(await canCapture(tx, context.actor, unitId)))
      throw new DomainError('NOT_FOUND', { field: 'unitIds' });
  const secret = randomBytes(32).toString('base64url');
  const prefix = secret.slice(0, 6);
  const token = `bc_${prefix}_${secret.slice(6)}`;
  const row = await insertToken(tx, {
    userId: account.id,
    name: input.name,
    prefix,
    tokenHash: sha256(token),
    unitIds: input.unitIds,
    permissions: input.permissions,
    expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
    createdBy: context.actor.userId,
  });
  await recordAudit(tx, context, [
    {
      action: 'token.create',
      objectType: 'api_token',
      objectId: row.id,
      unitId: account.unitId,
      after: { ...input, prefix },
    },
  ]);
  const view = (await findTokenView(tx, row.id))!;
  return { token, view };
}

export async function revokeToken(tx: Tx, context: RequestContext, id: number) {
  const view = await findTokenView(tx, id);
  if (!view || !(await canCapture(tx, context.actor, view.unitId))) throw new DomainError('NOT_FOUND');
  // Revoking a revoked token changes nothing, so it records nothing: the audit tells what happened.
  if (view.revokedAt !== null) return view;
  await revokeTokenRow(tx, id);
  await recordAudit(tx, context, [
    {
      action: 'token.revoke',
      objectType: 'api_token',
      objectId: id,
      unitId: view.unitId,
      before: { revokedAt: view.revokedAt },
    },
  ]);
  return (await findTokenView(tx, id))!;
}
