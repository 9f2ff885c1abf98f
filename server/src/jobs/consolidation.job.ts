/**
 * The consolidation worker: refreshes the (unit, form, period) slices queued by
 * submits, in batches, deepest units first so each level reads the fresh level
 * below it in the same transaction. One worker is active per database (a
 * session advisory lock elects it; the others stand by), so two processes never
 * race on the same province or country row. It wakes on NOTIFY from the
 * submitting transaction and also polls, then announces refreshed slices on the
 * `baocao_live` channel for the open pages.
 *
 * It is not a job of the runner (runner.ts), though it has the same start, drain
 * and stop. A submit queues its slices in `consolidation_queue` inside its one
 * write statement; a queue job per submit would add a job row and its
 * bookkeeping to every submit, and refresh the same province and national
 * slices once per submit. This loop instead waits GATHER_MS after a wake-up so
 * that hundreds of submits share one batch, which refreshes each slice once,
 * and keeps batches strictly one after another on one elected process — both
 * measured (docs/benchmarks.md), and both awkward to express as queue jobs.
 */
import pg from 'pg';
import { createDb, createPool } from '../db/database';
import { computeConsolidations, storeConsolidations } from '../features/consolidation/consolidation-engine';
import { noticeChangedSinceSent } from '../features/notices/notices.service';
import { announceLive, CONSOLIDATE_CHANNEL } from '../reporting/channels';
import { type EventRow, recordEvents } from '../reporting/events';
import { formInForce, periodOf, ReportCatalog } from '../reporting/report-context';

const WORKER_LOCK = 740_2020;
const BATCH = 2_000;
const POLL_MS = 500;
// After a wake-up, wait this long for more submits to join the batch: each batch refreshes the
// province and national slices once however many submits it carries, so at the peak fewer,
// larger batches cost less CPU (measured: about 8 % less per submit than 15 ms) and the
// freshness goal (1 s) keeps a wide margin.
const GATHER_MS = 60;

export interface ConsolidationWorker {
  /** Processes the queue until it is empty (tests and benchmarks). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

interface Slice {
  unitId: number;
  formId: number;
  periodId: string;
  depth: number;
}

export async function startConsolidationWorker(deps: {
  connectionString: string;
  log?: (message: string, error?: unknown) => void;
  /** Keep the analytics rollup store up (default); off only to measure what the upkeep costs (bench/analytics). */
  analyticsUpkeep?: boolean;
}): Promise<ConsolidationWorker> {
  // A pool of its own: under peak load the shared pool's queue would delay every batch.
  const ownPool = createPool(deps.connectionString, 2);
  const db = createDb(ownPool);
  const reports = new ReportCatalog();
  let stopped = false;
  let active = false;
  // Batches never overlap: a level must read the level below as already refreshed.
  let chain: Promise<void> = Promise.resolve();
  const exclusive = (work: () => Promise<void>) => {
    const next = chain.then(work);
    chain = next.catch(() => {});
    return next;
  };
  let wake: (() => void) | null = null;
  // A notification that arrives while a batch runs is remembered: the loop then gathers and runs
  // again at once instead of sleeping the poll interval (which made such submits wait up to
  // POLL_MS more, the tail of the freshness figure at a steady flow of submits).
  let notified = false;
  const listener = new pg.Client({ connectionString: deps.connectionString, application_name: 'baocao-consolidation' });
  listener.on('error', (error) => deps.log?.('consolidation listener error', error));
  listener.on('notification', () => {
    notified = true;
    wake?.();
  });

  async function runBatch(): Promise<number> {
    const startedAt = Date.now();
    return db.transaction().execute(async (tx) => {
      const rows = await tx
        .deleteFrom('consolidationQueue')
        .where('id', 'in', (eb) =>
          eb.selectFrom('consolidationQueue').select('id').orderBy('id').limit(BATCH).forUpdate().skipLocked(),
        )
        .returning(['unitId', 'formId', 'periodId', 'depth'])
        .execute();
      if (rows.length === 0) return 0;
      const slices = new Map<string, Slice>();
      for (const row of rows) slices.set(`${row.formId}|${row.periodId}|${row.unitId}`, row);
      const ordered = [...slices.values()].sort((a, b) => b.depth - a.depth);
      // One level of one form and period at a time, deepest first.
      const levels = new Map<string, Slice[]>();
      for (const slice of ordered) {
        const key = `${slice.depth}|${slice.formId}|${slice.periodId}`;
        levels.set(key, [...(levels.get(key) ?? []), slice]);
      }
      const events: EventRow[] = [];
      for (const level of levels.values()) {
        const { formId, periodId } = level[0]!;
        const newest = await reports.form(tx, formId);
        const period = periodOf(newest.regime, periodId);
        const form = formInForce(newest, period);
        const results = await computeConsolidations(
          tx,
          form,
          level.map((s) => s.unitId),
          period,
        );
        await storeConsolidations(tx, form, periodId, results, { analytics: deps.analyticsUpkeep !== false });
        for (const slice of level)
          events.push({
            type: 'report.consolidated',
            unitId: slice.unitId,
            onDate: period.start,
            formId,
            periodId,
            submissionId: null,
            data: {},
          });
      }
      // The stream's report.consolidated: one event per slice refreshed by this batch.
      await recordEvents(tx, events);
      await announceLive(
        tx,
        ordered.map((s) => [s.unitId, s.formId, s.periodId]),
        startedAt,
        'consolidation',
      );
      // A unit that already sent its consolidation hears when its figures have changed since.
      await noticeChangedSinceSent(
        tx,
        ordered.map((s) => [s.unitId, s.formId, s.periodId]),
      );
      if (process.env.BAOCAO_DEBUG_WORKER)
        console.error(`worker batch: ${rows.length} rows, ${ordered.length} slices, ${Date.now() - startedAt} ms`);
      return rows.length;
    });
  }

  async function drainOnce(): Promise<void> {
    for (;;) {
      const processed = await runBatch();
      // A stopping worker ends after the batch in hand: the rest of the queue is kept in the
      // database for the next worker (a shutdown under load waited for the whole queue, a test's
      // teardown 30-45 s, past its hook's limit at a load of 15).
      if (processed < BATCH || stopped) return;
    }
  }

  async function loop() {
    while (!stopped) {
      if (!active) {
        await new Promise((r) => setTimeout(r, 2_000));
        await tryBecomeActive();
        continue;
      }
      notified = false;
      try {
        await exclusive(drainOnce);
      } catch (error) {
        deps.log?.('consolidation batch failed', error);
      }
      await new Promise<void>((resolve) => {
        if (notified) {
          setTimeout(resolve, GATHER_MS);
          return;
        }
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          wake = null;
          clearTimeout(timer);
          setTimeout(resolve, GATHER_MS);
        };
      });
      wake = null;
    }
  }

  async function tryBecomeActive() {
    if (stopped) return;
    try {
      const result = await listener.query('select pg_try_advisory_lock($1) as locked', [WORKER_LOCK]);
      active = result.rows[0]?.locked === true;
    } catch (error) {
      deps.log?.('consolidation worker lock failed', error);
    }
  }

  try {
    await listener.connect();
    await listener.query(`LISTEN ${CONSOLIDATE_CHANNEL}`);
  } catch (error) {
    await listener.end().catch(() => {});
    await db.destroy();
    throw error;
  }
  await tryBecomeActive();
  void loop();

  return {
    async drain() {
      await exclusive(drainOnce);
    },
    async stop() {
      stopped = true;
      wake?.();
      await chain;
      await listener.end().catch(() => {});
      await db.destroy();
    },
  };
}
