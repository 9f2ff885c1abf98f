import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { pingDatabase } from './health.queries';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({ status: Type.String(), database: Type.String(), time: Type.String() }),
          503: Type.Object({ status: Type.String(), database: Type.String(), time: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      const time = new Date().toISOString();
      try {
        await pingDatabase(app.deps.db);
        return { status: 'ok', database: 'up', time };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: 'down', time });
      }
    },
  );
};
