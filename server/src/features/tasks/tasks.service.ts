/**
 * Directives and task tracking (theo dõi nhiệm vụ). A directive of an issuing unit assigns
 * tasks to lead and supporting units; those units report progress, and the lead unit reports a
 * task done. Statuses and statistics are judged by the pure rules of domain/src/tasks on the
 * server clock (injectable, so tests move it). Scope: a caller sees the directives its subtree
 * issued and those assigning tasks to its subtree; it writes directives and tasks for issuers in
 * its capture subtree (data.review), and progress for lead or supporting units in it (data.enter).
 */
import { createHash } from 'node:crypto';
import {
  type DirectiveInput,
  type DirectivesQuery,
  DomainError,
  daysToDeadline,
  foldForSearch,
  sumTaskCounts,
  type TaskInput,
  type TaskProgressInput,
  type TaskStatsQuery,
  type TasksQuery,
  taskStatistics,
  taskStatus,
  vietnamDate,
  vietnameseDay,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { TaskAttachmentsContentType } from '../../db/generated-types';
import type { RequestContext } from '../../http/context';
import { assertCanCapture, assertCanView, canCapture } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import {
  countAttachments,
  type DirectiveRow,
  findActiveUnits,
  findAttachment,
  findDirective,
  findDirectives,
  findProgress,
  findProgressBrief,
  findSupportingUnitIds,
  findTasks,
  insertAttachment,
  insertDirective,
  insertProgress,
  insertTask,
  lockTask,
  type TaskRow,
  updateTaskProgress,
} from './tasks.queries';

type Reader = Db | Tx;

const viewRootsOf = (context: RequestContext) => (context.actor.isSystemAdmin ? null : context.actor.viewRoots);

function taskItem(row: TaskRow, now: number) {
  const completedAt = row.completedAt ? new Date(row.completedAt).getTime() : null;
  return {
    id: row.id,
    directive: { id: row.directiveId, kind: row.directiveKind, number: row.directiveNumber, issuedOn: row.issuedOn },
    title: row.title,
    deadline: row.deadline,
    lead: { id: row.leadId, code: row.leadCode, name: row.leadName },
    supporting: row.supporting,
    expectedResult: row.expectedResult,
    percent: row.percent,
    completedAt: completedAt === null ? null : new Date(completedAt).toISOString(),
    status: taskStatus({ deadline: row.deadline, completedAt }, now),
    daysLeft: completedAt === null ? daysToDeadline(row.deadline, now) : null,
    demo: row.demo,
  };
}

const timingOf = (row: TaskRow) => ({
  deadline: row.deadline,
  completedAt: row.completedAt ? new Date(row.completedAt).getTime() : null,
});

function directiveItem(row: DirectiveRow, tasks: TaskRow[], now: number) {
  const counts = sumTaskCounts(taskStatistics(tasks.map(timingOf), () => 0, now).map((s) => s.counts));
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    issuedOn: row.issuedOn,
    issuer: { id: row.issuerId, code: row.issuerCode, name: row.issuerName },
    summary: row.summary,
    demo: row.demo,
    counts,
  };
}

/** Checks a task against its directive: the deadline not before the directive's date, known units in view. */
async function checkTask(db: Reader, context: RequestContext, issuedOn: string, task: TaskInput, field = '') {
  if (task.deadline !== null && task.deadline < issuedOn)
    throw new DomainError('VALIDATION_FAILED', {
      field: `${field}deadline`,
      message: 'TASK_DEADLINE_BEFORE_DIRECTIVE',
      params: { deadline: vietnameseDay(task.deadline), issuedOn: vietnameseDay(issuedOn) },
    });
  const supporting = task.supportingUnitIds ?? [];
  if (supporting.includes(task.leadUnitId))
    throw new DomainError('VALIDATION_FAILED', {
      field: `${field}supportingUnitIds`,
      message: 'TASK_LEAD_ALSO_SUPPORTING',
    });
  // Units outside the caller's view read as unknown: the error tells nothing of units it may not see.
  const today = vietnamDate(Date.now());
  const known = new Set(
    (await findActiveUnits(db, [task.leadUnitId, ...supporting], today, viewRootsOf(context))).map((u) => u.id),
  );
  if (!known.has(task.leadUnitId))
    throw new DomainError('VALIDATION_FAILED', {
      field: `${field}leadUnitId`,
      message: 'TASK_UNIT_UNKNOWN',
      params: { id: task.leadUnitId },
    });
  const unknown = supporting.find((id) => !known.has(id));
  if (unknown !== undefined)
    throw new DomainError('VALIDATION_FAILED', {
      field: `${field}supportingUnitIds`,
      message: 'TASK_UNIT_UNKNOWN',
      params: { id: unknown },
    });
}

async function addTaskRow(tx: Tx, context: RequestContext | null, directiveId: number, task: TaskInput) {
  const { id } = await insertTask(
    tx,
    {
      directiveId,
      title: task.title.normalize('NFC').trim(),
      deadline: task.deadline,
      leadUnitId: task.leadUnitId,
      expectedResult: (task.expectedResult ?? '').normalize('NFC').trim(),
      createdBy: context?.actor.userId ?? null,
    },
    task.supportingUnitIds ?? [],
  );
  return id;
}

export async function createDirective(tx: Tx, context: RequestContext, input: DirectiveInput) {
  await assertCanCapture(tx, context.actor, input.issuerUnitId);
  const tasks = input.tasks ?? [];
  for (const [i, task] of tasks.entries()) await checkTask(tx, context, input.issuedOn, task, `tasks/${i}/`);
  const directive = {
    kind: input.kind,
    number: input.number.normalize('NFC').trim(),
    issuedOn: input.issuedOn,
    issuerUnitId: input.issuerUnitId,
    summary: input.summary.normalize('NFC').trim(),
  };
  const { id } = await insertDirective(tx, { ...directive, demo: false, createdBy: context.actor.userId });
  const taskIds: number[] = [];
  for (const task of tasks) taskIds.push(await addTaskRow(tx, context, id, task));
  await recordAudit(tx, context, [
    { action: 'directive.create', objectType: 'directive', objectId: id, unitId: input.issuerUnitId, after: directive },
    ...tasks.map((task, i) => ({
      action: 'task.create',
      objectType: 'task',
      objectId: taskIds[i]!,
      unitId: task.leadUnitId,
      after: { directiveId: id, ...task },
    })),
  ]);
  return { id, taskIds };
}

/** The directive if the caller sees it (404 otherwise). */
async function visibleDirective(db: Reader, context: RequestContext, id: number) {
  const row = await findDirective(db, { viewRoots: viewRootsOf(context), id });
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** The directive, for a write: visible, and its issuer in the caller's capture scope. */
export async function directiveForWrite(db: Reader, context: RequestContext, id: number) {
  const directive = await visibleDirective(db, context, id);
  if (!(await canCapture(db, context.actor, directive.issuerId))) throw new DomainError('FORBIDDEN');
  return directive;
}

export async function addTask(tx: Tx, context: RequestContext, directiveId: number, task: TaskInput) {
  const directive = await directiveForWrite(tx, context, directiveId);
  await checkTask(tx, context, directive.issuedOn, task);
  const id = await addTaskRow(tx, context, directiveId, task);
  await recordAudit(tx, context, [
    {
      action: 'task.create',
      objectType: 'task',
      objectId: id,
      unitId: task.leadUnitId,
      after: { directiveId, ...task },
    },
  ]);
  return { id };
}

/** Creates tasks checked beforehand (the import), audited as one batch. */
export async function addCheckedTasks(tx: Tx, context: RequestContext, directiveId: number, tasks: TaskInput[]) {
  const ids: number[] = [];
  for (const task of tasks) ids.push(await addTaskRow(tx, context, directiveId, task));
  await recordAudit(
    tx,
    context,
    tasks.map((task, i) => ({
      action: 'task.create',
      objectType: 'task',
      objectId: ids[i]!,
      unitId: task.leadUnitId,
      after: { directiveId, ...task, via: 'import' },
    })),
  );
  return ids;
}

export async function listDirectives(db: Db, context: RequestContext, query: DirectivesQuery, now: number) {
  if (query.unitId !== undefined) await assertCanView(db, context.actor, query.unitId);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const search = query.q ? foldForSearch(query.q) : undefined;
  const { rows, total } = await findDirectives(
    db,
    { viewRoots: viewRootsOf(context), underUnitId: query.unitId, kind: query.kind, search },
    { limit, offset },
  );
  const items = [];
  for (const row of rows) {
    // Counts over the tasks the caller sees of the directive.
    const tasks = await findTasks(db, { viewRoots: viewRootsOf(context), directiveId: row.id });
    items.push(directiveItem(row, tasks, now));
  }
  return { items, total, limit, offset };
}

export async function directiveDetail(db: Db, context: RequestContext, id: number, now: number) {
  const row = await visibleDirective(db, context, id);
  // The issuer's side sees every task of its directive; an assignee sees the directive's tasks in its view.
  const issuerSide = await canViewIssuer(db, context, row.issuerId);
  const tasks = await findTasks(db, { viewRoots: issuerSide ? null : viewRootsOf(context), directiveId: id });
  return {
    directive: directiveItem(row, tasks, now),
    tasks: tasks.map((t) => taskItem(t, now)),
    canEdit: context.actor.permissions.has('data.review') && (await canCapture(db, context.actor, row.issuerId)),
  };
}

async function canViewIssuer(db: Reader, context: RequestContext, issuerId: number) {
  if (context.actor.isSystemAdmin) return true;
  try {
    await assertCanView(db, context.actor, issuerId);
    return true;
  } catch {
    return false;
  }
}

export async function listTasks(db: Db, context: RequestContext, query: TasksQuery, now: number) {
  if (query.unitId !== undefined) await assertCanView(db, context.actor, query.unitId);
  const rows = await findTasks(db, {
    viewRoots: viewRootsOf(context),
    underUnitId: query.unitId,
    assignedRoots: query.mine ? context.actor.captureRoots : undefined,
    directiveId: query.directiveId,
  });
  const items = rows.map((r) => taskItem(r, now)).filter((t) => !query.status || t.status === query.status);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  return { items: items.slice(offset, offset + limit), total: items.length, limit, offset };
}

async function visibleTask(db: Reader, context: RequestContext, taskId: number) {
  const [row] = await findTasks(db, { viewRoots: viewRootsOf(context), taskId });
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

export async function taskDetail(db: Db, context: RequestContext, taskId: number, now: number) {
  const row = await visibleTask(db, context, taskId);
  const { rows, attachments } = await findProgress(db, taskId);
  const reportable: number[] = [];
  if (context.actor.permissions.has('data.enter'))
    for (const unitId of [row.leadId, ...row.supporting.map((s) => s.id)])
      if (await canCapture(db, context.actor, unitId)) reportable.push(unitId);
  return {
    task: taskItem(row, now),
    progress: rows.map((p) => ({
      id: p.id,
      unit: { id: p.unitId, code: p.unitCode, name: p.unitName },
      role: p.unitId === row.leadId ? ('lead' as const) : ('supporting' as const),
      reportedBy: p.reporter ?? 'system',
      reportedAt: new Date(p.reportedAt).toISOString(),
      note: p.note,
      percent: p.percent,
      done: p.done,
      attachments: attachments
        .filter((a) => a.progressId === p.id)
        .map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size })),
    })),
    reportableUnitIds: reportable,
  };
}

/**
 * A progress report of the lead or a supporting unit: a note, a percentage, and for the lead
 * unit "done", which completes the task at the server's time (on time or late by its deadline).
 */
export async function reportProgress(
  tx: Tx,
  context: RequestContext,
  taskId: number,
  input: TaskProgressInput,
  now: number,
) {
  await visibleTask(tx, context, taskId);
  const task = await lockTask(tx, taskId);
  if (!task) throw new DomainError('NOT_FOUND');
  const supporting = await findSupportingUnitIds(tx, taskId);
  const isLead = input.unitId === task.leadUnitId;
  if (!isLead && !supporting.includes(input.unitId))
    throw new DomainError('VALIDATION_FAILED', { field: 'unitId', message: 'TASK_UNIT_NOT_ASSIGNED' });
  await assertCanCapture(tx, context.actor, input.unitId);
  if (task.completedAt !== null) throw new DomainError('CONFLICT', { message: 'TASK_ALREADY_DONE' });
  const done = input.done === true;
  if (done && !isLead) throw new DomainError('VALIDATION_FAILED', { field: 'done', message: 'TASK_DONE_BY_LEAD_ONLY' });
  const reportedAt = new Date(now);
  const percent = done ? 100 : (input.percent ?? null);
  const { id } = await insertProgress(tx, {
    taskId,
    unitId: input.unitId,
    reportedBy: context.actor.userId,
    reportedAt,
    note: input.note.normalize('NFC').trim(),
    percent,
    done,
  });
  // The task's percentage is the lead unit's latest; supporting units' reports stay in the history.
  if (isLead && (percent !== null || done))
    await updateTaskProgress(tx, taskId, percent ?? task.percent, done ? reportedAt : null);
  await recordAudit(tx, context, [
    {
      action: done ? 'task.complete' : 'task.progress',
      objectType: 'task',
      objectId: taskId,
      unitId: input.unitId,
      before: { percent: task.percent },
      after: { progressId: id, percent, done, note: input.note },
    },
  ]);
  return { id };
}

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const MAX_ATTACHMENTS = 10;
/** Accepted attachments: the extension names the type, and the file's first bytes must agree. */
const ATTACHMENT_TYPES: { ext: RegExp; type: TaskAttachmentsContentType; magic: number[] }[] = [
  { ext: /\.pdf$/i, type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  {
    ext: /\.docx$/i,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  {
    ext: /\.xlsx$/i,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  { ext: /\.png$/i, type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { ext: /\.jpe?g$/i, type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

/** The file's name as stored: its base name, control characters and path separators removed, NFC. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"').join('');
  return printable.normalize('NFC').trim().slice(-200) || 'tep';
}

export async function addAttachment(
  tx: Tx,
  context: RequestContext,
  progressId: number,
  file: { fileName: string; content: Buffer },
) {
  const progress = await findProgressBrief(tx, progressId);
  if (!progress) throw new DomainError('NOT_FOUND');
  await visibleTask(tx, context, progress.taskId);
  await assertCanCapture(tx, context.actor, progress.unitId);
  const fileName = safeFileName(file.fileName);
  const kind = ATTACHMENT_TYPES.find(
    (t) => t.ext.test(fileName) && t.magic.every((byte, i) => file.content[i] === byte),
  );
  if (!kind)
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', {
      field: 'file',
      message: 'ATTACHMENT_TYPE_REFUSED',
      params: { fileName },
    });
  if (file.content.length > MAX_ATTACHMENT_BYTES)
    throw new DomainError('BODY_TOO_LARGE', { field: 'file', message: 'ATTACHMENT_TOO_LARGE', params: { maxMb: 5 } });
  if ((await countAttachments(tx, progressId)) >= MAX_ATTACHMENTS)
    throw new DomainError('VALIDATION_FAILED', {
      field: 'file',
      message: 'ATTACHMENTS_TOO_MANY',
      params: { max: MAX_ATTACHMENTS },
    });
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const { id } = await insertAttachment(tx, {
    progressId,
    fileName,
    contentType: kind.type,
    size: file.content.length,
    sha256,
    content: file.content,
    uploadedBy: context.actor.userId,
  });
  await recordAudit(tx, context, [
    {
      action: 'task.attachment',
      objectType: 'task',
      objectId: progress.taskId,
      unitId: progress.unitId,
      after: { progressId, attachmentId: id, fileName, contentType: kind.type, size: file.content.length, sha256 },
    },
  ]);
  return { id };
}

export async function attachmentFile(db: Db, context: RequestContext, attachmentId: number) {
  const row = await findAttachment(db, attachmentId);
  if (!row) throw new DomainError('NOT_FOUND');
  await visibleTask(db, context, row.taskId);
  return row;
}

/** Statistics per lead unit and per issuer of the tasks in view (under `unitId` when given). */
export async function taskStats(db: Db, context: RequestContext, query: TaskStatsQuery, now: number) {
  if (query.unitId !== undefined) await assertCanView(db, context.actor, query.unitId);
  const rows = await findTasks(db, {
    viewRoots: viewRootsOf(context),
    underUnitId: query.unitId,
    directiveId: query.directiveId,
    issuedFrom: query.from,
    issuedTo: query.to,
  });
  const tasks = rows.map((r) => ({ ...timingOf(r), row: r }));
  const lead = new Map(rows.map((r) => [r.leadId, { id: r.leadId, code: r.leadCode, name: r.leadName }]));
  const issuer = new Map(rows.map((r) => [r.issuerId, { id: r.issuerId, code: r.issuerCode, name: r.issuerName }]));
  const byUnit = taskStatistics(tasks, (t) => t.row.leadId, now);
  const byIssuer = taskStatistics(tasks, (t) => t.row.issuerId, now);
  return {
    asOf: new Date(now).toISOString(),
    totals: sumTaskCounts(byUnit.map((s) => s.counts)),
    byUnit: byUnit.map((s) => ({ unit: lead.get(s.key)!, counts: s.counts, onTimeRate: s.onTimeRate, rank: s.rank })),
    byIssuer: byIssuer.map((s) => ({
      unit: issuer.get(s.key)!,
      counts: s.counts,
      onTimeRate: s.onTimeRate,
      rank: s.rank,
    })),
  };
}
