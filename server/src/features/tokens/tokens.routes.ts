import { IdParams, TokenCreate, TokenCreated, TokenView } from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { createToken, listTokens, revokeToken } from './tokens.service';

export const tokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['tokens'];
  app.get(
    '/tokens',
    { config: { access: 'tokens.manage' }, schema: { tags, response: { 200: Type.Array(TokenView) } } },
    async (request) => listTokens(db, contextOf(request)),
  );
  app.post(
    '/tokens',
    { config: { access: 'tokens.manage' }, schema: { tags, body: TokenCreate, response: { 201: TokenCreated } } },
    async (request, reply) => {
      const tx = await transactionOf(request);
      reply.status(201);
      return createToken(tx, contextOf(request), request.body);
    },
  );
  app.post(
    '/tokens/:id/revoke',
    { config: { access: 'tokens.manage' }, schema: { tags, params: IdParams, response: { 200: TokenView } } },
    async (request) => revokeToken(await transactionOf(request), contextOf(request), request.params.id),
  );
};
