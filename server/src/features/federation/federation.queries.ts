/**
 * The SQL of federation links: the links, their outbox (one row per event of the stream that the
 * link forwards, copied from a cursor on the stream) and the sending bookkeeping. Jobs are added
 * with graphile-worker's `add_job()` in SQL, in the caller's transaction.
 */
import type { EventType } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export const FORWARD_FEDERATION = 'forward-federation';
/** Events read per statement when the outbox is filled. */
export const FILL_BATCH = 1000;
/** The events a link forwards. */
export const FORWARDED_TYPES: EventType[] = ['report.sent_up', 'indicator.updated'];

export interface LinkRow {
  id: number;
  name: string;
  targetUrl: string;
  token: string;
  unitIds: number[];
  formIds: number[];
  indicatorIds: number[];
  unitCodes: Record<string, string>;
  formCodes: Record<string, string>;
  fieldCodes: Record<string, Record<string, string>>;
  indicatorCodes: Record<string, string>;
  active: boolean;
  ownerId: number;
  keyPrefix: string;
  consecutiveFailures: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
  pending: string;
  sent: string;
  rejected: string;
  lastSentAt: Date | null;
}

const linkColumns = sql`l.id, l.name, l.target_url, l.token, l.unit_ids, l.form_ids, l.indicator_ids, l.unit_codes,
  l.form_codes, l.field_codes, l.indicator_codes, l.active, l.owner_id, l.key_prefix, l.consecutive_failures,
  l.last_error, l.next_attempt_at, l.created_at, l.updated_at,
  (SELECT count(*) FROM federation_outbox o WHERE o.link_id = l.id AND o.status = 'pending') AS pending,
  (SELECT count(*) FROM federation_outbox o WHERE o.link_id = l.id AND o.status = 'sent') AS sent,
  (SELECT count(*) FROM federation_outbox o WHERE o.link_id = l.id AND o.status = 'rejected') AS rejected,
  (SELECT max(o.sent_at) FROM federation_outbox o WHERE o.link_id = l.id) AS last_sent_at`;

export async function findLinks(db: Reader): Promise<LinkRow[]> {
  const { rows } =
    await sql<LinkRow>`SELECT ${linkColumns} FROM federation_links l ORDER BY l.id DESC LIMIT 500`.execute(db);
  return rows;
}

export async function findLink(db: Reader, id: number): Promise<LinkRow | undefined> {
  const { rows } = await sql<LinkRow>`SELECT ${linkColumns} FROM federation_links l WHERE l.id = ${id}`.execute(db);
  return rows[0];
}

export interface LinkWrite {
  name: string;
  targetUrl: string;
  unitIds: number[];
  formIds: number[];
  indicatorIds: number[];
  unitCodes: Record<string, string>;
  formCodes: Record<string, string>;
  fieldCodes: Record<string, Record<string, string>>;
  indicatorCodes: Record<string, string>;
  active: boolean;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export async function insertLink(
  tx: Tx,
  row: LinkWrite & { ownerId: number; token: string; keyPrefix: string },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO federation_links
      (name, target_url, token, unit_ids, form_ids, indicator_ids, unit_codes, form_codes, field_codes,
       indicator_codes, active, owner_id, key_prefix)
    VALUES (${row.name}, ${row.targetUrl}, ${row.token}, ${row.unitIds}::int[], ${row.formIds}::int[],
      ${row.indicatorIds}::int[], ${json(row.unitCodes)}, ${json(row.formCodes)}, ${json(row.fieldCodes)},
      ${json(row.indicatorCodes)}, ${row.active}, ${row.ownerId}, ${row.keyPrefix})
    RETURNING id`.execute(tx);
  return rows[0]!.id;
}

/** Updates a link; a new token replaces the sealed one; enabling it lets it try at once. */
export async function updateLinkRow(tx: Tx, id: number, row: LinkWrite, token: string | null): Promise<void> {
  await sql`UPDATE federation_links SET name = ${row.name}, target_url = ${row.targetUrl},
      token = COALESCE(${token}::text, token), unit_ids = ${row.unitIds}::int[], form_ids = ${row.formIds}::int[],
      indicator_ids = ${row.indicatorIds}::int[], unit_codes = ${json(row.unitCodes)},
      form_codes = ${json(row.formCodes)}, field_codes = ${json(row.fieldCodes)},
      indicator_codes = ${json(row.indicatorCodes)}, active = ${row.active},
      consecutive_failures = CASE WHEN ${row.active} AND NOT active THEN 0 ELSE consecutive_failures END,
      next_attempt_at = CASE WHEN ${row.active} THEN LEAST(next_attempt_at, now()) ELSE next_attempt_at END,
      updated_at = now()
    WHERE id = ${id}`.execute(tx);
}

/** Deletes a link and its outbox (the audit keeps what it was). */
export async function deleteLinkRow(tx: Tx, id: number): Promise<void> {
  await sql`DELETE FROM federation_outbox WHERE link_id = ${id}`.execute(tx);
  await sql`DELETE FROM federation_links WHERE id = ${id}`.execute(tx);
}

/** "Send now": the link tries at once, whatever its back-off. */
export async function sendLinkNow(tx: Tx, id: number): Promise<void> {
  await sql`UPDATE federation_links SET next_attempt_at = now() WHERE id = ${id}`.execute(tx);
}

/** Queues a forwarding round (now, or at `runAt`); one waits per database. */
export async function queueForwarding(executor: Reader, runAt: Date | null = null): Promise<void> {
  await sql`SELECT graphile_worker.add_job(${FORWARD_FEDERATION}::text, '{}'::json,
      run_at => ${runAt?.toISOString() ?? null}::timestamptz,
      job_key => ${FORWARD_FEDERATION}::text, job_key_mode => 'preserve_run_at')`.execute(executor);
}

export async function hasActiveLinks(db: Reader): Promise<boolean> {
  const { rows } = await sql<{
    any: boolean;
  }>`SELECT EXISTS (SELECT 1 FROM federation_links WHERE active) AS any`.execute(db);
  return rows[0]!.any;
}

/** The active links whose time has come (not waiting out a back-off). */
export async function findDueLinkIds(db: Reader): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`SELECT id FROM federation_links
    WHERE active AND next_attempt_at <= now() ORDER BY id`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Copies the link's next events into its outbox and moves its cursor past them, in one statement:
 * events of the forwarded types whose transaction is older than every running one (so none is
 * passed over), of the link's forms or indicators, in its units' subtrees on the event's date.
 * Returns how many events were read (a whole batch means more may wait).
 */
export async function fillOutbox(tx: Tx, linkId: number): Promise<number> {
  const { rows } = await sql<{ events: string }>`
    WITH link AS (SELECT * FROM federation_links WHERE id = ${linkId} FOR UPDATE SKIP LOCKED),
    batch AS (
      SELECT e.id, e.tx_id, e.type, e.unit_id, e.on_date, e.form_id, e.data FROM events e, link l
      WHERE (e.tx_id, e.id) > (l.cursor_tx, l.cursor_id)
        AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        AND e.type = ANY(${FORWARDED_TYPES}::text[])
      ORDER BY e.tx_id, e.id LIMIT ${FILL_BATCH}),
    matched AS (
      INSERT INTO federation_outbox (link_id, event_id)
      SELECT l.id, b.id FROM batch b, link l
      WHERE ((b.type = 'report.sent_up' AND b.form_id = ANY(l.form_ids))
          OR (b.type = 'indicator.updated' AND (b.data->>'indicatorId')::int = ANY(l.indicator_ids)))
        AND EXISTS (SELECT 1 FROM unit_and_ancestors_on(b.unit_id, b.on_date) a(id) WHERE a.id = ANY(l.unit_ids))
      ORDER BY b.tx_id, b.id
      ON CONFLICT DO NOTHING RETURNING id),
    last AS (SELECT tx_id, id FROM batch ORDER BY tx_id DESC, id DESC LIMIT 1),
    moved AS (
      UPDATE federation_links f SET cursor_tx = last.tx_id, cursor_id = last.id FROM last
      WHERE f.id = ${linkId} RETURNING 1)
    SELECT (SELECT count(*) FROM batch) AS events, (SELECT count(*) FROM matched) AS matched,
      (SELECT count(*) FROM moved) AS moved`.execute(tx);
  return Number(rows[0]!.events);
}

/** Takes the link for one sending round: its row locked, skipped when another runner holds it. */
export async function lockLink(tx: Tx, id: number): Promise<{ id: number } | undefined> {
  const { rows } = await sql<{ id: number }>`SELECT id FROM federation_links
    WHERE id = ${id} AND active AND next_attempt_at <= now() FOR UPDATE SKIP LOCKED`.execute(tx);
  return rows[0];
}

export interface OutboxItem {
  id: string;
  eventId: string;
  attempts: number;
  type: EventType;
  unitId: number;
  onDate: string;
  formId: number | null;
  periodId: string | null;
  data: Record<string, unknown>;
}

/** The link's oldest pending item, with its event. */
export async function nextPendingItem(db: Reader, linkId: number): Promise<OutboxItem | undefined> {
  const { rows } = await sql<OutboxItem>`SELECT o.id::text AS id, o.event_id::text AS event_id, o.attempts, e.type,
      e.unit_id, e.on_date::text AS on_date, e.form_id, e.period_id, e.data
    FROM federation_outbox o JOIN events e ON e.id = o.event_id
    WHERE o.link_id = ${linkId} AND o.status = 'pending' ORDER BY o.id LIMIT 1`.execute(db);
  return rows[0];
}

/** Records an item's outcome: sent or rejected (final), or still pending after a failed attempt. */
export async function recordAttempt(
  db: Reader,
  itemId: string,
  outcome: {
    status: 'pending' | 'sent' | 'rejected';
    responseCode: number | null;
    error: string | null;
    summary: unknown;
  },
): Promise<void> {
  await sql`UPDATE federation_outbox SET status = ${outcome.status}, attempts = attempts + 1, last_attempt_at = now(),
      sent_at = CASE WHEN ${outcome.status} = 'sent' THEN now() ELSE sent_at END,
      response_code = ${outcome.responseCode}, error = ${outcome.error?.slice(0, 2000) ?? null},
      summary = ${outcome.summary === null || outcome.summary === undefined ? null : JSON.stringify(outcome.summary)}::jsonb
    WHERE id = ${itemId}::bigint`.execute(db);
}

/**
 * A link that failed: counted, and kept waiting a doubling back-off (`baseMs` · 2^(failures before),
 * at most `maxMs`; 0: no wait, for an item refused while the link goes on). Returns the failures in a row.
 */
export async function linkFailed(
  db: Reader,
  id: number,
  error: string,
  baseMs: number,
  maxMs: number,
): Promise<number> {
  const { rows } = await sql<{ failures: number }>`UPDATE federation_links
    SET consecutive_failures = consecutive_failures + 1, last_error = ${error.slice(0, 2000)},
      next_attempt_at = now() + LEAST(${baseMs}::float8 * power(2, LEAST(consecutive_failures, 20)), ${maxMs}::float8)
        * interval '1 millisecond'
    WHERE id = ${id} RETURNING consecutive_failures AS failures`.execute(db);
  return rows[0]?.failures ?? 0;
}

export async function linkSucceeded(db: Reader, id: number): Promise<void> {
  await sql`UPDATE federation_links SET consecutive_failures = 0, last_error = NULL
    WHERE id = ${id} AND (consecutive_failures <> 0 OR last_error IS NOT NULL)`.execute(db);
}

export interface ItemRow {
  id: string;
  eventId: string;
  type: EventType;
  unitId: number;
  formId: number | null;
  periodId: string | null;
  status: 'pending' | 'sent' | 'rejected';
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
  responseCode: number | null;
  error: string | null;
  summary: unknown;
}

export async function findItems(
  db: Reader,
  linkId: number,
  query: { status: string | null; limit: number; offset: number },
): Promise<{ rows: ItemRow[]; total: number }> {
  const where = sql`o.link_id = ${linkId} ${query.status === null ? sql`` : sql`AND o.status = ${query.status}`}`;
  const [{ rows }, count] = await Promise.all([
    sql<ItemRow>`SELECT o.id::text AS id, o.event_id::text AS event_id, e.type, e.unit_id, e.form_id, e.period_id,
        o.status, o.attempts, o.created_at, o.last_attempt_at, o.sent_at, o.response_code, o.error, o.summary
      FROM federation_outbox o JOIN events e ON e.id = o.event_id
      WHERE ${where} ORDER BY o.id DESC LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db),
    sql<{ total: string }>`SELECT count(*) AS total FROM federation_outbox o WHERE ${where}`.execute(db),
  ]);
  return { rows, total: Number(count.rows[0]!.total) };
}

/** Codes of units, forms (with their regime) and indicators, by id. */
export async function findUnitCodes(db: Reader, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function findFormCodes(
  db: Reader,
  ids: number[],
): Promise<Map<number, { regimeCode: string; formCode: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('forms')
    .innerJoin('regimes', 'regimes.id', 'forms.regimeId')
    .select(['forms.id', 'forms.code as formCode', 'regimes.code as regimeCode'])
    .where('forms.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { regimeCode: r.regimeCode, formCode: r.formCode }]));
}

export async function findIndicatorCodes(db: Reader, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('indicators').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** The values of the revision a sent-up event names. */
export async function findRevision(
  db: Reader,
  revisionId: number,
): Promise<{ values: Record<string, unknown>; formVersionId: number } | undefined> {
  return db
    .selectFrom('submissionRevisions')
    .select(['values', 'formVersionId'])
    .where('id', '=', revisionId)
    .executeTakeFirst() as Promise<{ values: Record<string, unknown>; formVersionId: number } | undefined>;
}

export async function findFormVersionDefinition(db: Reader, id: number): Promise<unknown> {
  const row = await db.selectFrom('formVersions').select('definition').where('id', '=', id).executeTakeFirst();
  return row?.definition;
}

export interface IndicatorValueRow {
  periodId: string;
  option: string;
  vintage: string;
  releasedOn: string;
  value: number;
}

/** Every vintage of an indicator's values for a unit in the given periods (the other instance keeps vintages too). */
export async function findIndicatorValues(
  db: Reader,
  indicatorId: number,
  unitId: number,
  periods: string[],
): Promise<IndicatorValueRow[]> {
  if (periods.length === 0) return [];
  const { rows } = await sql<IndicatorValueRow>`SELECT period_id, option, vintage, released_on::text AS released_on,
      value::float8 AS value
    FROM indicator_values WHERE indicator_id = ${indicatorId} AND unit_id = ${unitId}
      AND period_id = ANY(${periods}::text[])
    ORDER BY period_id, option, released_on, vintage`.execute(db);
  return rows;
}
