import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { canView } from '../../http/scope';
import { formsReceivedBy } from './live.queries';

/**
 * GET /api/v1/live — Server-Sent Events: `consolidation` events name each
 * refreshed (unit, form, period) slice inside the caller's view subtree, within
 * a second of a child's submit, whichever server process served it, and each
 * draft saved there (`reason: "draft"`), which the parent's children list shows; and, for
 * a recipient agency, every slice of the regimes it receives.
 */
export const liveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/live',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['live'],
        description:
          'Server-Sent Events stream (text/event-stream) of `consolidation` events {unitId, formId, periodId, startedAt, reason}: reason "consolidation" when a consolidation inside your view was refreshed, "draft" when a draft was saved there.',
      },
    },
    async (request, reply) => {
      const { actor } = contextOf(request);
      const hub = app.deps.live;
      // A recipient agency follows its regimes' slices everywhere (a token narrowed elsewhere does not).
      const receivedForms = (await canView(app.deps.db, actor, actor.unitId))
        ? new Set(await formsReceivedBy(app.deps.db, actor.unitId))
        : new Set<number>();
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(': connected\n\n');
      const unsubscribe = hub
        ? hub.subscribe({
            viewRoots: actor.viewRoots,
            all: actor.isSystemAdmin,
            receivedForms,
            write: (text) => raw.write(text),
          })
        : () => {};
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
};
