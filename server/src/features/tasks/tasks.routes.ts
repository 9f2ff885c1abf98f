import {
  DirectiveDetail,
  DirectiveInput,
  DirectiveItem,
  DirectivesQuery,
  IdParams,
  Page,
  TaskDetail,
  TaskImportQuery,
  TaskImportResult,
  TaskInput,
  TaskItem,
  TaskProgressInput,
  TaskStats,
  TaskStatsQuery,
  TasksQuery,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { requestLanguage } from '../../http/errors';
import { transactionOf } from '../../http/transaction';
import { uploadedFile } from '../../http/upload';
import {
  addAttachment,
  addCheckedTasks,
  addTask,
  attachmentFile,
  createDirective,
  directiveDetail,
  directiveForWrite,
  listDirectives,
  listTasks,
  reportProgress,
  taskDetail,
  taskStats,
} from './tasks.service';
import { prepareTaskImport } from './tasks-import';

const Created = Type.Object({ id: Type.Integer() });

export const tasksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const now = () => app.deps.clock?.() ?? Date.now();
  const tags = ['tasks'];

  app.get(
    '/directives',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Directives in your view',
        description:
          'Directives (resolutions, decisions, official letters, meeting conclusions) issued in your view, or assigning tasks to units in it; under `unitId` when given. `q` searches the number and summary, ignoring diacritics. Each carries the counts of its tasks by status, judged by the server clock.',
        querystring: DirectivesQuery,
        response: { 200: Page(DirectiveItem) },
      },
    },
    async (request) => listDirectives(db, contextOf(request), request.query, now()),
  );

  app.post(
    '/directives',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        summary: 'Record a directive and its tasks',
        description:
          'The issuer must lie in your capture scope; each task’s deadline is on or after the directive’s date (null: a regular task), its units known and in your view. All or nothing.',
        body: DirectiveInput,
        response: { 201: Type.Object({ id: Type.Integer(), taskIds: Type.Array(Type.Integer()) }) },
      },
    },
    async (request, reply) => {
      const result = await createDirective(await transactionOf(request), contextOf(request), request.body);
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/directives/:id',
    {
      config: { access: 'data.read' },
      schema: { tags, summary: 'A directive with its tasks', params: IdParams, response: { 200: DirectiveDetail } },
    },
    async (request) => directiveDetail(db, contextOf(request), request.params.id, now()),
  );

  app.post(
    '/directives/:id/tasks',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        summary: 'Add a task to a directive',
        params: IdParams,
        body: TaskInput,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const result = await addTask(await transactionOf(request), contextOf(request), request.params.id, request.body);
      reply.status(201);
      return result;
    },
  );

  app.post(
    '/directives/:id/tasks/import',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        summary: 'Import a directive’s tasks from an XLSX list',
        description:
          'Multipart upload of one .xlsx file (field "file"). Columns (Vietnamese or English headers): "Nhiệm vụ" (title), "Thời hạn" (a date, dd/mm/yyyy or yyyy-mm-dd; "Thường xuyên" or empty: a regular task), "Đơn vị chủ trì" (unit code), "Đơn vị phối hợp" (codes separated by ";"), "Kết quả dự kiến". Every row is checked first and every problem reported with its row number (IMPORT_FAILED); with `dryRun=true` nothing is written, otherwise all rows are created or none.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: TaskImportQuery,
        response: { 200: TaskImportResult, 201: TaskImportResult },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const { fileName, content } = await uploadedFile(request);
      const directive = await directiveForWrite(db, context, request.params.id);
      const prepared = await prepareTaskImport(
        db,
        context,
        directive.issuedOn,
        { fileName, content },
        requestLanguage(request),
      );
      const dryRun = request.query.dryRun === true;
      const tasks = prepared.map((p) => ({
        row: p.row,
        title: p.input.title,
        deadline: p.input.deadline,
        leadUnitCode: p.leadUnitCode,
        supportingUnitCodes: p.supportingUnitCodes,
      }));
      if (dryRun) return { dryRun, rows: prepared.length, created: 0, tasks };
      const tx = await transactionOf(request);
      // Checked again inside the transaction: the directive may have changed hands since.
      await directiveForWrite(tx, context, request.params.id);
      const ids = await addCheckedTasks(
        tx,
        context,
        request.params.id,
        prepared.map((p) => p.input),
      );
      reply.status(201);
      return { dryRun, rows: prepared.length, created: ids.length, tasks };
    },
  );

  app.get(
    '/tasks',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Tasks in your view',
        description:
          'Tasks whose issuer, lead or supporting unit lies in your view (under `unitId` when given); `mine=true`: only those led or supported by the units you change. Sorted by deadline (regular tasks last); status judged by the server clock.',
        querystring: TasksQuery,
        response: { 200: Page(TaskItem) },
      },
    },
    async (request) => listTasks(db, contextOf(request), request.query, now()),
  );

  app.get(
    '/tasks/stats',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Task statistics per lead unit and per issuer, with rankings',
        description:
          'Over the tasks in your view (under `unitId`, of one directive, or of directives issued from `from` to `to`): assigned, done on time, done late, overdue, in progress, regular; the on-time rate (done on time over all but open regular tasks) and the rank (by rate, then fewest overdue; ties share a rank).',
        querystring: TaskStatsQuery,
        response: { 200: TaskStats },
      },
    },
    async (request) => taskStats(db, contextOf(request), request.query, now()),
  );

  app.get(
    '/tasks/:id',
    {
      config: { access: 'data.read' },
      schema: { tags, summary: 'A task with its progress history', params: IdParams, response: { 200: TaskDetail } },
    },
    async (request) => taskDetail(db, contextOf(request), request.params.id, now()),
  );

  app.post(
    '/tasks/:id/progress',
    {
      config: { access: 'data.enter' },
      schema: {
        tags,
        summary: 'Report progress on a task (lead or supporting unit)',
        description:
          'The unit must lead or support the task and lie in your capture scope. `done` (lead unit only) completes the task at the server’s time; a done task takes no more reports (409).',
        params: IdParams,
        body: TaskProgressInput,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      const result = await reportProgress(tx, contextOf(request), request.params.id, request.body, now());
      reply.status(201);
      return result;
    },
  );

  app.post(
    '/tasks/progress/:id/attachments',
    {
      config: { access: 'data.enter' },
      schema: {
        tags,
        summary: 'Attach a file to a progress report',
        description:
          'Multipart upload (field "file") of a PDF, .docx, .xlsx, PNG or JPEG up to 5 MB, whose first bytes match its type; at most 10 per report. The reporting unit must lie in your capture scope.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const file = await uploadedFile(request);
      const result = await addAttachment(await transactionOf(request), contextOf(request), request.params.id, file);
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/tasks/attachments/:id',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Download an attachment of a progress report',
        params: IdParams,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' }) },
      },
    },
    async (request, reply) => {
      const file = await attachmentFile(db, contextOf(request), request.params.id);
      // Always a download, never rendered in the app's origin.
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
