import { type Kysely, sql } from 'kysely';

// E-mail is sent by a sweeping job (jobs/deliver-email.job.ts) that claims batches of due
// deliveries, instead of one job per message: each delivery keeps the time its next attempt is
// due (real time, after the back-off of its last failed attempt), and the pending ones are found
// by that time through a partial index. Existing pending deliveries are due at once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE email_deliveries ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at, id) WHERE status = 'pending';
  `.execute(db);
}
