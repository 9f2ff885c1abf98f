import { type Kysely, sql } from 'kysely';

// The analytics rollup store (issue 11). One numeric row per (form, cell, unit,
// period) for every unit that has figures: entry units (their current counted
// revision) and consolidating units (their live consolidation, i.e. the rollup
// of their subtree), so a query by province, by district or for the country reads
// the already-aggregated rows of those units and never the raw revisions below.
// Kept up by the consolidation worker in the batch that refreshes the slices
// (off the submit transaction), never rebuilt.
//
// Partitioned by the period's first day, one partition per year (a default one
// catches the rest): a board's year of months touches one partition, old years
// can be detached or moved to cheaper storage. The primary key is the covering
// index of the queries: form, unit, period, then cell, including the value, so a
// query is an index-only range scan per unit (the few cells of a form it does not
// ask for are skipped in the index), and the upkeep replaces one unit's cells of
// one period by an exact prefix.
//
// `analytics_slices` says, per (form, period, unit), how many of the units it
// expects it includes ("58/63") and which revision an entry unit's rows came from
// (so the worker rewrites an entry unit's rows only when its revision changed).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE analytics_values (
      form_id integer NOT NULL,
      cell_key text NOT NULL,
      unit_id integer NOT NULL,
      period_start date NOT NULL,
      period_id text NOT NULL,
      value double precision NOT NULL,
      PRIMARY KEY (form_id, unit_id, period_start, cell_key) INCLUDE (period_id, value)
    ) PARTITION BY RANGE (period_start);
    CREATE TABLE analytics_values_default PARTITION OF analytics_values DEFAULT;

    CREATE TABLE analytics_slices (
      form_id integer NOT NULL,
      unit_id integer NOT NULL,
      period_start date NOT NULL,
      period_id text NOT NULL,
      parent_id integer,
      source_revision bigint,
      included integer NOT NULL CHECK (included >= 0),
      expected integer NOT NULL CHECK (expected >= 0),
      refreshed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (form_id, unit_id, period_start) INCLUDE (period_id, included, expected)
    ) PARTITION BY RANGE (period_start);
    CREATE TABLE analytics_slices_default PARTITION OF analytics_slices DEFAULT;
  `.execute(db);
  for (let year = 2015; year <= 2035; year += 1) {
    const from = sql.lit(`${year}-01-01`);
    const to = sql.lit(`${year + 1}-01-01`);
    await sql`CREATE TABLE ${sql.raw(`analytics_values_${year}`)} PARTITION OF analytics_values
      FOR VALUES FROM (${from}) TO (${to})`.execute(db);
    await sql`CREATE TABLE ${sql.raw(`analytics_slices_${year}`)} PARTITION OF analytics_slices
      FOR VALUES FROM (${from}) TO (${to})`.execute(db);
  }
  // Removing the children of a refreshed unit that no longer count (a returned report).
  await sql`CREATE INDEX analytics_slices_parent ON analytics_slices (form_id, parent_id, period_start)
    WHERE parent_id IS NOT NULL`.execute(db);
}
