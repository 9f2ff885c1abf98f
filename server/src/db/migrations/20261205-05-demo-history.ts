import { type Kysely, sql } from 'kysely';

// Demonstration history (features/demo/demo-history.ts): generated submissions are flagged
// is_demo, so the pages can label them "Dữ liệu minh họa" and nobody mistakes them for real
// reports; demo_history_periods is the plan of what to generate (one row per regime period) and
// its progress, which the job works through newest first and the web app reads to show
// "đang nạp dữ liệu minh họa" until it is done.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE submissions ADD COLUMN is_demo boolean NOT NULL DEFAULT false;

    CREATE TABLE demo_history_periods (
      regime_id integer NOT NULL REFERENCES regimes (id),
      period_id text NOT NULL CHECK (length(period_id) BETWEEN 4 AND 10),
      planned_at timestamptz NOT NULL DEFAULT now(),
      loaded_at timestamptz,
      load_ms integer CHECK (load_ms >= 0),
      submissions integer CHECK (submissions >= 0),
      revisions integer CHECK (revisions >= 0),
      PRIMARY KEY (regime_id, period_id)
    );
    CREATE INDEX demo_history_periods_waiting ON demo_history_periods (period_id DESC) WHERE loaded_at IS NULL;
  `.execute(db);
}
