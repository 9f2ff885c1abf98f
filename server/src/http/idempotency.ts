import { createHash } from 'node:crypto';
import { DomainError } from '@baocao/domain';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/database';

/** The Idempotency-Key header, validated (1–100 visible ASCII characters), or null. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(key))
    throw new DomainError('VALIDATION_FAILED', { field: 'Idempotency-Key' });
  return key;
}

/**
 * Runs `work` at most once per (user, key): a repeat with the same key and the
 * same request returns the first result and creates nothing; the same key with
 * a different request is a conflict. The key is claimed inside the caller's
 * transaction, so a failed attempt leaves it free.
 */
export async function once<T>(
  tx: Tx,
  userId: number,
  key: string | null,
  request: unknown,
  work: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (key === null) return { result: await work(), replayed: false };
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const claimed = await tx
    .insertInto('idempotencyKeys')
    .values({ userId, key, requestHash, status: 0, response: '{}' })
    .onConflict((oc) => oc.columns(['userId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const stored = await tx
      .selectFrom('idempotencyKeys')
      .select(['requestHash', 'response'])
      .where('userId', '=', userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (stored.requestHash !== requestHash)
      throw new DomainError('CONFLICT', {
        field: 'Idempotency-Key',
        message: {
          vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
          en: 'This Idempotency-Key was already used for a different request.',
        },
      });
    return { result: stored.response as T, replayed: true };
  }
  const result = await work();
  await tx
    .updateTable('idempotencyKeys')
    .set({ status: 200, response: JSON.stringify(result) })
    .where('userId', '=', userId)
    .where('key', '=', key)
    .execute();
  return { result, replayed: false };
}
