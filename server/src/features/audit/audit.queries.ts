import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { type AuditContent, auditHash, GENESIS_HASH } from './audit-chain';

// One advisory lock serializes appends so ids stay gapless and each row chains
// onto the last; it is held until commit, so writers append as their last step.
const AUDIT_LOCK = 740_2019;

export type AuditEntry = Omit<AuditContent, 'id' | 'at'>;

/** Appends rows to the chain inside the caller's transaction. */
export async function appendAudit(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('auditLog').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  let id = last ? Number(last.id) : 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows = entries.map((entry) => {
    id += 1;
    // Round-trip through JSON so the hashed content is exactly what jsonb stores and returns.
    const content: AuditContent = {
      ...entry,
      id,
      at,
      before: entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before)),
      after: entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after)),
    };
    const hash = auditHash(prevHash, content);
    const row = {
      ...content,
      id: String(id),
      before: JSON.stringify(content.before),
      after: JSON.stringify(content.after),
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('auditLog')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export function selectAuditRows(db: Db | Tx) {
  return db
    .selectFrom('auditLog')
    .select([
      'id',
      sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at'),
      'actorUserId',
      'actorName',
      'ip',
      'userAgent',
      'requestId',
      'action',
      'objectType',
      'objectId',
      'unitId',
      'before',
      'after',
      'prevHash',
      'hash',
    ]);
}
