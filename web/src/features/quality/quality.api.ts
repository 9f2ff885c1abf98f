import type { QualityView } from '@baocao/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';

export const qualityQueryKey = ['quality'] as const;

export interface QualityChoice {
  regimeId: number;
  periodId: string;
  unitId?: number | undefined;
}

/** GET /quality: outliers, rule violations, cross-source discrepancies, timeliness of one period. */
export function useQuality(choice: QualityChoice | null) {
  return useQuery({
    queryKey: [...qualityQueryKey, choice],
    enabled: choice !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<QualityView>(
        `/quality${queryString({ regimeId: choice!.regimeId, periodId: choice!.periodId, unitId: choice!.unitId })}`,
        { signal },
      ),
  });
}
