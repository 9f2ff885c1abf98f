import { DomainError } from '@baocao/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What a refused import is told to wait before trying again. */
const RETRY_SECONDS = 5;

/**
 * At most `limit` imports answered by this process at once. An import holds a database
 * connection (its transaction) while its body arrives, which on a commune's slow link can
 * take minutes, or reads a queued file whole into memory: without a bound, a handful of
 * uploads would take the pool's 20 connections from every other request. One past the
 * bound is refused before its body is read, with 503 and `Retry-After`, and changes nothing.
 * A place is taken when the request arrives and given back once its answer is sent or its
 * connection closes, whichever comes first (the transaction has committed or rolled back
 * by then).
 */
export class ImportGate {
  private running = 0;

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.running;
  }

  /** A route's `onRequest` hook: takes a place for the request, or refuses it. */
  readonly enter = async (_request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (this.running >= this.limit) {
      reply.header('retry-after', String(RETRY_SECONDS));
      throw new DomainError('SERVICE_UNAVAILABLE', {
        message: 'IMPORTS_BUSY',
        params: { limit: this.limit, seconds: RETRY_SECONDS },
      });
    }
    this.running++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.running--;
    };
    reply.raw.once('finish', leave);
    reply.raw.once('close', leave);
  };
}
