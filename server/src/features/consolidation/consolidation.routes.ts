import { AdjustmentBody, ConsolidationView, DrilldownQuery, DrilldownView, ReportKeyQuery } from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { addAdjustment, drilldown, getConsolidation } from './consolidation.service';

export const consolidationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const tags = ['consolidation'];

  app.get(
    '/consolidation',
    {
      config: { access: 'data.read' },
      schema: { tags, querystring: ReportKeyQuery, response: { 200: ConsolidationView } },
    },
    async (request) => {
      const { unitId, formId, period } = request.query;
      return getConsolidation(db, reports, contextOf(request), { unitId, formId, periodId: period });
    },
  );

  app.get(
    '/consolidation/drilldown',
    {
      config: { access: 'data.read' },
      schema: { tags, querystring: DrilldownQuery, response: { 200: DrilldownView } },
    },
    async (request) => {
      const { unitId, formId, period, cell } = request.query;
      return drilldown(db, reports, contextOf(request), { unitId, formId, periodId: period }, cell);
    },
  );

  app.post(
    '/consolidation/adjustments',
    {
      config: { access: 'data.submit' },
      schema: { tags, body: AdjustmentBody, response: { 201: Type.Object({ id: Type.Integer() }) } },
    },
    async (request, reply) => {
      const { unitId, formId, period, ...input } = request.body;
      const tx = await transactionOf(request);
      reply.status(201);
      return addAdjustment(tx, reports, contextOf(request), { unitId, formId, periodId: period }, input);
    },
  );
};
