import { createHash } from 'node:crypto';
import { DomainError } from '@baocao/domain';
import type { FastifyRequest } from 'fastify';

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
