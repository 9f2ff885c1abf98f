import { randomBytes } from 'node:crypto';
import type { NO_MIGRATIONS } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../src/db/database';
import { createMigrator } from '../src/db/migrate';
import { migrations } from '../src/db/migrations/index';

export interface MigrationDatabase {
  db: Db;
  /** Applies every migration that comes before `name` (not `name` itself); returns what ran. */
  migrateBefore(name: string): Promise<string[]>;
  /** Applies migrations up to and including `name`; returns what ran. */
  migrateTo(name: string): Promise<string[]>;
  drop(): Promise<void>;
}

/**
 * A new, empty database (not the migrated template) for testing one migration: migrate it to
 * just before the migration, seed rows as they stood then, run the migration, check the rows.
 */
export async function createMigrationDatabase(): Promise<MigrationDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `baocao_${randomBytes(6).toString('hex')}_test`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // A plain pool: statements prepared on a connection would outlive the schema changes under test.
  const db = createDb(new pg.Pool({ connectionString: url.toString(), max: 2 }));
  const migrator = createMigrator(db);
  const run = async (target: string | typeof NO_MIGRATIONS) => {
    const { error, results } = await migrator.migrateTo(target);
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };
  return {
    db,
    migrateBefore: async (migration) => {
      const names = Object.keys(migrations);
      const index = names.indexOf(migration);
      if (index < 0) throw new Error(`No migration named ${migration}`);
      return index === 0 ? [] : run(names[index - 1]!);
    },
    migrateTo: (migration) => run(migration),
    drop: async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
