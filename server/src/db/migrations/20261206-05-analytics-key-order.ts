import { type Kysely, sql } from 'kysely';

// The analytics store's covering key, reordered for the board queries (issue 11, measured at
// 100 M values). It was (form, unit, period, cell): a query for 10 of a form's 400 cells over a
// year read every cell of each unit and month in the range and kept 1 in 40 (163,000 index
// entries for a 4,080-cell answer; 62 ms warm, 1,743 pages cold). Now (form, cell, unit,
// period): each asked cell and unit is one descent followed by its months in a row (77 pages,
// 3 ms, same answer). The upkeep replaces a unit's cells of one period, which the new key no
// longer finds by a prefix, so a narrow index on (form, unit, period) serves it; its keys repeat
// for every cell, so B-tree deduplication keeps it small.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE analytics_values DROP CONSTRAINT analytics_values_pkey;
    ALTER TABLE analytics_values ADD PRIMARY KEY (form_id, cell_key, unit_id, period_start) INCLUDE (period_id, value);
    CREATE INDEX analytics_values_slice ON analytics_values (form_id, unit_id, period_start);
  `.execute(db);
}
