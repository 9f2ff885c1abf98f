/**
 * Reading the analytics store, which the analytics feature keeps (analytics-upkeep.ts) and which
 * analytics queries and formula indicators both read.
 */
import { sql } from 'kysely';
import { CUSTOM_PLAN, type Db, type Tx } from '../db/database';

/**
 * The stored rows of these units, cells and periods, from both stores: the consolidating units'
 * through the cell-first key of `analytics_rollups`, the entry units' through the unit-first key
 * of `analytics_values` (each an index-only scan; the store a unit is not in costs a descent).
 */
export async function readStoredCells(
  db: Db | Tx,
  args: {
    formId: number;
    unitIds: number[];
    cellKeys: string[];
    /** The form's periods by their starts, or every period starting in a range. */
    periods: { starts: string[] } | { from: string; to: string };
  },
) {
  // With the form's periods named by their starts, every column of both keys before the cell is
  // an equality, so each unit's period is one descent to its cells: read as a range instead, the
  // entry units' key walked all of a unit's cells in the period to keep the few asked (at 400
  // cells a report, a province's 168 communes for one month: 1,044 buffers and 43 ms from the
  // page cache, against 674 and 15 ms; warm, 1.5 against 2.5 ms for 10 fields × 34 provinces × 12
  // months).
  const periods =
    'starts' in args.periods
      ? sql`period_start = ANY(${args.periods.starts}::date[])`
      : sql`period_start BETWEEN ${args.periods.from}::date AND ${args.periods.to}::date`;
  const where = sql`form_id = ${args.formId} AND cell_key = ANY(${args.cellKeys}::text[])
      AND unit_id = ANY(${args.unitIds}::int[]) AND ${periods}`;
  // Planned with its values every time (CUSTOM_PLAN): the generic plan of a prepared statement
  // read the rollups through their narrow (form, unit, period) index and fetched every cell of
  // each unit and period from the heap to keep the few asked (measured on 100 cells a row: 737
  // buffers and 24 ms against 109 buffers and 3 ms for the covering key; at 400 cells, 40 times
  // the rows it keeps). The columns are named as the rows' fields already: read without the
  // camel-case plugin, which would copy each of the thousands of rows key by key.
  const result = await sql<{ unitId: number; periodId: string; cellKey: string; value: number }>`${sql.raw(CUSTOM_PLAN)}
    SELECT unit_id AS "unitId", period_id AS "periodId", cell_key AS "cellKey", value FROM analytics_rollups WHERE ${where}
    UNION ALL
    SELECT unit_id, period_id, cell_key, value FROM analytics_values WHERE ${where}`.execute(db.withoutPlugins());
  return result.rows;
}
