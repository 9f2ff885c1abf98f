import type { Permission } from '@baocao/domain';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, queryString } from '../../api/client';
import type { PageOf, TokenRow, UnitDetailView, UserRow } from '../../api/types';

export const tokensQueryKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensQueryKey, queryFn: () => api<TokenRow[]>('/tokens') });
}

/**
 * Service accounts the caller may see. The user list has no `kind` filter, so
 * the first 500 accounts are read and the service ones kept.
 */
export function useServiceAccounts(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'service-accounts'],
    enabled,
    queryFn: async () => {
      const page = await api<PageOf<UserRow>>(`/users${queryString({ limit: 500 })}`);
      return page.items.filter((user) => user.kind === 'service');
    },
  });
}

/** Names of the units tokens are limited to (a token lists unit ids only). */
export function useUnitNames(ids: number[]): Map<number, string> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['units', id, 'detail', ''],
      queryFn: () => api<UnitDetailView>(`/units/${id}`),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<number, string>();
  results.forEach((result, index) => {
    if (result.data) names.set(ids[index]!, result.data.name);
  });
  return names;
}

export function permissionLabel(t: TFunction, permission: string): string {
  return t(`permissions.${permission as Permission}`, { defaultValue: permission });
}
