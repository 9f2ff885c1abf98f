import { type Role, roleLabels } from '@baocao/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';
import type { PageOf, UserRow } from '../../api/types';

export interface UserFilters {
  q: string;
  unitId?: number;
  role?: Role;
  includeDisabled: boolean;
}

export const usersQueryKey = ['users'] as const;

export function useUsers(filters: UserFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...usersQueryKey, 'list', filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<UserRow>>(
        `/users${queryString({
          q: filters.q,
          unitId: filters.unitId,
          role: filters.role,
          includeDisabled: filters.includeDisabled || undefined,
          limit: pageSize,
          offset: (page - 1) * pageSize,
        })}`,
        { signal },
      ),
  });
}

export function roleLabel(role: Role, language: string): string {
  return roleLabels[role][language === 'en' ? 'en' : 'vi'];
}
