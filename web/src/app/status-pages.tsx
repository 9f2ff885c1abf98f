import type { Permission } from '@baocao/domain';
import { lazy, type ReactNode } from 'react';
import { useCan } from '../features/auth/session';

const NotFoundResult = lazy(() => import('./status-results').then((m) => ({ default: m.NotFoundResult })));
const ForbiddenResult = lazy(() => import('./status-results').then((m) => ({ default: m.ForbiddenResult })));

export function NotFoundPage() {
  return <NotFoundResult />;
}

/** Renders the page only for holders of the permission. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (!allowed) return <ForbiddenResult />;
  return children;
}
