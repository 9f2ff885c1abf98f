/**
 * The task ladder (features/tasks/task-ladder.ts `runTaskLadder`): every minute, on the
 * injectable clock, the warnings before and after task deadlines whose time has come are claimed
 * once each and their grouped notices written, in one transaction. A second run (another process,
 * a restart) finds them claimed.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { Db } from '../db/database';
import { runTaskLadder } from '../features/tasks/task-ladder';

export const TASK_LADDER = 'task-ladder';

export function taskLadderJob(db: Db, clock: () => number): Task {
  return async (_payload, helpers) => {
    const now = clock();
    const result = await db.transaction().execute((tx) => runTaskLadder(tx, now));
    if (result.warnings > 0) helpers.logger.info(`task ladder: ${result.warnings} warnings, ${result.notices} notices`);
  };
}

export const taskLadderCron: CronItem = {
  task: TASK_LADDER,
  match: '* * * * *',
  options: { jobKey: TASK_LADDER, backfillPeriod: 0 },
};
