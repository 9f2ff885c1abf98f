/**
 * The consolidation engine. A consolidating unit's live figures for a form and
 * period are its children's contributions — an entry unit's current revision
 * (when it counts under the regime: submitted, or only accepted), a
 * consolidating child's own live figures — plus the unit's own entries (its
 * saved draft) and explicit adjustments, aggregated by each field's method.
 *
 * Submits never touch ancestors' rows: they enqueue (unit, form, period) slices
 * in their own transaction (`reporting/channels.ts`), and one worker (see jobs/consolidation.job.ts)
 * refreshes the slices in batches, deepest first, so a submit shows up in every
 * ancestor within a second without contending on the province and country rows.
 */
import { type CellValues, consolidate, countsInConsolidation, type Period } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import { consolidates, type FormInfo } from '../../reporting/report-context';
import { keepAnalytics } from '../analytics/analytics-upkeep';
import {
  findChildLinks,
  findConsolidations,
  findCurrentRevisions,
  findDrafts,
  sumAdjustments,
  upsertConsolidations,
} from './consolidation.queries';

type Reader = Db | Tx;

export interface Contributor {
  unitId: number;
  source: 'revision' | 'consolidation' | 'own';
  revisionId: number | null;
  /** Highest revision id included through this contributor (for "changed since sent"). */
  maxRevision: number;
}

export interface ConsolidationResult {
  values: CellValues;
  own: CellValues;
  adjustments: Record<string, number>;
  contributors: Contributor[];
  maxRevision: number;
  /** The children expected to contribute (entry units of the form, consolidating units), for analytics' "58/63". */
  expected: number;
  /** The counted entry children's revision values (for the analytics rollup store; not stored here). */
  entries: { unitId: number; revisionId: number; values: CellValues }[];
}

/** Computes a unit's live consolidated figures from its children, own entries and adjustments. */
export async function computeConsolidation(
  db: Reader,
  form: FormInfo,
  unitId: number,
  period: Period,
): Promise<ConsolidationResult> {
  return (await computeConsolidations(db, form, [unitId], period)).get(unitId)!;
}

/**
 * The same for many units of one form and period at once, in five queries
 * whatever their number: the worker refreshes a whole level per batch.
 */
export async function computeConsolidations(
  db: Reader,
  form: FormInfo,
  unitIds: number[],
  period: Period,
): Promise<Map<number, ConsolidationResult>> {
  const regime = form.regime;
  const slice = { formId: form.id, periodId: period.id };
  const children = await findChildLinks(db, unitIds, regime.definition.hierarchy, period.start);
  const consolidating = children.filter((c) => consolidates(regime, c.kind)).map((c) => c.id);
  const entering = children
    .filter((c) => !consolidates(regime, c.kind) && form.definition.entryUnitKinds.includes(c.kind))
    .map((c) => c.id);
  const [revisions, consolidations, own, adjustmentRows] = await Promise.all([
    findCurrentRevisions(db, slice, entering),
    findConsolidations(db, slice, consolidating),
    findDrafts(db, slice, unitIds),
    sumAdjustments(db, slice, unitIds),
  ]);
  const revisionOf = new Map(revisions.map((r) => [r.unitId, r]));
  const owing = new Set([...consolidating, ...entering]);
  const consolidationOf = new Map(consolidations.map((c) => [c.unitId, c]));
  const results = new Map<number, ConsolidationResult>();
  for (const unitId of unitIds) {
    const contributors: Contributor[] = [];
    const parts: CellValues[] = [];
    const entries: ConsolidationResult['entries'] = [];
    let expected = 0;
    for (const child of children) {
      if (child.parentId !== unitId) continue;
      if (owing.has(child.id)) expected += 1;
      const revision = revisionOf.get(child.id);
      if (revision && countsInConsolidation(revision.reviewState, regime.definition.consolidationCounts)) {
        parts.push(revision.values as CellValues);
        entries.push({ unitId: child.id, revisionId: Number(revision.id), values: revision.values as CellValues });
        contributors.push({ unitId: child.id, source: 'revision', revisionId: revision.id, maxRevision: revision.id });
      }
      const live = consolidationOf.get(child.id);
      if (live) {
        parts.push(live.values as CellValues);
        contributors.push({
          unitId: child.id,
          source: 'consolidation',
          revisionId: null,
          maxRevision: live.sourceMaxRevision,
        });
      }
    }
    const ownValues = (own.find((o) => o.unitId === unitId)?.draft ?? {}) as CellValues;
    if (Object.keys(ownValues).length > 0) {
      parts.push(ownValues);
      contributors.push({ unitId, source: 'own', revisionId: null, maxRevision: 0 });
    }
    const adjustments = Object.fromEntries(
      adjustmentRows.filter((a) => a.unitId === unitId).map((a) => [a.cellKey, a.delta]),
    );
    results.set(unitId, {
      values: consolidate(form.definition, parts, adjustments),
      own: ownValues,
      adjustments,
      contributors,
      maxRevision: contributors.reduce((max, c) => Math.max(max, c.maxRevision), 0),
      expected,
      entries,
    });
  }
  return results;
}

/**
 * Stores the live figures of many slices of one form and period in one statement, then keeps
 * the analytics rollup store up with them (both only ever run off the submit path).
 */
export async function storeConsolidations(
  tx: Tx,
  form: FormInfo,
  periodId: string,
  results: Map<number, ConsolidationResult>,
  options: { analytics: boolean } = { analytics: true },
) {
  const refreshedAt = new Date();
  await upsertConsolidations(
    tx,
    [...results].map(([unitId, result]) => ({
      unitId,
      formId: form.id,
      periodId,
      values: result.values,
      contributors: result.contributors,
      sourceMaxRevision: result.maxRevision,
      refreshedAt,
    })),
  );
  if (!options.analytics) return;
  await keepAnalytics(
    tx,
    form.id,
    periodId,
    [...results].map(([unitId, result]) => ({
      unitId,
      values: result.values,
      included: result.contributors.filter((c) => c.source !== 'own').length,
      expected: result.expected,
      entries: result.entries,
    })),
  );
}
