import path from 'node:path';
import pg from 'pg';
import { readConfig } from '../config';
import { createDb, createPool, type Db } from './database';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded';

export interface OpenDatabase {
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** Creates `name` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL with its files
 * under DATA_DIR/postgres and uses its `baocao` database.
 */
export async function openDatabase(
  config = readConfig(),
  options: { poolSize?: number; keepIdleMs?: number; log?: (line: string) => void } = {},
): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let embedded: EmbeddedDatabase | null = null;
  if (!url) {
    options.log?.(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')} …`);
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'));
    await ensureDatabase(embedded.adminUrl, 'baocao');
    url = embedded.urlFor('baocao');
  }
  const pool = createPool(url, options.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10), {
    keepIdleMs: options.keepIdleMs,
  });
  const db = createDb(pool);
  return {
    db,
    pool,
    url,
    embedded,
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
