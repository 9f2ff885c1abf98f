import type { HolidayView } from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';

export type Holiday = Static<typeof HolidayView>;
export type HolidayKind = Holiday['kind'];

export const holidaysQueryKey = ['holidays'] as const;

export function useHolidays(year: number) {
  return useQuery({
    queryKey: [...holidaysQueryKey, year],
    queryFn: ({ signal }) => api<Holiday[]>(`/holidays${queryString({ year })}`, { signal }),
  });
}

export function saveHoliday(date: string, body: { nameVi: string; nameEn: string; kind: HolidayKind }) {
  return api<Holiday>(`/holidays/${date}`, { method: 'PUT', body });
}

export function deleteHoliday(date: string) {
  return api<{ ok: boolean }>(`/holidays/${date}`, { method: 'DELETE' });
}
