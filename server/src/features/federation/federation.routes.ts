import {
  FederationItemPage,
  FederationItemsQuery,
  FederationLinkCreate,
  FederationLinkUpdate,
  FederationLinkView,
  IdParams,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { createLink, deleteLink, getLink, listItems, listLinks, sendNow, updateLink } from './federation.service';

export const federationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, signingKey } = app.deps;
  const tags = ['federation'];
  const access = 'settings.manage' as const;
  app.get(
    '/federation-links',
    {
      config: { access },
      schema: {
        tags,
        description: 'Federation links to other Baocao instances, with their outbox state (system administrators).',
        response: { 200: Type.Array(FederationLinkView) },
      },
    },
    async (request) => listLinks(db, contextOf(request)),
  );
  app.post(
    '/federation-links',
    {
      config: { access },
      schema: {
        tags,
        description:
          'Creates a link: the sent-up reports of `forms` and the values of `indicators` of `unitIds`’ subtrees are ' +
          'forwarded, from now on and in order, to `targetUrl`’s import API with `token` (a service token of that ' +
          'instance; stored sealed, never shown again), under the mapped codes (`unitCodes`, each form’s `code` ' +
          '`REGIME/FORM` and `cells`, each indicator’s `code`; absent: the same code).',
        body: FederationLinkCreate,
        response: { 201: FederationLinkView },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createLink(await transactionOf(request), signingKey, contextOf(request), request.body);
    },
  );
  app.get(
    '/federation-links/:id',
    { config: { access }, schema: { tags, params: IdParams, response: { 200: FederationLinkView } } },
    async (request) => getLink(db, contextOf(request), request.params.id),
  );
  app.put(
    '/federation-links/:id',
    {
      config: { access },
      schema: {
        tags,
        description: 'Replaces a link’s settings; without `token` the stored one is kept.',
        params: IdParams,
        body: FederationLinkUpdate,
        response: { 200: FederationLinkView },
      },
    },
    async (request) =>
      updateLink(await transactionOf(request), signingKey, contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/federation-links/:id',
    {
      config: { access },
      schema: { tags, description: 'Deletes a link and its outbox.', params: IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await deleteLink(await transactionOf(request), contextOf(request), request.params.id);
      reply.status(204);
      return null;
    },
  );
  app.post(
    '/federation-links/:id/send',
    {
      config: { access },
      schema: {
        tags,
        description: 'Sends the pending items now, cutting a back-off short (on the job queue).',
        params: IdParams,
        response: { 202: FederationLinkView },
      },
    },
    async (request, reply) => {
      const link = await sendNow(await transactionOf(request), contextOf(request), request.params.id);
      reply.status(202);
      return link;
    },
  );
  app.get(
    '/federation-links/:id/items',
    {
      config: { access },
      schema: {
        tags,
        description: 'The outbox, newest first: each forwarded event with its attempts, answer and status.',
        params: IdParams,
        querystring: FederationItemsQuery,
        response: { 200: FederationItemPage },
      },
    },
    async (request) => listItems(db, contextOf(request), request.params.id, request.query),
  );
};
