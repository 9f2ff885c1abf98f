/**
 * The warning ladder (features/notices/notices.service.ts `runDeadlineLadder`): every minute,
 * the steps whose time has come on the injectable clock — reminders, late warnings,
 * escalations — are taken once each and their grouped notices written, in a transaction per regime.
 * The crontab schedules one run per minute per database; a step is claimed in a table, so a
 * second run (another process, a restart) finds it taken.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { Db } from '../db/database';
import { ladderRegimeIds, runDeadlineLadder } from '../features/notices/notices.service';
import type { ReportCatalog } from '../reporting/report-context';

export const DEADLINE_LADDER = 'deadline-ladder';

export function deadlineLadderJob(db: Db, reports: ReportCatalog, clock: () => number): Task {
  return async (_payload, helpers) => {
    const now = clock();
    let failed: unknown = null;
    // A transaction per regime: one regime that cannot be judged does not hold back the others.
    for (const regimeId of await ladderRegimeIds(db)) {
      try {
        const taken = await db.transaction().execute((tx) => runDeadlineLadder(tx, reports, regimeId, now));
        for (const step of taken)
          helpers.logger.info(
            `ladder: regime ${step.regimeId} ${step.periodId} level ${step.level} ${step.step}: ${step.notices} notices`,
          );
      } catch (error) {
        helpers.logger.error(`ladder: regime ${regimeId} failed: ${String(error)}`);
        failed = error;
      }
    }
    // Failing the job retries it (with back-off); the regimes already done find their steps taken.
    if (failed) throw failed;
  };
}

export const deadlineLadderCron: CronItem = {
  task: DEADLINE_LADDER,
  match: '* * * * *',
  options: { jobKey: DEADLINE_LADDER, backfillPeriod: 0 },
};
