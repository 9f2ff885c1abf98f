import { type Kysely, sql } from 'kysely';

// Signed checkpoints of the audit chain's head (features/audit/audit-checkpoint.ts).
// The hash chain alone cannot tell that its newest rows were deleted: what is left
// is still a valid chain. A checkpoint records how many rows the chain had and the
// hash of its last row, signed with a key kept outside the database; verification
// then finds a chain shorter than its latest checkpoint. Append-only like audit_log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_checkpoints (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      row_count bigint NOT NULL CHECK (row_count >= 0),
      last_id bigint NOT NULL CHECK (last_id >= 0),
      head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
      key_id text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
      signature text NOT NULL CHECK (length(signature) BETWEEN 1 AND 200)
    );
    CREATE FUNCTION audit_checkpoints_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_checkpoints is append-only' USING ERRCODE = '42501';
    END $$;
    CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_refuse_change();
    CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_refuse_change();
  `.execute(db);
}
