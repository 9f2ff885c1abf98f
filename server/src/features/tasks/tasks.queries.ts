/**
 * The SQL of directives and tasks. Scope is folded into each statement: a task is visible when
 * its directive's issuer, its lead unit or one of its supporting units lies in the caller's view
 * subtrees (`roots`; null: a system administrator, everything).
 */
import type { DirectiveKind } from '@baocao/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { TaskAttachmentsContentType } from '../../db/generated-types';
import { inSubtreesExpression } from '../../http/scope';

type Reader = Db | Tx;

export interface TaskRow {
  id: number;
  directiveId: number;
  directiveKind: DirectiveKind;
  directiveNumber: string;
  issuedOn: string;
  issuerId: number;
  issuerCode: string;
  issuerName: string;
  title: string;
  deadline: string | null;
  leadId: number;
  leadCode: string;
  leadName: string;
  supporting: { id: number; code: string; name: string }[];
  expectedResult: string;
  percent: number;
  completedAt: Date | null;
  demo: boolean;
}

/** Where a task row (aliases t, d) lies: its issuer, lead or supporting units inside `roots`. */
function taskInside(roots: number[]): RawBuilder<boolean> {
  return sql<boolean>`(${inSubtreesExpression(roots, sql`d.issuer_unit_id`)}
    OR ${inSubtreesExpression(roots, sql`t.lead_unit_id`)}
    OR EXISTS (SELECT 1 FROM task_supporting_units s WHERE s.task_id = t.id
      AND ${inSubtreesExpression(roots, sql`s.unit_id`)}))`;
}

/** Where a task is assigned (lead or supporting) inside `roots`: "my tasks". */
function assignedInside(roots: number[]): RawBuilder<boolean> {
  return sql<boolean>`(${inSubtreesExpression(roots, sql`t.lead_unit_id`)}
    OR EXISTS (SELECT 1 FROM task_supporting_units s WHERE s.task_id = t.id
      AND ${inSubtreesExpression(roots, sql`s.unit_id`)}))`;
}

export interface TaskFilter {
  /** The caller's view roots; null: everything. */
  viewRoots: number[] | null;
  /** Only tasks touching this subtree (issuer, lead or supporting). */
  underUnitId?: number;
  /** Only tasks assigned inside these subtrees. */
  assignedRoots?: number[];
  directiveId?: number;
  taskId?: number;
  issuedFrom?: string;
  issuedTo?: string;
}

function taskWhere(f: TaskFilter): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`];
  if (f.viewRoots) parts.push(taskInside(f.viewRoots));
  if (f.underUnitId !== undefined) parts.push(taskInside([f.underUnitId]));
  if (f.assignedRoots) parts.push(assignedInside(f.assignedRoots));
  if (f.directiveId !== undefined) parts.push(sql<boolean>`t.directive_id = ${f.directiveId}`);
  if (f.taskId !== undefined) parts.push(sql<boolean>`t.id = ${f.taskId}`);
  if (f.issuedFrom) parts.push(sql<boolean>`d.issued_on >= ${f.issuedFrom}::date`);
  if (f.issuedTo) parts.push(sql<boolean>`d.issued_on <= ${f.issuedTo}::date`);
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

/** Every task the filter selects, with its directive and units (statuses are judged by the caller). */
export async function findTasks(db: Reader, filter: TaskFilter): Promise<TaskRow[]> {
  const { rows } = await sql<TaskRow>`
    SELECT t.id, t.directive_id AS "directiveId", d.kind AS "directiveKind", d.number AS "directiveNumber",
      to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn", d.issuer_unit_id AS "issuerId",
      iu.code AS "issuerCode", iu.name AS "issuerName", t.title,
      to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.lead_unit_id AS "leadId", lu.code AS "leadCode",
      lu.name AS "leadName",
      coalesce((SELECT jsonb_agg(jsonb_build_object('id', u.id, 'code', u.code, 'name', u.name) ORDER BY u.code)
        FROM task_supporting_units s JOIN units u ON u.id = s.unit_id WHERE s.task_id = t.id), '[]'::jsonb)
        AS supporting,
      t.expected_result AS "expectedResult", t.percent, t.completed_at AS "completedAt", d.demo
    FROM tasks t
    JOIN directives d ON d.id = t.directive_id
    JOIN units iu ON iu.id = d.issuer_unit_id
    JOIN units lu ON lu.id = t.lead_unit_id
    WHERE ${taskWhere(filter)}
    ORDER BY t.deadline NULLS LAST, t.id`.execute(db);
  return rows;
}

export interface DirectiveRow {
  id: number;
  kind: DirectiveKind;
  number: string;
  issuedOn: string;
  issuerId: number;
  issuerCode: string;
  issuerName: string;
  summary: string;
  demo: boolean;
}

export interface DirectiveFilter {
  viewRoots: number[] | null;
  underUnitId?: number;
  kind?: DirectiveKind;
  /** Folded for search (no diacritics, lower case). */
  search?: string;
  id?: number;
}

function directiveWhere(f: DirectiveFilter): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`];
  const inside = (roots: number[]) => sql<boolean>`(${inSubtreesExpression(roots, sql`d.issuer_unit_id`)}
    OR EXISTS (SELECT 1 FROM tasks t WHERE t.directive_id = d.id AND ${assignedInside(roots)}))`;
  if (f.viewRoots) parts.push(inside(f.viewRoots));
  if (f.underUnitId !== undefined) parts.push(inside([f.underUnitId]));
  if (f.kind) parts.push(sql<boolean>`d.kind = ${f.kind}`);
  if (f.id !== undefined) parts.push(sql<boolean>`d.id = ${f.id}`);
  if (f.search)
    parts.push(
      sql<boolean>`translate(lower(d.number || ' ' || d.summary), ${VI_MARKED}, ${VI_PLAIN}) LIKE ${`%${f.search}%`}`,
    );
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

// Diacritics folded in SQL the way foldForSearch folds the query ("nghi quyet" finds "Nghị quyết").
const VI_MARKED = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const VI_PLAIN = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

const DIRECTIVE_COLUMNS = sql`d.id, d.kind, d.number, to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn",
  d.issuer_unit_id AS "issuerId", iu.code AS "issuerCode", iu.name AS "issuerName", d.summary, d.demo`;

export async function findDirectives(
  db: Reader,
  filter: DirectiveFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: DirectiveRow[]; total: number }> {
  const { rows } = await sql<DirectiveRow & { total: string }>`
    SELECT ${DIRECTIVE_COLUMNS}, count(*) OVER () AS total
    FROM directives d JOIN units iu ON iu.id = d.issuer_unit_id
    WHERE ${directiveWhere(filter)}
    ORDER BY d.issued_on DESC, d.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return { rows: rows.map(({ total: _t, ...row }) => row), total: Number(rows[0]?.total ?? 0) };
}

export async function findDirective(db: Reader, filter: DirectiveFilter): Promise<DirectiveRow | undefined> {
  const { rows } = await sql<DirectiveRow>`
    SELECT ${DIRECTIVE_COLUMNS} FROM directives d JOIN units iu ON iu.id = d.issuer_unit_id
    WHERE ${directiveWhere(filter)}`.execute(db);
  return rows[0];
}

/** The units of these ids that exist and are valid on `onDate`, inside `roots` (null: anywhere). */
export async function findActiveUnits(db: Reader, ids: number[], onDate: string, roots: number[] | null) {
  if (ids.length === 0) return [];
  let query = db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('id', 'in', ids)
    .where('validFrom', '<=', onDate)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', onDate)]));
  if (roots) query = query.where(inSubtreesExpression(roots, sql.ref('units.id')));
  return query.execute();
}

/** Units by code, valid on `onDate`, inside `roots` (null: anywhere). */
export async function findActiveUnitsByCode(db: Reader, codes: string[], onDate: string, roots: number[] | null) {
  if (codes.length === 0) return [];
  let query = db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('code', 'in', codes)
    .where('validFrom', '<=', onDate)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', onDate)]));
  if (roots) query = query.where(inSubtreesExpression(roots, sql.ref('units.id')));
  return query.execute();
}

export async function insertDirective(
  tx: Tx,
  row: {
    kind: DirectiveKind;
    number: string;
    issuedOn: string;
    issuerUnitId: number;
    summary: string;
    demo: boolean;
    createdBy: number | null;
  },
) {
  return tx.insertInto('directives').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertTask(
  tx: Tx,
  row: {
    directiveId: number;
    title: string;
    deadline: string | null;
    leadUnitId: number;
    expectedResult: string;
    createdBy: number | null;
    percent?: number;
    completedAt?: Date | null;
  },
  supportingUnitIds: number[],
) {
  const task = await tx.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  if (supportingUnitIds.length > 0)
    await tx
      .insertInto('taskSupportingUnits')
      .values(supportingUnitIds.map((unitId) => ({ taskId: task.id, unitId })))
      .execute();
  return task;
}

/** Locks the task for a progress report (two reports of "done" at once complete it once). */
export async function lockTask(tx: Tx, taskId: number) {
  return tx
    .selectFrom('tasks')
    .select(['id', 'leadUnitId', 'completedAt', 'percent'])
    .where('id', '=', taskId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findSupportingUnitIds(db: Reader, taskId: number): Promise<number[]> {
  const rows = await db.selectFrom('taskSupportingUnits').select('unitId').where('taskId', '=', taskId).execute();
  return rows.map((r) => r.unitId);
}

export async function insertProgress(
  tx: Tx,
  row: {
    taskId: number;
    unitId: number;
    reportedBy: number | null;
    reportedAt: Date;
    note: string;
    percent: number | null;
    done: boolean;
  },
) {
  return tx.insertInto('taskProgress').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateTaskProgress(tx: Tx, taskId: number, percent: number, completedAt: Date | null) {
  await tx.updateTable('tasks').set({ percent, completedAt }).where('id', '=', taskId).execute();
}

export async function findProgress(db: Reader, taskId: number) {
  const rows = await db
    .selectFrom('taskProgress as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('users as r', 'r.id', 'p.reportedBy')
    .select([
      'p.id',
      'p.unitId',
      'u.code as unitCode',
      'u.name as unitName',
      'r.displayName as reporter',
      'p.reportedAt',
      'p.note',
      'p.percent',
      'p.done',
    ])
    .where('p.taskId', '=', taskId)
    .orderBy('p.reportedAt', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  const attachments =
    rows.length === 0
      ? []
      : await db
          .selectFrom('taskAttachments')
          .select(['id', 'progressId', 'fileName', 'contentType', 'size'])
          .where(
            'progressId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('id')
          .execute();
  return { rows, attachments };
}

export async function findProgressBrief(db: Reader, progressId: number) {
  return db
    .selectFrom('taskProgress')
    .select(['id', 'taskId', 'unitId'])
    .where('id', '=', progressId)
    .executeTakeFirst();
}

export async function countAttachments(db: Reader, progressId: number): Promise<number> {
  const row = await db
    .selectFrom('taskAttachments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('progressId', '=', progressId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAttachment(
  tx: Tx,
  row: {
    progressId: number;
    fileName: string;
    contentType: TaskAttachmentsContentType;
    size: number;
    sha256: string;
    content: Buffer;
    uploadedBy: number | null;
  },
) {
  return tx.insertInto('taskAttachments').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function findAttachment(db: Reader, attachmentId: number) {
  return db
    .selectFrom('taskAttachments as a')
    .innerJoin('taskProgress as p', 'p.id', 'a.progressId')
    .select(['a.id', 'a.fileName', 'a.contentType', 'a.size', 'a.content', 'p.taskId'])
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}

/** Open tasks with a deadline within `untilDay` (the ladder's candidates), with their directive. */
export async function findOpenTasksDueBy(db: Reader, untilDay: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('directives as d', 'd.id', 't.directiveId')
    .innerJoin('units as lu', 'lu.id', 't.leadUnitId')
    .select([
      't.id',
      't.title',
      sql<string>`to_char(t.deadline, 'YYYY-MM-DD')`.as('deadline'),
      't.leadUnitId',
      'lu.name as leadName',
      'd.number as directiveNumber',
    ])
    .where('t.completedAt', 'is', null)
    .where('t.deadline', 'is not', null)
    .where('t.deadline', '<=', untilDay)
    .orderBy('t.id')
    .execute();
}

export async function findSupportingUnitsOf(db: Reader, taskIds: number[]): Promise<Map<number, number[]>> {
  const byTask = new Map<number, number[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('taskSupportingUnits')
    .select(['taskId', 'unitId'])
    .where('taskId', 'in', taskIds)
    .execute();
  for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r.unitId]);
  return byTask;
}

/** Whether demonstration directives exist (the demo loader runs once). */
export async function hasDemoDirectives(db: Reader): Promise<boolean> {
  const row = await db.selectFrom('directives').select('id').where('demo', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Claims warnings not taken yet; answers the (task, step) pairs this call claimed. */
export async function claimTaskWarnings(
  tx: Tx,
  warnings: { taskId: number; step: 'due_soon' | 'overdue'; deadline: string }[],
  takenAt: Date,
) {
  if (warnings.length === 0) return [];
  return tx
    .insertInto('taskWarnings')
    .values(warnings.map((w) => ({ ...w, takenAt })))
    .onConflict((oc) => oc.doNothing())
    .returning(['taskId', 'step'])
    .execute();
}
