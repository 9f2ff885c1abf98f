import { Type } from '@sinclair/typebox';
import { Id, Text } from './common';
import { PeriodId } from './regimes';

/** Lock or unlock a regime's period; the reason is kept in the audit trail. */
export const PeriodLockBody = Type.Object(
  { regimeId: Id, period: PeriodId, locked: Type.Boolean(), reason: Text(1000, 3) },
  { additionalProperties: false },
);

export const PeriodLockResult = Type.Object({
  regimeId: Type.Integer(),
  periodId: Type.String(),
  locked: Type.Boolean(),
});

/** A unit asks the recipient to unlock a locked period, saying why. */
export const UnlockRequestBody = Type.Object(
  { regimeId: Id, period: PeriodId, unitId: Id, reason: Text(1000, 3) },
  { additionalProperties: false },
);

export const UnlockRequestsQuery = Type.Object(
  {
    regimeId: Id,
    period: PeriodId,
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('granted'), Type.Literal('refused')])),
  },
  { additionalProperties: false },
);

/** Grant (the period is unlocked for every unit) or refuse, with a reason either way. */
export const UnlockDecisionBody = Type.Object(
  { grant: Type.Boolean(), reason: Text(1000, 3) },
  { additionalProperties: false },
);

export const unlockRequestStatuses = ['pending', 'granted', 'refused'] as const;
export type UnlockRequestStatus = (typeof unlockRequestStatuses)[number];

export const UnlockRequestItem = Type.Object({
  id: Type.Integer(),
  regimeId: Type.Integer(),
  periodId: Type.String(),
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  reason: Type.String(),
  requestedByName: Type.String(),
  requestedAt: Type.String(),
  status: Type.Union(unlockRequestStatuses.map((s) => Type.Literal(s))),
  decidedByName: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
});
