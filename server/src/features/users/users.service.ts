import {
  canGrantRoles,
  DomainError,
  foldForSearch,
  normalizeText,
  type Role,
  rolePermissions,
  type UserCreate,
  type UserUpdate,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import { assertCanView, canCapture, canView, inSubtrees } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import { assertPasswordAcceptable, hashPassword, temporaryPassword } from '../auth/passwords';
import {
  findUserPage,
  findUserView,
  insertUser,
  lockUserRow,
  replaceRoles,
  revokeUserSessions,
  setUserPassword,
  unitExists,
  updateUserRow,
} from './users.queries';

type Reader = Db | Tx;

/** Accounts listed for the caller: those whose unit lies in its view subtree. */
export async function listUsers(
  db: Db,
  context: RequestContext,
  query: { q?: string; unitId?: number; role?: Role; includeDisabled?: boolean; limit?: number; offset?: number },
) {
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  if (query.unitId !== undefined) await assertCanView(db, context.actor, query.unitId);
  const words = foldForSearch(query.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 5);
  const result = await findUserPage(
    db,
    { unitId: query.unitId, role: query.role, includeDisabled: query.includeDisabled, words },
    context.actor.isSystemAdmin ? null : context.actor.viewRoots,
    page,
  );
  return { ...result, ...page };
}

export async function getUser(db: Db, context: RequestContext, id: number) {
  const user = await findUserView(db, id);
  if (!user) throw new DomainError('NOT_FOUND');
  await assertCanView(db, context.actor, user.unitId);
  return user;
}

/**
 * Whether the caller may hand out (or take away) `roles`. A token acts with its account's roles but
 * only the permissions it was issued: it grants a role only if it holds every permission of the role
 * itself, and never system administrator (a token is never one), so it cannot mint an account
 * more powerful than itself.
 */
function canGrant(actor: Actor, roles: Role[]): boolean {
  if (
    actor.via === 'token' &&
    !roles.every((r) => r !== 'system_admin' && rolePermissions[r].every((p) => actor.permissions.has(p)))
  )
    return false;
  return canGrantRoles(actor.roles, roles);
}

/** The account must sit inside the caller's capture subtree to be managed (else 404, or 403 when visible). */
async function assertCanManageUser(db: Reader, context: RequestContext, unitId: number): Promise<void> {
  if (await canCapture(db, context.actor, unitId)) return;
  if (await inSubtrees(db, context.actor.viewRoots, unitId)) throw new DomainError('FORBIDDEN');
  throw new DomainError('NOT_FOUND');
}

async function assertPlacement(
  db: Reader,
  context: RequestContext,
  placement: { unitId: number; captureRootId: number; viewRootId: number; roles: Role[] },
  field = '',
): Promise<void> {
  const { actor } = context;
  if (!canGrant(actor, placement.roles)) throw new DomainError('ROLE_NOT_GRANTABLE', { field: `${field}roles` });
  for (const [key, unitId] of [
    ['unitId', placement.unitId],
    ['captureRootId', placement.captureRootId],
  ] as const) {
    const exists = await unitExists(db, unitId);
    if (!exists) throw new DomainError('NOT_FOUND', { field: `${field}${key}` });
    // A unit the caller sees but does not manage: 403, as for its accounts (assertCanManageUser).
    if (!(await canCapture(db, actor, unitId)))
      throw new DomainError((await canView(db, actor, unitId)) ? 'FORBIDDEN' : 'NOT_FOUND', {
        field: `${field}${key}`,
      });
  }
  const view = await unitExists(db, placement.viewRootId);
  if (!view || !(actor.isSystemAdmin || (await inSubtrees(db, actor.viewRoots, placement.viewRootId))))
    throw new DomainError('NOT_FOUND', { field: `${field}viewRootId` });
}

export interface PreparedUser {
  input: UserCreate;
  passwordHash: string;
  temporaryPassword: string | null;
}

/** Validates a new account (placement, roles, password policy) and hashes its password. */
export async function prepareUser(
  db: Reader,
  context: RequestContext,
  input: UserCreate,
  field = '',
): Promise<PreparedUser> {
  const placement = {
    unitId: input.unitId,
    captureRootId: input.captureRootId ?? input.unitId,
    viewRootId: input.viewRootId ?? input.unitId,
    roles: input.roles,
  };
  await assertPlacement(db, context, placement, field);
  let temporary: string | null = null;
  let password = input.password;
  if (password) await assertPasswordAcceptable(db, password, input.username);
  else {
    temporary = temporaryPassword();
    password = temporary;
  }
  return {
    input: { ...input, ...placement, displayName: normalizeText(input.displayName) },
    passwordHash: await hashPassword(password),
    temporaryPassword: temporary,
  };
}

export async function insertPreparedUser(tx: Tx, prepared: PreparedUser): Promise<number> {
  const { input } = prepared;
  const row = await insertUser(tx, {
    username: input.username.toLowerCase(),
    displayName: input.displayName,
    searchText: foldForSearch(`${input.username} ${input.displayName} ${input.email ?? ''}`),
    email: input.email ?? null,
    phone: input.phone ?? null,
    kind: input.kind ?? 'person',
    unitId: input.unitId,
    captureRootId: input.captureRootId ?? input.unitId,
    viewRootId: input.viewRootId ?? input.unitId,
    passwordHash: input.kind === 'service' ? null : prepared.passwordHash,
    mustChangePassword: prepared.temporaryPassword !== null,
  });
  await replaceRoles(tx, row.id, input.roles);
  return row.id;
}

function auditView(input: UserCreate) {
  const { password: _password, ...rest } = input;
  return rest;
}

export async function createUser(tx: Tx, context: RequestContext, input: UserCreate) {
  const prepared = await prepareUser(tx, context, input);
  const id = await insertPreparedUser(tx, prepared);
  await recordAudit(tx, context, [
    {
      action: 'user.create',
      objectType: 'user',
      objectId: id,
      unitId: input.unitId,
      after: auditView(prepared.input),
    },
  ]);
  return {
    user: (await findUserView(tx, id))!,
    temporaryPassword: prepared.input.kind === 'service' ? null : prepared.temporaryPassword,
  };
}

async function lockedUser(tx: Tx, id: number) {
  const user = await findUserView(tx, id);
  if (!user) throw new DomainError('NOT_FOUND');
  await lockUserRow(tx, id);
  return user;
}

export async function updateUser(tx: Tx, context: RequestContext, id: number, input: UserUpdate) {
  const before = await lockedUser(tx, id);
  await assertCanManageUser(tx, context, before.unitId);
  if (before.version !== input.version)
    throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
  const after = {
    unitId: input.unitId ?? before.unitId,
    captureRootId: input.captureRootId ?? before.captureRootId,
    viewRootId: input.viewRootId ?? before.viewRootId,
    roles: input.roles ?? before.roles,
  };
  // An update that changes nothing writes nothing, bumps no version and records nothing.
  const displayName = input.displayName === undefined ? before.displayName : normalizeText(input.displayName);
  if (
    displayName === before.displayName &&
    (input.email === undefined || input.email === before.email) &&
    (input.phone === undefined || input.phone === before.phone) &&
    after.unitId === before.unitId &&
    after.captureRootId === before.captureRootId &&
    after.viewRootId === before.viewRootId &&
    [...after.roles].sort().join() === [...before.roles].sort().join()
  )
    return before;
  // Removing a role one could not grant is as powerful as granting it.
  if (input.roles && !canGrant(context.actor, [...new Set([...before.roles, ...input.roles])]))
    throw new DomainError('ROLE_NOT_GRANTABLE', { field: 'roles' });
  await assertPlacement(tx, context, after);
  await updateUserRow(tx, id, {
    displayName: input.displayName ? normalizeText(input.displayName) : undefined,
    searchText: foldForSearch(
      `${before.username} ${input.displayName ?? before.displayName} ${input.email === undefined ? (before.email ?? '') : (input.email ?? '')}`,
    ),
    email: input.email,
    phone: input.phone,
    unitId: after.unitId,
    captureRootId: after.captureRootId,
    viewRootId: after.viewRootId,
    version: before.version + 1,
  });
  if (input.roles) await replaceRoles(tx, id, input.roles);
  const { version: _v, ...changes } = input;
  await recordAudit(tx, context, [
    {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      unitId: after.unitId,
      before,
      after: { ...before, ...changes },
    },
  ]);
  return (await findUserView(tx, id))!;
}

export async function setUserDisabled(tx: Tx, context: RequestContext, id: number, disabled: boolean) {
  if (id === context.actor.userId && disabled) throw new DomainError('FORBIDDEN', { field: 'id' });
  const before = await lockedUser(tx, id);
  await assertCanManageUser(tx, context, before.unitId);
  if (!canGrant(context.actor, before.roles)) throw new DomainError('ROLE_NOT_GRANTABLE', { field: 'roles' });
  // Disabling a disabled account (or enabling an enabled one) changes nothing and records nothing.
  if (before.disabled === disabled) return before;
  await updateUserRow(tx, id, { disabledAt: disabled ? new Date() : null, version: before.version + 1 });
  if (disabled) await revokeUserSessions(tx, id);
  await recordAudit(tx, context, [
    {
      action: disabled ? 'user.disable' : 'user.enable',
      objectType: 'user',
      objectId: id,
      unitId: before.unitId,
      before: { disabled: before.disabled },
      after: { disabled },
    },
  ]);
  return (await findUserView(tx, id))!;
}

/** Sets a temporary password the user must change at next sign-in; revokes its sessions and clears any lockout. */
export async function resetPassword(tx: Tx, context: RequestContext, id: number) {
  const temporary = temporaryPassword();
  const passwordHash = await hashPassword(temporary);
  const before = await lockedUser(tx, id);
  await assertCanManageUser(tx, context, before.unitId);
  if (!canGrant(context.actor, before.roles)) throw new DomainError('ROLE_NOT_GRANTABLE', { field: 'roles' });
  if (before.kind === 'service') throw new DomainError('INVALID_STATE');
  await setUserPassword(tx, id, { passwordHash, version: before.version + 1 });
  await revokeUserSessions(tx, id);
  await recordAudit(tx, context, [
    { action: 'user.password_reset', objectType: 'user', objectId: id, unitId: before.unitId },
  ]);
  return { temporaryPassword: temporary };
}
