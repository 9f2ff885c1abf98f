import { createHash } from 'node:crypto';
import { DomainError } from '@baocao/domain';
import type { FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/database';

/** The Idempotency-Key header, validated (1–100 visible ASCII characters), or null. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(key))
    throw new DomainError('VALIDATION_FAILED', { field: 'Idempotency-Key' });
  return key;
}

/** What identifies a request under an idempotency key: a repeat must send the same. */
export function hashRequest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

export function idempotencyConflict(): DomainError {
  return new DomainError('CONFLICT', { field: 'Idempotency-Key', message: 'IDEMPOTENCY_KEY_REUSED' });
}

/** An answer stored under a caller's idempotency key (the import and indicator routes). */
export interface StoredIdempotency {
  requestHash: string;
  status: number;
  response: unknown;
}

/** The answer stored under this key by this user, or null. */
export async function findIdempotentAnswer(
  db: Db | Tx,
  userId: number,
  key: string,
): Promise<StoredIdempotency | null> {
  const row = await db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'status', 'response'])
    .where('userId', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ?? null;
}

/** Stores an answer under a key, in the transaction of the write it answers. */
export async function storeIdempotentAnswer(
  tx: Tx,
  userId: number,
  key: string,
  requestHash: string,
  status: number,
  response: unknown,
): Promise<void> {
  await tx
    .insertInto('idempotencyKeys')
    .values({ userId, key, requestHash, status, response: JSON.stringify(response) })
    .execute();
}
