import { Type } from '@sinclair/typebox';
import { Id, PageQuery } from './common';
import { PeriodId } from './regimes';

/** What a notice is about; each person chooses per kind which channels it reaches. */
export const noticeKinds = [
  'report_returned',
  'report_accepted',
  'period_locked',
  'period_unlocked',
  'unlock_refused',
  'deadline_reminder',
  'deadline_late',
  'children_late',
  'escalation',
  'manual_reminder',
  'child_changed',
  'task_due_soon',
  'task_overdue',
  'webhook_disabled',
  'document_issued',
  'document_failed',
  'connector_failing',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

const Kind = Type.Union(noticeKinds.map((k) => Type.Literal(k)));
const Localized = Type.Object({ vi: Type.String(), en: Type.String() });

export const NoticeItem = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  title: Localized,
  body: Localized,
  /** A path of the web app (the report, the consolidation page). */
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export const NoticesQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), ...PageQuery },
  { additionalProperties: false },
);

export const NoticeList = Type.Object({
  items: Type.Array(NoticeItem),
  total: Type.Integer(),
  unread: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const UnreadCount = Type.Object({ unread: Type.Integer() });

export const NoticePreference = Type.Object(
  { kind: Kind, inbox: Type.Boolean(), email: Type.Boolean() },
  { additionalProperties: false },
);
export const NoticePreferences = Type.Object({
  items: Type.Array(NoticePreference),
  /** The address e-mails go to (the account's); null: no e-mail is sent. */
  email: Type.Union([Type.String(), Type.Null()]),
});
export const NoticePreferencesBody = Type.Object(
  { items: Type.Array(NoticePreference, { minItems: 1, maxItems: noticeKinds.length }) },
  { additionalProperties: false },
);

export const deliveryStatuses = ['pending', 'sent', 'failed'] as const;
export const DeliveriesQuery = Type.Object(
  { status: Type.Optional(Type.Union(deliveryStatuses.map((s) => Type.Literal(s)))), ...PageQuery },
  { additionalProperties: false },
);
export const DeliveryItem = Type.Object({
  id: Type.Integer(),
  noticeId: Type.Integer(),
  toAddress: Type.String(),
  subject: Type.String(),
  status: Type.Union(deliveryStatuses.map((s) => Type.Literal(s))),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Array(
    Type.Object({
      attempt: Type.Integer(),
      at: Type.String(),
      outcome: Type.Union([Type.Literal('sent'), Type.Literal('failed')]),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

/** The units of a consolidating unit that have not sent a period's report. */
export const NotSubmittedQuery = Type.Object(
  { regimeId: Id, period: PeriodId, unitId: Id },
  { additionalProperties: false },
);
export const NotSubmittedUnit = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  /** When the unit was last reminded of this period (by the ladder or by hand). */
  remindedAt: Type.Union([Type.String(), Type.Null()]),
  /** Until when a reminder by hand is refused (rate limit). */
  nextReminderAt: Type.Union([Type.String(), Type.Null()]),
});
export const NotSubmittedList = Type.Object({
  expected: Type.Integer(),
  items: Type.Array(NotSubmittedUnit),
  dueAt: Type.Union([Type.String(), Type.Null()]),
});

/** A reminder by hand to some of the units that have not sent (or all of them, when `unitIds` is absent). */
export const ReminderBody = Type.Object(
  {
    regimeId: Id,
    period: PeriodId,
    unitId: Id,
    unitIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 1000, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const ReminderResult = Type.Object({
  reminded: Type.Array(Type.Integer()),
  skipped: Type.Array(Type.Object({ unitId: Type.Integer(), nextReminderAt: Type.String() })),
});
