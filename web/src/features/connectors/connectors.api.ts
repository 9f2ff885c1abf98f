import type { ConnectorRun, ConnectorView, FeedMapping, RegimeDetail, RegimeSummary } from '@baocao/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, queryString } from '../../api/client';
import type { PageOf } from '../../api/types';
import { useDebouncedValue } from '../../components/use-debounced-value';

export const connectorsQueryKey = ['connectors'] as const;

const busy = (run: ConnectorRun | null | undefined) => run?.status === 'running' || run?.status === 'retrying';

/** GET /connectors; polled while a run is going so its outcome shows without a reload. */
export function useConnectors() {
  return useQuery({
    queryKey: connectorsQueryKey,
    queryFn: ({ signal }) => api<ConnectorView[]>('/connectors', { signal }),
    refetchInterval: (query) => ((query.state.data ?? []).some((c) => busy(c.lastRun)) ? 1500 : 30_000),
  });
}

/**
 * GET /connectors/:id/runs, newest first; polled while the newest run is going. When the newest
 * run has ended but the list still shows it going, the list is refetched at once, so the table's
 * "last run" never disagrees with the history beside it.
 */
export function useConnectorRuns(id: number | null, page: number, pageSize: number) {
  const client = useQueryClient();
  return useQuery({
    queryKey: [...connectorsQueryKey, id, 'runs', page, pageSize],
    enabled: id !== null,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const runs = await api<PageOf<ConnectorRun>>(
        `/connectors/${id}/runs${queryString({ limit: pageSize, offset: (page - 1) * pageSize })}`,
        { signal },
      );
      const newest = runs.items[0];
      const listed = client.getQueryData<ConnectorView[]>(connectorsQueryKey)?.find((c) => c.id === id);
      if (newest && !busy(newest) && listed?.lastRun?.id === newest.id && busy(listed.lastRun)) {
        void client.invalidateQueries({ queryKey: connectorsQueryKey, exact: true });
      }
      return runs;
    },
    refetchInterval: (query) => (busy(query.state.data?.items[0]) ? 1500 : 30_000),
  });
}

export interface ConnectorInput {
  code?: string;
  name: string;
  url: string;
  format: 'json' | 'csv';
  formId: number;
  unitId: number;
  mapping: FeedMapping;
  atomic: boolean;
  intervalMinutes: number;
  active: boolean;
}

/** POST /connectors (no id) or PUT /connectors/:id. */
export function useSaveConnector(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectorInput) =>
      id === null
        ? api<ConnectorView>('/connectors', { method: 'POST', body: input })
        : api<ConnectorView>(`/connectors/${id}`, { method: 'PUT', body: { ...input, code: undefined } }),
    onSuccess: () => client.invalidateQueries({ queryKey: connectorsQueryKey }),
  });
}

/** POST /connectors/:id/run: a run on the job queue. */
export function useRunConnector() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (connector: ConnectorView) => api<ConnectorRun>(`/connectors/${connector.id}/run`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: connectorsQueryKey }),
  });
}

/** Regimes found by code or name, for the form picker. */
export function useRegimeSearch(q: string) {
  return useQuery({
    queryKey: ['regimes', 'connector-picker', q],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<RegimeSummary>>(`/regimes${queryString({ q: q || undefined, limit: 20 })}`, { signal }),
  });
}

export function useRegimeForms(regimeId: number | null) {
  return useQuery({
    queryKey: ['regimes', regimeId],
    enabled: regimeId !== null,
    queryFn: ({ signal }) => api<RegimeDetail>(`/regimes/${regimeId}`, { signal }),
  });
}

/** A form already chosen (editing): its regime's code and its own, to label it before the search answers. */
export interface KnownForm {
  regimeCode: string;
  formId: number;
  formCode: string;
}

/**
 * The regime → form pickers of an editor (a connector's form, a federation link's forwarded
 * forms): the regimes found for what is typed, the chosen regime's forms, their options in the
 * page's language, and, when editing, the known form's regime chosen once the search finds it.
 */
export function useRegimeFormPicker({
  known,
  regimeId,
  chooseRegime,
  language,
}: {
  known: KnownForm | null;
  regimeId: number | null;
  /** Sets the regime field to the known form's regime, unless it already has one. */
  chooseRegime: (found: number) => void;
  language: 'vi' | 'en';
}) {
  const [search, setSearch] = useState(known?.regimeCode ?? '');
  const q = useDebouncedValue(search.trim(), 250);
  const regimes = useRegimeSearch(q);
  const regime = useRegimeForms(regimeId);

  // Editing: the form names its regime by code; pick it once the search finds it.
  const choose = useRef(chooseRegime);
  choose.current = chooseRegime;
  useEffect(() => {
    if (!known) return;
    const found = regimes.data?.items.find((r) => r.code === known.regimeCode);
    if (found) choose.current(found.id);
  }, [known, regimes.data]);

  const regimeOptions = (regimes.data?.items ?? []).map((r) => ({
    value: r.id,
    label: `${r.code} — ${r.name[language]}`,
  }));
  const formOptions = regime.data
    ? regime.data.forms.map((f) => ({ value: f.id, label: `${f.code} — ${f.title?.[language] ?? ''}` }))
    : known
      ? [{ value: known.formId, label: `${known.regimeCode} / ${known.formCode}` }]
      : [];
  return { search, setSearch, regimes, regime, regimeOptions, formOptions };
}

/** "60" → "1 giờ": an interval in the largest whole unit. */
export function intervalParts(minutes: number): { key: 'minutes' | 'hours' | 'days'; n: number } {
  if (minutes % 1440 === 0) return { key: 'days', n: minutes / 1440 };
  if (minutes % 60 === 0) return { key: 'hours', n: minutes / 60 };
  return { key: 'minutes', n: minutes };
}

/**
 * The form field a server error names: `mapping.values[1].cell` → ['mapping', 'values', 1, 'cell'].
 * Null when it is not a field of the connector form.
 */
export function connectorFieldOf(field: string | undefined): (string | number)[] | null {
  if (!field) return null;
  const steps = field
    .replace(/^\//, '')
    .split(/[.[\]/]+/)
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const known = ['code', 'name', 'url', 'format', 'formId', 'unitId', 'intervalMinutes', 'mapping', 'atomic', 'active'];
  return typeof steps[0] === 'string' && known.includes(steps[0]) ? steps : null;
}
