/**
 * The live stream (GET /api/v1/live, Server-Sent Events): each `consolidation`
 * event names one (unit, form, period) slice that changed inside the viewer's
 * subtree, so the open consolidation pages refetch it.
 */
import { type Static, Type } from '@sinclair/typebox';

/** Why a slice changed: its consolidation was refreshed, or a draft below it was saved. */
export const liveReasons = ['consolidation', 'draft'] as const;
export const LiveReason = Type.Union(liveReasons.map((r) => Type.Literal(r)));
export type LiveReason = Static<typeof LiveReason>;

export const LiveEvent = Type.Object({
  unitId: Type.Integer(),
  formId: Type.Integer(),
  periodId: Type.String(),
  /** When the server started the refresh behind it (epoch milliseconds); the benchmark measures delivery from it. */
  startedAt: Type.Integer(),
  reason: LiveReason,
});
export type LiveEvent = Static<typeof LiveEvent>;
