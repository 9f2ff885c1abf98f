/**
 * Reading the analytics store, which the analytics feature keeps (analytics-upkeep.ts) and which
 * analytics queries and formula indicators both read.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';

/**
 * The stored rows of these units, cells and periods, from both stores: the consolidating units'
 * through the cell-first key of `analytics_rollups`, the entry units' through the unit-first key
 * of `analytics_values` (each an index-only scan; the store a unit is not in costs a descent).
 */
export async function readStoredCells(
  db: Db | Tx,
  args: { formId: number; unitIds: number[]; cellKeys: string[]; from: string; to: string },
) {
  const where = sql`form_id = ${args.formId} AND cell_key = ANY(${args.cellKeys}::text[])
      AND unit_id = ANY(${args.unitIds}::int[]) AND period_start BETWEEN ${args.from}::date AND ${args.to}::date`;
  const result = await sql<{ unitId: number; periodId: string; cellKey: string; value: number }>`
    SELECT unit_id AS "unitId", period_id AS "periodId", cell_key AS "cellKey", value FROM analytics_rollups WHERE ${where}
    UNION ALL
    SELECT unit_id, period_id, cell_key, value FROM analytics_values WHERE ${where}`.execute(db);
  return result.rows;
}
