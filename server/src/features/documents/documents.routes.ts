import {
  DocumentDetail,
  DocumentFileParams,
  DocumentItem,
  DocumentsQuery,
  DocumentTemplateBody,
  DocumentTemplateItem,
  DocumentTemplatesQuery,
  GenerateDocumentBody,
  GeneratedDocument,
  IdParams,
  Ok,
  Page,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import {
  changeTemplate,
  createTemplate,
  documentDetail,
  documentFile,
  getTemplate,
  issueDocument,
  listDocuments,
  listTemplates,
  prepareDocument,
} from './documents.service';

export const documentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const now = () => app.deps.clock?.() ?? Date.now();
  const tags = ['documents'];

  app.get(
    '/document-templates',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Templates of generated reports in your view',
        querystring: DocumentTemplatesQuery,
        response: { 200: Page(DocumentTemplateItem) },
      },
    },
    async (request) => listTemplates(db, contextOf(request), request.query),
  );

  app.post(
    '/document-templates',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Define a generated report',
        description:
          'Which figures (analytics field ids `formId:fieldCode` of the regime), tables, charts and compliance figures it holds, for which unit and period type, the narrative outline with `{placeholders}` (per figure `k`: `{k}`, `{k_ky_truoc}`, `{k_tang_giam_pct}`; and `{ky_bao_cao}`, `{ky_truoc}`, `{don_vi}`, `{ngay_lap}`, `{tang_giam_pct}`, with compliance `{so_don_vi_phai_bao_cao}`, `{so_don_vi_dung_han}`, `{so_don_vi_tre_han}`, `{so_don_vi_chua_bao_cao}`, `{ty_le_dung_han_pct}`), the recipients and the signer. An unknown placeholder is refused (422 naming the field). The unit must lie in your capture scope.',
        body: DocumentTemplateBody,
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const result = await createTemplate(await transactionOf(request), reports, contextOf(request), request.body);
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/document-templates/:id',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'A generated report’s template',
        params: IdParams,
        response: { 200: DocumentTemplateItem },
      },
    },
    async (request) => getTemplate(db, contextOf(request), request.params.id),
  );

  app.put(
    '/document-templates/:id',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Change a generated report’s template',
        description: 'Versions already issued keep what they said; the next generation uses the new template.',
        params: IdParams,
        body: DocumentTemplateBody,
        response: { 200: Ok },
      },
    },
    async (request) =>
      changeTemplate(await transactionOf(request), reports, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/document-templates/:id/generate',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        summary: 'Generate the report for a period now',
        description:
          'For the template’s unit, or `unitId` (in your capture scope); the period is of the template’s type. The PDF and XLSX are stored with the figures and the revisions they come from, and the recipients told. When the data has not changed since the last version, that version is returned (`created: false`); otherwise a new version, with its differences from the one before.',
        params: IdParams,
        body: GenerateDocumentBody,
        response: { 200: GeneratedDocument },
      },
    },
    async (request) => {
      const context = contextOf(request);
      const prepared = await prepareDocument(db, reports, context, request.params.id, request.body, now());
      return issueDocument(await transactionOf(request), context, prepared, 'manual');
    },
  );

  app.get(
    '/documents',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'The archive of generated reports',
        description:
          'Every issued version whose unit, or one of whose recipient agencies, lies in your view; newest first. `latest=true`: only the latest version of each report.',
        querystring: DocumentsQuery,
        response: { 200: Page(DocumentItem) },
      },
    },
    async (request) => listDocuments(db, contextOf(request), request.query),
  );

  app.get(
    '/documents/:id',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'An issued version: its figures, the revisions it contains, its differences and the other versions',
        params: IdParams,
        response: { 200: DocumentDetail },
      },
    },
    async (request) => documentDetail(db, contextOf(request), request.params.id),
  );

  app.get(
    '/documents/:id/files/:format',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Download an issued version as PDF or XLSX',
        params: DocumentFileParams,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' }) },
      },
    },
    async (request, reply) => {
      const file = await documentFile(db, contextOf(request), request.params.id, request.params.format);
      return reply
        .type(file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );
};
