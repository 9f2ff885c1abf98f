/**
 * Live updates: every server process LISTENs on `baocao_live` and forwards the
 * refreshed consolidation slices to its open pages (Server-Sent Events), each
 * page receiving only slices of units inside the viewer's subtree as it stood
 * in the slice's period (as report data is scoped). Because the
 * fan-out goes through PostgreSQL, a submit served by one process reaches pages
 * served by another.
 */
import { type LiveEvent, type LiveReason, parsePeriod } from '@baocao/domain';
import pg from 'pg';
import { LIVE_CHANNEL } from '../../reporting/channels';
import { unitAndAncestorsOn } from './live.queries';

export interface LiveSubscriber {
  viewRoots: number[];
  all: boolean;
  /** The forms of the regimes the viewer's agency receives: their slices reach it wherever they are. */
  receivedForms?: ReadonlySet<number>;
  send(event: LiveEvent): void;
}

export interface LiveHub {
  subscribe(subscriber: LiveSubscriber): () => void;
  stop(): Promise<void>;
}

/** A period id's first day; events name valid periods (they come from our own writes). */
function periodStart(periodId: string): string {
  return parsePeriod(periodId).start;
}

export function startLiveHub(deps: { connectionString: string; log?: (m: string, e?: unknown) => void }): LiveHub {
  const subscribers = new Set<LiveSubscriber>();
  const ancestors = new Map<string, Set<number>>();
  let client: pg.Client | null = null;

  /** The unit and its ancestors as the hierarchy stood at the start of the slice's period (as report scope is). */
  async function ancestorsOf(unitId: number, periodId: string): Promise<Set<number>> {
    const onDate = periodStart(periodId);
    const key = `${unitId}|${onDate}`;
    const cached = ancestors.get(key);
    if (cached) return cached;
    // On the listening connection itself: the shared pool may be saturated at peak.
    const set = new Set(await unitAndAncestorsOn(client!, unitId, onDate));
    if (ancestors.size > 50_000) ancestors.clear();
    ancestors.set(key, set);
    return set;
  }

  async function deliver(payload: string) {
    if (subscribers.size === 0) return;
    const parsed = JSON.parse(payload) as { startedAt: number; reason: LiveReason; slices: [number, number, string][] };
    const needsScope = [...subscribers].some((s) => !s.all);
    for (const [unitId, formId, periodId] of parsed.slices) {
      const event = { unitId, formId, periodId, startedAt: parsed.startedAt, reason: parsed.reason };
      const above = needsScope ? await ancestorsOf(unitId, periodId) : new Set<number>();
      for (const subscriber of subscribers)
        if (
          subscriber.all ||
          subscriber.receivedForms?.has(formId) ||
          subscriber.viewRoots.some((root) => above.has(root))
        )
          subscriber.send(event);
    }
  }

  const started = (async () => {
    client = new pg.Client({ connectionString: deps.connectionString, application_name: 'baocao-live' });
    client.on('error', (error) => deps.log?.('live listener error', error));
    client.on('notification', (message) => {
      if (message.payload) deliver(message.payload).catch((error) => deps.log?.('live delivery failed', error));
    });
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
  })();

  return {
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    async stop() {
      await started.catch(() => {});
      await client?.end().catch(() => {});
    },
  };
}
