import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { createDb, createPool, openConnections } from './database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('the pool of the requests', () => {
  it('opens its connections before the first request, each a backend of its own, and keeps them idle', async () => {
    const pool = createPool(t.url, 6, { keepIdleMs: 600_000 });
    try {
      await openConnections(pool, 4);
      expect(pool.totalCount).toBe(4);
      expect(pool.idleCount).toBe(4);
      expect(pool.options.idleTimeoutMillis).toBe(600_000);
      // Four requests at once are served by the four open connections: no new one is made.
      const db = createDb(pool);
      const pids = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const row = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`.execute(db);
          return row.rows[0]!.pid;
        }),
      );
      expect(new Set(pids).size).toBe(4);
      expect(pool.totalCount).toBe(4);
    } finally {
      await pool.end();
    }
  });

  it('never opens more than the pool holds, and closes idle connections after 10 s unless told', async () => {
    const pool = createPool(t.url, 2);
    try {
      await openConnections(pool, 5);
      expect(pool.totalCount).toBe(2);
      expect(pool.options.idleTimeoutMillis).toBe(10_000);
    } finally {
      await pool.end();
    }
  });
});
