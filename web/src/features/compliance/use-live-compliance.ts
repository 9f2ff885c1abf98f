import type { LiveEvent } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { complianceQueryKey } from './compliance.api';

const LIVE_URL = '/api/v1/live';
/** At the peak every submit refreshes a slice: refetch the board at most this often. */
const COALESCE_MS = 1000;

/**
 * Keeps the board live: every submit, send-up or review of a form of the regime
 * refreshes its consolidating ancestors' slices, and the server announces each
 * refreshed slice inside the viewer's subtree (GET /live); an event of one of the
 * board's forms and its period refetches the board.
 */
export function useLiveCompliance(formIds: readonly number[], periodId: string | null) {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  const timer = useRef(0);
  const forms = formIds.join(',');

  useEffect(() => {
    if (periodId === null || forms === '' || typeof EventSource === 'undefined') return;
    const watched = new Set(forms.split(',').map(Number));
    const refresh = () => {
      if (timer.current) return;
      timer.current = window.setTimeout(() => {
        timer.current = 0;
        void client.invalidateQueries({ queryKey: complianceQueryKey });
      }, COALESCE_MS);
    };
    let lost = false;
    const source = new EventSource(LIVE_URL, { withCredentials: true });
    source.onopen = () => {
      setConnected(true);
      if (lost) refresh();
      lost = false;
    };
    source.onerror = () => {
      setConnected(false);
      lost = true;
    };
    source.addEventListener('consolidation', (message) => {
      let event: LiveEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
      } catch {
        return;
      }
      if (watched.has(event.formId) && event.periodId === periodId) refresh();
    });
    return () => {
      source.close();
      window.clearTimeout(timer.current);
      timer.current = 0;
      setConnected(false);
    };
  }, [client, forms, periodId]);

  return connected;
}
