import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from './generated-types';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

// Dates stay 'YYYY-MM-DD' strings and bigints become numbers (audit ids stay
// far below 2^53), so values cross the API unchanged.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/**
 * Statements the server runs again and again (the session lookup, a submit's
 * read and write …) are prepared once per connection, so PostgreSQL parses and
 * plans them once instead of on every request — on a submit, planning cost as
 * much as executing. A text becomes a named statement on its second use; the
 * number of names is capped so one-off texts (bulk inserts of varying size)
 * never pile up on the connections.
 */
const MAX_PREPARED = 500;
const MAX_TRACKED = 10_000;
// Texts by length: comparing a few strings of the right length is cheaper than
// hashing a long statement text on every query.
const seen = new Map<number, { text: string; name: string | null }[]>();
let tracked = 0;
let named = 0;

/**
 * A statement whose text starts with this comment is never prepared, so PostgreSQL plans it with
 * its own values every time. For reads whose arrays and ranges differ by orders of magnitude from
 * one call to the next, the generic plan that a prepared statement gets after five runs can pick
 * the wrong index (see `readStoredCells`).
 */
export const CUSTOM_PLAN = '/* custom plan */';

export function preparedNameFor(text: string): string | undefined {
  if (text.startsWith(CUSTOM_PLAN)) return undefined;
  const bucket = seen.get(text.length);
  const entry = bucket?.find((e) => e.text === text);
  if (entry) {
    if (entry.name === null && named < MAX_PREPARED) entry.name = `baocao_${++named}`;
    return entry.name ?? undefined;
  }
  if (tracked >= MAX_TRACKED || text.length > 20_000) return undefined;
  tracked += 1;
  if (bucket) bucket.push({ text, name: null });
  else seen.set(text.length, [{ text, name: null }]);
  return undefined;
}

/**
 * Kysely hides the connection of a transaction, and `COPY … FROM STDIN` needs it: a
 * transaction finds its own client by sending a comment carrying a fresh token, which
 * the client it runs on records (the only way in, without reaching into Kysely's privates).
 */
const PROBE = '/* baocao-client:';
const probed = new Map<string, pg.Client>();

class ProbedClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads are forwarded as they are.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && config.startsWith(PROBE))
      probed.set(config.slice(PROBE.length, PROBE.length + 36), this);
    return super.query(config, values, callback);
  }
}

class PreparingClient extends ProbedClient {
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads are forwarded as they are.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = preparedNameFor(config);
      if (name !== undefined) return super.query({ name, text: config, values }, callback);
    }
    return super.query(config, values, callback);
  }
}

/**
 * A pool of connections. `keepIdleMs`: how long an idle connection is kept (node-postgres closes
 * it after 10 s by default). The server keeps them longer: a new connection is a new PostgreSQL
 * backend, whose catalog caches and prepared statements start empty, so its first statements
 * plan several times slower (a board's store read: 6–9 ms of planning against 0.3 ms).
 */
export function createPool(connectionString: string, max = 20, options: { keepIdleMs?: number } = {}): pg.Pool {
  // DB_PREPARE=off for connection poolers that cannot keep prepared statements (PgBouncer in
  // transaction mode before 1.21, or without max_prepared_statements).
  const Client = process.env.DB_PREPARE === 'off' ? ProbedClient : PreparingClient;
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: 'baocao',
    Client,
    idleTimeoutMillis: options.keepIdleMs ?? 10_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection (e.g. the server restarted); the pool replaces it.
  });
  pool.on('connect', (client) => {
    // A checked-out client that loses its connection fails its next query; unheard, the
    // 'error' event would end the process (e.g. the job runner's LISTEN client).
    client.on('error', () => {});
  });
  return pool;
}

/** Opens `count` of the pool's connections now, so that the first requests do not wait for them. */
export async function openConnections(pool: pg.Pool, count: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: Math.min(count, pool.options.max) }, () => pool.connect()));
  for (const client of clients) client.release();
}

export function createDb(pool: pg.Pool): Db {
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

/** The client a transaction runs on (found once per transaction). */
const clients = new WeakMap<Tx, pg.Client>();
async function clientOf(tx: Tx): Promise<pg.Client> {
  const known = clients.get(tx);
  if (known) return known;
  const token = randomUUID();
  let client: pg.Client | undefined;
  try {
    await sql.raw(`${PROBE}${token} */ SELECT 1`).execute(tx);
    client = probed.get(token);
  } finally {
    probed.delete(token);
  }
  if (!client) throw new Error("the transaction's connection was not found");
  clients.set(tx, client);
  return client;
}

/**
 * Streams rows into a table with `COPY … FROM STDIN` on the transaction's own connection
 * (pg-copy-streams), in PostgreSQL's text format: `source` yields chunks of lines. A source
 * that throws aborts the COPY (the transaction is then failed) and its error is thrown.
 * Returns the number of rows copied.
 */
export async function copyInto(tx: Tx, copyStatement: string, source: AsyncIterable<string>): Promise<number> {
  const client = await clientOf(tx);
  const copy = client.query(copyFrom(copyStatement));
  await pipeline(source, copy);
  return copy.rowCount;
}

/**
 * Rows as arrays, on the transaction's connection, for a hot loop over many rows (an
 * import's staged rows): no object per row, no key renaming by Kysely's camel-case plugin.
 */
export async function queryArrays(tx: Tx, text: string): Promise<unknown[][]> {
  const client = await clientOf(tx);
  const result = await client.query<unknown[]>({ text, rowMode: 'array' });
  return result.rows;
}
