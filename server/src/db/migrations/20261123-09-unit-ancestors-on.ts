import { type Kysely, sql } from 'kysely';

// A unit and its ancestors in every hierarchy through the parent links valid on
// a date: what report data is scoped by (see http/scope.ts), and what the live
// stream filters events by.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION unit_and_ancestors_on(unit integer, on_date date) RETURNS SETOF integer
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
      WITH RECURSIVE up(id) AS (
        SELECT unit
        UNION
        SELECT p.parent_id FROM unit_parents p JOIN up ON p.unit_id = up.id
        WHERE daterange(p.valid_from, p.valid_to, '[]') @> on_date
      )
      SELECT id FROM up
    $$;
  `.execute(db);
}
