import type {
  FormDetail,
  FormVersionDetail,
  Hierarchy,
  RegimeCreate,
  RegimeDetail,
  RegimeSchedule,
  RegimeSummary,
  RegimeUpdate,
  RegimeVersionDetail,
  RegimeVersionDiff,
  RegimeVersionSummary,
  regimeFrequencies,
  regimeStatuses,
} from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';
import type { PageOf } from '../../api/types';

// The API's shapes, from the shared schemas in @baocao/domain.
export type RegimeSummaryView = RegimeSummary;
export type RegimeDetailView = RegimeDetail;
export type RegimeScheduleView = Static<typeof RegimeSchedule>;
export type FormDetailView = Static<typeof FormDetail>;
export type HierarchyView = Static<typeof Hierarchy>;
export type RegimeFrequency = (typeof regimeFrequencies)[number];
export type RegimeStatus = (typeof regimeStatuses)[number];

export interface RegimeFilters {
  q: string;
  agency?: string;
  frequency?: RegimeFrequency;
  status?: RegimeStatus;
}

export const regimesQueryKey = ['regimes'] as const;

export function useRegimes(filters: RegimeFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...regimesQueryKey, 'list', filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<RegimeSummaryView>>(
        `/regimes${queryString({
          q: filters.q,
          agency: filters.agency,
          frequency: filters.frequency,
          status: filters.status,
          limit: pageSize,
          offset: (page - 1) * pageSize,
        })}`,
        { signal },
      ),
  });
}

export const regimeQueryKey = (id: number) => [...regimesQueryKey, id] as const;

export function useRegime(id: number | null) {
  return useQuery({
    queryKey: regimeQueryKey(id ?? 0),
    queryFn: ({ signal }) => api<RegimeDetailView>(`/regimes/${id}`, { signal }),
    enabled: id !== null,
  });
}

/** When each level opens, is due and closes for a period, from the saved definition. */
export function useRegimeSchedule(id: number | null, period: string | null, savedVersion: number | undefined) {
  return useQuery({
    queryKey: [...regimeQueryKey(id ?? 0), 'schedule', period, savedVersion],
    queryFn: ({ signal }) => api<RegimeScheduleView>(`/regimes/${id}/schedule${queryString({ period })}`, { signal }),
    enabled: id !== null && !!period,
    placeholderData: keepPreviousData,
  });
}

export function useHierarchies() {
  return useQuery({
    queryKey: ['hierarchies'],
    queryFn: ({ signal }) => api<HierarchyView[]>('/hierarchies', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useSaveRegime(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RegimeCreate | RegimeUpdate) =>
      id === null
        ? api<RegimeDetailView>('/regimes', { method: 'POST', body: input })
        : api<RegimeDetailView>(`/regimes/${id}`, { method: 'PUT', body: input }),
    onSuccess: (regime) => {
      client.setQueryData(regimeQueryKey(regime.id), regime);
      void client.invalidateQueries({ queryKey: [...regimesQueryKey, 'list'] });
    },
  });
}

export function useRegimeTransition(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version }: { action: 'activate' | 'retire'; version: number }) =>
      api<RegimeDetailView>(`/regimes/${id}/${action}`, { method: 'POST', body: { version } }),
    onSuccess: (regime) => {
      client.setQueryData(regimeQueryKey(regime.id), regime);
      void client.invalidateQueries({ queryKey: [...regimesQueryKey, 'list'] });
    },
  });
}

export function useCreateForm(regimeId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; title: { vi: string; en: string } }) =>
      api<FormVersionDetail>(`/regimes/${regimeId}/forms`, { method: 'POST', body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: regimesQueryKey }),
  });
}

export function useReorderForms(regimeId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (formIds: number[]) =>
      api<RegimeDetailView>(`/regimes/${regimeId}/forms/order`, { method: 'PUT', body: { formIds } }),
    onSuccess: (regime) => client.setQueryData(regimeQueryKey(regime.id), regime),
  });
}

export type RegimeVersionView = RegimeVersionSummary;
export type RegimeVersionDetailView = RegimeVersionDetail;

/** The regime's versions, oldest first; refetched when the regime's revision changes. */
export function useRegimeVersions(id: number | null, revision: number | undefined) {
  return useQuery({
    queryKey: [...regimeQueryKey(id ?? 0), 'versions', revision],
    queryFn: ({ signal }) => api<RegimeVersionView[]>(`/regimes/${id}/versions`, { signal }),
    enabled: id !== null,
  });
}

export function useRegimeVersion(id: number, number: number | null) {
  return useQuery({
    queryKey: [...regimeQueryKey(id), 'version', number],
    queryFn: ({ signal }) => api<RegimeVersionDetailView>(`/regimes/${id}/versions/${number}`, { signal }),
    enabled: number !== null,
  });
}

/** What changed from one version to the next; only asked for when both exist. */
export function useRegimeVersionDiff(id: number, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...regimeQueryKey(id), 'diff', from, to],
    queryFn: ({ signal }) => api<RegimeVersionDiff>(`/regimes/${id}/versions/diff?from=${from}&to=${to}`, { signal }),
    enabled: from !== null && to !== null && from >= 1,
  });
}
