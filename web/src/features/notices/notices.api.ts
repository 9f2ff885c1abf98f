import type {
  DeliveryItem,
  NoticeItem,
  NoticeKind,
  NoticeList,
  NoticePreferences,
  NotSubmittedList,
  ReminderResult,
  UnreadCount,
} from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';

export type NoticeView = Static<typeof NoticeItem>;
export type NoticePreferencesView = Static<typeof NoticePreferences>;
export type NotSubmittedView = Static<typeof NotSubmittedList>;

const noticesKey = ['notices'] as const;
/** How often the shell asks for the unread count (the inbox itself refetches when it is opened). */
const UNREAD_POLL_MS = 30_000;

export function useNotices(unread: boolean, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...noticesKey, 'list', unread, page.limit, page.offset],
    queryFn: () => api<Static<typeof NoticeList>>(`/notices${queryString({ unread: unread || undefined, ...page })}`),
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: [...noticesKey, 'unread'],
    queryFn: () => api<Static<typeof UnreadCount>>('/notices/unread-count'),
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<NoticeView>(`/notices/${id}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: noticesKey }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ updated: number }>('/notices/read-all', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: noticesKey }),
  });
}

export function useNoticePreferences() {
  return useQuery({
    queryKey: [...noticesKey, 'preferences'],
    queryFn: () => api<NoticePreferencesView>('/notices/preferences'),
  });
}

export function useSaveNoticePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: { kind: NoticeKind; inbox: boolean; email: boolean }[]) =>
      api<NoticePreferencesView>('/notices/preferences', { method: 'PUT', body: { items } }),
    onSuccess: (data) => client.setQueryData([...noticesKey, 'preferences'], data),
  });
}

export interface NotSubmittedKey {
  regimeId: number;
  period: string;
  unitId: number;
}

export function useNotSubmitted(key: NotSubmittedKey) {
  return useQuery({
    queryKey: [...noticesKey, 'not-submitted', key.regimeId, key.period, key.unitId],
    queryFn: () => api<NotSubmittedView>(`/notices/not-submitted${queryString({ ...key })}`),
  });
}

export function useSendReminders(key: NotSubmittedKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (unitIds: number[] | null) =>
      api<Static<typeof ReminderResult>>('/notices/reminders', {
        method: 'POST',
        body: { ...key, ...(unitIds ? { unitIds } : {}) },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: [...noticesKey, 'not-submitted'] }),
  });
}

export type DeliveryView = Static<typeof DeliveryItem>;

export function useDeliveries(
  status: 'pending' | 'sent' | 'failed' | undefined,
  page: { limit: number; offset: number },
) {
  return useQuery({
    queryKey: [...noticesKey, 'deliveries', status, page.limit, page.offset],
    queryFn: () =>
      api<{ items: DeliveryView[]; total: number }>(`/notices/deliveries${queryString({ status, ...page })}`),
  });
}
