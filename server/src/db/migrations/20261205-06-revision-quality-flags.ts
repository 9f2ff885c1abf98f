import { type Kysely, sql } from 'kysely';

// The outliers a submit found (features/quality, domain/src/quality/outliers.ts), each
// with the officer's confirming comment, kept on the revision so the approver and the
// data-quality view see what was confirmed, against which history. Immutable like the
// rest of the revision: the trigger now guards this column too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE submission_revisions
      ADD COLUMN quality_flags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(quality_flags) = 'array');
    CREATE OR REPLACE FUNCTION submission_revisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR NEW.values IS DISTINCT FROM OLD.values OR NEW.submitted_at <> OLD.submitted_at
          OR NEW.submitted_by <> OLD.submitted_by OR NEW.number <> OLD.number OR NEW.contains IS DISTINCT FROM OLD.contains
          OR NEW.comments IS DISTINCT FROM OLD.comments OR NEW.submission_id <> OLD.submission_id
          OR NEW.quality_flags IS DISTINCT FROM OLD.quality_flags THEN
        RAISE EXCEPTION 'submission revisions are immutable' USING ERRCODE = '42501';
      END IF;
      RETURN NEW;
    END $$;
  `.execute(db);
}
