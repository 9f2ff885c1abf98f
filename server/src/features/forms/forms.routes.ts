import {
  ExpressionEvaluate,
  ExpressionEvaluation,
  FormCreate,
  FormDetail,
  FormOrder,
  FormPublished,
  FormValidateBody,
  FormValidation,
  FormVersionDetail,
  FormVersionDiff,
  FormVersionUpdate,
  IdParams,
  Ok,
  RegimeDetail,
  TemplateQuery,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { regimeDetail } from '../regimes/regimes.service';
import { evaluateSample } from './form-expressions.service';
import {
  createDraft,
  deleteDraft,
  formTemplate,
  publishVersion,
  updateDraft,
  validateVersion,
  versionDetail,
  versionDiff,
} from './form-versions.service';
import { createForm, formDetail, reorderForms } from './forms.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Forms and their immutable versions: drafts, validation, publication, diffs, the Excel template, and the designer's evaluator. */
export const formsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['forms'];

  app.post(
    '/regimes/:id/forms',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Add a form to a regime, with a first draft version',
        params: IdParams,
        body: FormCreate,
        response: { 201: FormVersionDetail },
      },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      const { versionId } = await createForm(tx, context, request.params.id, request.body);
      reply.status(201);
      return versionDetail(tx, context, versionId);
    },
  );

  app.put(
    '/regimes/:id/forms/order',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Reorder a regime’s forms',
        params: IdParams,
        body: FormOrder,
        response: { 200: RegimeDetail },
      },
    },
    async (request) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      await reorderForms(tx, context, request.params.id, request.body.formIds);
      return regimeDetail(tx, context, request.params.id);
    },
  );

  app.get(
    '/forms/:id',
    {
      config: { access: 'regimes.read' },
      schema: { tags, summary: 'A form with its versions', params: IdParams, response: { 200: FormDetail } },
    },
    async (request) => formDetail(db, contextOf(request), request.params.id),
  );

  app.post(
    '/forms/:id/versions',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Start a new draft version: a copy of the published one (or of the newest)',
        params: IdParams,
        response: { 201: FormVersionDetail },
      },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      const id = await createDraft(tx, context, request.params.id);
      reply.status(201);
      return versionDetail(tx, context, id);
    },
  );

  app.get(
    '/form-versions/:id',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'A form version and its definition',
        params: IdParams,
        response: { 200: FormVersionDetail },
      },
    },
    async (request) => versionDetail(db, contextOf(request), request.params.id),
  );

  app.put(
    '/form-versions/:id',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Save a draft’s definition (a published version answers 409 VERSION_PUBLISHED)',
        params: IdParams,
        body: FormVersionUpdate,
        response: { 200: FormVersionDetail },
      },
    },
    async (request) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      await updateDraft(tx, context, request.params.id, request.body);
      return versionDetail(tx, context, request.params.id);
    },
  );

  app.delete(
    '/form-versions/:id',
    {
      config: { access: 'regimes.manage' },
      schema: { tags, summary: 'Discard a draft version', params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await deleteDraft(await transactionOf(request), contextOf(request), request.params.id);
      return { ok: true };
    },
  );

  app.post(
    '/form-versions/:id/validate',
    {
      // A check that writes nothing: no edge transaction.
      config: { access: 'regimes.read', transaction: false },
      schema: {
        tags,
        summary: 'Every problem of the version’s definition (or of the definition sent), with paths and positions',
        params: IdParams,
        body: FormValidateBody,
        response: { 200: FormValidation },
      },
      // The body is optional: without one, the stored definition is checked.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => validateVersion(db, contextOf(request), request.params.id, request.body?.definition),
  );

  app.post(
    '/form-versions/:id/publish',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Publish a valid draft (the previous published version becomes superseded); answers the differences',
        params: IdParams,
        response: { 200: FormPublished },
      },
    },
    async (request) => publishVersion(await transactionOf(request), contextOf(request), request.params.id),
  );

  app.get(
    '/form-versions/:id/diff',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'Differences from the previously published version',
        params: IdParams,
        response: { 200: FormVersionDiff },
      },
    },
    async (request) => versionDiff(db, contextOf(request), request.params.id),
  );

  app.get(
    '/form-versions/:id/template.xlsx',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'The Excel template of the version for a unit (in the caller’s view) and a period',
        produces: [XLSX],
        params: IdParams,
        querystring: TemplateQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'XLSX file' }) },
      },
    },
    async (request, reply) => {
      const { fileName, content } = await formTemplate(db, contextOf(request), request.params.id, request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(content);
    },
  );

  app.post(
    '/expressions/evaluate',
    {
      // A check that writes nothing: no edge transaction.
      config: { access: 'regimes.read', transaction: false },
      schema: {
        tags,
        summary: 'Evaluate an expression or a rule against sample values (problems come back as positioned errors)',
        body: ExpressionEvaluate,
        response: { 200: ExpressionEvaluation },
      },
    },
    async (request) => evaluateSample(request.body),
  );
};
