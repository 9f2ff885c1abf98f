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

export async function findHierarchies(db: Reader) {
  return db
    .selectFrom('hierarchies')
    .select(['code', 'nameVi', 'nameEn', 'description'])
    .orderBy(sql`code <> 'administrative'`)
    .orderBy('code')
    .execute();
}

export async function findHierarchy(db: Reader, code: string) {
  return db
    .selectFrom('hierarchies')
    .select(['code', 'nameVi', 'nameEn', 'description'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The hierarchy, locked until the transaction ends. */
export async function lockHierarchy(tx: Tx, code: string) {
  return tx
    .selectFrom('hierarchies')
    .select(['code', 'nameVi', 'nameEn', 'description'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertHierarchy(
  tx: Tx,
  hierarchy: { code: string; nameVi: string; nameEn: string; description: string | null },
): Promise<boolean> {
  const row = await tx
    .insertInto('hierarchies')
    .values(hierarchy)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateHierarchyRow(
  tx: Tx,
  code: string,
  changes: { nameVi: string; nameEn: string; description: string | null },
): Promise<void> {
  await tx.updateTable('hierarchies').set(changes).where('code', '=', code).execute();
}

/** Units with children in this hierarchy and no parent in it (at any time). */
export async function findHierarchyRoots(db: Reader, hierarchy: string) {
  return db
    .selectFrom('units as u')
    .select('u.id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('unitParents as p')
            .select('p.unitId')
            .whereRef('p.unitId', '=', 'u.id')
            .where('p.hierarchy', '=', hierarchy),
        ),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('unitParents as c')
          .select('c.unitId')
          .whereRef('c.parentId', '=', 'u.id')
          .where('c.hierarchy', '=', hierarchy),
      ),
    )
    .orderBy('u.id')
    .execute();
}

/**
 * A page of units whose search text holds every word, best matches first, with the total;
 * with `viewRoots` only units inside those subtrees (null: every unit).
 */
export async function searchUnitSummaries(
  db: Reader,
  query: { words: string[]; kind?: string; level?: string; asOf?: string; hierarchy?: string },
  viewRoots: number[] | null,
  page: { limit: number; offset: number },
) {
  const { words } = query;
  let base = selectUnitSummaries(db);
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where('u.searchText', 'like', pattern);
  }
  if (query.kind) base = base.where('u.kind', '=', query.kind);
  if (query.level) base = base.where('k.level', '=', query.level as 'province');
  if (query.asOf) base = base.where(validOn(query.asOf));
  if (query.hierarchy) {
    const linkValid = query.asOf
      ? sql<boolean>`daterange(p.valid_from, p.valid_to, '[]') @> ${query.asOf}::date`
      : sql<boolean>`true`;
    const { hierarchy } = query;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('unitParents as p')
          .select('p.unitId')
          .where('p.hierarchy', '=', hierarchy)
          .where((inner) =>
            inner.or([inner('p.unitId', '=', inner.ref('u.id')), inner('p.parentId', '=', inner.ref('u.id'))]),
          )
          .where(linkValid),
      ),
    );
  }
  if (viewRoots !== null) {
    base = base.where(
      'u.id',
      'in',
      db.selectFrom('unitClosure').select('descendantId').where('ancestorId', 'in', viewRoots),
    );
  }
  const folded = words.join(' ');
  const phrase = folded.replace(/[\\%_]/g, (c) => `\\${c}`);
  const wordPattern = `(^| )${folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($| )`;
  const [items, total] = await Promise.all([
    base
      .orderBy(sql`(lower(u.code) = ${folded})`, 'desc')
      // "ba vi" ranks "UBND huyện Ba Vì" (whole words, in order) above "Bảo hiểm xã hội Việt Nam".
      .orderBy(sql`(u.search_text ~ ${wordPattern})`, 'desc')
      .orderBy(sql`(u.search_text like ${`%${phrase}%`})`, 'desc')
      .orderBy(sql`(u.valid_to is null)`, 'desc')
      .orderBy('k.level')
      .orderBy(sql`length(u.name)`)
      .orderBy('u.code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

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

/** A unit's placements (parent links), in every hierarchy or in one, oldest first. */
export async function findParentLinks(db: Reader, id: number, hierarchy?: string) {
  let query = db
    .selectFrom('unitParents as p')
    .innerJoin('units as pu', 'pu.id', 'p.parentId')
    .select(['p.hierarchy', 'p.parentId', 'pu.code as parentCode', 'pu.name as parentName', 'p.validFrom', 'p.validTo'])
    .where('p.unitId', '=', id);
  if (hierarchy) query = query.where('p.hierarchy', '=', hierarchy);
  return query.orderBy('p.hierarchy').orderBy('p.validFrom').execute();
}

/** The unit's latest placement in a hierarchy, locked until the transaction ends. */
export async function lockLatestParentLink(tx: Tx, unitId: number, hierarchy: string) {
  return tx
    .selectFrom('unitParents')
    .select(['parentId', 'validFrom', 'validTo'])
    .where('unitId', '=', unitId)
    .where('hierarchy', '=', hierarchy)
    .orderBy('validFrom', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** Ends the placement that began on `validFrom` on `validTo`. */
export async function closeParentLink(
  tx: Tx,
  link: { unitId: number; hierarchy: string; validFrom: string },
  validTo: string,
): Promise<void> {
  await tx
    .updateTable('unitParents')
    .set({ validTo })
    .where('unitId', '=', link.unitId)
    .where('hierarchy', '=', link.hierarchy)
    .where('validFrom', '=', link.validFrom)
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

/** A unit's identity and validity, for checks. */
export async function findUnitValidity(db: Reader, id: number) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'validFrom', 'validTo'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findUnitKind(db: Reader, code: string) {
  return db.selectFrom('unitKinds').select('code').where('code', '=', code).executeTakeFirst();
}

export async function insertUnit(
  tx: Tx,
  unit: {
    code: string;
    name: string;
    nameEn: string | null;
    kind: string;
    areaCode: string | null;
    validFrom: string;
    searchText: string;
  },
) {
  return tx.insertInto('units').values(unit).returning('id').executeTakeFirstOrThrow();
}

export async function insertParentLink(
  tx: Tx,
  link: { hierarchy: string; unitId: number; parentId: number; validFrom: string; validTo?: string | null },
): Promise<void> {
  await tx.insertInto('unitParents').values(link).execute();
}

/** The unit, locked until the transaction ends. */
export async function lockUnit(tx: Tx, id: number) {
  return tx.selectFrom('units').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateUnitRow(
  tx: Tx,
  id: number,
  changes: { name: string; nameEn: string | null; validTo: string | null; searchText: string; version: number },
): Promise<void> {
  await tx
    .updateTable('units')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}
