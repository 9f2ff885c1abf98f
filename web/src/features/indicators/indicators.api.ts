import type {
  IndicatorItem,
  IndicatorList,
  IndicatorSeries,
  IndicatorStoreResult,
  IndicatorValuesBody,
} from '@baocao/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const indicatorsQueryKey = ['indicators'] as const;

export function useIndicators(filters: { q: string; area: string | null }) {
  const params = new URLSearchParams({ limit: '500' });
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.area) params.set('area', filters.area);
  return useQuery({
    queryKey: [...indicatorsQueryKey, 'list', filters.q.trim(), filters.area],
    queryFn: ({ signal }) => api<IndicatorList>(`/indicators?${params}`, { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useIndicator(id: number) {
  return useQuery({
    queryKey: [...indicatorsQueryKey, 'one', id],
    queryFn: ({ signal }) => api<IndicatorItem>(`/indicators/${id}`, { signal }),
  });
}

export function useIndicatorSeries(id: number, unitId: number | null) {
  return useQuery({
    queryKey: [...indicatorsQueryKey, 'series', id, unitId],
    queryFn: ({ signal }) =>
      api<IndicatorSeries>(`/indicators/${id}/series${unitId === null ? '' : `?unitId=${unitId}`}`, { signal }),
  });
}

export function useEnterIndicatorValues(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IndicatorValuesBody) =>
      api<IndicatorStoreResult>(`/indicators/${id}/values`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...indicatorsQueryKey, 'series', id] }),
  });
}
