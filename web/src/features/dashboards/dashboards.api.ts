import type {
  DashboardBody,
  DashboardItem,
  DashboardSummary,
  DashboardUpdateBody,
  PeriodType,
  Widget,
  WidgetQuery,
} from '@baocao/domain';
import { periodForDate, previousPeriod, vietnamDate } from '@baocao/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const dashboardsQueryKey = ['dashboards'] as const;
/** Every widget's data sits under this key, so one live event refetches the whole board. */
export const boardDataQueryKey = ['dashboard-data'] as const;
export const analyticsQueryKey = [...boardDataQueryKey, 'analytics'] as const;

export function useDashboards() {
  return useQuery({
    queryKey: [...dashboardsQueryKey, 'list'],
    queryFn: ({ signal }) => api<{ items: DashboardSummary[] }>('/dashboards', { signal }),
  });
}

export function useDashboard(id: number | null) {
  return useQuery({
    queryKey: [...dashboardsQueryKey, 'one', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<DashboardItem>(`/dashboards/${id}`, { signal }),
  });
}

export function useSaveDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: DashboardBody | DashboardUpdateBody }) =>
      id === null
        ? api<DashboardItem>('/dashboards', { method: 'POST', body })
        : api<DashboardItem>(`/dashboards/${id}`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardsQueryKey }),
  });
}

export function useDeleteDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<{ ok: boolean }>(`/dashboards/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardsQueryKey }),
  });
}

/** What the analytics API answers (issue 11 §1), as far as the widgets read it. */
export interface AnalyticsCell {
  field: string;
  option: string | null;
  unitId: number;
  period: string;
  value: number | string | boolean | null;
  included: number;
  expected: number;
  approximate: boolean;
}
export interface AnalyticsAnswer {
  periodType: string;
  periods: { id: string; start: string; end: string }[];
  fields: {
    id: string;
    form: { code: string };
    field: { code: string; label: { vi: string; en: string } };
    unitOfMeasure: string | null;
  }[];
  units: { id: number; code: string; name: string; kind: string; areaCode: string | null; approximate: boolean }[];
  cells: AnalyticsCell[];
  totals: Omit<AnalyticsCell, 'unitId'>[];
}

/** The board's filters: the period the widgets end at (default: the current one) and the unit they look under. */
export interface BoardFilters {
  /** A date (YYYY-MM-DD, Vietnam time) inside the last period shown. */
  date: string;
  unitId: number | null;
}

export const todayInVietnam = () => vietnamDate(Date.now());

/** The periods of a widget: the `last` periods of its type ending with the one holding the filter date. */
export function periodRange(type: PeriodType, last: number, date: string): { from: string; to: string } {
  const to = periodForDate(type, date);
  let from = to;
  for (let i = 1; i < last; i++) from = previousPeriod(from);
  return { from: from.id, to: to.id };
}

/** The analytics query of a data widget under the board's filters. */
export function analyticsRequest(query: WidgetQuery, filters: BoardFilters) {
  const { from, to } = periodRange(query.periods.type, query.periods.last, filters.date);
  const units: Record<string, unknown> = {};
  if (query.units.level) units.level = query.units.level;
  if (filters.unitId !== null) {
    if (query.units.level) units.root = filters.unitId;
    else units.childrenOf = filters.unitId;
  } else if (!query.units.level) units.childrenOf = 'mine';
  return {
    fields: query.fields,
    units,
    periods: { type: query.periods.type, from, to },
    ...(query.filters ? { filters: query.filters } : {}),
    ...(query.byOption ? { byOption: true } : {}),
    ...(query.mapping ? { mapping: query.mapping } : {}),
  };
}

/**
 * A field's figure for the whole answer, per period: the totals of a level or list query, or, for a
 * unit-and-children query (whose first unit is the parent), the parent's own consolidated cells.
 */
export function overallOf(answer: AnalyticsAnswer, field: string): Omit<AnalyticsCell, 'unitId'>[] {
  const totals = answer.totals.filter((c) => c.field === field && c.option === null);
  if (totals.length > 0) return totals;
  const parent = answer.units[0]?.id;
  return answer.cells.filter((c) => c.field === field && c.option === null && c.unitId === parent);
}

/**
 * The newest period of the answer in which the field has a figure (a month still open has none
 * yet): the tiles, bars, pies and maps show it rather than an empty current period.
 */
export function latestPeriodWithData(answer: AnalyticsAnswer, field: string): string | undefined {
  const filled = new Set(
    answer.cells.filter((c) => c.field === field && typeof c.value === 'number').map((c) => c.period),
  );
  return [...answer.periods].reverse().find((p) => filled.has(p.id))?.id ?? answer.periods.at(-1)?.id;
}

export function useWidgetData(widget: Widget, filters: BoardFilters) {
  const body = widget.query ? analyticsRequest(widget.query, filters) : null;
  return useQuery({
    queryKey: [...analyticsQueryKey, body],
    enabled: body !== null,
    queryFn: ({ signal }) => api<AnalyticsAnswer>('/analytics/query', { method: 'POST', body, signal }),
  });
}
