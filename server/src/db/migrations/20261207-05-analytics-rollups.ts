import { type Kysely, sql } from 'kysely';

// The analytics store split by who writes and who reads (issue 11, measured at 100 M values).
// One key could not serve both: the board queries read a few cells of consolidating units over
// many periods (a cell-first key: one descent per cell and unit), while the upkeep rewrites all
// of an entry unit's cells of one period at each new revision (a unit-first key: a few adjacent
// leaf pages). With the cell-first key on all 99 M rows, an entry unit's 400 cells landed on 400
// leaf pages scattered over the whole index, and the upkeep cost 56 % of submit throughput.
//
// Consolidating units' rows (about 1 % of the store: provinces, districts, the country) move to
// `analytics_rollups`, keyed cell-first for the board queries, with a narrow (form, unit, period)
// index for the upkeep's per-unit replace. Entry units' rows stay in `analytics_values`, keyed
// unit-first again, so their upkeep writes are sequential and a ranking of communes is one exact
// lookup per commune. A row is a rollup when its slice (analytics_slices) has no source revision.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE analytics_rollups (
      form_id integer NOT NULL,
      cell_key text NOT NULL,
      unit_id integer NOT NULL,
      period_start date NOT NULL,
      period_id text NOT NULL,
      value double precision NOT NULL,
      PRIMARY KEY (form_id, cell_key, unit_id, period_start) INCLUDE (period_id, value)
    ) PARTITION BY RANGE (period_start);
    CREATE TABLE analytics_rollups_default PARTITION OF analytics_rollups DEFAULT;
  `.execute(db);
  for (let year = 2015; year <= 2035; year += 1) {
    await sql`CREATE TABLE ${sql.raw(`analytics_rollups_${year}`)} PARTITION OF analytics_rollups
      FOR VALUES FROM (${sql.lit(`${year}-01-01`)}) TO (${sql.lit(`${year + 1}-01-01`)})`.execute(db);
  }
  await sql`
    INSERT INTO analytics_rollups (form_id, cell_key, unit_id, period_start, period_id, value)
    SELECT v.form_id, v.cell_key, v.unit_id, v.period_start, v.period_id, v.value
    FROM analytics_values v JOIN analytics_slices s
      ON s.form_id = v.form_id AND s.unit_id = v.unit_id AND s.period_start = v.period_start
    WHERE s.source_revision IS NULL
    ORDER BY v.form_id, v.cell_key, v.unit_id, v.period_start;
    DELETE FROM analytics_values v USING analytics_slices s
    WHERE s.form_id = v.form_id AND s.unit_id = v.unit_id AND s.period_start = v.period_start
      AND s.source_revision IS NULL;
    CREATE INDEX analytics_rollups_slice ON analytics_rollups (form_id, unit_id, period_start);
    DROP INDEX analytics_values_slice;
    ALTER TABLE analytics_values DROP CONSTRAINT analytics_values_pkey;
    ALTER TABLE analytics_values ADD PRIMARY KEY (form_id, unit_id, period_start, cell_key) INCLUDE (period_id, value);
  `.execute(db);
}
