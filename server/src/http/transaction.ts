/**
 * One transaction per write request, owned by the edge (ODK Central's endpoint
 * wrapper, as a Fastify hook). The handler of every POST, PUT, PATCH and DELETE
 * route is wrapped when the route is registered: the handler takes the request's
 * transaction with `transactionOf(request)` and hands it to the service; the
 * wrapper commits when the handler returns — before the answer is sent, so a
 * client reading right after sees its write — and rolls back when it throws, the
 * error then reaching the error handler as it was thrown.
 *
 * The transaction begins at the first `transactionOf`, not before the handler: a
 * route first reads its upload, or does slow work that needs no database (hashing
 * a whole import's passwords), without holding a connection, and a write route
 * that never asks (the expression evaluator) opens none.
 *
 * Handlers return their answer (a status through `reply.code`), never
 * `reply.send` it: a sent answer would leave before the commit.
 *
 * A write route declaring `config: { transaction: false }` gets no transaction
 * (`transactionOf` refuses): the documented exceptions are the submit, two
 * statements and no explicit transaction (submissions.queries.ts), and the
 * sign-in steps, whose failure counters must be kept although the request fails
 * (auth.routes.ts).
 */
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { ControlledTransaction } from 'kysely';
import type { Db, Tx } from '../db/database';
import type { DB } from '../db/generated-types';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: a write route that runs without the edge transaction (a documented exception). */
    transaction?: false;
  }
  interface FastifyRequest {
    edgeTransaction: EdgeTransaction | null;
  }
}

/** The transaction of one write request, begun on first use. */
class EdgeTransaction {
  private begun: Promise<ControlledTransaction<DB>> | null = null;

  constructor(private readonly db: Db) {}

  begin(): Promise<Tx> {
    this.begun ??= this.db.startTransaction().execute();
    return this.begun;
  }

  async commit(): Promise<void> {
    if (!this.begun) return;
    const tx = await this.begun;
    try {
      await tx.commit().execute();
    } catch (error) {
      // A failed COMMIT keeps the connection: the rollback releases it.
      await rollbackQuietly(tx);
      throw error;
    }
  }

  async rollback(): Promise<void> {
    if (!this.begun) return;
    // When BEGIN itself failed there is nothing to roll back; the handler's error is what counts.
    const tx = await this.begun.catch(() => null);
    if (tx) await rollbackQuietly(tx);
  }
}

/** Rolls back and releases the connection; a failure here (a dead connection) must not hide the request's own error. */
async function rollbackQuietly(tx: ControlledTransaction<DB>): Promise<void> {
  try {
    await tx.rollback().execute();
  } catch {
    // The connection is released even when the rollback fails.
  }
}

/** Wraps the handler of every write route (registered after this call) in the request's transaction. */
export function registerEdgeTransactions(app: FastifyInstance, db: Db): void {
  app.decorateRequest('edgeTransaction', null);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (route.config?.transaction === false || !methods.some((m) => WRITE_METHODS.has(m))) return;
    const handler: RouteHandlerMethod = route.handler;
    route.handler = async function (this: FastifyInstance, request, reply) {
      if (!WRITE_METHODS.has(request.method)) return handler.call(this, request, reply);
      const edge = new EdgeTransaction(db);
      request.edgeTransaction = edge;
      let answer: unknown;
      try {
        answer = await handler.call(this, request, reply);
      } catch (error) {
        await edge.rollback();
        throw error;
      }
      await edge.commit();
      return answer;
    };
  });
}

/** The write request's transaction, begun by the first call; its services take it as their first argument. */
export function transactionOf(request: FastifyRequest): Promise<Tx> {
  if (!request.edgeTransaction)
    throw new Error(`${request.method} ${request.routeOptions.url} runs without an edge transaction`);
  return request.edgeTransaction.begin();
}
