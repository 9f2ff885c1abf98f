// npm run db:types — migrates a throwaway database (an embedded PostgreSQL, or the
// server of DATABASE_URL) and writes server/src/db/generated-types.ts from it.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createDb, createPool } from '../server/src/db/database';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../server/src/db/embedded';
import { GENERATED_TYPES_FILE, generateDbTypes } from '../server/src/db/generate-types';
import { migrateToLatest } from '../server/src/db/migrate';

const SCRATCH_DB = `baocao_db_types_${process.pid}`;

let embedded: EmbeddedDatabase | null = null;
let dir: string | null = null;
let adminUrl: string;
if (process.env.DATABASE_URL) {
  // A scratch database on that server, so its own database's data and migrations stay untouched.
  adminUrl = process.env.DATABASE_URL;
} else {
  // Beside the test clusters (not in the system temp folder: when run as root, PostgreSQL runs
  // as the postgres user, which must reach the folder).
  dir = path.resolve(import.meta.dirname, `../.test-data/db-types-${process.pid}`);
  console.log('Starting a throwaway embedded PostgreSQL …');
  embedded = await startEmbeddedPostgres(dir, 54900 + Math.floor(Math.random() * 90));
  adminUrl = embedded.adminUrl;
}
const admin = new pg.Client({ connectionString: adminUrl });
try {
  await admin.connect();
  await admin.query(`create database ${SCRATCH_DB}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${SCRATCH_DB}`;
    const pool = createPool(url.toString(), 2);
    const db = createDb(pool);
    try {
      await migrateToLatest(db, pool);
    } finally {
      await db.destroy();
    }
    await writeFile(GENERATED_TYPES_FILE, await generateDbTypes(url.toString()));
    console.log(`Wrote ${path.relative(process.cwd(), GENERATED_TYPES_FILE)}`);
  } finally {
    await admin.query(`drop database if exists ${SCRATCH_DB} with (force)`);
  }
} finally {
  await admin.end();
  await embedded?.stop();
  if (dir) {
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}.password`, { force: true });
  }
}
