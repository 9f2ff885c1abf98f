import {
  DomainError,
  DraftBody,
  DraftResultSchema,
  IdParams,
  MyReportsQuery,
  MyReportsView,
  ReportKeyQuery,
  ReportView,
  ReviewBody,
  SubmitBody,
  SubmitResultSchema,
  UploadQuery,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { idempotencyKeyOf } from '../../http/idempotency';
import { transactionOf } from '../../http/transaction';
import { uploadedFile } from '../../http/upload';
import { myReports } from './my-reports.service';
import { uploadAndSubmit, uploadDraft } from './report-upload';
import { getReport, reviewReport, saveDraft, submitReport } from './submissions.service';

export const submissionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const now = () => app.deps.clock?.() ?? Date.now();
  const tags = ['submissions'];

  app.get(
    '/my-reports',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        querystring: MyReportsQuery,
        response: { 200: MyReportsView },
      },
    },
    async (request) => myReports(db, reports, contextOf(request), request.query, now()),
  );

  app.get(
    '/reports',
    { config: { access: 'data.read' }, schema: { tags, querystring: ReportKeyQuery, response: { 200: ReportView } } },
    async (request) => {
      const { unitId, formId, period } = request.query;
      return getReport(db, reports, contextOf(request), { unitId, formId, periodId: period }, now());
    },
  );

  app.put(
    '/reports/draft',
    {
      config: { access: 'data.enter' },
      schema: {
        tags,
        description:
          'Saves the draft. `baseVersion` is the draft version the client edited; a stale one gets 409 CONFLICT with the cells that differ.',
        body: DraftBody,
        response: { 200: DraftResultSchema },
      },
    },
    async (request) => {
      const { unitId, formId, period, ...input } = request.body;
      return saveDraft(
        await transactionOf(request),
        reports,
        contextOf(request),
        { unitId, formId, periodId: period },
        input,
      );
    },
  );

  app.post(
    '/reports/submit',
    {
      // The edge transaction's exception: a submit is two statements and no transaction (submitReport).
      config: { access: 'data.submit', transaction: false },
      schema: {
        tags,
        description:
          'Submits a report (or, for a consolidating unit, sends its consolidated figures up). Send an Idempotency-Key header to make retries safe: a repeat returns the first result and creates nothing.',
        body: SubmitBody,
        response: { 200: SubmitResultSchema },
      },
    },
    async (request) => {
      const { unitId, formId, period, ...input } = request.body;
      const context = contextOf(request);
      return submitReport(db, reports, context, { unitId, formId, periodId: period }, input, {
        channel: context.actor.via === 'token' ? 'api' : 'web',
        idempotencyKey: idempotencyKeyOf(request),
        now,
      });
    },
  );

  app.post(
    '/reports/upload',
    {
      config: { access: 'data.enter' },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description:
          'Upload of a filled Excel template (field "file") for the report named in the query: it becomes the draft, or is submitted through the Excel channel with submit=true. A template of another form, unit, period or version is refused; invalid cells are listed and nothing is saved.',
        querystring: UploadQuery,
        response: {
          200: Type.Object({
            cells: Type.Integer(),
            draft: Type.Optional(DraftResultSchema),
            submitted: Type.Optional(SubmitResultSchema),
          }),
        },
      },
    },
    async (request) => {
      const { content } = await uploadedFile(request);
      const { unitId, formId, period, submit } = request.query;
      const key = { unitId, formId, periodId: period };
      // With submit=true the upload is a submit, the edge transaction's exception (no transaction:
      // see submitReport); otherwise it becomes the draft in the transaction, begun once the file is read.
      return submit
        ? uploadAndSubmit(db, reports, contextOf(request), key, content, {
            idempotencyKey: idempotencyKeyOf(request),
            now,
          })
        : uploadDraft(await transactionOf(request), reports, contextOf(request), key, content);
    },
  );

  app.post(
    '/submissions/:id/review',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        params: IdParams,
        body: ReviewBody,
        response: { 200: Type.Object({ submissionId: Type.Integer(), state: Type.String() }) },
      },
    },
    async (request) => {
      if (request.body.action === 'return' && !request.body.reason)
        throw new DomainError('VALIDATION_FAILED', { field: 'reason' });
      return reviewReport(await transactionOf(request), reports, contextOf(request), request.params.id, request.body);
    },
  );
};
