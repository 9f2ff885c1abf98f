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
  /** Writes Server-Sent Events text (one or more `consolidation` events at once) to the page. */
  write?(text: string): void;
  /** Or takes the events one by one (in-process listeners, tests). */
  send?(event: LiveEvent): void;
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

  /**
   * One notification carries up to 200 slices. Each event is serialized once, and each page gets
   * the events it may see in one write: with 1,000 pages open, a write per event and page (and a
   * JSON.stringify per write) was tens of thousands of socket writes a second at a steady flow of
   * submits, which delayed the events themselves.
   */
  async function deliver(payload: string) {
    if (subscribers.size === 0) return;
    const parsed = JSON.parse(payload) as { startedAt: number; reason: LiveReason; slices: [number, number, string][] };
    const pages = [...subscribers];
    const needsScope = pages.some((s) => !s.all);
    const batches = new Map<LiveSubscriber, LiveEvent[]>();
    const everything: LiveEvent[] = [];
    for (const [unitId, formId, periodId] of parsed.slices) {
      const event: LiveEvent = { unitId, formId, periodId, startedAt: parsed.startedAt, reason: parsed.reason };
      everything.push(event);
      if (!needsScope) continue;
      const above = await ancestorsOf(unitId, periodId);
      for (const subscriber of pages) {
        if (subscriber.all) continue;
        if (subscriber.receivedForms?.has(formId) || subscriber.viewRoots.some((root) => above.has(root))) {
          const list = batches.get(subscriber);
          if (list) list.push(event);
          else batches.set(subscriber, [event]);
        }
      }
    }
    const text = new Map<LiveEvent, string>();
    const frame = (events: LiveEvent[]) => {
      let out = '';
      for (const event of events) {
        let one = text.get(event);
        if (one === undefined) {
          one = `event: consolidation\ndata: ${JSON.stringify(event)}\n\n`;
          text.set(event, one);
        }
        out += one;
      }
      return out;
    };
    const all = everything.length > 0 ? frame(everything) : '';
    for (const subscriber of pages) {
      if (!subscribers.has(subscriber)) continue; // closed while the scope was looked up
      const events = subscriber.all ? everything : batches.get(subscriber);
      if (!events || events.length === 0) continue;
      if (subscriber.write) subscriber.write(subscriber.all ? all : frame(events));
      else if (subscriber.send) for (const event of events) subscriber.send(event);
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
