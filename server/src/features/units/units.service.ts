import { DomainError, foldForSearch, normalizeText, type UnitCreate, type UnitUpdate } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanView, canCapture, canView } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import {
  findChildren,
  findHierarchies,
  findHierarchyRoots,
  findMappings,
  findParentLinks,
  findPath,
  findUnit,
  findUnitKind,
  insertParentLink,
  insertUnit,
  lockUnit,
  searchUnitSummaries,
  updateUnitRow,
} from './units.queries';

type Reader = Db | Tx;

export const DEFAULT_HIERARCHY = 'administrative';

/** Today's date in Asia/Ho_Chi_Minh, the date every "as of" defaults to. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

export async function listHierarchies(db: Db, context: RequestContext) {
  const hierarchies = await findHierarchies(db);
  return Promise.all(
    hierarchies.map(async (h) => {
      if (!context.actor.isSystemAdmin) return { ...h, rootIds: context.actor.viewRoots };
      const roots = await findHierarchyRoots(db, h.code);
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
  const result = await searchUnitSummaries(
    db,
    { words, kind: query.kind, level: query.level, asOf: query.asOf },
    context.actor.isSystemAdmin ? null : context.actor.viewRoots,
    page,
  );
  return { ...result, ...page };
}

export async function unitDetail(db: Reader, context: RequestContext, id: number, asOf?: string) {
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

export async function createUnit(tx: Tx, context: RequestContext, input: UnitCreate) {
  if (!(await canCapture(tx, context.actor, input.parentId))) throw new DomainError('NOT_FOUND', { field: 'parentId' });
  const kind = await findUnitKind(tx, input.kind);
  if (!kind) throw new DomainError('VALIDATION_FAILED', { field: 'kind' });
  const hierarchy = input.hierarchy ?? DEFAULT_HIERARCHY;
  const name = normalizeText(input.name);
  const validFrom = input.validFrom ?? todayInVietnam();
  const unit = await insertUnit(tx, {
    code: input.code,
    name,
    nameEn: input.nameEn ? normalizeText(input.nameEn) : null,
    kind: input.kind,
    areaCode: input.areaCode ?? null,
    validFrom,
    searchText: foldForSearch(`${input.code} ${name} ${input.nameEn ?? ''}`),
  });
  await insertParentLink(tx, { hierarchy, unitId: unit.id, parentId: input.parentId, validFrom });
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
}

export async function updateUnit(tx: Tx, context: RequestContext, id: number, input: UnitUpdate) {
  if (!(await canCapture(tx, context.actor, id))) {
    await assertCanView(tx, context.actor, id);
    throw new DomainError('FORBIDDEN');
  }
  const before = await lockUnit(tx, id);
  if (!before) throw new DomainError('NOT_FOUND');
  if (before.version !== input.version)
    throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
  const name = input.name ? normalizeText(input.name) : before.name;
  const nameEn = input.nameEn !== undefined ? normalizeText(input.nameEn) : before.nameEn;
  const validTo = input.validTo === undefined ? before.validTo : input.validTo;
  // An update that changes nothing writes nothing, bumps no version and records nothing.
  if (name === before.name && nameEn === before.nameEn && validTo === before.validTo) return;
  await updateUnitRow(tx, id, {
    name,
    nameEn,
    validTo: input.validTo === undefined ? before.validTo : input.validTo,
    searchText: foldForSearch(`${before.code} ${name} ${before.shortName ?? ''} ${nameEn ?? ''}`),
    version: before.version + 1,
  });
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
}
