import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** The slice of one form and period a query is about. */
interface Slice {
  formId: number;
  periodId: string;
}

/** The children of these units in a hierarchy on a date, with their kind. */
export async function findChildLinks(db: Reader, unitIds: number[], hierarchy: string, onDate: string) {
  return db
    .selectFrom('unitParents as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select(['p.parentId', 'u.id', 'u.kind'])
    .where('p.parentId', 'in', unitIds)
    .where('p.hierarchy', '=', hierarchy)
    .where(sql<boolean>`daterange(p.valid_from, p.valid_to, '[]') @> ${onDate}::date`)
    .execute();
}

/** The current revisions of these units' submissions, with their values and review state. */
export async function findCurrentRevisions(db: Reader, slice: Slice, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('submissions as s')
    .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .select(['s.unitId', 'r.id', 'r.values', 'r.reviewState'])
    .where('s.formId', '=', slice.formId)
    .where('s.periodId', '=', slice.periodId)
    .where('s.unitId', 'in', unitIds)
    .execute();
}

/** The stored live figures of these units, and how many sources reached each. */
export async function findConsolidations(db: Reader, slice: Slice, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('consolidations')
    .select([
      'unitId',
      'values',
      'sourceMaxRevision',
      'refreshedAt',
      sql<number>`jsonb_array_length(contributors)`.as('contributorCount'),
    ])
    .where('formId', '=', slice.formId)
    .where('periodId', '=', slice.periodId)
    .where('unitId', 'in', unitIds)
    .execute();
}

/** The saved drafts (own entries) of these units. */
export async function findDrafts(db: Reader, slice: Slice, unitIds: number[]) {
  return db
    .selectFrom('submissions')
    .select(['unitId', 'draft'])
    .where('formId', '=', slice.formId)
    .where('periodId', '=', slice.periodId)
    .where('unitId', 'in', unitIds)
    .execute();
}

/** The adjustments of these units summed by cell. */
export async function sumAdjustments(db: Reader, slice: Slice, unitIds: number[]) {
  return db
    .selectFrom('adjustments')
    .select(['unitId', 'cellKey', sql<number>`sum(delta)::float8`.as('delta')])
    .where('formId', '=', slice.formId)
    .where('periodId', '=', slice.periodId)
    .where('unitId', 'in', unitIds)
    .groupBy(['unitId', 'cellKey'])
    .execute();
}

/** Stores the live figures of many slices in one statement. */
export async function upsertConsolidations(
  tx: Tx,
  rows: {
    unitId: number;
    formId: number;
    periodId: string;
    values: unknown;
    contributors: unknown;
    sourceMaxRevision: number;
    refreshedAt: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('consolidations')
    .values(
      rows.map((row) => ({
        ...row,
        values: JSON.stringify(row.values),
        contributors: JSON.stringify(row.contributors),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['formId', 'periodId', 'unitId']).doUpdateSet((eb) => ({
        values: eb.ref('excluded.values'),
        contributors: eb.ref('excluded.contributors'),
        sourceMaxRevision: eb.ref('excluded.sourceMaxRevision'),
        refreshedAt: eb.ref('excluded.refreshedAt'),
      })),
    )
    .execute();
}

/** The submissions of these units with their current revision and who sent it. */
export async function findChildSubmissions(db: Reader, slice: Slice, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('submissions as s')
    .leftJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .leftJoin('users as u', 'u.id', 'r.submittedBy')
    .select([
      's.id',
      's.unitId',
      's.state',
      's.isNil',
      's.isDemo',
      's.revisionCount',
      'r.id as revisionId',
      'r.values',
      'r.channel',
      'r.minutesLate',
      'r.reviewState',
      'r.reviewReason',
      'u.displayName as submittedByName',
      sql<string | null>`to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('submittedAt'),
    ])
    .where('s.formId', '=', slice.formId)
    .where('s.periodId', '=', slice.periodId)
    .where('s.unitId', 'in', unitIds)
    .execute();
}

/** A unit's adjustments of a form and period, oldest first, with who made them and when; of one cell when given. */
export async function findAdjustments(db: Reader, slice: Slice, unitId: number, cellKey?: string) {
  let q = db
    .selectFrom('adjustments as a')
    .innerJoin('users as u', 'u.id', 'a.createdBy')
    .select([
      'a.id',
      'a.cellKey',
      sql<number>`a.delta::float8`.as('delta'),
      'a.reason',
      'u.displayName as createdByName',
      sql<string>`to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('createdAt'),
    ])
    .where('a.formId', '=', slice.formId)
    .where('a.periodId', '=', slice.periodId)
    .where('a.unitId', '=', unitId);
  if (cellKey !== undefined) q = q.where('a.cellKey', '=', cellKey);
  return q.orderBy('a.id').execute();
}

/** The stored live figures of one unit, if the worker refreshed them. */
export async function findConsolidation(db: Reader, slice: Slice, unitId: number) {
  return db
    .selectFrom('consolidations')
    .select(['values', 'contributors', 'sourceMaxRevision', 'refreshedAt'])
    .where('formId', '=', slice.formId)
    .where('periodId', '=', slice.periodId)
    .where('unitId', '=', unitId)
    .executeTakeFirst();
}

/** A consolidating unit's own submission: its draft (own entries) and what it last sent. */
export async function findOwnSubmission(db: Reader, slice: Slice, unitId: number) {
  return db
    .selectFrom('submissions as s')
    .leftJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .leftJoin('users as reviewer', 'reviewer.id', 'r.reviewedBy')
    .select([
      's.id',
      's.state',
      's.draft',
      's.draftVersion',
      'r.id as revisionId',
      'r.values as sentValues',
      'r.contains',
      'r.minutesLate',
      'r.reviewReason',
      'reviewer.displayName as reviewedByName',
      sql<string | null>`to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('sentAt'),
    ])
    .where('s.formId', '=', slice.formId)
    .where('s.periodId', '=', slice.periodId)
    .where('s.unitId', '=', unitId)
    .executeTakeFirst();
}

/** The unit's live figures of the regime's forms with these codes (null values: none stored yet). */
export async function findFormConsolidations(
  db: Reader,
  regimeId: number,
  formCodes: string[],
  unitId: number,
  periodId: string,
) {
  return db
    .selectFrom('forms as f')
    .leftJoin('consolidations as c', (join) =>
      join.onRef('c.formId', '=', 'f.id').on('c.unitId', '=', unitId).on('c.periodId', '=', periodId),
    )
    .select(['f.code', 'c.values'])
    .where('f.regimeId', '=', regimeId)
    .where('f.code', 'in', formCodes)
    .execute();
}

export async function insertAdjustment(
  tx: Tx,
  adjustment: {
    unitId: number;
    formId: number;
    periodId: string;
    cellKey: string;
    delta: number;
    reason: string;
    createdBy: number;
  },
) {
  return tx.insertInto('adjustments').values(adjustment).returning('id').executeTakeFirstOrThrow();
}
