import type { KeyObject } from 'node:crypto';
import { DomainError, type JsonValue } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { canView, inSubtrees } from '../../http/scope';
import {
  type AuditEntry,
  appendAudit,
  findAuditHashes,
  findAuditHead,
  findAuditRows,
  findAuditRowsFrom,
  findCheckpoints,
  findLatestCheckpoint,
  insertCheckpoint,
  lockAuditChain,
  sealAllPendingAudit,
} from './audit.queries';
import { type AuditContent, auditHash, GENESIS_HASH } from './audit-chain';
import {
  type CheckpointSigner,
  checkpointSignatureValid,
  describeCheckpoint,
  keyIdOf,
  type SignedCheckpoint,
  signCheckpoint,
} from './audit-checkpoint';

export interface AuditChange {
  action: string;
  objectType: string;
  objectId: string | number;
  unitId: number | null;
  before?: unknown;
  after?: unknown;
}

/** Records changes made by the request's actor in the write's own transaction (chained by the seal-audit job). */
export async function recordAudit(tx: Tx, context: RequestContext | null, changes: AuditChange[]): Promise<void> {
  await appendAudit(
    tx,
    changes.map((change) => auditEntryOf(context, change)),
  );
}

/** What the audit stores of a change made by the request's actor (or by the system). */
export function auditEntryOf(context: RequestContext | null, change: AuditChange): AuditEntry {
  return {
    actorUserId: context?.actor.userId ?? null,
    actorName: context?.actor.username ?? 'system',
    ip: context?.ip ?? null,
    userAgent: context?.userAgent ?? null,
    requestId: context?.requestId ?? null,
    action: change.action,
    objectType: change.objectType,
    objectId: String(change.objectId),
    unitId: change.unitId,
    before: change.before ?? null,
    after: change.after ?? null,
  };
}

export interface AuditQuery {
  objectType?: string;
  objectId?: string;
  unitId?: number;
  limit: number;
  beforeId?: number;
}

/** Audit rows the caller may see: rows about units inside its view subtree (system-wide rows: administrators only). */
export async function listAudit(db: Db, context: RequestContext, query: AuditQuery) {
  const { actor } = context;
  if (query.unitId !== undefined && !(await canView(db, actor, query.unitId))) throw new DomainError('NOT_FOUND');
  // Readers see every committed write: whatever is still pending is sealed first.
  await sealAllPendingAudit(db);
  const rows = await findAuditRows(db, query, actor.isSystemAdmin ? null : actor.viewRoots);
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    before: row.before as JsonValue,
    after: row.after as JsonValue,
  }));
}

export async function assertAuditVisible(db: Db, context: RequestContext, unitId: number | null): Promise<void> {
  if (context.actor.isSystemAdmin) return;
  if (unitId === null || !(await inSubtrees(db, context.actor.viewRoots, unitId))) throw new DomainError('NOT_FOUND');
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

/** Recomputes the whole chain in id order and names the first row that does not match. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainVerdict> {
  await sealAllPendingAudit(db);
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  for (;;) {
    const rows = await findAuditRowsFrom(db, expectedId, batchSize);
    if (rows.length === 0) return { ok: true, checked, firstBroken: null };
    for (const row of rows) {
      const id = Number(row.id);
      const broken = (reason: string): ChainVerdict => ({ ok: false, checked, firstBroken: { id, reason } });
      if (id !== expectedId) return broken(`row ${expectedId} is missing (next row is ${id})`);
      if (row.prevHash !== prevHash) return broken('prev_hash does not match the previous row');
      const content: AuditContent = {
        id,
        at: row.at,
        actorUserId: row.actorUserId,
        actorName: row.actorName,
        ip: row.ip,
        userAgent: row.userAgent,
        requestId: row.requestId,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        unitId: row.unitId,
        before: row.before,
        after: row.after,
      };
      if (auditHash(prevHash, content) !== row.hash) return broken('content does not match its hash');
      prevHash = row.hash;
      expectedId += 1;
      checked += 1;
    }
  }
}

/**
 * Seals what is pending, then signs a checkpoint of the chain's head under the sealing lock;
 * null when the chain is empty or has not moved since the latest checkpoint.
 */
export async function makeAuditCheckpoint(
  db: Db,
  signer: CheckpointSigner,
  now: Date = new Date(),
): Promise<SignedCheckpoint | null> {
  await sealAllPendingAudit(db);
  return db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    const head = await findAuditHead(tx);
    const latest = await findLatestCheckpoint(tx);
    if (head.rowCount === 0 || (latest && latest.lastId === head.lastId && latest.keyId === signer.keyId)) return null;
    const content = { at: now.toISOString(), ...head, keyId: signer.keyId };
    const signature = signCheckpoint(signer, content);
    const id = await insertCheckpoint(tx, { ...content, signature });
    return { id, ...content, signature };
  });
}

export interface CheckpointVerdict {
  ok: boolean;
  /** How many checkpoints were checked (from the table and the file together). */
  checked: number;
  /** The newest checkpoint, verified. */
  latest: SignedCheckpoint | null;
  /** What is wrong, in a sentence; null when ok. */
  problem: string | null;
}

/**
 * Checks every checkpoint (those of `audit_checkpoints` and those of the checkpoint file) against
 * the public key and the chain: each must be signed by that key, present in the database, and
 * name a row that exists with the hash it recorded. A chain shorter than a checkpoint has lost
 * its newest rows. Run after verifyAuditChain.
 */
export async function verifyAuditCheckpoints(
  db: Db,
  publicKey: KeyObject,
  fromFile: SignedCheckpoint[],
): Promise<CheckpointVerdict> {
  const keyId = keyIdOf(publicKey);
  const stored = await findCheckpoints(db);
  const storedBySignature = new Set(stored.map((c) => c.signature));
  const all = [...stored, ...fromFile.filter((c) => !storedBySignature.has(c.signature))];
  const head = await findAuditHead(db);
  const hashes = await findAuditHashes(db, [...new Set(all.map((c) => c.lastId))]);
  const failed = (problem: string): CheckpointVerdict => ({ ok: false, checked: all.length, latest: null, problem });
  let latest: SignedCheckpoint | null = null;
  for (const c of all) {
    if (c.keyId !== keyId || !checkpointSignatureValid(publicKey, c))
      return failed(`${describeCheckpoint(c)} is not signed by the checkpoint key ${keyId}: forged or altered`);
    if (!storedBySignature.has(c.signature))
      return failed(`${describeCheckpoint(c)} is in the checkpoint file but missing from the database`);
    const hash = hashes.get(c.lastId);
    if (hash === undefined || head.rowCount < c.rowCount)
      return failed(
        `TRUNCATED: the chain has ${head.rowCount} rows (last row ${head.lastId}), but ${describeCheckpoint(c)}; ` +
          'its newest rows were deleted',
      );
    if (hash !== c.headHash) return failed(`row ${c.lastId} is not the row of ${describeCheckpoint(c)}`);
    if (!latest || c.lastId > latest.lastId) latest = c;
  }
  return { ok: true, checked: all.length, latest, problem: null };
}
