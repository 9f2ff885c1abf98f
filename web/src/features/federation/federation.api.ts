import type {
  FederationItem,
  FederationLinkCreate,
  FederationLinkUpdate,
  FederationLinkView,
  IndicatorSummary,
} from '@baocao/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';
import type { PageOf } from '../../api/types';
import { isPast } from '../../i18n/format';

export const federationQueryKey = ['federation-links'] as const;
const listKey = [...federationQueryKey, 'list'] as const;

export type FederationItemStatus = FederationItem['status'];

/** A link that failed and waits out its back-off: nothing changes before `nextAttemptAt`. */
export const inBackOff = (link: FederationLinkView) => link.consecutiveFailures > 0 && !isPast(link.nextAttemptAt);

/** A link whose items are being sent or about to be: items wait and no back-off holds them. */
const sending = (link: FederationLinkView) => link.active && link.outbox.pending > 0 && !inBackOff(link);

/** GET /federation-links; polled while a link is sending, so the backlog drains before the eyes. */
export function useFederationLinks() {
  return useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) => api<FederationLinkView[]>('/federation-links', { signal }),
    refetchInterval: (query) => ((query.state.data ?? []).some(sending) ? 1500 : 30_000),
  });
}

/**
 * GET /federation-links/:id/items, newest first, optionally of one status; polled while items of
 * the page or of the link wait (slowly while the link waits out a back-off). When the page shows fewer waiting items than the table does, the
 * table is refetched at once, so its backlog never disagrees with the log beside it for long.
 */
export function useFederationItems(
  link: FederationLinkView | null,
  status: FederationItemStatus | null,
  page: number,
  pageSize: number,
) {
  const client = useQueryClient();
  const id = link?.id ?? null;
  return useQuery({
    queryKey: [...federationQueryKey, id, 'items', status, page, pageSize],
    enabled: id !== null,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const items = await api<PageOf<FederationItem>>(
        `/federation-links/${id}/items${queryString({ status, limit: pageSize, offset: (page - 1) * pageSize })}`,
        { signal },
      );
      const listed = client.getQueryData<FederationLinkView[]>(listKey)?.find((l) => l.id === id);
      const waiting = items.items.filter((i) => i.status === 'pending').length;
      if (listed && status === null && page === 1 && items.total <= pageSize && waiting !== listed.outbox.pending)
        void client.invalidateQueries({ queryKey: listKey, exact: true });
      return items;
    },
    refetchInterval: (query) => {
      const data = query.state.data;
      const waiting =
        (data?.items ?? []).some((i) => i.status === 'pending') || (data?.total ?? 0) === 0 || !!link?.outbox.pending;
      return link?.active && !inBackOff(link) && waiting ? 1500 : 15_000;
    },
  });
}

/** POST /federation-links (no id) or PUT /federation-links/:id (without `token`, the stored one stays). */
export function useSaveFederationLink(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FederationLinkUpdate) =>
      id === null
        ? api<FederationLinkView>('/federation-links', { method: 'POST', body: input as FederationLinkCreate })
        : api<FederationLinkView>(`/federation-links/${id}`, { method: 'PUT', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: federationQueryKey }),
  });
}

/** POST /federation-links/:id/send: the back-off cut short, a round queued. */
export function useSendFederationLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: FederationLinkView) =>
      api<FederationLinkView>(`/federation-links/${link.id}/send`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: federationQueryKey }),
  });
}

export function useDeleteFederationLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: FederationLinkView) => api<void>(`/federation-links/${link.id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: federationQueryKey }),
  });
}

/** Indicators found by code or name, for the indicator picker. */
export function useIndicatorSearch(q: string) {
  return useQuery({
    queryKey: ['indicators', 'federation-picker', q],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<IndicatorSummary>>(`/indicators${queryString({ q: q || undefined, limit: 20 })}`, { signal }),
  });
}
