import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** Units with their kind, for summaries; `asOf` keeps those valid on that date. */
export function selectUnitSummaries(db: Reader) {
  return db
    .selectFrom('units as u')
    .innerJoin('unitKinds as k', 'k.code', 'u.kind')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.nameEn',
      'u.kind',
      'k.nameVi as kindName',
      'k.nameEn as kindNameEn',
      'k.level',
      'u.areaCode',
      'u.validFrom',
      'u.validTo',
    ]);
}

export const validOn = (asOf: string) => sql<boolean>`daterange(u.valid_from, u.valid_to, '[]') @> ${asOf}::date`;

export async function findChildren(
  db: Reader,
  parentId: number,
  hierarchy: string,
  asOf: string,
  page: { limit: number; offset: number },
) {
  const base = selectUnitSummaries(db)
    .innerJoin('unitParents as p', 'p.unitId', 'u.id')
    .where('p.parentId', '=', parentId)
    .where('p.hierarchy', '=', hierarchy)
    .where(sql<boolean>`daterange(p.valid_from, p.valid_to, '[]') @> ${asOf}::date`)
    .where(validOn(asOf));
  const [items, total] = await Promise.all([
    base
      .select(
        sql<number>`(select count(*)::int from unit_parents c where c.parent_id = u.id and c.hierarchy = ${hierarchy}
          and daterange(c.valid_from, c.valid_to, '[]') @> ${asOf}::date)`.as('childCount'),
      )
      .orderBy('k.level')
      .orderBy('u.kind')
      .orderBy('u.code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findUnit(db: Reader, id: number) {
  return selectUnitSummaries(db)
    .select(['u.shortName', 'u.version', 'u.isDemo'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export async function findParentLinks(db: Reader, id: number) {
  return db
    .selectFrom('unitParents as p')
    .innerJoin('units as pu', 'pu.id', 'p.parentId')
    .select(['p.hierarchy', 'p.parentId', 'pu.name as parentName', 'p.validFrom', 'p.validTo'])
    .where('p.unitId', '=', id)
    .orderBy('p.validFrom')
    .execute();
}

/** Ancestors from the root down to the unit, following the links valid on `asOf`. */
export async function findPath(db: Reader, id: number, hierarchy: string, asOf: string) {
  const result = await sql<{ id: number; name: string; depth: number }>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT ${id}::int, 0
      UNION ALL
      SELECT p.parent_id, up.depth + 1 FROM unit_parents p JOIN up ON p.unit_id = up.id
      WHERE p.hierarchy = ${hierarchy} AND daterange(p.valid_from, p.valid_to, '[]') @> ${asOf}::date AND up.depth < 16
    )
    SELECT u.id, u.name, up.depth FROM up JOIN units u ON u.id = up.id ORDER BY up.depth DESC`.execute(db);
  return result.rows.map(({ id: unitId, name }) => ({ id: unitId, name }));
}

export async function findMappings(db: Reader, id: number, direction: 'successors' | 'predecessors') {
  const [mine, other] = direction === 'successors' ? ['oldUnitId', 'newUnitId'] : ['newUnitId', 'oldUnitId'];
  return db
    .selectFrom('unitMappings as m')
    .innerJoin('units as o', 'o.id', `m.${other as 'newUnitId'}`)
    .select(['o.id as unitId', 'o.code', 'o.name', 'm.relation', 'm.effectiveDate'])
    .where(`m.${mine as 'oldUnitId'}`, '=', id)
    .orderBy('o.code')
    .execute();
}
