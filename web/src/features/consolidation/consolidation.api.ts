import type { ConsolidationView, DrilldownView } from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';
import { consolidationQueryKey } from '../../reporting/query-keys';
import type { ReportKey } from '../../reporting/reports.api';

// The API's shapes, derived from the shared schemas in @baocao/domain.
export type ConsolidationViewData = Static<typeof ConsolidationView>;
export type ChildRow = ConsolidationViewData['children'][number];
export type AdjustmentRow = ConsolidationViewData['adjustments'][number];
export type DrilldownData = Static<typeof DrilldownView>;
export type Contribution = DrilldownData['contributions'][number];

export function useConsolidation(key: ReportKey | null) {
  return useQuery({
    queryKey: [...consolidationQueryKey, 'view', key?.unitId, key?.formId, key?.period],
    enabled: key !== null,
    staleTime: 5_000,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<ConsolidationViewData>(
        `/consolidation${queryString({ unitId: key!.unitId, formId: key!.formId, period: key!.period })}`,
        { signal },
      ),
  });
}

export function useDrilldown(key: ReportKey | null, cell: string | null) {
  return useQuery({
    queryKey: [...consolidationQueryKey, 'drilldown', key?.unitId, key?.formId, key?.period, cell],
    enabled: key !== null && cell !== null,
    staleTime: 5_000,
    queryFn: ({ signal }) =>
      api<DrilldownData>(
        `/consolidation/drilldown${queryString({ unitId: key!.unitId, formId: key!.formId, period: key!.period, cell })}`,
        { signal },
      ),
  });
}

export function addAdjustment(key: ReportKey, body: { cellKey: string; delta: number; reason: string }) {
  return api<{ id: number }>('/consolidation/adjustments', {
    method: 'POST',
    body: { unitId: key.unitId, formId: key.formId, period: key.period, ...body },
  });
}
