import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { type AuditContent, auditHash, GENESIS_HASH } from './audit-chain';

// One advisory lock serializes sealing, so ids stay gapless and each row chains
// onto the last. Writers never take it: they only append to audit_pending.
const AUDIT_LOCK = 740_2019;
const SEAL_BATCH = 5_000;

export type AuditEntry = Omit<AuditContent, 'id' | 'at'>;

type Reader = Db | Tx;

/** Appends entries to audit_pending inside the caller's transaction (they are sealed into the chain shortly after). */
export async function appendAudit(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = pendingRows(entries);
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('auditPending')
      .values(rows.slice(i, i + 1000))
      .execute();
}

function pendingRows(entries: AuditEntry[]) {
  const at = new Date().toISOString();
  return entries.map((entry) => ({
    ...entry,
    at,
    // Round-trip through JSON so what is hashed later is exactly what jsonb stores and returns.
    before: JSON.stringify(entry.before === undefined ? null : entry.before),
    after: JSON.stringify(entry.after === undefined ? null : entry.after),
  }));
}

/**
 * The same append as a piece of a larger statement: it writes only when the CTE
 * named `onlyIf` returned a row, so a write that did not happen is not audited.
 */
export function pendingAuditInsert(entry: AuditEntry, onlyIf: string) {
  const r = pendingRows([entry])[0]!;
  return sql`INSERT INTO audit_pending
      (at, actor_user_id, actor_name, ip, user_agent, request_id, action, object_type, object_id, unit_id, before, after)
    SELECT ${r.at}::timestamptz, ${r.actorUserId}::int, ${r.actorName}::text, ${r.ip}::text, ${r.userAgent}::text,
      ${r.requestId}::text, ${r.action}::text, ${r.objectType}::text, ${r.objectId}::text, ${r.unitId}::int,
      ${r.before}::jsonb, ${r.after}::jsonb
    FROM ${sql.table(onlyIf)} RETURNING 1`;
}

/**
 * Moves pending entries into the hash chain, oldest first, under the audit lock;
 * returns how many were sealed. Safe to call from several processes at once.
 * Sealing is nobody's request: it runs in a transaction of its own, whether the
 * seal-audit job calls it or a reader of the audit (which seals first) does.
 */
export async function sealPendingAudit(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    const pending = await tx
      .deleteFrom('auditPending')
      .where('seq', 'in', (eb) => eb.selectFrom('auditPending').select('seq').orderBy('seq').limit(SEAL_BATCH))
      .returning([
        'seq',
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
      ])
      .execute();
    if (pending.length === 0) return 0;
    pending.sort((a, b) => a.seq - b.seq);
    const last = await tx
      .selectFrom('auditLog')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    let id = last ? Number(last.id) : 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = pending.map(({ seq: _seq, ...entry }) => {
      id += 1;
      const content: AuditContent = { ...entry, id, before: entry.before ?? null, after: entry.after ?? null };
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
    return rows.length;
  });
}

/** Seals until nothing is pending. */
export async function sealAllPendingAudit(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await sealPendingAudit(db);
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

export function selectAuditRows(db: Reader) {
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

/** Sealed rows newest first, filtered; with `viewRoots` only rows about units inside those subtrees (null: every row). */
export async function findAuditRows(
  db: Reader,
  query: { objectType?: string; objectId?: string; unitId?: number; limit: number; beforeId?: number },
  viewRoots: number[] | null,
) {
  let q = selectAuditRows(db).orderBy('id', 'desc').limit(query.limit);
  if (query.objectType) q = q.where('objectType', '=', query.objectType);
  if (query.objectId) q = q.where('objectId', '=', query.objectId);
  if (query.unitId !== undefined) q = q.where('unitId', '=', query.unitId);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
  if (viewRoots !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('unitClosure')
          .select('descendantId')
          .whereRef('unitClosure.descendantId', '=', 'auditLog.unitId')
          .where('unitClosure.ancestorId', 'in', viewRoots),
      ),
    );
  }
  return q.execute();
}

/** Sealed rows from `fromId` on, in id order, for verifying the chain. */
export async function findAuditRowsFrom(db: Reader, fromId: number, limit: number) {
  return selectAuditRows(db).where('id', '>=', fromId).orderBy('id').limit(limit).execute();
}

/** Holds the sealing lock until the transaction ends: the chain's head cannot move meanwhile. */
export async function lockAuditChain(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
}

/** The chain's size and head: how many rows, the last id and its hash (0 and the genesis hash when empty). */
export async function findAuditHead(db: Reader): Promise<{ rowCount: number; lastId: number; headHash: string }> {
  const { rows } = await sql<{ rowCount: string; lastId: string | null; headHash: string | null }>`
    SELECT (SELECT count(*) FROM audit_log) AS "rowCount", head.id AS "lastId", head.hash AS "headHash"
    FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) head ON true`.execute(
    db,
  );
  const row = rows[0]!;
  return { rowCount: Number(row.rowCount), lastId: Number(row.lastId ?? 0), headHash: row.headHash ?? GENESIS_HASH };
}

function selectCheckpoints(db: Reader) {
  return db
    .selectFrom('auditCheckpoints')
    .select([
      'id',
      sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at'),
      sql<number>`row_count::float8`.as('rowCount'),
      sql<number>`last_id::float8`.as('lastId'),
      'headHash',
      'keyId',
      'signature',
    ]);
}

export async function findLatestCheckpoint(db: Reader) {
  return selectCheckpoints(db).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function findCheckpoints(db: Reader) {
  return selectCheckpoints(db).orderBy('id').execute();
}

export async function insertCheckpoint(
  tx: Tx,
  c: { at: string; rowCount: number; lastId: number; headHash: string; keyId: string; signature: string },
): Promise<number> {
  const row = await tx
    .insertInto('auditCheckpoints')
    .values({ ...c, rowCount: String(c.rowCount), lastId: String(c.lastId) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The hash of each of the given rows that exists. */
export async function findAuditHashes(db: Reader, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('auditLog').select(['id', 'hash']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), r.hash]));
}
