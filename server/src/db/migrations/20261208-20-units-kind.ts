import { type Kysely, sql } from 'kysely';

// Analytics by level (`units: { level: 'province' }`, every board's map and ranking) lists the units
// of a level's kinds. Without an index on kind it read all 16,807 units of the demo tree (today's
// and the former ones) to keep 34 provinces: 528 buffers and 2–5 ms a query, against 0.2 ms
// through this index with the kinds given as values (findLevelUnits).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX units_kind ON units (kind)`.execute(db);
}
