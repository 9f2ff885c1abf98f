import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoDate, PageQuery, Text } from './common';

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
    hierarchy: Type.Optional(Text(40, 1)),
    asOf: Type.Optional(IsoDate),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const UnitSearchQuery = Type.Object(
  {
    q: Type.Optional(Text(100)),
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
    hierarchy: Type.Optional(Text(40, 1)),
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
  rootIds: Type.Array(Type.Integer()),
});
