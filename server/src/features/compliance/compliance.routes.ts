import {
  ComplianceBoard,
  ComplianceBoardQuery,
  ComplianceDefault,
  ComplianceStats,
  ComplianceStatsQuery,
  ExemptionBody,
  ExemptionItem,
  ExemptionsQuery,
  IdParams,
  Ok,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { requestLanguage } from '../../http/errors';
import { transactionOf } from '../../http/transaction';
import {
  addExemption,
  complianceBoard,
  complianceDefault,
  complianceStats,
  listExemptions,
  removeExemption,
} from './compliance.service';
import { boardWorkbook } from './compliance-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const complianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const now = () => app.deps.clock?.() ?? Date.now();
  const tags = ['compliance'];

  app.get(
    '/compliance/board',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Compliance board of a period',
        description:
          'Every unit the regime (or one of its forms) expects for the period under `unitId` (default: your view root), by the hierarchy valid on the period’s first day, with its status: on_time, late (minutesLate), returned, nothing_to_report, exempt, draft, not_due, overdue (past due, window open), missing (window closed). A unit owing several forms gets its worst status. `totals` count every expected unit of the level before the `status` filter.',
        querystring: ComplianceBoardQuery,
        response: { 200: ComplianceBoard },
      },
    },
    async (request) => complianceBoard(db, reports, contextOf(request), request.query, now()),
  );

  app.get(
    '/compliance/default',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'What the compliance page opens on',
        description:
          'The regime in force that the root of your view has sent the most reports of, and the latest period it sent; nulls when it has sent none.',
        response: { 200: ComplianceDefault },
      },
    },
    async (request) => complianceDefault(db, contextOf(request)),
  );

  app.get(
    '/compliance/board.xlsx',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'The compliance board as an Excel workbook',
        produces: [XLSX],
        querystring: ComplianceBoardQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'XLSX file' }) },
      },
    },
    async (request, reply) => {
      const board = await complianceBoard(db, reports, contextOf(request), request.query, now());
      const content = await boardWorkbook(board, requestLanguage(request));
      const fileName = `tinh-hinh-bao-cao-${board.regime.code}-${board.period.id}.xlsx`.replace(
        /[^A-Za-z0-9._-]/g,
        '_',
      );
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(content);
    },
  );

  app.get(
    '/compliance/stats',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Compliance statistics over a range of periods',
        description:
          'From `from` to `to` (at most 366 periods of the regime’s frequency), under `unitId` (default: your view root), each period by the hierarchy valid on its first day: per unit the periods of each status and a ranking; per level how many units reported every period owed, some, none; per period the counts (trend).',
        querystring: ComplianceStatsQuery,
        response: { 200: ComplianceStats },
      },
    },
    async (request) => complianceStats(db, reports, contextOf(request), request.query, now()),
  );

  app.get(
    '/compliance/exemptions',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'Exemptions of a regime for units in your view',
        querystring: ExemptionsQuery,
        response: { 200: Type.Object({ items: Type.Array(ExemptionItem) }) },
      },
    },
    async (request) => listExemptions(db, reports, contextOf(request), request.query),
  );

  app.post(
    '/compliance/exemptions',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        summary: 'Exempt a unit from a regime over a range of periods (open-ended without periodTo), with a reason',
        body: ExemptionBody,
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      reply.status(201);
      return addExemption(tx, reports, contextOf(request), request.body);
    },
  );

  app.delete(
    '/compliance/exemptions/:id',
    {
      config: { access: 'data.review' },
      schema: { tags, summary: 'Withdraw an exemption', params: IdParams, response: { 200: Ok } },
    },
    async (request) => removeExemption(await transactionOf(request), contextOf(request), request.params.id),
  );
};
