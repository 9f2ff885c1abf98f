/**
 * Generated reports on the job queue (features/documents). Every hour, on the injectable clock,
 * `schedule-documents` plans the runs of the templates whose day of the month it is in Vietnam
 * (the period just ended; once per report: a run already there is not planned again) and queues
 * one `generate-document` job per run in the same transaction. A generation that fails is
 * retried with back-off; at its last attempt the run is marked failed and the template's author
 * told (documents.service.ts `attemptRun`); nothing is ever half-written in the archive.
 */
import { vietnamDate } from '@baocao/domain';
import type { CronItem, Task } from 'graphile-worker';
import type { Db, Tx } from '../db/database';
import { attemptRun, planScheduledRuns } from '../features/documents/documents.service';
import { ReportCatalog } from '../reporting/report-context';
import { addJob } from './job-queue';

export const GENERATE_DOCUMENT = 'generate-document';
export const SCHEDULE_DOCUMENTS = 'schedule-documents';
/** Attempts of one generation before it is reported as failed. */
export const DOCUMENT_ATTEMPTS = 3;

export async function queueDocumentRun(executor: Db | Tx, runId: number): Promise<void> {
  await addJob(
    executor,
    GENERATE_DOCUMENT,
    { runId },
    { maxAttempts: DOCUMENT_ATTEMPTS, jobKey: `document-run:${runId}` },
  );
}

export function generateDocumentJob(db: Db, clock: () => number): Task {
  const reports = new ReportCatalog();
  return async (payload, helpers) => {
    const runId = Number((payload as { runId?: unknown }).runId);
    if (!Number.isInteger(runId)) return;
    const outcome = await attemptRun(db, reports, runId, { maxAttempts: DOCUMENT_ATTEMPTS, now: clock() });
    if (outcome === 'failed')
      helpers.logger.error(`generated report run ${runId} failed after ${DOCUMENT_ATTEMPTS} attempts`);
  };
}

export function scheduleDocumentsJob(db: Db, clock: () => number): Task {
  return async () => {
    const today = vietnamDate(clock());
    await db.transaction().execute(async (tx) => {
      for (const runId of await planScheduledRuns(tx, today)) await queueDocumentRun(tx, runId);
    });
  };
}

export const scheduleDocumentsCron: CronItem = {
  task: SCHEDULE_DOCUMENTS,
  match: '5 * * * *',
  options: { jobKey: SCHEDULE_DOCUMENTS, backfillPeriod: 0 },
};
