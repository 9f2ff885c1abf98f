/**
 * The SQL of pull connectors: the connectors, their runs, and the jobs that run them
 * (added with graphile-worker's `add_job()` in the caller's transaction; the job files
 * import this feature, so it cannot import them back).
 */
import type { FeedMapping } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export const RUN_CONNECTOR = 'run-connector';
export const SCHEDULE_CONNECTORS = 'schedule-connectors';

export interface ConnectorRow {
  id: number;
  code: string;
  name: string;
  url: string;
  format: 'json' | 'csv';
  formId: number;
  formCode: string;
  regimeCode: string;
  unitId: number;
  unitName: string;
  mapping: FeedMapping;
  atomic: boolean;
  intervalMinutes: number;
  active: boolean;
  ownerId: number;
  consecutiveFailures: number;
  nextRunAt: Date;
  createdAt: Date;
}

export interface RunRow {
  id: string;
  connectorId: number;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'retrying' | 'succeeded' | 'rejected' | 'failed';
  attempts: number;
  startedAt: Date;
  finishedAt: Date | null;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  conflicts: { rows: number[]; object: string; message: string }[];
}

const connectorColumns = sql`c.id, c.code, c.name, c.url, c.format, c.form_id, f.code AS form_code, r.code AS regime_code,
  c.unit_id, u.name AS unit_name, c.mapping, c.atomic, c.interval_minutes, c.active, c.owner_id, c.consecutive_failures,
  c.next_run_at, c.created_at`;
const connectorFrom = sql`connectors c JOIN forms f ON f.id = c.form_id JOIN regimes r ON r.id = f.regime_id
  JOIN units u ON u.id = c.unit_id`;

export async function findConnectors(db: Reader): Promise<ConnectorRow[]> {
  const { rows } = await sql<ConnectorRow>`SELECT ${connectorColumns} FROM ${connectorFrom}
    ORDER BY c.code LIMIT 500`.execute(db);
  return rows;
}

export async function findConnector(db: Reader, id: number): Promise<ConnectorRow | undefined> {
  const { rows } = await sql<ConnectorRow>`SELECT ${connectorColumns} FROM ${connectorFrom} WHERE c.id = ${id}`.execute(
    db,
  );
  return rows[0];
}

export async function codeTaken(db: Reader, code: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM connectors WHERE lower(code) = lower(${code})`.execute(db);
  return rows.length > 0;
}

export interface ConnectorWrite {
  name: string;
  url: string;
  format: 'json' | 'csv';
  formId: number;
  unitId: number;
  mapping: FeedMapping;
  atomic: boolean;
  intervalMinutes: number;
  active: boolean;
}

export async function insertConnector(tx: Tx, code: string, ownerId: number, c: ConnectorWrite): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO connectors
      (code, name, url, format, form_id, unit_id, mapping, atomic, interval_minutes, active, owner_id)
    VALUES (${code}, ${c.name}, ${c.url}, ${c.format}, ${c.formId}, ${c.unitId}, ${JSON.stringify(c.mapping)}::jsonb,
      ${c.atomic}, ${c.intervalMinutes}, ${c.active}, ${ownerId})
    RETURNING id`.execute(tx);
  return rows[0]!.id;
}

export async function updateConnectorRow(tx: Tx, id: number, c: ConnectorWrite): Promise<void> {
  await sql`UPDATE connectors SET name = ${c.name}, url = ${c.url}, format = ${c.format}, form_id = ${c.formId},
      unit_id = ${c.unitId}, mapping = ${JSON.stringify(c.mapping)}::jsonb, atomic = ${c.atomic},
      interval_minutes = ${c.intervalMinutes}, active = ${c.active}, updated_at = now(),
      consecutive_failures = CASE WHEN ${c.active} AND NOT active THEN 0 ELSE consecutive_failures END
    WHERE id = ${id}`.execute(tx);
}

const runColumns = sql`id::text AS id, connector_id, trigger, status, attempts, started_at, finished_at, row_count,
  created, updated, unchanged, rejected, error, conflicts`;

export async function findRuns(
  db: Reader,
  connectorId: number,
  page: { limit: number; offset: number },
): Promise<{ rows: RunRow[]; total: number }> {
  const { rows } = await sql<RunRow>`SELECT ${runColumns} FROM connector_runs WHERE connector_id = ${connectorId}
    ORDER BY id DESC LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM connector_runs
    WHERE connector_id = ${connectorId}`.execute(db);
  return { rows, total: count.rows[0]!.n };
}

/** The latest run of each connector. */
export async function findLastRuns(db: Reader): Promise<Map<number, RunRow>> {
  const { rows } = await sql<RunRow>`SELECT DISTINCT ON (connector_id) ${runColumns} FROM connector_runs
    ORDER BY connector_id, id DESC`.execute(db);
  return new Map(rows.map((r) => [r.connectorId, r]));
}

/** Starts a run and queues its job, in the caller's transaction. */
export async function startRun(tx: Tx, connectorId: number, trigger: 'schedule' | 'manual'): Promise<number> {
  const { rows } = await sql<{ id: string }>`INSERT INTO connector_runs (connector_id, trigger)
    VALUES (${connectorId}, ${trigger}) RETURNING id::text`.execute(tx);
  const id = Number(rows[0]!.id);
  await queueRunAttempt(tx, id, null);
  return id;
}

export async function queueRunAttempt(tx: Reader, runId: number, runAt: Date | null): Promise<void> {
  await sql`SELECT FROM graphile_worker.add_job(${RUN_CONNECTOR}::text, ${JSON.stringify({ runId })}::json,
      run_at => ${runAt?.toISOString() ?? null}::timestamptz, max_attempts => 1,
      job_key => ${`connector-run:${runId}`}::text)`.execute(tx);
}

/**
 * Starts a run of every active connector whose time has come, moving each one's next run
 * time by its interval, in one statement; returns how many started.
 */
export async function startDueRuns(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ id: number }>`UPDATE connectors
      SET next_run_at = greatest(next_run_at + make_interval(mins => interval_minutes), now())
      WHERE id IN (SELECT id FROM connectors WHERE active AND next_run_at <= now() FOR UPDATE SKIP LOCKED)
        -- A connector whose last run is still going (retrying) is not started again.
        AND NOT EXISTS (SELECT 1 FROM connector_runs r WHERE r.connector_id = connectors.id
          AND r.status IN ('running', 'retrying'))
      RETURNING id`.execute(tx);
    for (const row of rows) await startRun(tx, row.id, 'schedule');
    return rows.length;
  });
}

/** The run, locked for its attempt (null when gone, finished, or being run). */
export async function lockRun(tx: Tx, runId: number): Promise<RunRow | null> {
  const { rows } = await sql<RunRow>`SELECT ${runColumns} FROM connector_runs
    WHERE id = ${runId} AND status IN ('running', 'retrying') FOR UPDATE SKIP LOCKED`.execute(tx);
  return rows[0] ?? null;
}

export async function finishRun(
  tx: Tx,
  runId: number,
  outcome: {
    status: RunRow['status'];
    attempts: number;
    error: string | null;
    counts?: { rows: number; created: number; updated: number; unchanged: number; rejected: number };
    conflicts?: RunRow['conflicts'];
    final: boolean;
  },
): Promise<void> {
  const c = outcome.counts ?? { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  await sql`UPDATE connector_runs SET status = ${outcome.status}, attempts = ${outcome.attempts},
      error = ${outcome.error === null ? null : outcome.error.slice(0, 2000)}, row_count = ${c.rows},
      created = ${c.created}, updated = ${c.updated}, unchanged = ${c.unchanged}, rejected = ${c.rejected},
      conflicts = ${JSON.stringify(outcome.conflicts ?? [])}::jsonb,
      finished_at = CASE WHEN ${outcome.final} THEN now() ELSE NULL END
    WHERE id = ${runId}`.execute(tx);
}

/** Records a finished run on its connector: the count of failed runs in a row, after this one. */
export async function countFailure(tx: Tx, connectorId: number, failed: boolean): Promise<number> {
  const { rows } = await sql<{ n: number }>`UPDATE connectors
    SET consecutive_failures = CASE WHEN ${failed} THEN consecutive_failures + 1 ELSE 0 END
    WHERE id = ${connectorId} RETURNING consecutive_failures AS n`.execute(tx);
  return rows[0]?.n ?? 0;
}

/** Active system administrators: who is told when a connector keeps failing. */
export async function findSystemAdminIds(db: Reader): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`SELECT u.id FROM users u
    WHERE u.disabled_at IS NULL AND u.kind = 'person'
      AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'system_admin')
    ORDER BY u.id LIMIT 200`.execute(db);
  return rows.map((r) => r.id);
}

/** The account a connector runs as, if it is still an active system administrator. */
export async function findRunner(db: Reader, userId: number) {
  const { rows } = await sql<{ id: number; username: string; displayName: string; unitId: number; roles: string[] }>`
    SELECT u.id, u.username, u.display_name, u.unit_id,
      coalesce((SELECT array_agg(role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles
    FROM users u WHERE u.id = ${userId} AND u.disabled_at IS NULL`.execute(db);
  const row = rows[0];
  return row?.roles.includes('system_admin') ? row : null;
}
