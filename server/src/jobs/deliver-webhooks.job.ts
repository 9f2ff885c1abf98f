/**
 * Webhooks on the job queue (features/webhooks). Two tasks:
 *
 * - `dispatch-webhooks` matches the stream's new events to the active subscriptions and queues one
 *   `deliver-webhook` job per delivery, in one statement that also moves its cursor. It runs in
 *   rounds under one job key (like seal-audit): a round queues the next one a second later while
 *   any subscription is active; the crontab re-queues one every minute, and creating or enabling a
 *   subscription queues one at once. Writers of events (a submit) add nothing to their statement
 *   for webhooks.
 * - `deliver-webhook` makes one attempt of one delivery (webhooks.service.ts
 *   `attemptWebhookDelivery`): signed POST, attempt logged, the next one queued after a doubling
 *   back-off, the subscription disabled after repeated failure.
 */
import type { CronItem, Task } from 'graphile-worker';
import type { WebhookConfig } from '../config';
import type { Db } from '../db/database';
import {
  DELIVER_WEBHOOK,
  DISPATCH_WEBHOOKS,
  dispatchEvents,
  hasActiveSubscriptions,
  queueDispatch,
} from '../features/webhooks/webhooks.queries';
import { attemptWebhookDelivery } from '../features/webhooks/webhooks.service';

export { DELIVER_WEBHOOK, DISPATCH_WEBHOOKS };

const DISPATCH_EVERY_MS = 1_000;

export function dispatchWebhooksJob(db: Db): Task {
  return async () => {
    // Whole batches mean more is waiting.
    while ((await dispatchEvents(db)) === 1000);
    if (await hasActiveSubscriptions(db)) await queueDispatch(db, new Date(Date.now() + DISPATCH_EVERY_MS));
  };
}

export function deliverWebhookJob(db: Db, config: WebhookConfig): Task {
  return async (payload) => {
    const { deliveryId, manual } = payload as { deliveryId?: unknown; manual?: unknown };
    const id = Number(deliveryId);
    if (!Number.isSafeInteger(id)) return;
    await attemptWebhookDelivery(db, config, id, manual === true);
  };
}

export const dispatchWebhooksCron: CronItem = {
  task: DISPATCH_WEBHOOKS,
  match: '* * * * *',
  options: { jobKey: DISPATCH_WEBHOOKS, jobKeyMode: 'preserve_run_at', backfillPeriod: 0 },
};
