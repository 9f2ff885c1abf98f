import { type Static, Type } from '@sinclair/typebox';
import { Id, JsonValue, Text } from './common';
import { EventTypeSchema, WebhookUrl } from './events';

/** A code of the other instance (a unit, indicator or cell code). */
const Code = Type.String({ minLength: 1, maxLength: 80, pattern: '^[^\\s/]+$' });
/** The other instance's form, qualified by its regime: `REGIME/FORM`. */
const QualifiedForm = Type.String({ minLength: 3, maxLength: 81, pattern: '^[^\\s/]{1,40}/[^\\s/]{1,40}$' });

const FederationForm = Type.Object(
  {
    formId: Id,
    /** The other instance's `REGIME/FORM`; absent: the same codes as here. */
    code: Type.Optional(QualifiedForm),
    /** Our cell → theirs; absent cells keep their code. */
    cells: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 80 }), Code, { maxProperties: 2000 })),
  },
  { additionalProperties: false },
);

const FederationIndicator = Type.Object(
  {
    indicatorId: Id,
    /** The other instance's indicator code; absent: the same code. */
    code: Type.Optional(Code),
  },
  { additionalProperties: false },
);

const linkProperties = {
  name: Text(200, 1),
  /** The other instance's base address; its API is under `/api/v1`. */
  targetUrl: WebhookUrl,
  /** The units whose sent-up reports and indicator values are forwarded (each with its subtree). */
  unitIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
  forms: Type.Array(FederationForm, { maxItems: 50 }),
  indicators: Type.Array(FederationIndicator, { maxItems: 200 }),
  /** Our unit code → theirs; absent units keep their code. */
  unitCodes: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 40 }), Code, { maxProperties: 5000 })),
  active: Type.Optional(Type.Boolean()),
};

export const FederationLinkCreate = Type.Object(
  {
    ...linkProperties,
    /** A service token of the other instance (data.submit on the mapped units); stored sealed, never shown again. */
    token: Text(500, 10),
  },
  { additionalProperties: false },
);
export type FederationLinkCreate = Static<typeof FederationLinkCreate>;

export const FederationLinkUpdate = Type.Object(
  {
    ...linkProperties,
    /** Absent: the stored token is kept. */
    token: Type.Optional(Text(500, 10)),
  },
  { additionalProperties: false },
);
export type FederationLinkUpdate = Static<typeof FederationLinkUpdate>;

export const FederationItemStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('sent'),
  Type.Literal('rejected'),
]);

export const FederationLinkView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  targetUrl: Type.String(),
  unitIds: Type.Array(Type.Integer()),
  forms: Type.Array(
    Type.Object({
      formId: Type.Integer(),
      regimeCode: Type.String(),
      formCode: Type.String(),
      code: Type.String(),
      cells: Type.Record(Type.String(), Type.String()),
    }),
  ),
  indicators: Type.Array(
    Type.Object({ indicatorId: Type.Integer(), indicatorCode: Type.String(), code: Type.String() }),
  ),
  unitCodes: Type.Record(Type.String(), Type.String()),
  active: Type.Boolean(),
  consecutiveFailures: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** The outbox: items waiting, delivered and refused by the other instance. */
  outbox: Type.Object({
    pending: Type.Integer(),
    sent: Type.Integer(),
    rejected: Type.Integer(),
    lastSentAt: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type FederationLinkView = Static<typeof FederationLinkView>;

export const FederationItemsQuery = Type.Object(
  {
    status: Type.Optional(FederationItemStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const FederationItem = Type.Object({
  id: Type.Integer(),
  eventId: Type.Integer(),
  type: EventTypeSchema,
  unitId: Type.Integer(),
  formId: Type.Union([Type.Integer(), Type.Null()]),
  periodId: Type.Union([Type.String(), Type.Null()]),
  status: FederationItemStatusSchema,
  attempts: Type.Integer(),
  createdAt: Type.String(),
  lastAttemptAt: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  responseCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  /** The other instance's answer (its import summary). */
  summary: Type.Union([JsonValue, Type.Null()]),
});
export type FederationItem = Static<typeof FederationItem>;

export const FederationItemPage = Type.Object({
  items: Type.Array(FederationItem),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
