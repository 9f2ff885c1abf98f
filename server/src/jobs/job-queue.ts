/**
 * Adding jobs. The queue lives in graphile-worker's own schema (JOB_SCHEMA in
 * db/migrate.ts, which installs it); a job is one call of its SQL function
 * `add_job`, so it can join any transaction.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';

export interface JobOptions {
  /** One pending job per key: adding a job with the key of a waiting job updates that job instead. */
  jobKey?: string;
  /** `replace` (default) takes the new run time; `preserve_run_at` keeps the waiting job's. */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  runAt?: Date;
  /** Attempts before the job is given up (default 25, with exponential back-off between them). */
  maxAttempts?: number;
}

/**
 * Adds a job on the caller's connection. Given the transaction of the change
 * that causes it, the job exists only if that change commits: a rolled-back
 * change never sends an e-mail. Runners pick it up at once (NOTIFY at commit).
 */
export async function addJob(
  executor: Db | Tx,
  task: string,
  payload: Record<string, unknown>,
  options: JobOptions = {},
): Promise<void> {
  await sql`SELECT FROM graphile_worker.add_job(${task}::text, ${JSON.stringify(payload)}::json,
      run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text,
      job_key_mode => ${options.jobKeyMode ?? 'replace'}::text)`.execute(executor);
}
