/**
 * The consolidation engine. A consolidating unit's live figures for a form and
 * period are its children's contributions — an entry unit's current revision
 * (when it counts under the regime: submitted, or only accepted), a
 * consolidating child's own live figures — plus the unit's own entries (its
 * saved draft) and explicit adjustments, aggregated by each field's method.
 *
 * Submits never touch ancestors' rows: they enqueue (unit, form, period) slices
 * in their own transaction, and one worker (see jobs/consolidation-worker.ts)
 * refreshes the slices in batches, deepest first, so a submit shows up in every
 * ancestor within a second without contending on the province and country rows.
 */
import { type CellValues, consolidate, countsInConsolidation, type Period } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { childrenOf, consolidates, type FormInfo } from '../submissions/report-context';

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
}

/** Computes a unit's live consolidated figures from its children, own entries and adjustments. */
export async function computeConsolidation(
  db: Reader,
  form: FormInfo,
  unitId: number,
  period: Period,
): Promise<ConsolidationResult> {
  const regime = form.regime;
  const children = await childrenOf(db, unitId, regime.definition.hierarchy, period.start);
  const consolidating = children.filter((c) => consolidates(regime, c.kind)).map((c) => c.id);
  const entering = children
    .filter((c) => !consolidates(regime, c.kind) && form.definition.entryUnitKinds.includes(c.kind))
    .map((c) => c.id);
  const [revisions, consolidations, own, adjustmentRows] = await Promise.all([
    entering.length
      ? db
          .selectFrom('submissions as s')
          .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
          .select(['s.unitId', 'r.id', 'r.values', 'r.reviewState'])
          .where('s.formId', '=', form.id)
          .where('s.periodId', '=', period.id)
          .where('s.unitId', 'in', entering)
          .execute()
      : [],
    consolidating.length
      ? db
          .selectFrom('consolidations')
          .select(['unitId', 'values', 'sourceMaxRevision'])
          .where('formId', '=', form.id)
          .where('periodId', '=', period.id)
          .where('unitId', 'in', consolidating)
          .execute()
      : [],
    db
      .selectFrom('submissions')
      .select(['draft'])
      .where('formId', '=', form.id)
      .where('periodId', '=', period.id)
      .where('unitId', '=', unitId)
      .executeTakeFirst(),
    db
      .selectFrom('adjustments')
      .select(['cellKey', sql<number>`sum(delta)::float8`.as('delta')])
      .where('formId', '=', form.id)
      .where('periodId', '=', period.id)
      .where('unitId', '=', unitId)
      .groupBy('cellKey')
      .execute(),
  ]);
  const contributors: Contributor[] = [];
  const parts: CellValues[] = [];
  for (const row of revisions) {
    if (!countsInConsolidation(row.reviewState, regime.definition.consolidationCounts)) continue;
    parts.push(row.values as CellValues);
    contributors.push({ unitId: row.unitId, source: 'revision', revisionId: row.id, maxRevision: row.id });
  }
  for (const row of consolidations) {
    parts.push(row.values as CellValues);
    contributors.push({
      unitId: row.unitId,
      source: 'consolidation',
      revisionId: null,
      maxRevision: row.sourceMaxRevision,
    });
  }
  const ownValues = (own?.draft ?? {}) as CellValues;
  if (Object.keys(ownValues).length > 0) {
    parts.push(ownValues);
    contributors.push({ unitId, source: 'own', revisionId: null, maxRevision: 0 });
  }
  const adjustments = Object.fromEntries(adjustmentRows.map((a) => [a.cellKey, a.delta]));
  return {
    values: consolidate(form.definition, parts, adjustments),
    own: ownValues,
    adjustments,
    contributors,
    maxRevision: contributors.reduce((max, c) => Math.max(max, c.maxRevision), 0),
  };
}

/** Stores a slice's live figures. */
export async function storeConsolidation(
  tx: Tx,
  form: FormInfo,
  unitId: number,
  periodId: string,
  result: ConsolidationResult,
) {
  const values = JSON.stringify(result.values);
  const contributors = JSON.stringify(result.contributors);
  await tx
    .insertInto('consolidations')
    .values({
      unitId,
      formId: form.id,
      periodId,
      values,
      contributors,
      sourceMaxRevision: result.maxRevision,
      refreshedAt: new Date(),
    })
    .onConflict((oc) =>
      oc.columns(['formId', 'periodId', 'unitId']).doUpdateSet({
        values,
        contributors,
        sourceMaxRevision: result.maxRevision,
        refreshedAt: new Date(),
      }),
    )
    .execute();
}

/** Queues the consolidating ancestors (and optionally the unit itself) of a change for the worker. */
export async function enqueueConsolidation(
  tx: Tx,
  slices: { unitId: number; depth: number }[],
  formId: number,
  periodId: string,
): Promise<void> {
  if (slices.length === 0) return;
  // Queue and wake the worker in one statement (the notification is delivered at commit).
  const rows = slices.map((s) => sql`(${s.unitId}::int, ${formId}::int, ${periodId}::text, ${s.depth}::int)`);
  await sql`WITH queued AS (
      INSERT INTO consolidation_queue (unit_id, form_id, period_id, depth) VALUES ${sql.join(rows)} RETURNING 1
    ) SELECT pg_notify('baocao_consolidate', '') FROM (SELECT count(*) FROM queued) q`.execute(tx);
}
