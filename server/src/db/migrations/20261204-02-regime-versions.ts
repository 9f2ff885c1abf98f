import { type Kysely, sql } from 'kysely';

// Regimes keep versions. Decree 09 regimes are amended by later circulars, so an
// amendment of an active regime is a new version in force from its own date; the
// previous version stays as it was and still judges the periods before that date.
// A version is in force from `effective_from` until the next version's
// `effective_from` (exclusive). `regimes.definition` stays the newest version's
// definition (the catalogue reads it); each existing regime becomes version 1 in
// force from its current start.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE regime_versions (
      id serial PRIMARY KEY,
      regime_id integer NOT NULL REFERENCES regimes(id),
      number integer NOT NULL CHECK (number >= 1),
      effective_from date NOT NULL,
      legal_basis text CHECK (legal_basis IS NULL OR length(legal_basis) BETWEEN 1 AND 300),
      definition jsonb NOT NULL,
      created_by integer REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (regime_id, number),
      UNIQUE (regime_id, effective_from)
    );
    INSERT INTO regime_versions (regime_id, number, effective_from, definition, created_at)
    SELECT id, 1, (definition ->> 'validFrom')::date, definition, created_at FROM regimes;
  `.execute(db);
}
