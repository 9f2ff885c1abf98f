import { type Kysely, sql } from 'kysely';

// Writers append audit entries here, inside their own transaction and without a
// global lock; the audit sealer moves them into the hash chain (audit_log) in
// batches, within a second. Chaining inside every write transaction serialized
// all writes on one lock held through each commit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_pending (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_user_id integer,
      actor_name text,
      ip text,
      user_agent text,
      request_id text,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text NOT NULL,
      unit_id integer,
      before jsonb,
      after jsonb
    );
    -- Entries can only be added, and removed by being sealed into the chain.
    CREATE FUNCTION audit_pending_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_pending rows cannot be changed' USING ERRCODE = '42501';
    END $$;
    CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending
      FOR EACH ROW EXECUTE FUNCTION audit_pending_refuse_update();
  `.execute(db);
}
