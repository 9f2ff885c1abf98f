import { AuditQuerySchema, AuditRow } from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { listAudit } from './audit.service';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        description: 'Audit rows about objects in the caller’s view subtree, newest first; page with beforeId.',
        querystring: AuditQuerySchema,
        response: { 200: Type.Object({ items: Type.Array(AuditRow) }) },
      },
    },
    async (request) => ({
      items: await listAudit(app.deps.db, contextOf(request), { ...request.query, limit: request.query.limit ?? 50 }),
    }),
  );
};
