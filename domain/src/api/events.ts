import { Type } from '@sinclair/typebox';
import { Id, JsonValue, PageQuery, Text } from './common';

/**
 * The events of the event stream (`GET /events`) and of webhooks. `indicator.updated` is defined
 * for the indicator catalogue (issue 12 §1) and written once indicators exist.
 */
export const eventTypes = [
  'report.submitted',
  'report.returned',
  'report.accepted',
  'report.consolidated',
  'report.sent_up',
  'indicator.updated',
] as const;
export type EventType = (typeof eventTypes)[number];
export const EventTypeSchema = Type.Union(eventTypes.map((t) => Type.Literal(t)));

/** An opaque position in the stream: `<transaction>.<event>`; `0` is the beginning. */
export const EventCursor = Type.String({ pattern: '^(0|[0-9]{1,19}\\.[0-9]{1,19})$', maxLength: 40 });

export const EventsQuery = Type.Object(
  {
    after: Type.Optional(EventCursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    types: Type.Optional(Type.Array(EventTypeSchema, { maxItems: 6, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const EventItem = Type.Object({
  id: Type.Integer(),
  /** The position of this event: pass it as `after` to read the events that follow. */
  cursor: Type.String(),
  type: EventTypeSchema,
  occurredAt: Type.String(),
  unitId: Type.Integer(),
  formId: Type.Union([Type.Integer(), Type.Null()]),
  periodId: Type.Union([Type.String(), Type.Null()]),
  submissionId: Type.Union([Type.Integer(), Type.Null()]),
  data: JsonValue,
});
export type EventItem = typeof EventItem.static;

export const EventPage = Type.Object({
  items: Type.Array(EventItem),
  /** Where to continue: the last item's cursor, or the `after` given when nothing is new. */
  next: Type.String(),
});

/** A webhook URL: http or https, bounded. */
export const WebhookUrl = Type.String({ minLength: 10, maxLength: 2000, pattern: '^[hH][tT][tT][pP][sS]?://' });

export const WebhookCreate = Type.Object(
  {
    url: WebhookUrl,
    description: Type.Optional(Text(200)),
    eventTypes: Type.Array(EventTypeSchema, { minItems: 1, maxItems: 6, uniqueItems: true }),
    unitIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const WebhookUpdate = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });

export const WebhookView = Type.Object({
  id: Type.Integer(),
  ownerId: Type.Integer(),
  ownerName: Type.String(),
  url: Type.String(),
  description: Type.String(),
  eventTypes: Type.Array(EventTypeSchema),
  unitIds: Type.Array(Type.Integer()),
  active: Type.Boolean(),
  consecutiveFailures: Type.Integer(),
  disabledAt: Type.Union([Type.String(), Type.Null()]),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  pending: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
});
export type WebhookView = typeof WebhookView.static;

/** A new subscription with its signing secret, shown this once. */
export const WebhookCreated = Type.Object({ secret: Type.String(), webhook: WebhookView });

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;

export const WebhookAttempt = Type.Object({
  attempt: Type.Integer(),
  at: Type.String(),
  outcome: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
  responseCode: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  manual: Type.Boolean(),
});

export const WebhookDelivery = Type.Object({
  id: Type.Integer(),
  eventId: Type.Integer(),
  eventType: EventTypeSchema,
  status: Type.Union(webhookDeliveryStatuses.map((s) => Type.Literal(s))),
  attempts: Type.Array(WebhookAttempt),
  createdAt: Type.String(),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
});
export type WebhookDelivery = typeof WebhookDelivery.static;

export const WebhookDeliveriesQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export const WebhookDeliveryPage = Type.Object({
  items: Type.Array(WebhookDelivery),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export const WebhookDeliveryParams = Type.Object({ id: Id, deliveryId: Id }, { additionalProperties: false });
