import { EventPage, EventsQuery } from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { listEvents } from './events.service';

export const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  app.get(
    '/events',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['events'],
        description:
          'The event stream (report.submitted, report.returned, report.accepted, report.consolidated, report.sent_up, indicator.updated) about the units in the caller’s scope, in order, replayable from a cursor: pass the last `cursor` (or `next`) as `after`.',
        querystring: EventsQuery,
        response: { 200: EventPage },
      },
    },
    async (request) => listEvents(db, contextOf(request), request.query),
  );
};
