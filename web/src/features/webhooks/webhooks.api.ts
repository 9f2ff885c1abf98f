import type { EventType, WebhookDelivery, WebhookView } from '@baocao/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';
import type { PageOf } from '../../api/types';

export const webhooksQueryKey = ['webhooks'] as const;
export const webhooksListKey = [...webhooksQueryKey, 'list'] as const;

/** GET /webhooks: the caller's subscriptions (everyone's for a system administrator). */
export function useWebhooks() {
  return useQuery({
    queryKey: webhooksListKey,
    queryFn: ({ signal }) => api<WebhookView[]>('/webhooks', { signal }),
    refetchInterval: (query) => ((query.state.data ?? []).some((w) => w.pending > 0) ? 2000 : 30_000),
  });
}

/** GET /webhooks/:id/deliveries, newest first; polled while one is pending. */
export function useWebhookDeliveries(id: number | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...webhooksQueryKey, id, 'deliveries', page, pageSize],
    enabled: id !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<WebhookDelivery>>(
        `/webhooks/${id}/deliveries${queryString({ limit: pageSize, offset: (page - 1) * pageSize })}`,
        { signal },
      ),
    refetchInterval: (query) =>
      (query.state.data?.items ?? []).some((d) => d.status === 'pending') || (query.state.data?.total ?? 0) === 0
        ? 1500
        : 15_000,
  });
}

export interface WebhookInput {
  url: string;
  description?: string;
  eventTypes: EventType[];
  unitIds: number[];
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookInput) =>
      api<{ secret: string; webhook: WebhookView }>('/webhooks', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useSetWebhookActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) =>
      api<WebhookView>(`/webhooks/${id}`, { method: 'PATCH', body: { active } }),
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useRedeliver() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: number; deliveryId: number }) =>
      api<{ ok: boolean }>(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
