import { Logger, runMigrations } from 'graphile-worker';
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type pg from 'pg';
import type { Db } from './database';
import { migrations } from './migrations/index';

/**
 * The job queue's schema (graphile-worker's tables and functions, jobs/runner.ts).
 * It is never `public`: our row types are generated from `public` only.
 */
export const JOB_SCHEMA = 'graphile_worker';

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
};

/** The migrator of every forward-only migration (migrateToLatest runs them; tests also stop before one). */
export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

/**
 * Applies every pending forward-only migration, then installs or upgrades the
 * job queue's schema; throws on the first failure. Returns what was applied.
 */
export async function migrateToLatest(db: Db, pool: pg.Pool): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return [...applied, ...(await installJobQueue(pool))];
}

// graphile-worker's migrations log at debug level only, and throw on failure.
const silentLogger = new Logger(() => () => {});

/**
 * graphile-worker's own migrations (a no-op when they are up to date). They run
 * their own transactions, so they cannot be one of ours; running them here
 * installs the queue in every migrated database, the test template included.
 */
async function installJobQueue(pool: pg.Pool): Promise<string[]> {
  const applied = async () => {
    const present = await pool.query(`SELECT to_regclass('${JOB_SCHEMA}.migrations') IS NOT NULL AS present`);
    if (!present.rows[0]?.present) return [];
    const { rows } = await pool.query<{ id: number }>(`SELECT id FROM ${JOB_SCHEMA}.migrations ORDER BY id`);
    return rows.map((r) => r.id);
  };
  const before = new Set(await applied());
  await runMigrations({ pgPool: pool, schema: JOB_SCHEMA, logger: silentLogger });
  const added = (await applied()).filter((id) => !before.has(id));
  if (added.length === 0) return [];
  return [`${JOB_SCHEMA} ${added.length > 1 ? `${added[0]}–${added.at(-1)}` : added[0]}`];
}
