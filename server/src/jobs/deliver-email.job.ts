/**
 * Sends one e-mail delivery over SMTP (nodemailer). A notice's delivery is queued with the notice,
 * in the transaction of its cause (features/notices/notices.queries.ts `insertNotices`), so a
 * rolled-back change never sends an e-mail, and a submit never waits for SMTP.
 *
 * Each attempt is recorded (`email_delivery_attempts`, the delivery log). A refused or failed
 * attempt queues the next one after a back-off that doubles from `retryBaseMs` (at most an
 * hour), under a job key of its own, until `maxAttempts`; then the delivery is marked failed.
 * The delivery row is locked while its attempt runs, and a sent delivery is never sent again,
 * so one message reaches its reader once however many runners there are.
 */

import { localize } from '@baocao/domain';
import type { Task } from 'graphile-worker';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';
import type { Db } from '../db/database';
import { lockPendingDelivery, queueDeliveryAttempt, recordDeliveryAttempt } from '../features/notices/notices.queries';

export { DELIVER_EMAIL } from '../features/notices/notices.queries';

const MAX_BACKOFF_MS = 60 * 60_000;

/** The wait before attempt `attempt + 1`, after `attempt` failed. */
export function backoffMs(retryBaseMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
}

export function deliverEmailJob(db: Db, mail: MailConfig | null, clock: () => number): Task {
  const transporter = mail
    ? nodemailer.createTransport({
        ...mail.transport,
        // A server that does not answer fails the attempt instead of holding the job.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;
  return async (payload) => {
    const deliveryId = Number((payload as { deliveryId?: unknown }).deliveryId);
    if (!Number.isSafeInteger(deliveryId)) return;
    await db.transaction().execute(async (tx) => {
      const delivery = await lockPendingDelivery(tx, deliveryId);
      if (!delivery) return;
      const number = delivery.attempts + 1;
      let error: string | null = null;
      if (!transporter || !mail) error = 'SMTP is not configured (SMTP_URL or SMTP_HOST, SMTP_FROM)';
      else
        try {
          const link = delivery.link && mail.publicUrl ? `${mail.publicUrl}${delivery.link}` : null;
          const footer = link ? localize('NOTICE_EMAIL_FOOTER', { link }) : null;
          await transporter.sendMail({
            from: mail.from,
            to: delivery.toAddress,
            subject: delivery.subject,
            text: footer ? `${delivery.body}\n\n${footer.vi}\n${footer.en}` : delivery.body,
            textEncoding: 'base64',
          });
        } catch (caught) {
          error = caught instanceof Error ? caught.message : String(caught);
        }
      const final = error !== null && (!mail || number >= mail.maxAttempts);
      const at = new Date(clock());
      await recordDeliveryAttempt(tx, deliveryId, { number, at, outcome: error ? 'failed' : 'sent', error, final });
      if (error && !final && mail)
        await queueDeliveryAttempt(
          tx,
          deliveryId,
          number + 1,
          new Date(Date.now() + backoffMs(mail.retryBaseMs, number)),
        );
    });
  };
}
