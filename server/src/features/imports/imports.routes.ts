import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DataValueSetQuery,
  Dhis2ImportSummary,
  DomainError,
  ExportQuery,
  IdParams,
  ImportHistoryItem,
  ImportJobView,
  ImportQuery,
  ImportQueuedView,
  ImportSummarySchema,
} from '@baocao/domain';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { defaultImportConfig } from '../../config';
import type { Tx } from '../../db/database';
import { contextOf } from '../../http/auth';
import { requestLanguage } from '../../http/errors';
import {
  findIdempotentAnswer,
  hashRequest,
  idempotencyConflict,
  idempotencyKeyOf,
  type StoredIdempotency,
  storeIdempotentAnswer,
} from '../../http/idempotency';
import { transactionOf } from '../../http/transaction';
import { addJob } from '../../jobs/job-queue';
import { dhis2Summary, dhis2SummaryOfError } from './dhis2-summary';
import { type ExportFormat, exportData, exportFilterOf } from './exports.service';
import type { ImportFormat } from './import-formats';
import { ImportGate } from './import-gate';
import { IMPORT_TASK, importHistory, importProgress, queueImport } from './import-jobs';
import { wholeBody } from './import-stream';
import { insertImportJob } from './imports.queries';
import { type ImportOptions, type ImportSource, type ImportSummary, importFile } from './imports.service';

/**
 * The body as it arrives (this plugin's one content-type parser hands every type over
 * unread), cut off with BODY_TOO_LARGE past the limit; `size` counts the bytes read.
 */
function bodyOf(request: FastifyRequest, limit: number) {
  const stream = request.body instanceof Readable ? request.body : null;
  const body = {
    size: 0,
    async *chunks(): AsyncGenerator<Buffer> {
      if (!stream) return;
      // A refused or failed import stops reading without destroying the request: its answer still goes out.
      for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
        body.size += chunk.length;
        if (body.size > limit) throw new DomainError('BODY_TOO_LARGE');
        yield chunk;
      }
    },
  };
  return body;
}

/** The format of a `dataValueSets` body, by its content type (DHIS2's: JSON, CSV, ADX). */
function dataValueSetFormat(request: FastifyRequest): ImportFormat {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'dhis2-json';
  if (type === 'application/csv' || type === 'text/csv') return 'dhis2-csv';
  if (type === 'application/adx+xml' || type === 'application/xml' || type === 'text/xml') return 'adx';
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { field: 'Content-Type' });
}

/** The chunks as they pass, each added to the hash. */
async function* hashing(chunks: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

/** Reads what is left of a body (nothing once an import has read it all). */
async function drain(chunks: AsyncIterable<Buffer>): Promise<void> {
  for await (const _chunk of chunks) {
    // Only its digest is needed.
  }
}

/** What identifies an import under an Idempotency-Key: its route, query and body's digest. */
function requestHashOf(request: FastifyRequest, bodyDigest: string): string {
  return hashRequest({ url: request.routeOptions.url, query: request.query, body: bodyDigest });
}

/** The stored answer of a repeated request, or the refusal of a key reused for another request. */
function replay<T>(stored: StoredIdempotency, hash: string): { status: 200 | 202; body: T } {
  if (stored.requestHash !== hash) throw idempotencyConflict();
  return { status: stored.status === 202 ? 202 : 200, body: stored.response as T };
}

/**
 * Replays a stored answer for a reused Idempotency-Key (the same request), refuses a key
 * reused for another request, or runs the import and stores its answer in its transaction.
 * `digest` gives the body's digest once the body is read (a repeat's body only to be hashed).
 */
async function idempotent<T>(
  tx: Tx,
  request: FastifyRequest,
  key: string | null,
  digest: () => Promise<string>,
  run: () => Promise<{ status: 200 | 202; body: T }>,
): Promise<{ status: 200 | 202; body: T }> {
  if (key === null) return run();
  const actor = contextOf(request).actor;
  const stored = await findIdempotentAnswer(tx, actor.userId, key);
  if (stored) return replay(stored, requestHashOf(request, await digest()));
  const answer = await run();
  await storeIdempotentAnswer(
    tx,
    actor.userId,
    key,
    requestHashOf(request, await digest()),
    answer.status,
    answer.body,
  );
  return answer;
}

type ImportAnswer = {
  status: 200 | 202;
  body: ImportSummary | { jobId: number; status: 'queued'; progress: string };
};

export const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const limits = { ...defaultImportConfig, ...app.deps.imports };
  const gate = new ImportGate(limits.concurrent);
  const tags = ['imports'];
  // Import routes read their bodies themselves, in every format, up to their own limit (far above the
  // 2 MiB the rest of the API keeps); a bigger body is refused from its Content-Length before it is read.
  app.removeAllContentTypeParsers();
  // Service tokens are limited per token on these routes (sessions are people, limited by their pace).
  const TOKEN = /^(Bearer|ApiToken)\s+/i;
  await app.register(rateLimit, {
    global: true,
    max: limits.tokenRatePerMinute,
    timeWindow: 60_000,
    allowList: (request) => !TOKEN.test(request.headers.authorization ?? ''),
    keyGenerator: (request) =>
      createHash('sha256').update(String(request.headers.authorization).replace(TOKEN, '').trim()).digest('hex'),
    errorResponseBuilder: (_request, context) =>
      new DomainError('RATE_LIMITED', {
        message: 'IMPORT_RATE_LIMITED',
        params: { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      }),
  });
  // Unread: the import routes stream their bodies (import-stream.ts), within their own limit.
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  /** A real import answered at once joins the history beside the queued ones (a rejected one rolls back). */
  const recordAnswered = async (
    tx: Tx,
    request: FastifyRequest,
    format: ImportFormat,
    summary: ImportSummary,
    byteSize: number,
    options: ImportOptions,
  ) => {
    if (!options.dryRun && summary.status !== 'rejected')
      await insertImportJob(tx, {
        userId: contextOf(request).actor.userId,
        format,
        dryRun: false,
        byteSize,
        status: 'done',
        summary,
      });
  };

  /** An import answered at once from its body (streamed or whole); `size` gives the body's bytes once read. */
  const runInline = async (
    tx: Tx,
    request: FastifyRequest,
    format: ImportFormat,
    source: ImportSource,
    options: ImportOptions,
    size: number | (() => number),
  ): Promise<ImportAnswer> => {
    const summary = await importFile(tx, reports, contextOf(request), source, options);
    await recordAnswered(tx, request, format, summary, typeof size === 'number' ? size : size(), options);
    return { status: 200, body: summary };
  };

  const start = async (
    request: FastifyRequest,
    format: ImportFormat,
    dataSet: string | null,
    options: ImportOptions,
  ): Promise<ImportAnswer> => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (declared > limits.bodyLimit) throw new DomainError('BODY_TOO_LARGE');
    const body = bodyOf(request, limits.bodyLimit);
    const context = contextOf(request);
    const key = idempotencyKeyOf(request);
    // A file declared above the inline size is read whole and stored for its job.
    if (declared > limits.inlineBytes) {
      const file = await wholeBody(body.chunks());
      const tx = await transactionOf(request);
      const digest = async () => createHash('sha256').update(file).digest('hex');
      return idempotent<ImportAnswer['body']>(tx, request, key, digest, async (): Promise<ImportAnswer> => {
        if (file.length <= limits.inlineBytes)
          return runInline(tx, request, format, { format, body: file, dataSet }, options, file.length);
        const payload = await queueImport(tx, context, file, { format, dataSet, options });
        await addJob(tx, IMPORT_TASK, payload as unknown as Record<string, unknown>, { maxAttempts: 1 });
        return {
          status: 202,
          body: { jobId: payload.jobId, status: 'queued' as const, progress: `/api/v1/imports/${payload.jobId}` },
        };
      });
    }
    // Otherwise parsed and staged as it arrives, hashed on the way when an Idempotency-Key needs its
    // digest (what the import leaves unread, and a repeat's whole body, is read only to be hashed).
    const tx = await transactionOf(request);
    const hash = createHash('sha256');
    const chunks = key === null ? body.chunks() : hashing(body.chunks(), hash);
    const digest = async () => {
      await drain(chunks);
      return hash.digest('hex');
    };
    return idempotent<ImportAnswer['body']>(tx, request, key, digest, () =>
      runInline(tx, request, format, { format, body: chunks, dataSet }, options, () => body.size),
    );
  };

  app.post(
    '/imports',
    {
      bodyLimit: limits.bodyLimit,
      config: { access: 'data.submit' },
      onRequest: gate.enter,
      schema: {
        tags,
        description:
          'Imports report data from a file sent as the raw body (any content type): `format` says how to read it. ' +
          'Answers the summary (exact created/updated/unchanged/rejected counts and per-row conflicts) at once, or ' +
          '202 with the progress address when the file is larger than the inline size (BAOCAO_IMPORT_INLINE_MB). ' +
          'All-or-nothing unless `atomic=false`; a rejected real import answers 422 IMPORT_REJECTED with the summary in `details`. ' +
          'The body is read as it arrives (CSV and ADX parsed as a stream) up to BAOCAO_IMPORT_BODY_LIMIT_MB ' +
          '(default 256). Accepts `Idempotency-Key` (the body is hashed as it is read).',
        querystring: ImportQuery,
        response: { 200: ImportSummarySchema, 202: ImportQueuedView },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const options: ImportOptions = {
        dryRun: q.dryRun ?? false,
        atomic: q.atomic ?? true,
        unitScheme: q.idScheme ?? 'code',
        regime: q.regime ?? null,
      };
      const answer = await start(request, q.format as ImportFormat, q.dataSet ?? null, options);
      const body = answer.body;
      if ('counts' in body && body.status === 'rejected' && !options.dryRun) {
        const first = body.conflicts.find((c) => c.blocking);
        throw new DomainError('IMPORT_REJECTED', {
          field: first ? `row:${first.rows[0]}` : 'file',
          message: 'IMPORT_REJECTED_ROWS',
          params: { count: body.counts.rejected, row: first?.rows[0] ?? 0 },
          details: body,
        });
      }
      reply.status(answer.status);
      return body;
    },
  );

  app.post(
    '/dataValueSets',
    {
      bodyLimit: limits.bodyLimit,
      config: { access: 'data.submit' },
      onRequest: gate.enter,
      schema: {
        tags,
        description:
          'DHIS2-compatible import of data values: `application/json` (dataValueSets JSON), `application/csv` ' +
          '(DHIS2 CSV columns) or `application/adx+xml` (IHE ADX). Org units are named by code, resolved on the ' +
          'period’s date (or by id with `orgUnitIdScheme=id`); a data set is a form id or `REGIME/FORM` (or a form ' +
          'code with `regime`). Answers DHIS2’s import summary (status, importCount, conflicts with indexes); ' +
          'ERROR answers 409. Accepts `Idempotency-Key`; `ApiToken <token>` authenticates as a Bearer token does.',
        querystring: DataValueSetQuery,
        response: { 200: Dhis2ImportSummary, 202: ImportQueuedView, 409: Dhis2ImportSummary },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const scheme = (q.orgUnitIdScheme ?? q.idScheme ?? 'code').toLowerCase();
      const options: ImportOptions = {
        dryRun: q.dryRun ?? false,
        atomic: (q.atomicMode ?? 'ALL') === 'ALL',
        unitScheme: scheme === 'code' ? 'code' : 'id',
        regime: q.regime ?? null,
      };
      const format = dataValueSetFormat(request);
      try {
        const answer = await start(request, format, q.dataSet ?? null, options);
        const body = answer.body;
        if (!('counts' in body)) {
          reply.status(202);
          return body;
        }
        const summary = dhis2Summary(body, scheme, requestLanguage(request));
        // A rejected import changed nothing; the 409 answer must not commit an idempotency record either way.
        reply.status(summary.status === 'ERROR' ? 409 : 200);
        return summary;
      } catch (error) {
        if (!(error instanceof DomainError) || ![400, 403, 422].includes(error.status)) throw error;
        reply.status(409);
        return dhis2SummaryOfError(error, options, scheme);
      }
    },
  );

  app.get(
    '/imports',
    {
      config: { access: 'data.submit' },
      schema: {
        tags,
        description:
          'The newest imports (at most 50) of the users of the caller’s units — answered at once or queued — ' +
          'with their status and counts. Dry runs answered at once are not recorded.',
        response: { 200: Type.Array(ImportHistoryItem) },
      },
    },
    async (request) => importHistory(db, contextOf(request).actor, 50),
  );

  app.get(
    '/imports/:id',
    {
      config: { access: 'data.submit' },
      schema: {
        tags,
        description: 'The progress of a queued import (and its summary once done). Only its owner sees it.',
        params: IdParams,
        response: { 200: ImportJobView },
      },
    },
    async (request) => importProgress(db, contextOf(request).actor, request.params.id),
  );

  const now = () => new Date(app.deps.clock?.() ?? Date.now());
  const exportRoute = (url: string, format: ExportFormat, contentType: string, extension: string, what: string) =>
    app.get(
      url,
      {
        config: { access: 'data.read' },
        schema: {
          tags,
          description:
            `${what}, streamed: the current values of the reports in the caller's view, oldest change first. ` +
            'Filters: `dataSet` (a form id or `REGIME/FORM`), `period` (a period id), `orgUnit` (a unit code in your view; ' +
            'else 404). Incremental with `lastUpdated` (an ISO 8601 instant); paged by cursor: `X-Next-Cursor` (absent on ' +
            'the last page) goes in `after`; `limit` counts reports (default 1000). Imported again, an export changes nothing. ' +
            (format === 'csv' || format === 'dhis2-csv' || format === 'xlsx'
              ? 'A text value that a spreadsheet would run as a formula (= + - @) is written with a leading apostrophe.'
              : 'Text values are written as stored.'),
          querystring: ExportQuery,
        },
      },
      async (request, reply) => {
        const actor = contextOf(request).actor;
        const filter = await exportFilterOf(db, actor, request.query);
        const result = await exportData(db, actor, format, filter, now());
        reply.header('content-type', contentType);
        reply.header('content-disposition', `attachment; filename="du-lieu-bao-cao.${extension}"`);
        if (result.nextCursor !== null) reply.header('x-next-cursor', String(result.nextCursor));
        return reply.send(result.stream);
      },
    );
  exportRoute(
    '/exports.json',
    'native',
    'application/json; charset=utf-8',
    'json',
    'Native JSON (`{ values: [{ form, unit, period, cell, value, lastUpdated }] }`, as `POST /imports?format=native` reads it)',
  );
  exportRoute('/exports.csv', 'csv', 'text/csv; charset=utf-8', 'csv', 'Plain CSV (form,unit,period,cell,value)');
  exportRoute(
    '/exports.xlsx',
    'xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'xlsx',
    'XLSX: one sheet with the header row form,unit,period,cell,value (numbers as numbers), as `POST /imports?format=xlsx` reads it',
  );
  exportRoute(
    '/dataValueSets.json',
    'dhis2-json',
    'application/json; charset=utf-8',
    'json',
    'DHIS2 dataValueSets JSON',
  );
  exportRoute('/dataValueSets.csv', 'dhis2-csv', 'application/csv; charset=utf-8', 'csv', 'DHIS2 dataValueSets CSV');
  exportRoute(
    '/dataValueSets.adx',
    'adx',
    'application/adx+xml; charset=utf-8',
    'xml',
    'IHE ADX XML (one `group` per report: orgUnit code, period as `start/duration`, dataSet `REGIME/FORM`; a ' +
      'disaggregation in `categoryOptionCombo`), as `POST /dataValueSets` reads `application/adx+xml`',
  );
};
