import { type Static, Type } from '@sinclair/typebox';
import { AnalyticsFieldId } from './analytics';
import { Id, JsonValue, PageQuery, Text } from './common';
import { PeriodId } from './regimes';

/** Bounds of a generated report's template (each list is bounded; so is the document). */
export const DOCUMENT_LIMITS = { values: 20, tables: 6, tableFields: 8, charts: 4, recipients: 30 } as const;

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', maxLength: 40 });

/** A figure of the report: a field's total over the report's unit, named for the narrative (`{key}`). */
export const DocumentValue = Type.Object(
  { key: Key, field: AnalyticsFieldId, label: Text(200, 1) },
  { additionalProperties: false },
);

/** A table: the fields as columns, the report unit's children (or the unit alone) as rows. */
export const DocumentTable = Type.Object(
  {
    title: Text(300, 1),
    fields: Type.Array(AnalyticsFieldId, { minItems: 1, maxItems: DOCUMENT_LIMITS.tableFields }),
    rows: Type.Union([Type.Literal('children'), Type.Literal('unit')]),
  },
  { additionalProperties: false },
);

/** A chart: one field by child unit (bar) or over the last 12 periods (line). */
export const DocumentChart = Type.Object(
  {
    title: Text(300, 1),
    type: Type.Union([Type.Literal('bar'), Type.Literal('line')]),
    field: AnalyticsFieldId,
  },
  { additionalProperties: false },
);

export const DocumentRecipient = Type.Object(
  {
    /** A recipient agency inside Baocao: its people get the report in their inbox and by e-mail. */
    unitId: Type.Optional(Id),
    name: Text(300, 1),
  },
  { additionalProperties: false },
);

export const documentPeriodTypes = ['month', 'quarter', 'year'] as const;

/** What a generated report holds and how it is laid out (Decree 30/2020/NĐ-CP). */
export const DocumentDefinition = Type.Object(
  {
    periodType: Type.Union(documentPeriodTypes.map((t) => Type.Literal(t))),
    /** The issuing agency and, above it, its governing body (may be empty). */
    issuer: Type.Object({ governingBody: Text(200), agency: Text(200, 1) }, { additionalProperties: false }),
    /** The symbol after the number: `BC-LĐTBXH` gives `05/BC-LĐTBXH`. */
    symbol: Text(40, 1),
    place: Text(100, 1),
    title: Text(300, 1),
    /** The narrative outline; `{placeholders}` are filled from the data. */
    narrative: Text(8000, 1),
    values: Type.Array(DocumentValue, { maxItems: DOCUMENT_LIMITS.values }),
    tables: Type.Array(DocumentTable, { maxItems: DOCUMENT_LIMITS.tables }),
    charts: Type.Array(DocumentChart, { maxItems: DOCUMENT_LIMITS.charts }),
    /** Reporting compliance of the unit's subtree over the period. */
    compliance: Type.Boolean(),
    recipients: Type.Array(DocumentRecipient, { minItems: 1, maxItems: DOCUMENT_LIMITS.recipients }),
    signer: Type.Object(
      { authority: Text(100), position: Text(100, 1), name: Text(100, 1) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type DocumentDefinition = Static<typeof DocumentDefinition>;

export const DocumentTemplateBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9_-]{2,40}$', maxLength: 40 }),
    name: Text(300, 1),
    regimeId: Id,
    unitId: Id,
    /** Generated each month on this day, for the period just ended; null: on demand only. */
    scheduleDay: Type.Union([Type.Integer({ minimum: 1, maximum: 28 }), Type.Null()]),
    active: Type.Optional(Type.Boolean()),
    definition: DocumentDefinition,
  },
  { additionalProperties: false },
);
export type DocumentTemplateBody = Static<typeof DocumentTemplateBody>;

const UnitBrief = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const DocumentTemplateItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  regime: Type.Object({ id: Type.Integer(), code: Type.String() }),
  unit: UnitBrief,
  scheduleDay: Type.Union([Type.Integer(), Type.Null()]),
  active: Type.Boolean(),
  isDemo: Type.Boolean(),
  definition: DocumentDefinition,
  version: Type.Integer(),
  updatedAt: Type.String(),
  lastDocument: Type.Union([
    Type.Null(),
    Type.Object({ id: Type.Integer(), periodId: Type.String(), version: Type.Integer(), generatedAt: Type.String() }),
  ]),
  /** The last failed generation not followed by a success. */
  lastFailure: Type.Union([
    Type.Null(),
    Type.Object({ periodId: Type.String(), attempts: Type.Integer(), error: Type.String(), at: Type.String() }),
  ]),
});
export type DocumentTemplateItem = Static<typeof DocumentTemplateItem>;

export const DocumentTemplatesQuery = Type.Object(
  { unitId: Type.Optional(Id), ...PageQuery },
  { additionalProperties: false },
);

export const GenerateDocumentBody = Type.Object(
  {
    periodId: PeriodId,
    /** Another unit than the template's (one of its view): the same report for that unit. */
    unitId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** One difference between a version and the version before it. */
export const DocumentChange = Type.Object({
  kind: Type.Union([Type.Literal('value'), Type.Literal('cell'), Type.Literal('revisions')]),
  /** The figure's label, or the table, row and column. */
  label: Type.String(),
  before: Type.Union([Type.Number(), Type.Null()]),
  after: Type.Union([Type.Number(), Type.Null()]),
});
export type DocumentChange = Static<typeof DocumentChange>;

export const DocumentItem = Type.Object({
  id: Type.Integer(),
  template: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  unit: UnitBrief,
  periodId: Type.String(),
  periodLabel: Type.String(),
  version: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  generatedAt: Type.String(),
  generatedBy: Type.Union([Type.String(), Type.Null()]),
  trigger: Type.String(),
  revisionCount: Type.Integer(),
  isDemo: Type.Boolean(),
  pdfBytes: Type.Integer(),
  xlsxBytes: Type.Integer(),
});
export type DocumentItem = Static<typeof DocumentItem>;

export const DocumentDetail = Type.Composite([
  DocumentItem,
  Type.Object({
    /** The submission revisions whose figures it contains. */
    revisionIds: Type.Array(Type.Integer()),
    /** The figures as issued (values, tables, charts, compliance, narrative). */
    content: JsonValue,
    /** What differs from the version before (null for the first). */
    changes: Type.Union([Type.Array(DocumentChange), Type.Null()]),
    /** Every version of the same template, unit and period, newest first. */
    versions: Type.Array(
      Type.Object({ id: Type.Integer(), version: Type.Integer(), generatedAt: Type.String(), number: Type.String() }),
    ),
  }),
]);

export const GeneratedDocument = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  /** False when the data had not changed since the last version, which is returned instead. */
  created: Type.Boolean(),
  changes: Type.Union([Type.Array(DocumentChange), Type.Null()]),
});

export const DocumentsQuery = Type.Object(
  {
    templateId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    periodId: Type.Optional(PeriodId),
    /** Only the latest version of each template, unit and period. */
    latest: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const DocumentFileParams = Type.Object(
  { id: Id, format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]) },
  { additionalProperties: false },
);
