import type { LiveEvent } from '@baocao/domain';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

const LIVE_URL = '/api/v1/live';

export interface LiveRefetch {
  /** The queries to refetch when a matching event arrives. */
  queryKey: QueryKey;
  /** Events come in bursts at peak (every child's submit refreshes a slice): refetch at most this often. */
  coalesceMs: number;
  /** Whether an event concerns the page; null keeps the stream closed. */
  matches: ((event: LiveEvent) => boolean) | null;
  /** Changes when `matches` does (the stream reopens then). */
  watchKey: string;
}

/**
 * Keeps a page live: the server pushes a `consolidation` event (Server-Sent
 * Events, GET /live) whenever a slice inside the viewer's subtree is refreshed,
 * and the page's queries are refetched when the event concerns it. Events sent
 * while the connection was down are gone, so a reconnection catches up once.
 */
export function useLiveRefetch({ queryKey, coalesceMs, matches, watchKey }: LiveRefetch) {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [lastEventAt, setLastEventAt] = useState<number | null>(null);
  const timer = useRef(0);
  const current = useRef({ queryKey, matches });
  current.current = { queryKey, matches };
  const open = matches !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the stream reopens when what it watches changes (watchKey)
  useEffect(() => {
    if (!open || typeof EventSource === 'undefined') return;
    const refresh = () => {
      if (timer.current) return;
      timer.current = window.setTimeout(() => {
        timer.current = 0;
        void client.invalidateQueries({ queryKey: current.current.queryKey });
      }, coalesceMs);
    };
    let lostConnection = false;
    const source = new EventSource(LIVE_URL, { withCredentials: true });
    source.onopen = () => {
      setConnected(true);
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
      if (!current.current.matches?.(event)) return;
      setLastEventAt(Date.now());
      refresh();
    });
    return () => {
      source.close();
      window.clearTimeout(timer.current);
      timer.current = 0;
      setConnected(false);
    };
  }, [client, open, coalesceMs, watchKey]);

  return { connected, lastEventAt };
}
