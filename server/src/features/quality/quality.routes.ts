import { QualityQuery, QualityView } from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { qualityView } from './quality.service';

export const qualityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const now = () => app.deps.clock?.() ?? Date.now();

  app.get(
    '/quality',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['quality'],
        summary: 'Data quality of a period',
        description:
          'Under `unitId` (default: your view root), by the hierarchy valid on the period’s first day: the outliers confirmed on submit (each with the officer’s comment and the history it was judged against), the validation rules the current reports break, the cross-source checks that fail on the consolidated figures, each with a link to its report, and timeliness and completeness from the compliance board. Each list holds at most 500 items; `totals` count them all.',
        querystring: QualityQuery,
        response: { 200: QualityView },
      },
    },
    async (request) => qualityView(db, reports, contextOf(request), request.query, now()),
  );
};
