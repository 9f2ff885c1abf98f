import type pg from 'pg';

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
