import { sql } from 'kysely';
import type pg from 'pg';
import type { Db } from '../../db/database';

/**
 * The unit and its ancestors in every hierarchy as they stood on `onDate`. On a
 * plain `pg` client: the live hub asks on its listening connection, which is not
 * the shared pool's (that may be saturated at peak).
 */
export async function unitAndAncestorsOn(client: pg.Client, unitId: number, onDate: string): Promise<number[]> {
  const result = await client.query<{ id: number }>('select id from unit_and_ancestors_on($1, $2) a(id)', [
    unitId,
    onDate,
  ]);
  return result.rows.map((r) => r.id);
}

/**
 * The forms of the regimes for which the unit is a recipient agency in some version (a recipient
 * reads those regimes' report data whatever the unit; the pages check the version of each period).
 */
export async function formsReceivedBy(db: Db, unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('forms as f')
    .select('f.id')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM regime_versions v JOIN units u ON u.id = ${unitId}
        WHERE v.regime_id = f.regime_id AND v.definition->'recipientUnitCodes' ? u.code)`,
    )
    .execute();
  return rows.map((r) => r.id);
}
