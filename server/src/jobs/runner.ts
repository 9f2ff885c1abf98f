/**
 * The job runner: background work runs as jobs in PostgreSQL, taken by
 * graphile-worker in every server process. A job is added with `addJob`
 * (jobs/job-queue.ts), in the transaction of the change that causes it; any
 * number of runners on one database take each job once (row locks with SKIP
 * LOCKED), retry a failed job with exponential back-off, and schedule each
 * crontab entry once per database. One file per job: `<name>.job.ts` holds its
 * task, and the task list and crontab below say which jobs exist.
 *
 * The consolidation worker (consolidation.job.ts) keeps its own loop; its file
 * says why.
 */
import { Logger, type LogLevel, parseCronItems, run, type TaskList } from 'graphile-worker';
import { sql } from 'kysely';
import {
  type ConnectorConfig,
  defaultRetention,
  type MailConfig,
  type RetentionConfig,
  readConnectorConfig,
  readWebhookConfig,
  type WebhookConfig,
} from '../config';
import { createDb, createPool } from '../db/database';
import { JOB_SCHEMA } from '../db/migrate';
import { ReportCatalog } from '../reporting/report-context';
import {
  type AuditCheckpointing,
  CHECKPOINT_AUDIT,
  checkpointAuditCron,
  checkpointAuditJob,
} from './checkpoint-audit.job';
import {
  RUN_CONNECTOR,
  runConnectorJob,
  SCHEDULE_CONNECTORS,
  scheduleConnectorsCron,
  scheduleConnectorsJob,
} from './connectors.job';
import { DEADLINE_LADDER, deadlineLadderCron, deadlineLadderJob } from './deadline-ladder.job';
import { DELIVER_EMAIL, deliverEmailCron, deliverEmailJob } from './deliver-email.job';
import {
  DELIVER_WEBHOOK,
  DISPATCH_WEBHOOKS,
  deliverWebhookJob,
  dispatchWebhooksCron,
  dispatchWebhooksJob,
} from './deliver-webhooks.job';
import { DEMO_HISTORY, demoHistoryJob } from './demo-history.job';
import { FORWARD_FEDERATION, forwardFederationCron, forwardFederationJob } from './federation.job';
import {
  GENERATE_DOCUMENT,
  generateDocumentJob,
  SCHEDULE_DOCUMENTS,
  scheduleDocumentsCron,
  scheduleDocumentsJob,
} from './generate-documents.job';
import { IMPORT_TASK, importJob } from './import.job';
import {
  PURGE_IDEMPOTENCY_KEYS,
  purgeIdempotencyKeysCron,
  purgeIdempotencyKeysJob,
} from './purge-idempotency-keys.job';
import { PURGE_SESSIONS, purgeSessionsCron, purgeSessionsJob } from './purge-sessions.job';
import { PURGE_UNLOCK_REQUESTS, purgeUnlockRequestsCron, purgeUnlockRequestsJob } from './purge-unlock-requests.job';
import { queueSealAudit, SEAL_AUDIT, sealAuditCron, sealAuditJob } from './seal-audit.job';
import { TASK_LADDER, taskLadderCron, taskLadderJob } from './task-ladder.job';

// Jobs share 2 cores with the HTTP server: two at a time, so one long job (a generated
// report) still leaves a slot for the audit sealer.
const CONCURRENCY = 2;
// How often an idle runner looks for jobs whose time has come; jobs due at once are announced
// by NOTIFY when their transaction commits.
const POLL_MS = 1_000;

export interface JobRunner {
  /** Waits until no job is due or running (tests, benchmarks); jobs scheduled for later are not waited for. */
  drain(): Promise<void>;
  /** Takes no more jobs, waits for the running ones to finish, then closes its connections. */
  stop(): Promise<void>;
}

export async function startJobRunner(deps: {
  connectionString: string;
  log?: (message: string, error?: unknown) => void;
  /** Signs audit checkpoints (checkpoint-audit.job.ts) when given; the tests leave it out. */
  auditCheckpointing?: AuditCheckpointing;
  /** Retention periods of the purge jobs (defaults: config.ts). */
  retention?: RetentionConfig;
  /** Progress lines of long jobs (the demo history). */
  info?: (line: string) => void;
  /** Tasks added to the list (tests add probes). */
  extraTasks?: TaskList;
  /** SMTP settings (config.ts `readMailConfig`); null or absent: e-mails fail as not configured. */
  mail?: MailConfig | null;
  /** The clock the warning ladder runs on (epoch ms); tests move it. */
  clock?: () => number;
  /** Webhook deliveries' retries and limits (config.ts `readWebhookConfig`). */
  webhooks?: WebhookConfig;
  /** Pull connectors' and federation links' retries and limits (config.ts `readConnectorConfig`). */
  connectors?: ConnectorConfig;
  /** The master key that seals federation links' tokens (the app's signing key); absent: links cannot send. */
  signingKey?: Buffer;
}): Promise<JobRunner> {
  // A pool of its own: jobs never wait behind requests for a connection, nor hold one a request
  // needs. One connection LISTENs; the others serve the running jobs and the queue's bookkeeping.
  const pool = createPool(deps.connectionString, CONCURRENCY + 3);
  const db = createDb(pool);
  const retention = deps.retention ?? defaultRetention;
  const clock = deps.clock ?? Date.now;
  const email = deliverEmailJob(db, deps.mail ?? null, clock);
  const taskList: TaskList = {
    [SEAL_AUDIT]: sealAuditJob(db),
    [PURGE_SESSIONS]: purgeSessionsJob(db, retention),
    [PURGE_IDEMPOTENCY_KEYS]: purgeIdempotencyKeysJob(db, retention),
    [PURGE_UNLOCK_REQUESTS]: purgeUnlockRequestsJob(db, retention),
    ...(deps.auditCheckpointing ? { [CHECKPOINT_AUDIT]: checkpointAuditJob(db, deps.auditCheckpointing) } : {}),
    [DELIVER_EMAIL]: email.task,
    [DEADLINE_LADDER]: deadlineLadderJob(db, new ReportCatalog(), clock),
    [DEMO_HISTORY]: demoHistoryJob(db, deps.info),
    [TASK_LADDER]: taskLadderJob(db, clock),
    [IMPORT_TASK]: importJob(db),
    [DISPATCH_WEBHOOKS]: dispatchWebhooksJob(db),
    [DELIVER_WEBHOOK]: deliverWebhookJob(db, deps.webhooks ?? readWebhookConfig({})),
    [GENERATE_DOCUMENT]: generateDocumentJob(db, clock),
    [SCHEDULE_DOCUMENTS]: scheduleDocumentsJob(db, clock),
    [SCHEDULE_CONNECTORS]: scheduleConnectorsJob(db),
    [RUN_CONNECTOR]: runConnectorJob(db, deps.connectors ?? readConnectorConfig({})),
    [FORWARD_FEDERATION]: forwardFederationJob(db, deps.connectors ?? readConnectorConfig({}), deps.signingKey ?? null),
    ...deps.extraTasks,
  };
  const crontab = parseCronItems([
    sealAuditCron,
    purgeSessionsCron,
    purgeIdempotencyKeysCron,
    purgeUnlockRequestsCron,
    ...(deps.auditCheckpointing ? [checkpointAuditCron] : []),
    deadlineLadderCron,
    deliverEmailCron,
    taskLadderCron,
    dispatchWebhooksCron,
    scheduleDocumentsCron,
    scheduleConnectorsCron,
    forwardFederationCron,
  ]);
  const runner = await run({
    pgPool: pool,
    schema: JOB_SCHEMA,
    taskList,
    parsedCronItems: crontab,
    concurrency: CONCURRENCY,
    pollInterval: POLL_MS,
    // main.ts owns the signals: HTTP stops first, then the runner, then the database.
    noHandleSignals: true,
    // Records a job's completion or failure through a batcher (of one tick) that a graceful stop
    // waits for; written directly, the record can still be in flight when stop() returns and the
    // pool closes, leaving a finished job locked.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    logger: new Logger(() => (level: LogLevel, message: string, meta?: { error?: unknown }) => {
      if (level === ('error' as LogLevel) || level === ('warning' as LogLevel))
        deps.log?.(`jobs: ${message}`, meta?.error);
    }),
  }).catch(async (error) => {
    email.close();
    await db.destroy();
    throw error;
  });
  const ended = runner.promise.catch((error) => deps.log?.('job runner stopped', error));
  await queueSealAudit(db);

  return {
    async drain() {
      for (;;) {
        const { rows } = await sql<{ busy: boolean }>`SELECT EXISTS (
            SELECT FROM graphile_worker.jobs
            WHERE run_at <= now() AND (locked_at IS NOT NULL OR attempts < max_attempts)) AS busy`.execute(db);
        if (!rows[0]?.busy) return;
        await new Promise<void>((resolve) => {
          // Look again when a job of this runner ends, or soon (the job may be another process's).
          const timer = setTimeout(done, 25);
          function done() {
            clearTimeout(timer);
            runner.events.off('job:complete', done);
            resolve();
          }
          runner.events.on('job:complete', done);
        });
      }
    },
    async stop() {
      // Rejects only if the runner already stopped on its own (logged above).
      await runner.stop().catch(() => {});
      await ended;
      email.close();
      await db.destroy();
    },
  };
}
