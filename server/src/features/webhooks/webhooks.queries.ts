/**
 * The SQL of webhooks: subscriptions, the dispatcher that matches new events to them, and the
 * deliveries with their attempts. Jobs are added with graphile-worker's `add_job()` in SQL, in the
 * caller's transaction (the job files import this feature, so it cannot import them back).
 */
import type { EventType } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { EventRecord } from '../events/events.queries';

type Reader = Db | Tx;

export const DISPATCH_WEBHOOKS = 'dispatch-webhooks';
export const DELIVER_WEBHOOK = 'deliver-webhook';
/** Events matched per statement by the dispatcher. */
const DISPATCH_BATCH = 1000;

export interface SubscriptionRow {
  id: number;
  ownerId: number;
  ownerName: string;
  url: string;
  description: string;
  eventTypes: EventType[];
  unitIds: number[];
  active: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  pending: string;
  delivered: string;
  failed: string;
}

const subscriptionColumns = sql`s.id, s.owner_id, u.display_name AS owner_name, s.url, s.description, s.event_types,
  s.unit_ids, s.active, s.consecutive_failures, s.disabled_at, s.disabled_reason, s.created_at,
  (SELECT count(*) FILTER (WHERE d.status = 'pending') FROM webhook_deliveries d WHERE d.subscription_id = s.id) AS pending,
  (SELECT count(*) FILTER (WHERE d.status = 'delivered') FROM webhook_deliveries d WHERE d.subscription_id = s.id) AS delivered,
  (SELECT count(*) FILTER (WHERE d.status = 'failed') FROM webhook_deliveries d WHERE d.subscription_id = s.id) AS failed`;

/** Subscriptions of `ownerId` (null: all), newest first. */
export async function findSubscriptions(db: Reader, ownerId: number | null): Promise<SubscriptionRow[]> {
  const { rows } = await sql<SubscriptionRow>`SELECT ${subscriptionColumns}
    FROM webhook_subscriptions s JOIN users u ON u.id = s.owner_id
    ${ownerId === null ? sql`` : sql`WHERE s.owner_id = ${ownerId}`}
    ORDER BY s.id DESC LIMIT 500`.execute(db);
  return rows;
}

export async function findSubscription(db: Reader, id: number): Promise<SubscriptionRow | undefined> {
  const { rows } = await sql<SubscriptionRow>`SELECT ${subscriptionColumns}
    FROM webhook_subscriptions s JOIN users u ON u.id = s.owner_id WHERE s.id = ${id}`.execute(db);
  return rows[0];
}

export async function insertSubscription(
  tx: Tx,
  row: {
    ownerId: number;
    url: string;
    description: string;
    eventTypes: EventType[];
    unitIds: number[];
    secret: string;
  },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO webhook_subscriptions
      (owner_id, url, description, event_types, unit_ids, secret)
    VALUES (${row.ownerId}, ${row.url}, ${row.description}, ${row.eventTypes}::text[], ${row.unitIds}::int[], ${row.secret})
    RETURNING id`.execute(tx);
  return rows[0]!.id;
}

/** Enables (resetting the failure count and queuing the pending deliveries again) or disables a subscription. */
export async function setSubscriptionActive(tx: Tx, id: number, active: boolean, reason: string | null): Promise<void> {
  await sql`UPDATE webhook_subscriptions SET active = ${active},
      consecutive_failures = CASE WHEN ${active} THEN 0 ELSE consecutive_failures END,
      disabled_at = CASE WHEN ${active} THEN NULL ELSE now() END,
      disabled_reason = CASE WHEN ${active} THEN NULL ELSE ${reason}::text END
    WHERE id = ${id}`.execute(tx);
  if (active)
    await sql`SELECT graphile_worker.add_job(${DELIVER_WEBHOOK}::text, json_build_object('deliveryId', d.id),
        job_key => 'webhook-delivery:' || d.id)
      FROM webhook_deliveries d WHERE d.subscription_id = ${id} AND d.status = 'pending'`.execute(tx);
}

/** Queues a dispatcher round now (a new subscription should not wait for the crontab). */
export async function queueDispatch(executor: Reader, runAt: Date | null = null): Promise<void> {
  await sql`SELECT graphile_worker.add_job(${DISPATCH_WEBHOOKS}::text, '{}'::json, run_at => ${runAt?.toISOString() ?? null}::timestamptz,
      job_key => ${DISPATCH_WEBHOOKS}::text, job_key_mode => 'preserve_run_at')`.execute(executor);
}

export async function hasActiveSubscriptions(db: Reader): Promise<boolean> {
  const { rows } = await sql<{
    any: boolean;
  }>`SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) AS any`.execute(db);
  return rows[0]!.any;
}

/**
 * One dispatcher round, serialized per database by an advisory lock: the next events after the
 * dispatcher's cursor (only those whose transaction is older than every running one, so none is
 * passed over), a delivery and its job for each active subscription whose event types and units
 * take the event, and the cursor moved past them — one statement. Returns how many events it read.
 */
export async function dispatchEvents(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${DISPATCH_WEBHOOKS}))`.execute(tx);
    const { rows } = await sql<{ events: string }>`
      WITH position AS (SELECT tx_id, event_id FROM webhook_dispatch_cursor),
      batch AS (
        SELECT e.id, e.tx_id, e.type, e.unit_id, e.on_date FROM events e, position p
        WHERE (e.tx_id, e.id) > (p.tx_id, p.event_id)
          AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        ORDER BY e.tx_id, e.id LIMIT ${DISPATCH_BATCH}),
      matched AS (
        INSERT INTO webhook_deliveries (subscription_id, event_id)
        SELECT s.id, b.id FROM batch b
        JOIN webhook_subscriptions s ON s.active AND b.type = ANY(s.event_types) AND b.tx_id > s.starts_after_tx
        WHERE EXISTS (SELECT 1 FROM unit_and_ancestors_on(b.unit_id, b.on_date) a(id) WHERE a.id = ANY(s.unit_ids))
        ORDER BY b.tx_id, b.id
        ON CONFLICT DO NOTHING RETURNING id),
      jobs AS (
        SELECT graphile_worker.add_job(${DELIVER_WEBHOOK}::text, json_build_object('deliveryId', m.id),
          job_key => 'webhook-delivery:' || m.id) FROM matched m),
      last AS (SELECT tx_id, id FROM batch ORDER BY tx_id DESC, id DESC LIMIT 1),
      moved AS (
        UPDATE webhook_dispatch_cursor c SET tx_id = last.tx_id, event_id = last.id FROM last RETURNING 1)
      SELECT (SELECT count(*) FROM batch) AS events, (SELECT count(*) FROM jobs) AS jobs,
        (SELECT count(*) FROM moved) AS moved`.execute(tx);
    return Number(rows[0]!.events);
  });
}

export interface DeliveryToSend {
  id: string;
  subscriptionId: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  url: string;
  secret: string;
  active: boolean;
  ownerId: number;
  consecutiveFailures: number;
  event: EventRecord;
}

/** A pending delivery, its row locked for the attempt (skipped when another runner holds it). */
export async function lockPendingWebhookDelivery(tx: Tx, deliveryId: number): Promise<DeliveryToSend | undefined> {
  const { rows } = await sql<DeliveryToSend>`
    SELECT d.id::text AS id, d.subscription_id, d.status, d.attempts, s.url, s.secret, s.active, s.owner_id,
      s.consecutive_failures,
      json_build_object('id', e.id::text, 'txId', e.tx_id::text, 'type', e.type, 'occurredAt', e.occurred_at,
        'unitId', e.unit_id, 'formId', e.form_id, 'periodId', e.period_id, 'submissionId', e.submission_id::text,
        'data', e.data) AS event
    FROM webhook_deliveries d
    JOIN webhook_subscriptions s ON s.id = d.subscription_id
    JOIN events e ON e.id = d.event_id
    WHERE d.id = ${deliveryId} AND d.status = 'pending'
    FOR UPDATE OF d SKIP LOCKED`.execute(tx);
  const row = rows[0];
  if (row) row.event.occurredAt = new Date(row.event.occurredAt);
  return row;
}

export interface AttemptRecord {
  number: number;
  outcome: 'delivered' | 'failed';
  responseCode: number | null;
  durationMs: number;
  error: string | null;
  manual: boolean;
  /** The delivery is given up after this failed attempt. */
  final: boolean;
}

/** Records an attempt, the delivery's state, and the subscription's run of failures; returns that run. */
export async function recordWebhookAttempt(
  tx: Tx,
  delivery: { id: string; subscriptionId: number },
  attempt: AttemptRecord,
): Promise<number> {
  await sql`INSERT INTO webhook_delivery_attempts (delivery_id, attempt, outcome, response_code, duration_ms, error, manual)
    VALUES (${delivery.id}::bigint, ${attempt.number}, ${attempt.outcome}, ${attempt.responseCode}::int,
      ${attempt.durationMs}, ${attempt.error?.slice(0, 2000) ?? null}::text, ${attempt.manual})`.execute(tx);
  const status = attempt.outcome === 'delivered' ? 'delivered' : attempt.final ? 'failed' : 'pending';
  await sql`UPDATE webhook_deliveries SET attempts = ${attempt.number}, status = ${status},
      delivered_at = CASE WHEN ${status} = 'delivered' THEN now() ELSE NULL END
    WHERE id = ${delivery.id}::bigint`.execute(tx);
  const { rows } = await sql<{ consecutiveFailures: number }>`UPDATE webhook_subscriptions
    SET consecutive_failures = CASE WHEN ${attempt.outcome} = 'delivered' THEN 0 ELSE consecutive_failures + 1 END
    WHERE id = ${delivery.subscriptionId} RETURNING consecutive_failures`.execute(tx);
  return rows[0]!.consecutiveFailures;
}

/** Queues a delivery's next attempt (`manual`: a redelivery asked for by hand). */
export async function queueWebhookAttempt(
  executor: Reader,
  deliveryId: number | string,
  runAt: Date | null,
  manual = false,
) {
  await sql`SELECT graphile_worker.add_job(${DELIVER_WEBHOOK}::text,
      json_build_object('deliveryId', ${String(deliveryId)}::bigint, 'manual', ${manual}::boolean),
      run_at => ${runAt?.toISOString() ?? null}::timestamptz, job_key => ${`webhook-delivery:${deliveryId}`}::text)`.execute(
    executor,
  );
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: EventType;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: Date;
  deliveredAt: Date | null;
  attempts: {
    attempt: number;
    at: string;
    outcome: 'delivered' | 'failed';
    responseCode: number | null;
    durationMs: number;
    error: string | null;
    manual: boolean;
  }[];
}

/** A subscription's deliveries, newest first, each with its attempts. */
export async function findDeliveries(db: Reader, subscriptionId: number, page: { limit: number; offset: number }) {
  const { rows } = await sql<DeliveryRow>`
    SELECT d.id::text AS id, d.event_id::text AS event_id, e.type AS event_type, d.status, d.created_at, d.delivered_at,
      coalesce((SELECT json_agg(json_build_object('attempt', a.attempt,
          'at', to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'outcome', a.outcome,
          'responseCode', a.response_code, 'durationMs', a.duration_ms, 'error', a.error, 'manual', a.manual)
          ORDER BY a.attempt)
        FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
    FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
    WHERE d.subscription_id = ${subscriptionId}
    ORDER BY d.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  const { rows: count } = await sql<{ total: string }>`SELECT count(*) AS total FROM webhook_deliveries
    WHERE subscription_id = ${subscriptionId}`.execute(db);
  return { rows, total: Number(count[0]!.total) };
}

export async function findDelivery(db: Reader, subscriptionId: number, deliveryId: number) {
  const { rows } = await sql<{ id: string; status: string }>`SELECT id::text AS id, status FROM webhook_deliveries
    WHERE id = ${deliveryId} AND subscription_id = ${subscriptionId} FOR UPDATE`.execute(db);
  return rows[0];
}

/** Opens a delivery again for a redelivery by hand. */
export async function reopenDelivery(tx: Tx, deliveryId: number): Promise<void> {
  await sql`UPDATE webhook_deliveries SET status = 'pending', delivered_at = NULL WHERE id = ${deliveryId}`.execute(tx);
}
