/**
 * Generated reports ("báo cáo tổng hợp tự động"): an administrator defines a template per regime
 * (figures, tables, charts, compliance, a narrative outline with placeholders, recipients, a
 * signer); a report is generated for a unit and period on demand or on the template's day of
 * the month (jobs/generate-documents.job.ts), as a PDF and an XLSX, from one snapshot of the
 * figures (document-content.ts). Every issued version is kept with who generated it, when, and
 * the revisions it contains; a regeneration after the data changed is a new version with its
 * differences listed, one with the same figures is not issued again. The files and the archive
 * row are written in one statement of one transaction, so a failed generation leaves nothing.
 */
import { createHash } from 'node:crypto';
import {
  type DocumentDefinition,
  type DocumentTemplateBody,
  DomainError,
  documentChanges,
  documentNumber,
  type Period,
  periodForDate,
  periodLabel,
  permissionsOf,
  previousPeriod,
  type Role,
  templateProblems,
} from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import { assertCanCapture, assertCanView } from '../../http/scope';
import { iso } from '../../reporting/catalogue';
import type { ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import { INDICATOR_FIELD_PREFIX, isIndicatorField } from '../indicators/indicator-analytics';
import { findIndicatorsByCode } from '../indicators/indicators.queries';
import { noticeDocumentFailed, noticeDocumentIssued } from '../notices/notices.service';
import { type DocumentContent, gatherContent, periodOfType } from './document-content';
import { renderPdf } from './document-pdf';
import { renderXlsx } from './document-xlsx';
import {
  countIssuedInYear,
  type DocumentRow,
  findAuthor,
  findDocument,
  findDocumentFile,
  findDocuments,
  findLatestVersion,
  findRun,
  findScheduledTemplates,
  findTemplate,
  findTemplateStatus,
  findTemplates,
  findVersions,
  finishRun,
  insertDocument,
  insertRunOnce,
  insertTemplate,
  type TemplateRow,
  templateCodeTaken,
  updateTemplate,
} from './documents.queries';

type Reader = Db | Tx;

const rootsOf = (actor: Actor) => (actor.isSystemAdmin ? null : actor.viewRoots);

function templateItem(row: TemplateRow, status: Awaited<ReturnType<typeof findTemplateStatus>>) {
  const last = status.last.find((l) => l.templateId === row.id);
  const failure = status.failures.find((f) => f.templateId === row.id);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    regime: { id: row.regimeId, code: row.regimeCode },
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
    scheduleDay: row.scheduleDay,
    active: row.active,
    isDemo: row.isDemo,
    definition: row.definition as DocumentDefinition,
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
    lastDocument: last
      ? { id: Number(last.id), periodId: last.periodId, version: last.version, generatedAt: iso(last.generatedAt)! }
      : null,
    lastFailure: failure
      ? {
          periodId: failure.periodId,
          attempts: failure.attempts,
          error: failure.lastError ?? '',
          at: iso(failure.finishedAt)!,
        }
      : null,
  };
}

export async function listTemplates(
  db: Db,
  context: RequestContext,
  query: { unitId?: number; limit?: number; offset?: number },
) {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  if (query.unitId !== undefined) await assertCanView(db, context.actor, query.unitId);
  const { rows, total } = await findTemplates(db, {
    roots: rootsOf(context.actor),
    unitId: query.unitId,
    limit,
    offset,
  });
  const status = await findTemplateStatus(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => templateItem(r, status)), total, limit, offset };
}

async function visibleTemplate(db: Reader, actor: Actor, id: number): Promise<TemplateRow> {
  const row = await findTemplate(db, id);
  if (!row) throw new DomainError('NOT_FOUND');
  await assertCanView(db, actor, row.unitId);
  return row;
}

export async function getTemplate(db: Db, context: RequestContext, id: number) {
  const row = await visibleTemplate(db, context.actor, id);
  return templateItem(row, await findTemplateStatus(db, [id]));
}

/** Checks a template: its placeholders, its fields (of its regime), its units, and the caller's scope. */
async function checkTemplate(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  body: DocumentTemplateBody,
  exceptId?: number,
) {
  const problems = templateProblems(body.definition);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new DomainError('DOCUMENT_TEMPLATE_INVALID', {
      field: first.field,
      ...(first.problem === 'unknown_placeholder'
        ? { message: 'DOCUMENT_UNKNOWN_PLACEHOLDER' as const, params: { name: `{${first.name}}` } }
        : { message: 'DOCUMENT_DUPLICATE_KEY' as const, params: { name: first.name } }),
      details: { problems },
    });
  }
  const regime = await tx.selectFrom('regimes').select('id').where('id', '=', body.regimeId).executeTakeFirst();
  if (!regime) throw new DomainError('NOT_FOUND', { field: 'regimeId' });
  try {
    await assertCanCapture(tx, context.actor, body.unitId);
  } catch (error) {
    throw error instanceof DomainError ? error.withField('unitId') : error;
  }
  const forms = await tx.selectFrom('forms').select('id').where('regimeId', '=', body.regimeId).execute();
  const formIds = new Set(forms.map((f) => f.id));
  const fields: [string, string][] = [
    ...body.definition.values.map((v, i): [string, string] => [`definition.values.${i}.field`, v.field]),
    ...body.definition.tables.flatMap((t, i) =>
      t.fields.map((f, j): [string, string] => [`definition.tables.${i}.fields.${j}`, f]),
    ),
    ...body.definition.charts.map((c, i): [string, string] => [`definition.charts.${i}.field`, c.field]),
  ];
  // Indicators of the catalogue (`ind:<code>`) may stand beside the regime's own fields.
  const indicatorCodes = new Set(
    (
      await findIndicatorsByCode(
        tx,
        fields.filter(([, f]) => isIndicatorField(f)).map(([, f]) => f.slice(INDICATOR_FIELD_PREFIX.length)),
      )
    ).map((i) => i.code),
  );
  for (const [path, field] of fields) {
    const [formId, code] = field.split(':') as [string, string];
    const known = isIndicatorField(field)
      ? indicatorCodes.has(field.slice(INDICATOR_FIELD_PREFIX.length))
      : formIds.has(Number(formId)) &&
        (await reports.form(tx, Number(formId))).definition.sections.some((s) => s.fields.some((f) => f.code === code));
    if (!known)
      throw new DomainError('DOCUMENT_TEMPLATE_INVALID', {
        field: path,
        message: 'DOCUMENT_FIELD_NOT_IN_REGIME',
        params: { field },
      });
  }
  for (const [i, r] of body.definition.recipients.entries()) {
    if (r.unitId === undefined) continue;
    const unit = await tx.selectFrom('units').select('id').where('id', '=', r.unitId).executeTakeFirst();
    if (!unit) throw new DomainError('NOT_FOUND', { field: `definition.recipients.${i}.unitId` });
  }
  if (await templateCodeTaken(tx, body.code, exceptId)) throw new DomainError('ALREADY_EXISTS', { field: 'code' });
}

export async function createTemplate(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  body: DocumentTemplateBody,
) {
  await checkTemplate(tx, reports, context, body);
  const id = await insertTemplate(tx, {
    code: body.code,
    name: body.name,
    regimeId: body.regimeId,
    unitId: body.unitId,
    scheduleDay: body.scheduleDay,
    active: body.active ?? true,
    definition: body.definition,
    createdBy: context.actor.userId,
  });
  await recordAudit(tx, context, [
    {
      action: 'document_template.create',
      objectType: 'document_template',
      objectId: id,
      unitId: body.unitId,
      after: body,
    },
  ]);
  return { id };
}

export async function changeTemplate(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  id: number,
  body: DocumentTemplateBody,
) {
  const before = await visibleTemplate(tx, context.actor, id);
  await assertCanCapture(tx, context.actor, before.unitId);
  await checkTemplate(tx, reports, context, body, id);
  await updateTemplate(tx, id, {
    code: body.code,
    name: body.name,
    regimeId: body.regimeId,
    unitId: body.unitId,
    scheduleDay: body.scheduleDay,
    active: body.active ?? before.active,
    definition: body.definition,
  });
  await recordAudit(tx, context, [
    {
      action: 'document_template.update',
      objectType: 'document_template',
      objectId: id,
      unitId: body.unitId,
      before: { code: before.code, name: before.name, definition: before.definition as never },
      after: body,
    },
  ]);
  return { ok: true };
}

/** A report made and not yet stored: its figures, files and the hash of what it says. */
export interface PreparedDocument {
  template: TemplateRow;
  definition: DocumentDefinition;
  unitId: number;
  period: Period;
  content: DocumentContent;
  contentHash: string;
  now: number;
}

/** Gathers the figures of a report (reads only); the caller's view applies to every figure. */
export async function prepareDocument(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  templateId: number,
  request: { periodId: string; unitId?: number },
  now: number,
): Promise<PreparedDocument> {
  const template = await visibleTemplate(db, context.actor, templateId);
  const definition = template.definition as DocumentDefinition;
  const period = periodOfType(request.periodId, definition.periodType);
  if (!period)
    throw new DomainError('VALIDATION_FAILED', {
      field: 'periodId',
      message: 'DOCUMENT_PERIOD_TYPE',
      params: { periodId: request.periodId, periodType: definition.periodType },
    });
  const unitId = request.unitId ?? template.unitId;
  // Issuing a report is a write on the unit's behalf: it must lie in the caller's capture scope.
  try {
    await assertCanCapture(db, context.actor, unitId);
  } catch (error) {
    throw error instanceof DomainError ? error.withField(request.unitId === undefined ? null : 'unitId') : error;
  }
  const content = await gatherContent(db, reports, context, {
    regimeId: template.regimeId,
    unitId,
    period,
    definition,
    now,
  });
  // The hash covers what the document says, not when it was made.
  const { issuedOn: _issuedOn, placeDate: _placeDate, ...said } = content;
  const contentHash = createHash('sha256').update(JSON.stringify({ said, definition })).digest('hex');
  return { template, definition, unitId, period, content, contentHash, now };
}

/**
 * Stores a prepared report as a new version (files, figures, revisions, differences) and
 * delivers it to the recipients, in the caller's transaction; when the latest version says
 * exactly the same, returns that one instead.
 */
export async function issueDocument(
  tx: Tx,
  context: RequestContext | null,
  prepared: PreparedDocument,
  trigger: 'manual' | 'schedule' | 'demo',
) {
  const { template, definition, unitId, period, content } = prepared;
  const key = { templateId: template.id, unitId, periodId: period.id };
  // One generation at a time per report: the version number is taken under this lock.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`document:${template.id}:${unitId}:${period.id}`}))`.execute(tx);
  const latest = await findLatestVersion(tx, key);
  if (latest && latest.contentHash === prepared.contentHash)
    return { id: Number(latest.id), version: latest.version, created: false, changes: null };
  const version = (latest?.version ?? 0) + 1;
  const issuedYear = content.issuedOn.slice(0, 4);
  const number = documentNumber((await countIssuedInYear(tx, template.id, unitId, issuedYear)) + 1, definition.symbol);
  const changes = latest ? documentChanges(latest.content as unknown as DocumentContent, content) : null;
  const [pdf, xlsx] = await Promise.all([
    renderPdf(content, { definition, number, version }),
    renderXlsx(content, definition, number),
  ]);
  const recipientUnitIds = [
    ...new Set(definition.recipients.flatMap((r) => (r.unitId === undefined ? [] : [r.unitId]))),
  ];
  const id = await insertDocument(tx, {
    ...key,
    version,
    number,
    generatedBy: context?.actor.userId ?? null,
    generatedAt: new Date(prepared.now),
    trigger,
    revisionIds: content.revisionIds,
    recipientUnitIds,
    content,
    contentHash: prepared.contentHash,
    changes,
    pdf,
    xlsx,
    isDemo: template.isDemo,
  });
  await recordAudit(tx, context, [
    {
      action: 'document.issue',
      objectType: 'document',
      objectId: id,
      unitId,
      after: {
        templateId: template.id,
        periodId: period.id,
        version,
        number,
        trigger,
        revisions: content.revisionIds.length,
      },
    },
  ]);
  if (recipientUnitIds.length > 0)
    await noticeDocumentIssued(tx, recipientUnitIds, {
      documentId: id,
      title: content.title,
      number,
      unitName: content.unit.name,
      periodId: period.id,
      version,
      regimeId: template.regimeId,
    });
  return { id, version, created: true, changes };
}

function documentItem(row: DocumentRow) {
  return {
    id: Number(row.id),
    template: { id: row.templateId, code: row.templateCode, name: row.templateName },
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
    periodId: row.periodId,
    periodLabel: periodLabel(row.periodId, 'vi'),
    version: row.version,
    number: row.number,
    title: row.title,
    generatedAt: iso(row.generatedAt)!,
    generatedBy: row.generatedByName,
    trigger: row.trigger,
    revisionCount: Number(row.revisionCount),
    isDemo: row.isDemo,
    pdfBytes: Number(row.pdfBytes),
    xlsxBytes: Number(row.xlsxBytes),
  };
}

export async function listDocuments(
  db: Db,
  context: RequestContext,
  query: { templateId?: number; unitId?: number; periodId?: string; latest?: boolean; limit?: number; offset?: number },
) {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  if (query.unitId !== undefined) await assertCanView(db, context.actor, query.unitId);
  const { rows, total } = await findDocuments(db, { ...query, roots: rootsOf(context.actor), limit, offset });
  return { items: rows.map(documentItem), total, limit, offset };
}

export async function documentDetail(db: Db, context: RequestContext, id: number) {
  const row = await findDocument(db, rootsOf(context.actor), id);
  if (!row) throw new DomainError('NOT_FOUND');
  const versions = await findVersions(db, { templateId: row.templateId, unitId: row.unitId, periodId: row.periodId });
  return {
    ...documentItem(row),
    revisionIds: row.revisionIds.map(Number),
    content: row.content as never,
    changes: (row.changes as never) ?? null,
    versions: versions.map((v) => ({
      id: Number(v.id),
      version: v.version,
      generatedAt: iso(v.generatedAt)!,
      number: v.number,
    })),
  };
}

/** A document's file for a caller who may read it. */
export async function documentFile(db: Db, context: RequestContext, id: number, format: 'pdf' | 'xlsx') {
  if (!(await findDocument(db, rootsOf(context.actor), id))) throw new DomainError('NOT_FOUND');
  const file = await documentBytes(db, id, format);
  if (!file) throw new DomainError('NOT_FOUND');
  return file;
}

/**
 * A document's bytes by id, with no scope check: for the signing feature, which checks its own
 * caller. Null when there is no such document.
 */
export async function documentBytes(db: Reader, id: number, format: 'pdf' | 'xlsx') {
  const row = await findDocumentFile(db, id, format);
  if (!row) return null;
  const name = `${row.number.replace(/[^\p{L}\p{N}-]+/gu, '-')}_${row.periodId}.${format}`;
  return {
    content: row.content,
    fileName: name,
    contentType:
      format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

// ——— Scheduled generation ———

/** The period a scheduled run on `today` reports on: the one of the template's type before today's. */
export function scheduledPeriod(definition: DocumentDefinition, today: string): Period {
  return previousPeriod(periodForDate(definition.periodType, today));
}

/** The context a scheduled generation runs in: the template's author, as when signed in. */
export async function authorContext(db: Reader, userId: number): Promise<RequestContext | null> {
  const row = await findAuthor(db, userId);
  if (!row || row.disabledAt) return null;
  const roles = row.roles as Role[];
  const actor: Actor = {
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    roles,
    permissions: permissionsOf(roles),
    captureRoots: [row.captureRootId],
    viewRoots: [row.viewRootId],
    isSystemAdmin: roles.includes('system_admin'),
    via: 'session',
    sessionHash: null,
    tokenId: null,
  };
  return { actor, ip: '', userAgent: 'baocao-jobs', requestId: 'generate-documents' };
}

/**
 * One attempt of a queued generation (document_runs row): generates and issues in one
 * transaction as the template's author. A failure is recorded on the run; before the last
 * attempt it is thrown again (the job queue retries with back-off), at the last one the run is
 * marked failed and the author told. Returns the run's outcome.
 */
export async function attemptRun(
  db: Db,
  reports: ReportCatalog,
  runId: number,
  options: { maxAttempts: number; now: number },
): Promise<'done' | 'unchanged' | 'failed' | 'skipped'> {
  const run = await findRun(db, runId);
  if (run?.status !== 'pending') return 'skipped';
  const attempts = run.attempts + 1;
  const template = await findTemplate(db, run.templateId);
  try {
    if (!template) throw new Error('the template no longer exists');
    const context = await authorContext(db, template.createdBy);
    if (!context) throw new Error('the template’s author is disabled or gone');
    const prepared = await prepareDocument(
      db,
      reports,
      context,
      template.id,
      { periodId: run.periodId, unitId: run.unitId },
      options.now,
    );
    const issued = await db.transaction().execute(async (tx) => {
      const result = await issueDocument(tx, context, prepared, 'schedule');
      await finishRun(tx, runId, {
        status: result.created ? 'done' : 'unchanged',
        attempts,
        lastError: null,
        documentId: result.id,
      });
      return result;
    });
    return issued.created ? 'done' : 'unchanged';
  } catch (error) {
    const message =
      error instanceof DomainError
        ? `${error.code}: ${error.messageIn('vi')}`
        : String((error as Error)?.message ?? error);
    if (attempts < options.maxAttempts) {
      await finishRun(db, runId, { status: 'pending', attempts, lastError: message, documentId: null });
      throw error;
    }
    await db.transaction().execute(async (tx) => {
      await finishRun(tx, runId, { status: 'failed', attempts, lastError: message, documentId: null });
      if (template)
        await noticeDocumentFailed(tx, template.createdBy, {
          templateId: template.id,
          name: template.name,
          periodId: run.periodId,
          attempts,
          error: message.slice(0, 500),
        });
      await recordAudit(tx, null, [
        {
          action: 'document.fail',
          objectType: 'document_template',
          objectId: run.templateId,
          unitId: run.unitId,
          after: { periodId: run.periodId, attempts, error: message.slice(0, 500) },
        },
      ]);
    });
    return 'failed';
  }
}

/**
 * The runs due on a day: for each active template whose schedule day it is, the period just
 * ended, unless a run for it exists. Returns the new runs' ids (the caller queues them).
 */
export async function planScheduledRuns(tx: Tx, today: string): Promise<number[]> {
  const day = Number(today.slice(8, 10));
  const ids: number[] = [];
  for (const { id } of await findScheduledTemplates(tx, day)) {
    const template = await findTemplate(tx, id);
    if (!template) continue;
    const period = scheduledPeriod(template.definition as DocumentDefinition, today);
    const runId = await insertRunOnce(tx, { templateId: id, unitId: template.unitId, periodId: period.id });
    if (runId !== null) ids.push(runId);
  }
  return ids;
}
