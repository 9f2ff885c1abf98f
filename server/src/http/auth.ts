import { createHash } from 'node:crypto';
import { DomainError, permissionsOf, type Role } from '@baocao/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Actor, RequestContext } from './context';

export const SESSION_COOKIE = 'baocao_session';
const TOUCH_INTERVAL_MS = 60_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

interface Policy {
  mandatoryTotpRoles: Role[];
  rotationDays: number | null;
}

interface SessionRow {
  csrfToken: string;
  secondFactorPending: boolean;
  method: 'password' | 'oidc';
  lastSeenAt: Date;
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  captureRootId: number;
  viewRootId: number;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date | null;
  roles: Role[];
}

/** Loads the actor for a session cookie, or null when the session is unknown, expired, revoked or disabled. */
async function actorFromSession(db: Db, token: string, policy: Policy) {
  const tokenHash = sha256(token);
  // Every request of a signed-in user runs this: SQL rather than the query builder, whose
  // building cost more CPU than the lookup itself.
  const result = await sql<SessionRow>`
    SELECT s.csrf_token, s.second_factor_pending, s.method, s.last_seen_at, u.id, u.username, u.display_name, u.unit_id,
      u.capture_root_id, u.view_root_id, u.totp_enabled, u.must_change_password, u.password_changed_at,
      coalesce((SELECT array_agg(role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash} AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ lastSeenAt: new Date() }).where('tokenHash', '=', tokenHash).execute();
  }
  const actor: Actor = {
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    roles: row.roles,
    permissions: permissionsOf(row.roles),
    captureRoots: [row.captureRootId],
    viewRoots: [row.viewRootId],
    isSystemAdmin: row.roles.includes('system_admin'),
    via: 'session',
    sessionHash: tokenHash,
    tokenId: null,
  };
  let pending: FastifyRequest['pending'] = null;
  if (row.secondFactorPending) pending = 'second_factor';
  else if (!row.totpEnabled && row.roles.some((r) => policy.mandatoryTotpRoles.includes(r))) pending = 'totp_enrolment';
  // The password steps concern sessions a password opened: the identity provider answers for its own.
  else if (row.method === 'password' && row.mustChangePassword) pending = 'password_change';
  else if (
    row.method === 'password' &&
    policy.rotationDays &&
    row.passwordChangedAt &&
    Date.now() - new Date(row.passwordChangedAt).getTime() > policy.rotationDays * 86_400_000
  )
    pending = 'password_change';
  return { actor, csrfToken: row.csrfToken, pending };
}

async function actorFromToken(db: Db, token: string, ip: string): Promise<Actor | null> {
  const tokenHash = sha256(token);
  const row = await db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select([
      't.id as tokenId',
      't.unitIds',
      't.permissions',
      't.lastUsedAt',
      'u.id',
      'u.username',
      'u.displayName',
      'u.unitId',
      sql<Role[]>`coalesce((select array_agg(role) from user_roles r where r.user_id = u.id), '{}')`.as('roles'),
    ])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where('t.expiresAt', '>', new Date())
    .where('u.disabledAt', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('apiTokens')
      .set({ lastUsedAt: new Date(), lastUsedIp: ip })
      .where('id', '=', row.tokenId)
      .execute();
  }
  const held = permissionsOf(row.roles);
  return {
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    roles: row.roles,
    // A token narrows its account: only permissions both hold, only its units.
    permissions: new Set([...held].filter((p) => (row.permissions as string[]).includes(p))),
    captureRoots: row.unitIds,
    viewRoots: row.unitIds,
    isSystemAdmin: false,
    via: 'token',
    sessionHash: null,
    tokenId: row.tokenId,
  };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authenticates every request and enforces the route's declared access. Routes
 * must declare `config.access`; one that does not is refused at start-up.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; policy: () => Promise<Policy> }): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('pending', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || route.method === 'HEAD') return;
    if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} declares no access`);
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access;
    // Static files of the web app and the API reference pages are public.
    if (!access) return;
    const bearer = request.headers.authorization;
    // `ApiToken <token>` is the header DHIS2's personal access tokens use; DHIS2 clients send it as is.
    if (typeof bearer === 'string' && /^(Bearer|ApiToken)\s+/i.test(bearer)) {
      const token = bearer.replace(/^(Bearer|ApiToken)\s+/i, '').trim();
      request.actor = token.length <= 200 ? await actorFromToken(deps.db, token, request.ip) : null;
      if (!request.actor && access !== 'public') throw new DomainError('UNAUTHENTICATED');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && cookie.length <= 200) {
        const found = await actorFromSession(deps.db, cookie, await deps.policy());
        if (found) {
          request.actor = found.actor;
          request.pending = found.pending;
          if (WRITE_METHODS.has(request.method) && access !== 'public') {
            if (request.headers['x-csrf-token'] !== found.csrfToken) throw new DomainError('CSRF_FAILED');
          }
        }
      }
    }
    if (access === 'public') return;
    if (!request.actor) throw new DomainError('UNAUTHENTICATED');
    if (request.pending && !request.routeOptions.config?.allowPending?.includes(request.pending)) {
      if (request.pending === 'second_factor') throw new DomainError('TOTP_REQUIRED');
      if (request.pending === 'totp_enrolment') throw new DomainError('TOTP_ENROLMENT_REQUIRED');
      throw new DomainError('PASSWORD_EXPIRED');
    }
    if (access !== 'authenticated' && !request.actor.permissions.has(access)) throw new DomainError('FORBIDDEN');
  });
}

/** The request's context for services; only call it on routes that require a signed-in caller. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED');
  const agent = request.headers['user-agent'];
  return {
    actor: request.actor,
    ip: request.ip,
    userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
    requestId: String(request.id),
  };
}
