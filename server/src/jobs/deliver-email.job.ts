/**
 * Sends e-mail over SMTP (nodemailer, a pooled transport). A notice's delivery is written with
 * the notice, in the transaction of its cause (features/notices/notices.queries.ts
 * `insertNotices`), together with one sweep job for the statement, so a rolled-back change never
 * sends an e-mail, and a submit never waits for SMTP.
 *
 * A sweep claims batches of due deliveries (`FOR UPDATE SKIP LOCKED`), sends each batch over the
 * pool's connections at once, and records every attempt (`email_delivery_attempts`, the
 * delivery log) and its outcome in the claiming transaction. One job per message cost a job,
 * a transaction and an SMTP connection each (about 15 e-mails a second on 2 cores); a sweep
 * pays those once per batch. Sweeps in any number of runners share the work: a claimed row is
 * skipped by the others, and a sent delivery is never claimed again. Each message carries a
 * Message-ID made from its delivery id, so the rare resend (a process dying between the SMTP
 * server's acceptance and the commit) is recognisable by mail clients as the same message.
 *
 * A refused or failed attempt makes the delivery due again after a back-off that doubles from
 * `retryBaseMs` (at most an hour), until `maxAttempts`; then the delivery is marked failed.
 * The sweep that ends with retries waiting queues the sweep of the earliest one (one job key),
 * and a sweep every minute (the crontab) picks up whatever a crashed process left.
 */

import { localize } from '@baocao/domain';
import type { CronItem, Task } from 'graphile-worker';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';
import type { Db } from '../db/database';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  DELIVER_EMAIL,
  type DeliveryOutcome,
  findNextDueDelivery,
  queueDeliverySweep,
  recordDeliveryOutcomes,
} from '../features/notices/notices.queries';

export { DELIVER_EMAIL } from '../features/notices/notices.queries';

const MAX_BACKOFF_MS = 60 * 60_000;
// Deliveries claimed per transaction: enough to keep every pooled connection busy, few enough
// that a batch's row locks and its transaction stay short.
const BATCH = 100;
// A sweep hands its runner slot back after this long (queueing its successor), so a national
// deadline's e-mails do not hold the slot the warning ladder and the audit sealer need.
const SLICE_MS = 20_000;

/** The wait before attempt `attempt + 1`, after `attempt` failed. */
export function backoffMs(retryBaseMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
}

export interface DeliverEmailJob {
  task: Task;
  /** Closes the pooled SMTP connections (when the runner stops). */
  close(): void;
}

export function deliverEmailJob(db: Db, mail: MailConfig | null, clock: () => number): DeliverEmailJob {
  const transporter = mail
    ? nodemailer.createTransport({
        ...mail.transport,
        pool: true,
        maxConnections: mail.maxConnections,
        maxMessages: mail.maxMessages,
        // A server that does not answer fails the attempt instead of holding the sweep.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;
  const domain = mail ? (/@([^\s@<>]+)>?\s*$/.exec(mail.from)?.[1] ?? 'baocao') : 'baocao';

  async function send(delivery: ClaimedDelivery): Promise<string | null> {
    if (!transporter || !mail) return 'SMTP is not configured (SMTP_URL or SMTP_HOST, SMTP_FROM)';
    try {
      const link = delivery.link && mail.publicUrl ? `${mail.publicUrl}${delivery.link}` : null;
      const footer = link ? localize('NOTICE_EMAIL_FOOTER', { link }) : null;
      await transporter.sendMail({
        from: mail.from,
        to: delivery.toAddress,
        subject: delivery.subject,
        text: footer ? `${delivery.body}\n\n${footer.vi}\n${footer.en}` : delivery.body,
        textEncoding: 'base64',
        messageId: `<delivery-${delivery.id}@${domain}>`,
      });
      return null;
    } catch (caught) {
      return caught instanceof Error ? caught.message : String(caught);
    }
  }

  /** Claims, sends and records one batch; answers how many deliveries it claimed. */
  async function sweepBatch(): Promise<number> {
    return db.transaction().execute(async (tx) => {
      const batch = await claimDueDeliveries(tx, BATCH);
      const outcomes = await Promise.all(
        batch.map(async (delivery): Promise<DeliveryOutcome> => {
          const error = await send(delivery);
          const attempt = delivery.attempts + 1;
          const final = error !== null && (!mail || attempt >= mail.maxAttempts);
          return {
            deliveryId: delivery.id,
            attempt,
            at: new Date(clock()),
            error,
            retryInMs: error !== null && !final && mail ? backoffMs(mail.retryBaseMs, attempt) : null,
          };
        }),
      );
      await recordDeliveryOutcomes(tx, outcomes);
      return batch.length;
    });
  }

  const task: Task = async (_payload, helpers) => {
    const started = Date.now();
    for (;;) {
      if (helpers.abortSignal.aborted || Date.now() - started > SLICE_MS) {
        await queueDeliverySweep(db);
        return;
      }
      if ((await sweepBatch()) === BATCH) continue;
      // A short batch: nothing more is due, or other sweeps hold it. Retries waiting get a sweep
      // at their time; one that came due meanwhile is swept now.
      const next = await findNextDueDelivery(db);
      if (!next) return;
      if (next.dueNow) continue;
      await queueDeliverySweep(db, next.dueAt);
      return;
    }
  };

  return { task, close: () => transporter?.close() };
}

export const deliverEmailCron: CronItem = {
  task: DELIVER_EMAIL,
  match: '* * * * *',
  options: { jobKey: `${DELIVER_EMAIL}-cron`, backfillPeriod: 0 },
};
