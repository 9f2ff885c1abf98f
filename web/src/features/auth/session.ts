import type { Permission } from '@baocao/domain';
import { type QueryClient, useMutation, useQuery } from '@tanstack/react-query';
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

/**
 * Signs out, then starts a fresh document on the sign-in page: nothing of the previous user stays
 * in memory (queries, pages' state, caches) on a shared office computer. Setting the account to
 * null in place let a signed-in page render once more without it while the gate swapped to the
 * sign-in page (seen under load: "useSignedInMe outside a signed-in session", a blank page).
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => api('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken('');
      window.location.assign('/');
    },
  });
}
