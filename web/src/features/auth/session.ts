import type { Permission } from '@baocao/domain';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, isApiError, setCsrfToken } from '../../api/client';
import type { MeView } from '../../api/types';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in account, or null when nobody is signed in. */
async function fetchMe(): Promise<MeView | null> {
  try {
    const me = await api<MeView>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken('');
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

/** The signed-in account; only for pages rendered inside the signed-in shell. */
export function useSignedInMe(): MeView {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe outside a signed-in session');
  return data;
}

export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return !!data?.permissions.includes(permission);
}

/** Reacts to the server saying the session ended or needs a step first (2FA, new password). */
export function handleSessionError(client: QueryClient, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  if (error.code === 'UNAUTHENTICATED') client.setQueryData(meQueryKey, null);
  else if (['TOTP_REQUIRED', 'TOTP_ENROLMENT_REQUIRED', 'PASSWORD_EXPIRED'].includes(error.code))
    void client.invalidateQueries({ queryKey: meQueryKey });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken('');
      // Signed out first (the gate shows the sign-in page), then forget the previous user's data.
      // clear() would also drop the query the gate observes, leaving it on stale data.
      client.setQueryData(meQueryKey, null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    },
  });
}
