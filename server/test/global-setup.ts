import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb, createPool } from '../src/db/database';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';

export const TEMPLATE_DB = 'baocao_template_test';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/** The suite refuses any database whose name does not end in `_test`. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!name.endsWith('_test'))
    throw new Error(`Refusing to run tests on database "${name}": its name must end in _test`);
}

let embedded: EmbeddedDatabase | null = null;
let dir: string | null = null;

/**
 * Starts one PostgreSQL for the whole run (embedded, or the server of
 * DATABASE_URL, whose database must be a *_test one), and builds a migrated
 * template database; each test file clones it into a database of its own.
 */
export default async function setup(project: TestProject) {
  // Every connection of the run (test files, their servers, spawned server processes) plans
  // prepared statements generically from their second use, as production does after five:
  // a statement that only works with its parameter values inlined fails here, not in production.
  process.env.PGOPTIONS ??= '-c plan_cache_mode=force_generic_plan';
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    assertTestDatabase(process.env.DATABASE_URL);
    adminUrl = process.env.DATABASE_URL;
  } else {
    // A cluster of its own per run, so parallel runs (several developers, CI) never share one.
    dir = path.resolve(import.meta.dirname, `../../.test-data/postgres-${process.pid}`);
    embedded = await startEmbeddedPostgres(dir, 54400 + Math.floor(Math.random() * 500));
    adminUrl = embedded.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const stale = await admin.query(`select datname from pg_database where datname like 'baocao\\_%\\_test'`);
  for (const { datname } of stale.rows) await admin.query(`drop database if exists ${datname} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  const pool = createPool(templateUrl.toString(), 2);
  const db = createDb(pool);
  await migrateToLatest(db, pool);
  await db.destroy();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE_DB);
  return async () => {
    await embedded?.stop();
    if (dir) {
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.password`, { force: true });
    }
  };
}
