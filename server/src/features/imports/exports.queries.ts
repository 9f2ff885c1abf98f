/**
 * The SQL of exports: current revisions' values, in the order of their revision
 * ids (every change makes a newer revision, so that order is "last updated" and
 * makes a stable cursor), limited to the reader's view subtree.
 */
import type { CellValues } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Actor } from '../../http/context';

export interface ExportedReport {
  revisionId: number;
  formId: number;
  formCode: string;
  regimeCode: string;
  unitCode: string;
  periodId: string;
  submittedAt: Date;
  submittedBy: string;
  values: CellValues;
}

export async function findExportPage(
  db: Db,
  actor: Actor,
  filter: {
    formId: number | null;
    periodId: string | null;
    unitCode: string | null;
    since: string | null;
    after: number;
    limit: number;
  },
): Promise<ExportedReport[]> {
  const scope = actor.isSystemAdmin
    ? sql`true`
    : sql`EXISTS (SELECT 1 FROM unit_closure c WHERE c.descendant_id = s.unit_id AND c.ancestor_id = ANY(${actor.viewRoots}::int[]))`;
  const { rows } = await sql<ExportedReport>`
    SELECT s.current_revision_id::int AS revision_id, s.form_id, f.code AS form_code, g.code AS regime_code,
      u.code AS unit_code, s.period_id, r.submitted_at, us.username AS submitted_by, r.values
    FROM submissions s
    JOIN submission_revisions r ON r.id = s.current_revision_id
    JOIN forms f ON f.id = s.form_id
    JOIN regimes g ON g.id = f.regime_id
    JOIN units u ON u.id = s.unit_id
    JOIN users us ON us.id = r.submitted_by
    WHERE s.current_revision_id > ${filter.after}
      ${filter.formId === null ? sql`` : sql`AND s.form_id = ${filter.formId}`}
      ${filter.periodId === null ? sql`` : sql`AND s.period_id = ${filter.periodId}`}
      ${filter.unitCode === null ? sql`` : sql`AND u.code = ${filter.unitCode}`}
      ${filter.since === null ? sql`` : sql`AND r.submitted_at >= ${filter.since}::timestamptz`}
      AND ${scope}
    ORDER BY s.current_revision_id
    LIMIT ${filter.limit}`.execute(db);
  return rows;
}

/** Whether a unit with this code (at any time: codes are reused) lies in the reader's view subtree. */
export async function unitCodeVisible(db: Db, actor: Actor, code: string): Promise<boolean> {
  const scope = actor.isSystemAdmin
    ? sql`true`
    : sql`EXISTS (SELECT 1 FROM unit_closure c WHERE c.descendant_id = u.id AND c.ancestor_id = ANY(${actor.viewRoots}::int[]))`;
  const { rows } = await sql<{ found: number }>`
    SELECT 1 AS found FROM units u WHERE u.code = ${code} AND ${scope} LIMIT 1`.execute(db);
  return rows.length > 0;
}
