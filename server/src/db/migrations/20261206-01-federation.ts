import { type Kysely, sql } from 'kysely';

// Federation links (features/federation) gain what they forward and when they try next.
//
// - `form_ids` / `indicator_ids`: the forms whose sent-up reports and the indicators whose values
//   are forwarded; `indicator_codes` maps an indicator's id to the other instance's code (absent:
//   the same code). `form_codes` maps a form's id to the other's `REGIME/FORM`, `field_codes` a
//   form's id to `{our cell: their cell}`, `unit_codes` our unit code to theirs.
// - `token` now holds the service token sealed with AES-256-GCM (key-vault.ts, base64), longer
//   than the clear token.
// - `next_attempt_at`: items go out in order, so a link that failed waits as a whole (back-off).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE federation_links
      ADD COLUMN form_ids integer[] NOT NULL DEFAULT '{}' CHECK (cardinality(form_ids) <= 50),
      ADD COLUMN indicator_ids integer[] NOT NULL DEFAULT '{}' CHECK (cardinality(indicator_ids) <= 200),
      ADD COLUMN indicator_codes jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE federation_links DROP CONSTRAINT federation_links_token_check;
    ALTER TABLE federation_links ADD CONSTRAINT federation_links_token_check CHECK (length(token) BETWEEN 10 AND 1000);
    CREATE INDEX federation_outbox_link ON federation_outbox (link_id, id DESC);
  `.execute(db);
}
