import type { Permission, Role } from '@baocao/domain';

/** Who is calling, resolved on every request (so disabling or role changes apply at once). */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  permissions: Set<Permission>;
  /** Roots of the subtrees the caller may change data and accounts in. */
  captureRoots: number[];
  /** Roots of the subtrees the caller may read. */
  viewRoots: number[];
  isSystemAdmin: boolean;
  via: 'session' | 'token';
  sessionHash: string | null;
  tokenId: number | null;
}

/** What a service needs to know of the request: the actor and where the call came from, for the audit. */
export interface RequestContext {
  actor: Actor;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export type Pending = 'second_factor' | 'totp_enrolment' | 'password_change';

/** How a route is protected: open, any signed-in caller, or a permission. */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Which pending sign-in steps may still call the route (e.g. the second-factor step itself). */
    allowPending?: Pending[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    pending: Pending | null;
  }
}
