/**
 * Generates the demonstration history (features/demo/demo-history.ts) after the
 * server is up: one period per run, newest first, then the job queues itself again
 * while periods remain. One period is one transaction of about a second, so a
 * stopping server waits for at most one, and a later start carries on where the
 * plan stands (the job key keeps one waiting job per database).
 */
import type { Task } from 'graphile-worker';
import type { Db, Tx } from '../db/database';
import { demoHistoryStatus, loadNextDemoPeriod } from '../features/demo/demo-history';
import { generateDemoDocuments } from '../features/documents/document-presets';
import { ReportCatalog } from '../reporting/report-context';
import { addJob } from './job-queue';

export const DEMO_HISTORY = 'demo-history';

export function demoHistoryJob(db: Db, log?: (line: string) => void): Task {
  const reports = new ReportCatalog();
  return async () => {
    const loaded = await loadNextDemoPeriod(db, reports);
    // Done, or another run holds the loader and queues the next run itself.
    if (loaded === null || loaded === 'busy') return;
    // One line when the day with demo data is in and one at the end, not one per period: the
    // sign-in instructions printed at start must stay on screen.
    const status = await demoHistoryStatus(db);
    if (status.loaded === 1 || !status.loading)
      log?.(
        `Demo history: ${status.loaded}/${status.planned} report periods generated (last: ${loaded.regimeCode} ${loaded.periodId}, ${loaded.submissions} submissions in ${loaded.loadMs} ms).`,
      );
    if (status.loading) await queueDemoHistory(db);
    else {
      // The history is in: the demo's generated reports get their first version from it.
      const issued = await generateDemoDocuments(db, reports);
      if (issued > 0) log?.(`Demo generated reports: ${issued} issued from the demo history.`);
    }
  };
}

/** Queues the next run unless one is waiting. */
export async function queueDemoHistory(executor: Db | Tx): Promise<void> {
  await addJob(executor, DEMO_HISTORY, {}, { jobKey: DEMO_HISTORY, jobKeyMode: 'preserve_run_at', maxAttempts: 5 });
}
