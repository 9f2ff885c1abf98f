import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoDate, PageQuery, Text } from './common';

/** A hierarchy's code: lower-case letters, digits, `_` and `-` (the database checks the same). */
export const HierarchyCode = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,40}$', maxLength: 41 });

export const UnitSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  /** The kind's name in Vietnamese, and in English. */
  kindName: Type.String(),
  kindNameEn: Type.String(),
  level: Type.String(),
  areaCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  childCount: Type.Optional(Type.Integer()),
  parentId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
export type UnitSummary = Static<typeof UnitSummary>;

export const UnitParentLink = Type.Object({
  hierarchy: Type.String(),
  parentId: Type.Integer(),
  parentCode: Type.String(),
  parentName: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

export const UnitMapping = Type.Object({
  unitId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  relation: Type.String(),
  effectiveDate: Type.String(),
});

export const UnitDetail = Type.Intersect([
  UnitSummary,
  Type.Object({
    shortName: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    isDemo: Type.Boolean(),
    path: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    parents: Type.Array(UnitParentLink),
    successors: Type.Array(UnitMapping),
    predecessors: Type.Array(UnitMapping),
  }),
]);
export type UnitDetail = Static<typeof UnitDetail>;

export const UnitChildrenQuery = Type.Object(
  {
    hierarchy: Type.Optional(HierarchyCode),
    asOf: Type.Optional(IsoDate),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const UnitSearchQuery = Type.Object(
  {
    q: Type.Optional(Text(100)),
    /** Only units placed in this hierarchy (as a child or a parent; on `asOf` when given). */
    hierarchy: Type.Optional(HierarchyCode),
    kind: Type.Optional(Text(40, 1)),
    level: Type.Optional(Type.Union([...['central', 'province', 'district', 'commune'].map((l) => Type.Literal(l))])),
    asOf: Type.Optional(IsoDate),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const UnitCreate = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' }),
    name: Text(300, 1),
    nameEn: Type.Optional(Text(300)),
    kind: Text(40, 1),
    areaCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', maxLength: 5 })),
    validFrom: Type.Optional(IsoDate),
    hierarchy: Type.Optional(HierarchyCode),
    parentId: Id,
  },
  { additionalProperties: false },
);
export type UnitCreate = Static<typeof UnitCreate>;

export const UnitUpdate = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Text(300, 1)),
    nameEn: Type.Optional(Text(300)),
    validTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UnitUpdate = Static<typeof UnitUpdate>;

export const Hierarchy = Type.Object({
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  /** Where a caller's tree of this hierarchy starts: its roots (system administrators) or the caller's view roots. */
  rootIds: Type.Array(Type.Integer()),
});
export type Hierarchy = Static<typeof Hierarchy>;

export const HierarchyCodeParams = Type.Object({ code: HierarchyCode }, { additionalProperties: false });

export const HierarchyCreate = Type.Object(
  {
    code: HierarchyCode,
    nameVi: Text(200, 1),
    nameEn: Text(200, 1),
    description: Type.Optional(Text(2000, 1)),
  },
  { additionalProperties: false },
);
export type HierarchyCreate = Static<typeof HierarchyCreate>;

export const HierarchyUpdate = Type.Object(
  {
    nameVi: Type.Optional(Text(200, 1)),
    nameEn: Type.Optional(Text(200, 1)),
    description: Type.Optional(Type.Union([Text(2000, 1), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type HierarchyUpdate = Static<typeof HierarchyUpdate>;

/**
 * Places a unit under a parent in a hierarchy from a date: its previous placement in that
 * hierarchy, if any, ends the day before.
 */
export const UnitPlacementCreate = Type.Object(
  {
    hierarchy: HierarchyCode,
    parentId: Id,
    validFrom: IsoDate,
  },
  { additionalProperties: false },
);
export type UnitPlacementCreate = Static<typeof UnitPlacementCreate>;

export const UnitPlacementsQuery = Type.Object(
  { hierarchy: Type.Optional(HierarchyCode) },
  { additionalProperties: false },
);

export const UnitDetailQuery = Type.Object(
  {
    asOf: Type.Optional(IsoDate),
    /** The hierarchy whose path and parent the detail shows (default: administrative). */
    hierarchy: Type.Optional(HierarchyCode),
  },
  { additionalProperties: false },
);
