/**
 * Large imports run on the job queue: the route stores the file and queues the
 * job in its transaction, and answers 202 with the progress address. The job
 * decides and writes the whole import in ONE transaction, so an import killed
 * halfway (a crash, a stopped server) leaves nothing partial; its progress is
 * written beside it on the pool, where the progress endpoint reads it live.
 */
import { DomainError, type Permission, type Role } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import type { ReportCatalog } from '../../reporting/report-context';
import type { ImportFormat } from './import-formats';
import {
  deleteImportFile,
  findImportJob,
  insertImportJob,
  listImportHistory,
  storeImportFile,
  takeImportFile,
  updateImportJob,
} from './imports.queries';
import { type ImportOptions, importFile } from './imports.service';

export const IMPORT_TASK = 'import';

/** What the job needs to run the import as the caller did: the caller's scope as it was checked at the request. */
export interface ImportJobPayload {
  jobId: number;
  format: ImportFormat;
  dataSet: string | null;
  options: ImportOptions;
  context: {
    ip: string;
    userAgent: string | null;
    requestId: string;
    actor: Omit<Actor, 'permissions'> & { permissions: Permission[] };
  };
}

/** Stores the file and records the queued import; the caller adds the job in the same transaction. */
export async function queueImport(
  tx: Tx,
  context: RequestContext,
  file: Buffer,
  args: { format: ImportFormat; dataSet: string | null; options: ImportOptions },
): Promise<ImportJobPayload> {
  const jobId = await insertImportJob(tx, {
    userId: context.actor.userId,
    format: args.format,
    dryRun: args.options.dryRun,
    byteSize: file.length,
    status: 'queued',
  });
  await storeImportFile(tx, jobId, file);
  return {
    jobId,
    format: args.format,
    dataSet: args.dataSet,
    options: args.options,
    context: { ...context, actor: { ...context.actor, permissions: [...context.actor.permissions] } },
  };
}

/** Runs a queued import; its outcome (summary or error) is stored on the import job. */
export async function runQueuedImport(db: Db, reports: ReportCatalog, payload: ImportJobPayload): Promise<void> {
  const file = await takeImportFile(db, payload.jobId);
  if (!file) return; // already run
  const context: RequestContext = {
    ...payload.context,
    actor: {
      ...payload.context.actor,
      roles: payload.context.actor.roles as Role[],
      permissions: new Set(payload.context.actor.permissions),
    },
  };
  await updateImportJob(db, payload.jobId, { status: 'running', started: true, processedRows: 0 });
  try {
    const summary = await db.transaction().execute(async (tx) => {
      const result = await importFile(
        tx,
        reports,
        context,
        { format: payload.format, body: file, dataSet: payload.dataSet },
        payload.options,
        (processed, total) => updateImportJob(db, payload.jobId, { processedRows: processed, totalRows: total }),
      );
      await deleteImportFile(tx, payload.jobId);
      return result;
    });
    await updateImportJob(db, payload.jobId, {
      status: summary.status === 'rejected' ? 'failed' : 'done',
      processedRows: summary.counts.rows,
      summary,
      finished: true,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await deleteImportFile(db, payload.jobId);
    await updateImportJob(db, payload.jobId, {
      status: 'failed',
      summary: {
        error: {
          code: error.code,
          message: error.messageIn('vi'),
          messageEn: error.messageIn('en'),
          field: error.field,
        },
      },
      finished: true,
    });
  }
}

/** The progress of an import, for its owner (or a system administrator). */
export async function importProgress(db: Db, actor: Actor, jobId: number) {
  const job = await findImportJob(db, jobId);
  if (!job || (job.userId !== actor.userId && !actor.isSystemAdmin)) throw new DomainError('NOT_FOUND');
  const stored = job.summary as { error?: { code: string; message: string; field: string | null } } | null;
  const error = stored?.error ?? null;
  return {
    id: job.id,
    format: job.format,
    dryRun: job.dryRun,
    status: job.status as 'queued' | 'running' | 'done' | 'failed',
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    percent:
      job.status === 'done' || job.status === 'failed'
        ? 100
        : job.totalRows > 0
          ? Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100))
          : 0,
    summary: error ? null : ((stored as never) ?? null),
    error: error && { code: error.code, message: error.message, field: error.field },
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}

/** The newest imports of the users of the caller's units (all of them for a system administrator). */
export async function importHistory(db: Db, actor: Actor, limit: number) {
  const rows = await listImportHistory(db, { all: actor.isSystemAdmin, roots: actor.captureRoots }, limit);
  return rows.map((job) => {
    const stored = job.summary as {
      counts?: { created: number; updated: number; unchanged: number; rejected: number; ignored: number };
      error?: { message: string };
    } | null;
    return {
      id: job.id,
      format: job.format,
      dryRun: job.dryRun,
      status: job.status as 'queued' | 'running' | 'done' | 'failed',
      userName: job.userName,
      unitName: job.unitName,
      byteSize: job.byteSize,
      totalRows: job.totalRows,
      processedRows: job.processedRows,
      counts: stored?.counts
        ? {
            created: stored.counts.created,
            updated: stored.counts.updated,
            unchanged: stored.counts.unchanged,
            rejected: stored.counts.rejected,
            ignored: stored.counts.ignored,
          }
        : null,
      error: stored?.error?.message ?? null,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    };
  });
}
