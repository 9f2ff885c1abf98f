import { DemoHistoryStatusView } from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { demoHistoryStatus } from './demo-history';

/** The demonstration data's own routes: how far the generated history has come (report data: `data.read`). */
export const demoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/demo/history',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['demo'],
        summary: 'Progress of the generated demonstration history (periods planned and loaded, per regime)',
        response: { 200: DemoHistoryStatusView },
      },
    },
    async () => demoHistoryStatus(db),
  );
};
