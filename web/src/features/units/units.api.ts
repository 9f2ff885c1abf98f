import type { HierarchyCreate, HierarchyUpdate, UnitPlacementCreate } from '@baocao/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';
import type { HierarchyView, PageOf, UnitDetailView, UnitParentLinkView, UnitSummaryView } from '../../api/types';

export const CHILDREN_PAGE_SIZE = 100;

export function useHierarchies() {
  return useQuery({
    queryKey: ['hierarchies'],
    queryFn: () => api<HierarchyView[]>('/hierarchies'),
    staleTime: 10 * 60_000,
  });
}

export function createHierarchy(body: HierarchyCreate) {
  return api<HierarchyView>('/hierarchies', { method: 'POST', body });
}

export function updateHierarchy(code: string, body: HierarchyUpdate) {
  return api<HierarchyView>(`/hierarchies/${code}`, { method: 'PATCH', body });
}

/** Places a unit under a parent in a hierarchy from a date; answers the unit's placements. */
export function placeUnit(unitId: number, body: UnitPlacementCreate) {
  return api<UnitParentLinkView[]>(`/units/${unitId}/parents`, { method: 'POST', body });
}

/** A hierarchy's name in the interface's language. */
export function hierarchyLabel(hierarchy: { nameVi: string; nameEn: string }, language: string): string {
  return language === 'en' ? hierarchy.nameEn : hierarchy.nameVi;
}

export function fetchChildren(parentId: number, asOf: string, hierarchy: string, offset: number) {
  return api<PageOf<UnitSummaryView>>(
    `/units/${parentId}/children${queryString({ asOf, hierarchy, limit: CHILDREN_PAGE_SIZE, offset })}`,
  );
}

export function validOn(unit: { validFrom: string; validTo: string | null }, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || unit.validTo >= date);
}

/**
 * A unit's detail as of the browsing date; for a unit not valid on that date
 * (dissolved, or not yet formed) the server's own choice of date is used, so its
 * path and parent are the ones it had while it existed.
 */
export function useUnitDetail(id: number | null, asOf: string, hierarchy?: string) {
  return useQuery({
    queryKey: ['units', id, 'detail', asOf, hierarchy ?? ''],
    enabled: id !== null,
    queryFn: async () => {
      const atDate = await api<UnitDetailView>(`/units/${id}${queryString({ asOf, hierarchy })}`);
      return validOn(atDate, asOf) ? atDate : api<UnitDetailView>(`/units/${id}${queryString({ hierarchy })}`);
    },
  });
}

export function useUnitSearch(q: string, asOf: string | null, page: number, pageSize: number, hierarchy?: string) {
  return useQuery({
    queryKey: ['units', 'search', q, asOf, page, pageSize, hierarchy ?? ''],
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<UnitSummaryView>>(
        `/units${queryString({ q, asOf, hierarchy, limit: pageSize, offset: (page - 1) * pageSize })}`,
        { signal },
      ),
  });
}

/** A unit's kind in the interface's language. */
export function kindLabel(unit: { kindName: string; kindNameEn: string }, language: string): string {
  return language === 'en' ? unit.kindNameEn : unit.kindName;
}
