import {
  Hierarchy,
  IdParams,
  IsoDate,
  Page,
  UnitChildrenQuery,
  UnitCreate,
  UnitDetail,
  UnitSearchQuery,
  UnitSummary,
  UnitUpdate,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { createUnit, listHierarchies, searchUnits, unitChildren, unitDetail, updateUnit } from './units.service';

export const unitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['units'];

  app.get(
    '/hierarchies',
    { config: { access: 'units.read' }, schema: { tags, response: { 200: Type.Array(Hierarchy) } } },
    async (request) => listHierarchies(db, contextOf(request)),
  );

  app.get(
    '/units',
    {
      config: { access: 'units.read' },
      schema: { tags, querystring: UnitSearchQuery, response: { 200: Page(UnitSummary) } },
    },
    async (request) => searchUnits(db, contextOf(request), request.query),
  );

  app.get(
    '/units/:id',
    {
      config: { access: 'units.read' },
      schema: {
        tags,
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false }),
        response: { 200: UnitDetail },
      },
    },
    async (request) => unitDetail(db, contextOf(request), request.params.id, request.query.asOf),
  );

  app.get(
    '/units/:id/children',
    {
      config: { access: 'units.read' },
      schema: { tags, params: IdParams, querystring: UnitChildrenQuery, response: { 200: Page(UnitSummary) } },
    },
    async (request) => unitChildren(db, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/units',
    {
      config: { access: 'units.manage' },
      schema: { tags, body: UnitCreate, response: { 201: UnitDetail } },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      const id = await createUnit(tx, context, request.body);
      reply.status(201);
      return unitDetail(tx, context, id);
    },
  );

  app.patch(
    '/units/:id',
    {
      config: { access: 'units.manage' },
      schema: { tags, params: IdParams, body: UnitUpdate, response: { 200: UnitDetail } },
    },
    async (request) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      await updateUnit(tx, context, request.params.id, request.body);
      return unitDetail(tx, context, request.params.id);
    },
  );
};
