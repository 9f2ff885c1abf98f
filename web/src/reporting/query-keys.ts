// The query keys the reporting views are cached under. A change made on one page (a submit, a
// review, a lock) marks the other pages' views stale through them, whichever feature shows them.

/** Reports: the entry page, "my reports", a unit's own report. */
export const reportsQueryKey = ['reports'] as const;

/** Consolidation views; everything under it is refreshed when a live event names the form and period. */
export const consolidationQueryKey = ['consolidation'] as const;
