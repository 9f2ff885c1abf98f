/**
 * Runs a queued import (features/imports/import-jobs.ts): one transaction for the
 * whole file, so a run killed halfway leaves nothing and the retry starts over.
 */
import type { Task } from 'graphile-worker';
import type { Db } from '../db/database';
import { IMPORT_TASK, type ImportJobPayload, runQueuedImport } from '../features/imports/import-jobs';
import { ReportCatalog } from '../reporting/report-context';

export { IMPORT_TASK };

export function importJob(db: Db): Task {
  const reports = new ReportCatalog();
  return async (payload) => runQueuedImport(db, reports, payload as ImportJobPayload);
}
