import { type Kysely, sql } from 'kysely';

// The incremental indicator export (`GET /api/v1/indicator-values?since=…`, issue 12) asks for the
// values recorded since a time; without an index on recorded_at it walked every stored value in id
// order to keep the recent few. A correction updates its row in place and sets recorded_at anew,
// so this index finds new and corrected values alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX indicator_values_recorded ON indicator_values (recorded_at, id)`.execute(db);
}
