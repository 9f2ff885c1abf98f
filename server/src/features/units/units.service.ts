import { DomainError, foldForSearch, normalizeText, type UnitCreate, type UnitUpdate } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanView, canCapture, canView } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import {
  findChildren,
  findMappings,
  findParentLinks,
  findPath,
  findUnit,
  selectUnitSummaries,
  validOn,
} from './units.queries';

export const DEFAULT_HIERARCHY = 'administrative';

/** Today's date in Asia/Ho_Chi_Minh, the date every "as of" defaults to. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

export async function listHierarchies(db: Db, context: RequestContext) {
  const hierarchies = await db.selectFrom('hierarchies').selectAll().orderBy('code').execute();
  return Promise.all(
    hierarchies.map(async (h) => {
      if (!context.actor.isSystemAdmin) return { ...h, rootIds: context.actor.viewRoots };
      const roots = await db
        .selectFrom('units as u')
        .select('u.id')
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('unitParents as p').select('p.unitId').whereRef('p.unitId', '=', 'u.id'))),
        )
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('unitParents as c')
              .select('c.unitId')
              .whereRef('c.parentId', '=', 'u.id')
              .where('c.hierarchy', '=', h.code),
          ),
        )
        .execute();
      return { ...h, rootIds: roots.map((r) => r.id) };
    }),
  );
}

export async function unitChildren(
  db: Db,
  context: RequestContext,
  parentId: number,
  query: { hierarchy?: string; asOf?: string; limit?: number; offset?: number },
) {
  await assertCanView(db, context.actor, parentId);
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const result = await findChildren(
    db,
    parentId,
    query.hierarchy ?? DEFAULT_HIERARCHY,
    query.asOf ?? todayInVietnam(),
    page,
  );
  return { ...result, ...page };
}

/**
 * Searches units by name or code, ignoring diacritics ("ha noi" finds "Hà Nội"),
 * within the caller's view subtree; every word must match.
 */
export async function searchUnits(
  db: Db,
  context: RequestContext,
  query: { q?: string; kind?: string; level?: string; asOf?: string; limit?: number; offset?: number },
) {
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const words = foldForSearch(query.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  let base = selectUnitSummaries(db);
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where('u.searchText', 'like', pattern);
  }
  if (query.kind) base = base.where('u.kind', '=', query.kind);
  if (query.level) base = base.where('k.level', '=', query.level as 'province');
  if (query.asOf) base = base.where(validOn(query.asOf));
  if (!context.actor.isSystemAdmin) {
    base = base.where(
      'u.id',
      'in',
      db.selectFrom('unitClosure').select('descendantId').where('ancestorId', 'in', context.actor.viewRoots),
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
  return { items, total: total.n, ...page };
}

export async function unitDetail(db: Db, context: RequestContext, id: number, asOf?: string) {
  await assertCanView(db, context.actor, id);
  const unit = await findUnit(db, id);
  if (!unit) throw new DomainError('NOT_FOUND');
  const date = asOf ?? (unit.validTo && unit.validTo < todayInVietnam() ? unit.validTo : todayInVietnam());
  const [parents, path, successors, predecessors] = await Promise.all([
    findParentLinks(db, id),
    findPath(db, id, DEFAULT_HIERARCHY, date),
    findMappings(db, id, 'successors'),
    findMappings(db, id, 'predecessors'),
  ]);
  const current = parents.find((p) => p.validFrom <= date && (p.validTo === null || p.validTo >= date));
  // The path shows only ancestors the caller may see.
  const visiblePath = [];
  for (const step of path) if (await canView(db, context.actor, step.id)) visiblePath.push(step);
  return {
    ...unit,
    parentId: current?.parentId ?? null,
    path: visiblePath,
    parents,
    successors,
    predecessors,
  };
}

export async function createUnit(db: Db, context: RequestContext, input: UnitCreate) {
  if (!(await canCapture(db, context.actor, input.parentId))) throw new DomainError('NOT_FOUND', { field: 'parentId' });
  const kind = await db.selectFrom('unitKinds').select('code').where('code', '=', input.kind).executeTakeFirst();
  if (!kind) throw new DomainError('VALIDATION_FAILED', { field: 'kind' });
  const hierarchy = input.hierarchy ?? DEFAULT_HIERARCHY;
  const name = normalizeText(input.name);
  const validFrom = input.validFrom ?? todayInVietnam();
  return db.transaction().execute(async (tx) => {
    const unit = await tx
      .insertInto('units')
      .values({
        code: input.code,
        name,
        nameEn: input.nameEn ? normalizeText(input.nameEn) : null,
        kind: input.kind,
        areaCode: input.areaCode ?? null,
        validFrom,
        searchText: foldForSearch(`${input.code} ${name} ${input.nameEn ?? ''}`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('unitParents')
      .values({ hierarchy, unitId: unit.id, parentId: input.parentId, validFrom })
      .execute();
    await recordAudit(tx, context, [
      {
        action: 'unit.create',
        objectType: 'unit',
        objectId: unit.id,
        unitId: unit.id,
        after: { ...input, name, hierarchy, validFrom },
      },
    ]);
    return unit.id;
  });
}

export async function updateUnit(db: Db, context: RequestContext, id: number, input: UnitUpdate) {
  if (!(await canCapture(db, context.actor, id))) {
    await assertCanView(db, context.actor, id);
    throw new DomainError('FORBIDDEN');
  }
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('units').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new DomainError('NOT_FOUND');
    if (before.version !== input.version)
      throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
    const name = input.name ? normalizeText(input.name) : before.name;
    const nameEn = input.nameEn !== undefined ? normalizeText(input.nameEn) : before.nameEn;
    await tx
      .updateTable('units')
      .set({
        name,
        nameEn,
        validTo: input.validTo === undefined ? before.validTo : input.validTo,
        searchText: foldForSearch(`${before.code} ${name} ${before.shortName ?? ''} ${nameEn ?? ''}`),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, context, [
      {
        action: 'unit.update',
        objectType: 'unit',
        objectId: id,
        unitId: id,
        before: { name: before.name, nameEn: before.nameEn, validTo: before.validTo },
        after: { name, nameEn, validTo: input.validTo === undefined ? before.validTo : input.validTo },
      },
    ]);
  });
}
