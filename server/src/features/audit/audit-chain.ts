/**
 * The audit chain. Each row's hash is sha256(previous hash + canonical content),
 * where the canonical content is the row's fields as JSON with keys sorted at
 * every depth. Recomputing the chain from the first row finds any row that was
 * altered, removed or inserted out of order: its own hash, or the next row's
 * prev_hash, no longer matches.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  unitId: number | null;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted at every depth; `undefined` members are dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}
