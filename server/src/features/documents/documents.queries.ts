/**
 * The SQL of generated reports: templates, the archive of issued versions (files in bytea),
 * and the generation runs. Scope is folded into each statement: a document is visible when its
 * unit, or one of its recipient agencies, lies in the caller's view subtrees (`roots`; null: a
 * system administrator, everything).
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { inSubtreesExpression } from '../../http/scope';

type Reader = Db | Tx;

/** The current revisions of the forms' submissions in the unit's subtree, for the periods. */
export async function findContainedRevisions(
  db: Reader,
  args: { unitId: number; formIds: number[]; periodIds: string[] },
): Promise<number[]> {
  if (args.formIds.length === 0 || args.periodIds.length === 0) return [];
  const rows = await sql<{ id: string }>`
    SELECT s.current_revision_id AS id FROM submissions s
    WHERE s.form_id = ANY(${args.formIds}::int[]) AND s.period_id = ANY(${args.periodIds}::text[])
      AND s.current_revision_id IS NOT NULL
      AND s.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${args.unitId})
    ORDER BY 1`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

export interface TemplateRow {
  id: number;
  code: string;
  name: string;
  regimeId: number;
  regimeCode: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  scheduleDay: number | null;
  active: boolean;
  isDemo: boolean;
  definition: unknown;
  version: number;
  updatedAt: Date;
  createdBy: number;
}

function templateRows(db: Reader) {
  return db
    .selectFrom('documentTemplates as t')
    .innerJoin('regimes as r', 'r.id', 't.regimeId')
    .innerJoin('units as u', 'u.id', 't.unitId')
    .select([
      't.id',
      't.code',
      't.name',
      't.regimeId',
      'r.code as regimeCode',
      't.unitId',
      'u.code as unitCode',
      'u.name as unitName',
      't.scheduleDay',
      't.active',
      't.isDemo',
      't.definition',
      't.version',
      't.updatedAt',
      't.createdBy',
    ]);
}

const unitInside = (roots: number[] | null, column: string): RawBuilder<boolean> =>
  roots === null ? sql<boolean>`true` : inSubtreesExpression(roots, sql.ref(column));

export async function findTemplates(
  db: Reader,
  args: { roots: number[] | null; unitId?: number; limit: number; offset: number },
): Promise<{ rows: TemplateRow[]; total: number }> {
  let query = templateRows(db).where(unitInside(args.roots, 't.unit_id'));
  if (args.unitId !== undefined)
    query = query.where(
      sql<boolean>`t.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${args.unitId})`,
    );
  const [rows, count] = await Promise.all([
    query.orderBy('t.code').limit(args.limit).offset(args.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as TemplateRow[], total: Number(count.n) };
}

export async function findTemplate(db: Reader, id: number): Promise<TemplateRow | undefined> {
  return (await templateRows(db).where('t.id', '=', id).executeTakeFirst()) as TemplateRow | undefined;
}

export async function templateCodeTaken(db: Reader, code: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('documentTemplates').select('id').where('code', '=', code);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertTemplate(
  tx: Tx,
  row: {
    code: string;
    name: string;
    regimeId: number;
    unitId: number;
    scheduleDay: number | null;
    active: boolean;
    definition: unknown;
    createdBy: number;
    isDemo?: boolean;
  },
): Promise<number> {
  const inserted = await tx
    .insertInto('documentTemplates')
    .values({ ...row, definition: JSON.stringify(row.definition), isDemo: row.isDemo ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateTemplate(
  tx: Tx,
  id: number,
  row: {
    code: string;
    name: string;
    regimeId: number;
    unitId: number;
    scheduleDay: number | null;
    active: boolean;
    definition: unknown;
  },
): Promise<void> {
  await tx
    .updateTable('documentTemplates')
    .set({ ...row, definition: JSON.stringify(row.definition), updatedAt: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The last issued version and the last failure (not followed by a success) of each template. */
export async function findTemplateStatus(db: Reader, templateIds: number[]) {
  if (templateIds.length === 0) return { last: [], failures: [] };
  const last = await sql<{ templateId: number; id: string; periodId: string; version: number; generatedAt: Date }>`
    SELECT DISTINCT ON (template_id) template_id, id, period_id, version, generated_at FROM documents
    WHERE template_id = ANY(${templateIds}::int[]) ORDER BY template_id, generated_at DESC, id DESC`.execute(db);
  const failures = await sql<{
    templateId: number;
    periodId: string;
    attempts: number;
    lastError: string;
    finishedAt: Date;
  }>`
    SELECT DISTINCT ON (template_id) template_id, period_id, attempts, last_error, finished_at, status FROM document_runs
    WHERE template_id = ANY(${templateIds}::int[]) AND status <> 'pending'
    ORDER BY template_id, id DESC`.execute(db);
  return {
    last: last.rows,
    failures: failures.rows.filter((r) => (r as unknown as { status: string }).status === 'failed'),
  };
}

export interface DocumentRow {
  id: number;
  templateId: number;
  templateCode: string;
  templateName: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  periodId: string;
  version: number;
  number: string;
  generatedAt: Date;
  generatedByName: string | null;
  trigger: string;
  revisionCount: number;
  isDemo: boolean;
  pdfBytes: number;
  xlsxBytes: number;
  title: string;
}

function documentRows(db: Reader) {
  return db
    .selectFrom('documents as d')
    .innerJoin('documentTemplates as t', 't.id', 'd.templateId')
    .innerJoin('units as u', 'u.id', 'd.unitId')
    .leftJoin('users as g', 'g.id', 'd.generatedBy')
    .select([
      'd.id',
      'd.templateId',
      't.code as templateCode',
      't.name as templateName',
      'd.unitId',
      'u.code as unitCode',
      'u.name as unitName',
      'd.periodId',
      'd.version',
      'd.number',
      'd.generatedAt',
      'g.displayName as generatedByName',
      'd.trigger',
      sql<number>`cardinality(d.revision_ids)`.as('revisionCount'),
      'd.isDemo',
      sql<number>`octet_length(d.pdf)`.as('pdfBytes'),
      sql<number>`octet_length(d.xlsx)`.as('xlsxBytes'),
      sql<string>`d.content->>'title'`.as('title'),
    ]);
}

/** Visible: the document's unit or one of its recipients inside the roots. */
const documentInside = (roots: number[] | null): RawBuilder<boolean> =>
  roots === null
    ? sql<boolean>`true`
    : sql<boolean>`(${inSubtreesExpression(roots, sql`d.unit_id`)} OR EXISTS (SELECT 1 FROM unnest(d.recipient_unit_ids) AS r(id)
        WHERE ${inSubtreesExpression(roots, sql`r.id`)}))`;

export async function findDocuments(
  db: Reader,
  args: {
    roots: number[] | null;
    templateId?: number;
    unitId?: number;
    periodId?: string;
    latest?: boolean;
    limit: number;
    offset: number;
  },
): Promise<{ rows: DocumentRow[]; total: number }> {
  let query = documentRows(db).where(documentInside(args.roots));
  if (args.templateId !== undefined) query = query.where('d.templateId', '=', args.templateId);
  if (args.unitId !== undefined) query = query.where('d.unitId', '=', args.unitId);
  if (args.periodId !== undefined) query = query.where('d.periodId', '=', args.periodId);
  if (args.latest)
    query = query.where(
      sql<boolean>`d.version = (SELECT max(x.version) FROM documents x WHERE x.template_id = d.template_id
        AND x.unit_id = d.unit_id AND x.period_id = d.period_id)`,
    );
  const [rows, count] = await Promise.all([
    query.orderBy('d.generatedAt', 'desc').orderBy('d.id', 'desc').limit(args.limit).offset(args.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as DocumentRow[], total: Number(count.n) };
}

export async function findDocument(db: Reader, roots: number[] | null, id: number) {
  const row = await documentRows(db)
    .select(['d.revisionIds', 'd.content', 'd.changes'])
    .where('d.id', '=', id)
    .where(documentInside(roots))
    .executeTakeFirst();
  return row as (DocumentRow & { revisionIds: number[]; content: unknown; changes: unknown }) | undefined;
}

export async function findVersions(db: Reader, key: { templateId: number; unitId: number; periodId: string }) {
  return db
    .selectFrom('documents')
    .select(['id', 'version', 'generatedAt', 'number'])
    .where('templateId', '=', key.templateId)
    .where('unitId', '=', key.unitId)
    .where('periodId', '=', key.periodId)
    .orderBy('version', 'desc')
    .execute();
}

/** The latest version of a template's report for a unit and period, with what it holds. */
export async function findLatestVersion(db: Reader, key: { templateId: number; unitId: number; periodId: string }) {
  return db
    .selectFrom('documents')
    .select(['id', 'version', 'contentHash', 'content'])
    .where('templateId', '=', key.templateId)
    .where('unitId', '=', key.unitId)
    .where('periodId', '=', key.periodId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** How many documents of the template and unit were issued in a year (for the next number). */
export async function countIssuedInYear(tx: Tx, templateId: number, unitId: number, year: string): Promise<number> {
  const row = await sql<{ n: string }>`
    SELECT count(*) AS n FROM documents WHERE template_id = ${templateId} AND unit_id = ${unitId}
      AND to_char(generated_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') = ${year}`.execute(tx);
  return Number(row.rows[0]?.n ?? 0);
}

export async function insertDocument(
  tx: Tx,
  row: {
    templateId: number;
    unitId: number;
    periodId: string;
    version: number;
    number: string;
    generatedBy: number | null;
    generatedAt: Date;
    trigger: 'manual' | 'schedule' | 'demo';
    revisionIds: number[];
    recipientUnitIds: number[];
    content: unknown;
    contentHash: string;
    changes: unknown;
    pdf: Buffer;
    xlsx: Buffer;
    isDemo: boolean;
  },
): Promise<number> {
  const inserted = await tx
    .insertInto('documents')
    .values({
      ...row,
      revisionIds: row.revisionIds,
      content: JSON.stringify(row.content),
      changes: row.changes === null ? null : JSON.stringify(row.changes),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** A document's file, with no scope check (the caller checked it, or is the signing feature). */
export async function findDocumentFile(db: Reader, id: number, format: 'pdf' | 'xlsx') {
  return db
    .selectFrom('documents')
    .select([format === 'pdf' ? 'pdf as content' : 'xlsx as content', 'number', 'periodId', 'unitId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRun(tx: Reader, row: { templateId: number; unitId: number; periodId: string }) {
  const inserted = await tx.insertInto('documentRuns').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** A run for the report unless one exists (pending, done or unchanged; a failed one may be run again). */
export async function insertRunOnce(tx: Tx, row: { templateId: number; unitId: number; periodId: string }) {
  const existing = await tx
    .selectFrom('documentRuns')
    .select('id')
    .where('templateId', '=', row.templateId)
    .where('unitId', '=', row.unitId)
    .where('periodId', '=', row.periodId)
    .where('status', '<>', 'failed')
    .executeTakeFirst();
  return existing ? null : insertRun(tx, row);
}

export async function finishRun(
  db: Reader,
  id: number,
  row: {
    status: 'done' | 'unchanged' | 'failed' | 'pending';
    attempts: number;
    lastError: string | null;
    documentId: number | null;
  },
) {
  await db
    .updateTable('documentRuns')
    .set({
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError?.slice(0, 2000) ?? null,
      documentId: row.documentId,
      finishedAt: row.status === 'pending' ? null : new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function findRun(db: Reader, id: number) {
  return db.selectFrom('documentRuns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Active templates generated on a day of the month. */
export async function findScheduledTemplates(db: Reader, day: number) {
  return db
    .selectFrom('documentTemplates')
    .select(['id'])
    .where('active', '=', true)
    .where('scheduleDay', '=', day)
    .execute();
}

/** The account a scheduled generation acts as: the template's author, with its roles and roots. */
export async function findAuthor(db: Reader, userId: number) {
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.unitId',
      'u.captureRootId',
      'u.viewRootId',
      'u.disabledAt',
      sql<string[]>`coalesce((SELECT array_agg(role) FROM user_roles r WHERE r.user_id = u.id), '{}')`.as('roles'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
