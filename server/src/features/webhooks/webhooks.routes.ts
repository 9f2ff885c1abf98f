import {
  IdParams,
  Ok,
  WebhookCreate,
  WebhookCreated,
  WebhookDeliveriesQuery,
  WebhookDeliveryPage,
  WebhookDeliveryParams,
  WebhookUpdate,
  WebhookView,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import {
  createWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhook,
  updateWebhook,
} from './webhooks.service';

export const webhooksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['webhooks'];
  app.get(
    '/webhooks',
    { config: { access: 'data.read' }, schema: { tags, response: { 200: Type.Array(WebhookView) } } },
    async (request) => listWebhooks(db, contextOf(request)),
  );
  app.post(
    '/webhooks',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        description:
          'Subscribes a URL to events about units in the caller’s view. The answer carries the signing secret, shown this once: each delivery is a POST of the event’s JSON with `Baocao-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.',
        body: WebhookCreate,
        response: { 201: WebhookCreated },
      },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      reply.status(201);
      return createWebhook(tx, contextOf(request), request.body);
    },
  );
  app.patch(
    '/webhooks/:id',
    {
      config: { access: 'data.read' },
      schema: { tags, params: IdParams, body: WebhookUpdate, response: { 200: WebhookView } },
    },
    async (request) => updateWebhook(await transactionOf(request), contextOf(request), request.params.id, request.body),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      config: { access: 'data.read' },
      schema: { tags, params: IdParams, querystring: WebhookDeliveriesQuery, response: { 200: WebhookDeliveryPage } },
    },
    async (request) => listWebhookDeliveries(db, contextOf(request), request.params.id, request.query),
  );
  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    { config: { access: 'data.read' }, schema: { tags, params: WebhookDeliveryParams, response: { 200: Ok } } },
    async (request) =>
      redeliverWebhook(await transactionOf(request), contextOf(request), request.params.id, request.params.deliveryId),
  );
};
