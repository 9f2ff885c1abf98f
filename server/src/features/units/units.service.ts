import {
  DomainError,
  foldForSearch,
  type HierarchyCreate,
  type HierarchyUpdate,
  normalizeText,
  type UnitCreate,
  type UnitPlacementCreate,
  type UnitUpdate,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanCapture, assertCanView, canCapture, canView } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import {
  closeParentLink,
  findChildren,
  findHierarchies,
  findHierarchy,
  findHierarchyRoots,
  findMappings,
  findParentLinks,
  findPath,
  findUnit,
  findUnitKind,
  findUnitValidity,
  insertHierarchy,
  insertParentLink,
  insertUnit,
  lockHierarchy,
  lockLatestParentLink,
  lockUnit,
  searchUnitSummaries,
  updateHierarchyRow,
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
  return Promise.all(hierarchies.map((h) => withRoots(db, context, h)));
}

async function withRoots(
  db: Reader,
  context: RequestContext,
  hierarchy: { code: string; nameVi: string; nameEn: string; description: string | null },
) {
  if (!context.actor.isSystemAdmin) return { ...hierarchy, rootIds: context.actor.viewRoots };
  const roots = await findHierarchyRoots(db, hierarchy.code);
  return { ...hierarchy, rootIds: roots.map((r) => r.id) };
}

/** The hierarchy, or a 400 naming the field that refers to it. */
async function assertHierarchyExists(db: Reader, code: string, field: string) {
  const hierarchy = await findHierarchy(db, code);
  if (!hierarchy)
    throw new DomainError('VALIDATION_FAILED', { field, message: 'UNKNOWN_HIERARCHY', params: { hierarchy: code } });
  return hierarchy;
}

/** Hierarchies are shared by every unit: only system administrators create or rename them. */
function assertSystemAdmin(context: RequestContext) {
  if (!context.actor.isSystemAdmin) throw new DomainError('FORBIDDEN', { message: 'HIERARCHY_SYSTEM_ADMIN_ONLY' });
}

export async function createHierarchy(tx: Tx, context: RequestContext, input: HierarchyCreate) {
  assertSystemAdmin(context);
  const hierarchy = {
    code: input.code,
    nameVi: normalizeText(input.nameVi),
    nameEn: normalizeText(input.nameEn),
    description: input.description ? normalizeText(input.description) : null,
  };
  if (!(await insertHierarchy(tx, hierarchy)))
    throw new DomainError('ALREADY_EXISTS', {
      field: 'code',
      message: 'HIERARCHY_CODE_TAKEN',
      params: { hierarchy: input.code },
    });
  await recordAudit(tx, context, [
    { action: 'hierarchy.create', objectType: 'hierarchy', objectId: input.code, unitId: null, after: hierarchy },
  ]);
  return withRoots(tx, context, hierarchy);
}

export async function updateHierarchy(tx: Tx, context: RequestContext, code: string, input: HierarchyUpdate) {
  assertSystemAdmin(context);
  const before = await lockHierarchy(tx, code);
  if (!before) throw new DomainError('NOT_FOUND');
  const after = {
    nameVi: input.nameVi ? normalizeText(input.nameVi) : before.nameVi,
    nameEn: input.nameEn ? normalizeText(input.nameEn) : before.nameEn,
    description:
      input.description === undefined
        ? before.description
        : input.description === null
          ? null
          : normalizeText(input.description),
  };
  await updateHierarchyRow(tx, code, after);
  await recordAudit(tx, context, [
    {
      action: 'hierarchy.update',
      objectType: 'hierarchy',
      objectId: code,
      unitId: null,
      before: { nameVi: before.nameVi, nameEn: before.nameEn, description: before.description },
      after,
    },
  ]);
  return withRoots(tx, context, { code, ...after });
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
  query: {
    q?: string;
    kind?: string;
    level?: string;
    asOf?: string;
    hierarchy?: string;
    limit?: number;
    offset?: number;
  },
) {
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const words = foldForSearch(query.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  const result = await searchUnitSummaries(
    db,
    { words, kind: query.kind, level: query.level, asOf: query.asOf, hierarchy: query.hierarchy },
    context.actor.isSystemAdmin ? null : context.actor.viewRoots,
    page,
  );
  return { ...result, ...page };
}

export async function unitDetail(
  db: Reader,
  context: RequestContext,
  id: number,
  asOf?: string,
  hierarchy = DEFAULT_HIERARCHY,
) {
  await assertCanView(db, context.actor, id);
  const unit = await findUnit(db, id);
  if (!unit) throw new DomainError('NOT_FOUND');
  const date = asOf ?? (unit.validTo && unit.validTo < todayInVietnam() ? unit.validTo : todayInVietnam());
  const [parents, path, successors, predecessors] = await Promise.all([
    findParentLinks(db, id),
    findPath(db, id, hierarchy, date),
    findMappings(db, id, 'successors'),
    findMappings(db, id, 'predecessors'),
  ]);
  const current = parents.find(
    (p) => p.hierarchy === hierarchy && p.validFrom <= date && (p.validTo === null || p.validTo >= date),
  );
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
  await assertHierarchyExists(tx, hierarchy, 'hierarchy');
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

/** A unit's placements (parent links) in every hierarchy, or in one. */
export async function unitPlacements(db: Reader, context: RequestContext, id: number, hierarchy?: string) {
  await assertCanView(db, context.actor, id);
  if (hierarchy) await assertHierarchyExists(db, hierarchy, 'hierarchy');
  return findParentLinks(db, id, hierarchy);
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Places a unit under a parent in a hierarchy from `validFrom`: the unit's current placement in
 * that hierarchy ends the day before. The caller must change both units (a unit administrator of
 * the one cannot pull in or hand over units of another); a cycle is refused by the database's
 * trigger (HIERARCHY_CYCLE).
 */
export async function placeUnit(tx: Tx, context: RequestContext, unitId: number, input: UnitPlacementCreate) {
  const { hierarchy, parentId, validFrom } = input;
  await assertCanCapture(tx, context.actor, unitId);
  if (!(await canCapture(tx, context.actor, parentId))) throw new DomainError('NOT_FOUND', { field: 'parentId' });
  await assertHierarchyExists(tx, hierarchy, 'hierarchy');
  if (parentId === unitId) throw new DomainError('HIERARCHY_CYCLE', { field: 'parentId' });
  const [unit, parent] = await Promise.all([findUnitValidity(tx, unitId), findUnitValidity(tx, parentId)]);
  if (!unit) throw new DomainError('NOT_FOUND');
  if (!parent) throw new DomainError('NOT_FOUND', { field: 'parentId' });
  for (const u of [unit, parent])
    if (validFrom < u.validFrom || (u.validTo !== null && validFrom > u.validTo))
      throw new DomainError('VALIDATION_FAILED', {
        field: 'validFrom',
        message: 'PLACEMENT_OUTSIDE_VALIDITY',
        params: { date: validFrom, unit: u.name },
      });
  const latest = await lockLatestParentLink(tx, unitId, hierarchy);
  let closed: { parentId: number; validFrom: string; validTo: string } | null = null;
  if (latest && (latest.validTo === null || latest.validTo >= validFrom)) {
    if (latest.validFrom >= validFrom)
      throw new DomainError('CONFLICT', {
        field: 'validFrom',
        message: 'PLACEMENT_NOT_AFTER_CURRENT',
        params: { date: latest.validFrom },
      });
    if (latest.parentId === parentId && latest.validTo === null)
      throw new DomainError('ALREADY_EXISTS', { field: 'parentId', message: 'PLACEMENT_UNCHANGED' });
    closed = { parentId: latest.parentId, validFrom: latest.validFrom, validTo: dayBefore(validFrom) };
    await closeParentLink(tx, { unitId, hierarchy, validFrom: latest.validFrom }, closed.validTo);
  }
  // The new placement ends when the unit (or its parent) does.
  const ends = [unit.validTo, parent.validTo].filter((d): d is string => d !== null).sort()[0] ?? null;
  await insertParentLink(tx, { hierarchy, unitId, parentId, validFrom, ...(ends ? { validTo: ends } : {}) });
  await recordAudit(tx, context, [
    {
      action: 'unit.place',
      objectType: 'unit',
      objectId: unitId,
      unitId,
      before: closed ? { hierarchy, parentId: closed.parentId, validFrom: closed.validFrom, validTo: null } : null,
      after: { hierarchy, parentId, validFrom, validTo: ends, ...(closed ? { closed } : {}) },
    },
  ]);
}
