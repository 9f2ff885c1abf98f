import type { UnlockRequestItem } from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../api/client';

export type UnlockRequest = Static<typeof UnlockRequestItem>;

export const unlockRequestsQueryKey = ['unlock-requests'] as const;

/** A regime's period's unlock requests, and whether the caller may grant or refuse them. */
export function useUnlockRequests(regimeId: number, period: string) {
  return useQuery({
    queryKey: [...unlockRequestsQueryKey, regimeId, period],
    queryFn: ({ signal }) =>
      api<{ items: UnlockRequest[]; mayDecide: boolean }>(
        `/period-unlock-requests${queryString({ regimeId, period })}`,
        { signal },
      ),
  });
}

export function setPeriodLock(body: { regimeId: number; period: string; locked: boolean; reason: string }) {
  return api<{ regimeId: number; periodId: string; locked: boolean }>('/period-locks', { method: 'POST', body });
}

/** A unit asks the recipient to unlock a locked period, saying why. */
export function requestUnlock(body: { regimeId: number; period: string; unitId: number; reason: string }) {
  return api<UnlockRequest>('/period-unlock-requests', { method: 'POST', body });
}

export function decideUnlock(id: number, body: { grant: boolean; reason: string }) {
  return api<UnlockRequest>(`/period-unlock-requests/${id}/decision`, { method: 'POST', body });
}
