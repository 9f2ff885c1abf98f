import { consolidationQueryKey } from '../../reporting/query-keys';
import { useLiveRefetch } from '../../reporting/use-live-refetch';

/** Events come in bursts at peak (every child's submit refreshes the slice); refetch at most this often. */
const COALESCE_MS = 250;

/**
 * Keeps the consolidation views of a form and period live: the children list
 * and the totals update within a second of a child's submit, with no reload.
 */
export function useLiveConsolidation(formId: number | null, periodId: string | null) {
  return useLiveRefetch({
    queryKey: consolidationQueryKey,
    coalesceMs: COALESCE_MS,
    matches:
      formId === null || periodId === null ? null : (event) => event.formId === formId && event.periodId === periodId,
    watchKey: `${formId}|${periodId}`,
  });
}
