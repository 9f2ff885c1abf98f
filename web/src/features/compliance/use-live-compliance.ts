import { useLiveRefetch } from '../../reporting/use-live-refetch';
import { complianceQueryKey } from './compliance.api';

/** At the peak every submit refreshes a slice: refetch the board at most this often. */
const COALESCE_MS = 1000;

/**
 * Keeps the board live: every submit, send-up or review of a form of the regime
 * refreshes its consolidating ancestors' slices, and the server announces each
 * refreshed slice inside the viewer's subtree; an event of one of the board's
 * forms and its period refetches the board.
 */
export function useLiveCompliance(formIds: readonly number[], periodId: string | null) {
  const forms = formIds.join(',');
  const watched = new Set(formIds);
  return useLiveRefetch({
    queryKey: complianceQueryKey,
    coalesceMs: COALESCE_MS,
    matches:
      periodId === null || forms === '' ? null : (event) => watched.has(event.formId) && event.periodId === periodId,
    watchKey: `${forms}|${periodId}`,
  }).connected;
}
