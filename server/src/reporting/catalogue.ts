import type { RequestContext } from '../http/context';

/** Drafts (regimes and form versions) are seen only by those who manage regimes. */
export function canManageRegimes(context: RequestContext): boolean {
  return context.actor.permissions.has('regimes.manage');
}

export const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();
