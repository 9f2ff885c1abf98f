import { DomainError } from '@baocao/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { registerErrorHandling } from './errors';
import { registerEdgeTransactions, transactionOf } from './transaction';

let database: TestDatabase;
let app: FastifyInstance;
/** What another connection saw of the request's row just before the answer left (onSend). */
let seenBeforeAnswer: number | null = null;
/** How many transactions the edge began. */
let begun = 0;

async function rowsOf(key: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from edge_test where key = ${key}`.execute(
    database.db,
  );
  return result.rows[0]!.n;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // A deferred unique key fails at COMMIT, after the handler returned.
  await sql`create table edge_test (key text not null, slot int unique deferrable initially deferred)`.execute(
    database.db,
  );
  app = Fastify();
  registerErrorHandling(app);
  const counting = new Proxy(database.db, {
    get: (target, property, receiver) =>
      property === 'startTransaction'
        ? () => {
            begun += 1;
            return target.startTransaction();
          }
        : Reflect.get(target, property, receiver),
  });
  registerEdgeTransactions(app, counting);
  app.addHook('onSend', async (request) => {
    const key = (request.body as { key?: string } | undefined)?.key;
    if (key) seenBeforeAnswer = await rowsOf(key);
  });
  const insert = async (request: { body: unknown }, tx: Awaited<ReturnType<typeof transactionOf>>) => {
    const { key, slots } = request.body as { key: string; slots: number[] };
    for (const slot of slots) await sql`insert into edge_test (key, slot) values (${key}, ${slot})`.execute(tx);
  };
  app.post('/write', async (request) => {
    await insert(request, await transactionOf(request));
    return { ok: true };
  });
  app.post('/write-then-fail', async (request) => {
    await insert(request, await transactionOf(request));
    throw new DomainError('INVALID_STATE');
  });
  app.post('/no-transaction', { config: { transaction: false } }, async (request) => {
    await transactionOf(request);
    return { ok: true };
  });
  app.post('/no-database', async () => ({ ok: true }));
  app.get('/read', async (request) => {
    await transactionOf(request);
    return { ok: true };
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });

describe('the edge transaction of write requests', () => {
  it('commits before the answer is sent', async () => {
    seenBeforeAnswer = null;
    const response = await post('/write', { key: 'committed', slots: [1, 2] });
    expect(response.statusCode).toBe(200);
    expect(seenBeforeAnswer).toBe(2);
  });

  it('rolls back every write of a request that fails, and the error is answered as thrown', async () => {
    const response = await post('/write-then-fail', { key: 'failed', slots: [3, 4] });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('INVALID_STATE');
    expect(await rowsOf('failed')).toBe(0);
  });

  it('answers a failed COMMIT as a translated database error, and releases its connection', async () => {
    // More failures than the pool has connections: a connection kept by a failed COMMIT would hang the next.
    for (let i = 0; i < 12; i++) {
      const response = await post('/write', { key: `clash${i}`, slots: [100 + i, 100 + i] });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('ALREADY_EXISTS');
    }
    expect(await rowsOf('clash0')).toBe(0);
    expect((await post('/write', { key: 'after', slots: [200] })).statusCode).toBe(200);
  });

  it('is refused to reads and to write routes that declare none', async () => {
    expect((await app.inject({ method: 'GET', url: '/read' })).statusCode).toBe(500);
    expect((await post('/no-transaction', {})).statusCode).toBe(500);
  });

  it('opens no transaction for a write route that never asks for one', async () => {
    const before = begun;
    for (let i = 0; i < 5; i++) expect((await post('/no-database', {})).statusCode).toBe(200);
    expect(begun).toBe(before);
    await post('/write', { key: 'counted', slots: [300] });
    expect(begun).toBe(before + 1);
  });
});
