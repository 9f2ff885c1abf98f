import type { LiveEvent } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { consolidationQueryKey } from '../../reporting/query-keys';

const LIVE_URL = '/api/v1/live';
/** Events come in bursts at peak (every child's submit refreshes the slice); refetch at most this often. */
const COALESCE_MS = 250;

/**
 * Keeps the consolidation views of a form and period live: the server pushes a
 * `consolidation` event (Server-Sent Events) whenever a slice inside the viewer's
 * subtree is refreshed, and the page's queries are refetched — the children list
 * and the totals update within a second of a child's submit, with no reload.
 */
export function useLiveConsolidation(formId: number | null, periodId: string | null) {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [lastEventAt, setLastEventAt] = useState<number | null>(null);
  const timer = useRef(0);

  useEffect(() => {
    if (formId === null || periodId === null || typeof EventSource === 'undefined') return;
    const refresh = () => {
      if (timer.current) return;
      timer.current = window.setTimeout(() => {
        timer.current = 0;
        void client.invalidateQueries({ queryKey: consolidationQueryKey });
      }, COALESCE_MS);
    };
    let lostConnection = false;
    const source = new EventSource(LIVE_URL, { withCredentials: true });
    source.onopen = () => {
      setConnected(true);
      // Events sent while the connection was down are gone: catch up once.
      if (lostConnection) refresh();
      lostConnection = false;
    };
    source.onerror = () => {
      setConnected(false);
      lostConnection = true;
    };
    source.addEventListener('consolidation', (message) => {
      let event: LiveEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
      } catch {
        return;
      }
      if (event.formId !== formId || event.periodId !== periodId) return;
      setLastEventAt(Date.now());
      refresh();
    });
    return () => {
      source.close();
      window.clearTimeout(timer.current);
      timer.current = 0;
      setConnected(false);
    };
  }, [client, formId, periodId]);

  return { connected, lastEventAt };
}
