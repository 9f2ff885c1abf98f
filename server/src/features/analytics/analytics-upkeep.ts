/**
 * Keeps the analytics store (`analytics_rollups`, `analytics_values`, `analytics_slices`) up to
 * date. It runs where a slice's live figures are stored — the consolidation
 * worker's batch and the demo history loader — never in a submit's transaction:
 * the refreshed consolidating units write their rollup rows, and the entry units
 * they count write theirs only when their counted revision changed. Nothing is
 * ever rebuilt; a batch costs a few statements per level of a form and period.
 */
import { type CellValues, parsePeriod } from '@baocao/domain';
import type { Tx } from '../../db/database';
import { insertEntryRows, removeEntrySlices, upsertAnalyticsRows, upsertEntrySlices } from './analytics.queries';

export interface RollupUnit {
  unitId: number;
  values: CellValues;
  /** How many of the children it expects contribute, and how many it expects. */
  included: number;
  expected: number;
  /** The entry children counted, with their revision and its values. */
  entries: { unitId: number; revisionId: number; values: CellValues }[];
}

function numericCells(values: CellValues): [string, number][] {
  return Object.entries(values).filter((entry): entry is [string, number] => {
    const value = entry[1];
    return typeof value === 'number' && Number.isFinite(value);
  });
}

/** Writes the rollup rows of refreshed units of one form and period, and of their changed entry children. */
export async function keepAnalytics(tx: Tx, formId: number, periodId: string, units: RollupUnit[]): Promise<void> {
  if (units.length === 0) return;
  const periodStart = parsePeriod(periodId).start;
  const slice = { formId, periodId, periodStart };
  // The consolidating units themselves: their slice counts and all their numeric cells.
  await upsertEntrySlices(
    tx,
    slice,
    units.map((u) => ({
      unitId: u.unitId,
      parentId: null,
      revisionId: null,
      included: u.included,
      expected: u.expected,
    })),
    false,
  );
  // The entry children: only those whose counted revision changed since their rows were written.
  const entries = units.flatMap((u) =>
    u.entries.map((e) => ({ unitId: e.unitId, parentId: u.unitId, revisionId: e.revisionId, values: e.values })),
  );
  const written = await upsertEntrySlices(
    tx,
    slice,
    entries.map((e) => ({ ...e, included: 1, expected: 1 })),
    true,
  );
  const created = new Set(written.filter((w) => w.created).map((w) => w.unitId));
  const changed = new Set(written.filter((w) => !w.created).map((w) => w.unitId));
  const rowsOf = (unitIds: Set<number>) =>
    entries
      .filter((entry) => unitIds.has(entry.unitId))
      .map((e) => ({ unitId: e.unitId, cells: numericCells(e.values) }));
  const entryRows = rowsOf(changed);
  const removed = await removeEntrySlices(
    tx,
    slice,
    units.map((u) => u.unitId),
    entries.map((e) => e.unitId),
  );
  for (const unitId of removed) entryRows.push({ unitId, cells: [] });
  await upsertAnalyticsRows(
    tx,
    slice,
    'rollup',
    units.map((u) => ({ unitId: u.unitId, cells: numericCells(u.values) })),
  );
  await upsertAnalyticsRows(tx, slice, 'entry', entryRows);
  await insertEntryRows(tx, slice, rowsOf(created));
}
