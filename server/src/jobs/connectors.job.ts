/**
 * Pull connectors on the job queue (features/connectors). Two tasks:
 *
 * - `schedule-connectors` (crontab, every minute) starts a run of each active connector whose
 *   next run time has come, and queues its first attempt;
 * - `run-connector` makes one attempt of one run (connectors.service.ts `attemptConnectorRun`):
 *   fetch, map, import; a feed that fails is tried again after a doubling back-off.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { ConnectorConfig } from '../config';
import type { Db } from '../db/database';
import { RUN_CONNECTOR, SCHEDULE_CONNECTORS, startDueRuns } from '../features/connectors/connectors.queries';
import { attemptConnectorRun } from '../features/connectors/connectors.service';
import { ReportCatalog } from '../reporting/report-context';

export { RUN_CONNECTOR, SCHEDULE_CONNECTORS };

export function scheduleConnectorsJob(db: Db): Task {
  return async () => {
    await startDueRuns(db);
  };
}

export function runConnectorJob(db: Db, config: ConnectorConfig): Task {
  const reports = new ReportCatalog();
  return async (payload) => {
    const id = Number((payload as { runId?: unknown }).runId);
    if (!Number.isSafeInteger(id)) return;
    await attemptConnectorRun(db, reports, config, id);
  };
}

export const scheduleConnectorsCron: CronItem = {
  task: SCHEDULE_CONNECTORS,
  match: '* * * * *',
  options: { jobKey: SCHEDULE_CONNECTORS, jobKeyMode: 'preserve_run_at', backfillPeriod: 0 },
};
