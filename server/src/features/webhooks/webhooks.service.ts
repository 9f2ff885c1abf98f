/**
 * Webhook subscriptions and their deliveries. A subscription names a URL, the event types it
 * wants and units inside its owner's view; its secret (shown once) signs every delivery with
 * HMAC-SHA256. The dispatcher (jobs/deliver-webhooks.job.ts) matches new events of the stream to
 * subscriptions and queues one delivery each; each delivery is attempted on the job queue until
 * the receiver answers 2xx (at least once: a receiver may see an event twice, and tells by the
 * `Baocao-Delivery` header or the event id), with a doubling back-off, every attempt logged.
 * After `disableAfter` failed attempts in a row the subscription is disabled and its owner told.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DomainError, type EventType, type WebhookView } from '@baocao/domain';
import type { WebhookConfig } from '../../config';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { canView } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import { eventItem } from '../events/events.service';
import { noticeWebhookDisabled } from '../notices/notices.service';
import {
  findDeliveries,
  findDelivery,
  findSubscription,
  findSubscriptions,
  insertSubscription,
  lockPendingWebhookDelivery,
  queueDispatch,
  queueWebhookAttempt,
  recordWebhookAttempt,
  reopenDelivery,
  type SubscriptionRow,
  setSubscriptionActive,
} from './webhooks.queries';

const MAX_BACKOFF_MS = 60 * 60_000;

function view(row: SubscriptionRow): WebhookView {
  return {
    id: row.id,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    unitIds: row.unitIds,
    active: row.active,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    pending: Number(row.pending),
    delivered: Number(row.delivered),
    failed: Number(row.failed),
  };
}

/** The caller's subscriptions (a system administrator's list holds everyone's). */
export async function listWebhooks(db: Db, context: RequestContext) {
  const rows = await findSubscriptions(db, context.actor.isSystemAdmin ? null : context.actor.userId);
  return rows.map(view);
}

/** The subscription, if the caller owns it (or administers the system); otherwise 404. */
async function ownedSubscription(db: Db | Tx, context: RequestContext, id: number) {
  const row = await findSubscription(db, id);
  if (!row || (!context.actor.isSystemAdmin && row.ownerId !== context.actor.userId))
    throw new DomainError('NOT_FOUND');
  return row;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('VALIDATION_FAILED', { field: 'url', message: 'WEBHOOK_URL_INVALID' });
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.hostname === '' || parsed.username || parsed.password)
    throw new DomainError('VALIDATION_FAILED', { field: 'url', message: 'WEBHOOK_URL_INVALID' });
  return parsed.toString();
}

export async function createWebhook(
  tx: Tx,
  context: RequestContext,
  input: { url: string; description?: string; eventTypes: EventType[]; unitIds: number[] },
) {
  const url = checkUrl(input.url);
  for (const unitId of input.unitIds)
    if (!(await canView(tx, context.actor, unitId)))
      throw new DomainError('NOT_FOUND', {
        field: 'unitIds',
        message: 'WEBHOOK_UNIT_OUT_OF_SCOPE',
        params: { unitId },
      });
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const id = await insertSubscription(tx, {
    ownerId: context.actor.userId,
    url,
    description: input.description ?? '',
    eventTypes: input.eventTypes,
    unitIds: input.unitIds,
    secret,
  });
  await recordAudit(tx, context, [
    {
      action: 'webhook.create',
      objectType: 'webhook_subscription',
      objectId: id,
      unitId: context.actor.unitId,
      after: { url, description: input.description ?? '', eventTypes: input.eventTypes, unitIds: input.unitIds },
    },
  ]);
  await queueDispatch(tx);
  return { secret, webhook: view((await findSubscription(tx, id))!) };
}

export async function updateWebhook(tx: Tx, context: RequestContext, id: number, input: { active: boolean }) {
  const row = await ownedSubscription(tx, context, id);
  if (row.active === input.active) return view(row);
  await setSubscriptionActive(tx, id, input.active, null);
  await recordAudit(tx, context, [
    {
      action: input.active ? 'webhook.enable' : 'webhook.disable',
      objectType: 'webhook_subscription',
      objectId: id,
      unitId: context.actor.unitId,
      before: { active: row.active },
      after: { active: input.active },
    },
  ]);
  if (input.active) await queueDispatch(tx);
  return view((await findSubscription(tx, id))!);
}

export async function listWebhookDeliveries(
  db: Db,
  context: RequestContext,
  id: number,
  query: { limit?: number; offset?: number },
) {
  await ownedSubscription(db, context, id);
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const { rows, total } = await findDeliveries(db, id, page);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      eventId: Number(r.eventId),
      eventType: r.eventType,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.createdAt.toISOString(),
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
    })),
    total,
    ...page,
  };
}

/** Sends a delivery again by hand (delivered or failed ones too); one attempt, logged as manual. */
export async function redeliverWebhook(tx: Tx, context: RequestContext, id: number, deliveryId: number) {
  const subscription = await ownedSubscription(tx, context, id);
  const delivery = await findDelivery(tx, id, deliveryId);
  if (!delivery) throw new DomainError('NOT_FOUND', { field: 'deliveryId' });
  if (!subscription.active) throw new DomainError('INVALID_STATE', { field: 'id', message: 'WEBHOOK_DISABLED' });
  await reopenDelivery(tx, deliveryId);
  await queueWebhookAttempt(tx, deliveryId, null, true);
  await recordAudit(tx, context, [
    {
      action: 'webhook.redeliver',
      objectType: 'webhook_delivery',
      objectId: deliveryId,
      unitId: context.actor.unitId,
      before: { status: delivery.status },
      after: { status: 'pending' },
    },
  ]);
  return { ok: true };
}

/** The signature header of a body sent at `timestamp` (Unix seconds): `t=<timestamp>,v1=<hex HMAC-SHA256>`. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** The wait before attempt `attempt + 1`, after `attempt` failed. */
export function webhookBackoffMs(retryBaseMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
}

/**
 * One attempt of one delivery (the deliver-webhook job). The delivery row stays locked while the
 * receiver is called, so two runners never send it at once, and a delivered one is never sent
 * again by the queue.
 */
export async function attemptWebhookDelivery(
  db: Db,
  config: WebhookConfig,
  deliveryId: number,
  manual: boolean,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const delivery = await lockPendingWebhookDelivery(tx, deliveryId);
    // Gone, sent, or being sent by another runner; a disabled subscription's deliveries wait
    // until it is enabled again (which queues them).
    if (!delivery?.active) return;
    const body = JSON.stringify(eventItem(delivery.event));
    const number = delivery.attempts + 1;
    const started = performance.now();
    let responseCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Baocao-Webhook/1',
          'baocao-event': delivery.event.type,
          'baocao-delivery': delivery.id,
          'baocao-signature': signatureHeader(delivery.secret, Math.floor(Date.now() / 1000), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      responseCode = response.status;
      await response.body?.cancel().catch(() => {});
      if (response.status < 200 || response.status > 299) error = `HTTP ${response.status}`;
    } catch (caught) {
      const e = caught as Error & { cause?: { code?: string } };
      error = e.cause?.code ? `${e.message} (${e.cause.code})` : e.message;
    }
    const durationMs = Math.round(performance.now() - started);
    const final = error !== null && (manual || number >= config.maxAttempts);
    const failures = await recordWebhookAttempt(tx, delivery, {
      number,
      outcome: error ? 'failed' : 'delivered',
      responseCode,
      durationMs,
      error,
      manual,
      final,
    });
    if (error === null) return;
    if (failures >= config.disableAfter) {
      await setSubscriptionActive(tx, delivery.subscriptionId, false, `${failures} failed attempts in a row`);
      await recordAudit(tx, null, [
        {
          action: 'webhook.disable',
          objectType: 'webhook_subscription',
          objectId: delivery.subscriptionId,
          unitId: null,
          before: { active: true },
          after: { active: false, failures },
        },
      ]);
      await noticeWebhookDisabled(tx, delivery.ownerId, { id: delivery.subscriptionId, url: delivery.url, failures });
      return;
    }
    if (!final)
      await queueWebhookAttempt(tx, delivery.id, new Date(Date.now() + webhookBackoffMs(config.retryBaseMs, number)));
  });
}
