import { type Static, Type } from '@sinclair/typebox';
import { Id, Text } from './common';

const Flag = Type.Optional(Type.Boolean());
const Localized = Type.Object({ vi: Type.String(), en: Type.String() });

/** The query of `POST /imports` (Baocao's own summary shape). */
export const ImportQuery = Type.Object(
  {
    format: Type.Union(
      ['native', 'dhis2-json', 'dhis2-csv', 'adx', 'csv', 'xlsx'].map((f) => Type.Literal(f)),
      { description: 'The file format.' },
    ),
    dryRun: Flag,
    /** All-or-nothing (default true): any blocking conflict writes nothing. */
    atomic: Flag,
    /** Names the data set of a DHIS2 CSV file (which has no data set column): a form id or `REGIME/FORM`. */
    dataSet: Type.Optional(Text(81, 1)),
    /** Qualifies bare form codes (a form code is unique only within its regime). */
    regime: Type.Optional(Text(40, 1)),
    /** How org units are named: `code` (default, resolved on the period's date) or `id`. */
    idScheme: Type.Optional(Type.Union([Type.Literal('code'), Type.Literal('id')])),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

/** The query of `POST /dataValueSets`, as DHIS2 clients send it (uppercase values accepted). */
export const DataValueSetQuery = Type.Object(
  {
    dryRun: Flag,
    /** DHIS2's `atomicMode`: `ALL` (default) or `NONE`. */
    atomicMode: Type.Optional(Type.Union([Type.Literal('ALL'), Type.Literal('NONE')])),
    dataSet: Type.Optional(Text(81, 1)),
    regime: Type.Optional(Text(40, 1)),
    idScheme: Type.Optional(Type.Union(['code', 'id', 'CODE', 'ID', 'UID'].map((s) => Type.Literal(s)))),
    orgUnitIdScheme: Type.Optional(Type.Union(['code', 'id', 'CODE', 'ID', 'UID'].map((s) => Type.Literal(s)))),
    importStrategy: Type.Optional(
      Type.Union([Type.Literal('CREATE_AND_UPDATE'), Type.Literal('CREATE'), Type.Literal('UPDATE')]),
    ),
  },
  { additionalProperties: false },
);

export const ImportConflictSchema = Type.Object({
  rows: Type.Array(Type.Integer()),
  object: Type.String(),
  value: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  blocking: Type.Boolean(),
  message: Localized,
});

export const ImportSummarySchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('rejected'), Type.Literal('partial')]),
  dryRun: Type.Boolean(),
  atomic: Type.Boolean(),
  counts: Type.Object({
    rows: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    rejected: Type.Integer(),
    ignored: Type.Integer(),
  }),
  reports: Type.Object({ written: Type.Integer(), unchanged: Type.Integer(), rejected: Type.Integer() }),
  conflicts: Type.Array(ImportConflictSchema),
  conflictCount: Type.Integer(),
});
export type ImportSummaryView = Static<typeof ImportSummarySchema>;

/** An import as the progress endpoint shows it. */
export const ImportJobView = Type.Object({
  id: Id,
  format: Type.String(),
  dryRun: Type.Boolean(),
  status: Type.Union(['queued', 'running', 'done', 'failed'].map((s) => Type.Literal(s))),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  /** 0–100. */
  percent: Type.Integer(),
  summary: Type.Union([ImportSummarySchema, Type.Null()]),
  error: Type.Union([
    Type.Object({ code: Type.String(), message: Type.String(), field: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ImportJobView = Static<typeof ImportJobView>;

/** One import in the history of the caller's units (`GET /imports`): who, when, how it ended. */
export const ImportHistoryItem = Type.Object({
  id: Id,
  format: Type.String(),
  dryRun: Type.Boolean(),
  status: Type.Union(['queued', 'running', 'done', 'failed'].map((s) => Type.Literal(s))),
  userName: Type.String(),
  unitName: Type.Union([Type.String(), Type.Null()]),
  byteSize: Type.Integer(),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  counts: Type.Union([
    Type.Object({
      created: Type.Integer(),
      updated: Type.Integer(),
      unchanged: Type.Integer(),
      rejected: Type.Integer(),
      ignored: Type.Integer(),
    }),
    Type.Null(),
  ]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ImportHistoryItem = Static<typeof ImportHistoryItem>;

/** A queued import's answer (202). */
export const ImportQueuedView = Type.Object({ jobId: Id, status: Type.Literal('queued'), progress: Type.String() });

/** DHIS2's import summary, as `POST /dataValueSets` answers. */
export const Dhis2ImportSummary = Type.Object({
  responseType: Type.Literal('ImportSummary'),
  status: Type.Union([Type.Literal('SUCCESS'), Type.Literal('WARNING'), Type.Literal('ERROR')]),
  description: Type.String(),
  importOptions: Type.Object({ dryRun: Type.Boolean(), atomicMode: Type.String(), idScheme: Type.String() }),
  importCount: Type.Object({
    imported: Type.Integer(),
    updated: Type.Integer(),
    ignored: Type.Integer(),
    deleted: Type.Integer(),
  }),
  conflicts: Type.Array(
    Type.Object({
      object: Type.String(),
      value: Type.String(),
      errorCode: Type.String(),
      property: Type.String(),
      indexes: Type.Array(Type.Integer()),
    }),
  ),
  rejectedIndexes: Type.Array(Type.Integer()),
});
export type Dhis2ImportSummary = Static<typeof Dhis2ImportSummary>;

/** The query of the report data exports (`GET /dataValueSets.json|.csv|.adx`, `GET /exports.json|.csv|.xlsx`). */
export const ExportQuery = Type.Object(
  {
    /** A form id or `REGIME/FORM`. */
    dataSet: Type.Optional(Text(81, 1)),
    period: Type.Optional(Text(10, 4)),
    orgUnit: Type.Optional(Text(40, 1)),
    /** Only reports changed at or after this instant (ISO 8601). */
    lastUpdated: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    /** The cursor: the `X-Next-Cursor` of the previous page. */
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_007_199_254_740_991 })),
    /** Reports per page (each carries all its values). */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  },
  { additionalProperties: false },
);
