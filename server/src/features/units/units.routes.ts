import {
  Hierarchy,
  HierarchyCodeParams,
  HierarchyCreate,
  HierarchyUpdate,
  IdParams,
  Page,
  UnitChildrenQuery,
  UnitCreate,
  UnitDetail,
  UnitDetailQuery,
  UnitParentLink,
  UnitPlacementCreate,
  UnitPlacementsQuery,
  UnitSearchQuery,
  UnitSummary,
  UnitUpdate,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import {
  createHierarchy,
  createUnit,
  listHierarchies,
  placeUnit,
  searchUnits,
  unitChildren,
  unitDetail,
  unitPlacements,
  updateHierarchy,
  updateUnit,
} from './units.service';

export const unitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['units'];

  app.get(
    '/hierarchies',
    { config: { access: 'units.read' }, schema: { tags, response: { 200: Type.Array(Hierarchy) } } },
    async (request) => listHierarchies(db, contextOf(request)),
  );

  app.post(
    '/hierarchies',
    {
      config: { access: 'units.manage' },
      schema: { tags, body: HierarchyCreate, response: { 201: Hierarchy } },
    },
    async (request, reply) => {
      const created = await createHierarchy(await transactionOf(request), contextOf(request), request.body);
      reply.status(201);
      return created;
    },
  );

  app.patch(
    '/hierarchies/:code',
    {
      config: { access: 'units.manage' },
      schema: { tags, params: HierarchyCodeParams, body: HierarchyUpdate, response: { 200: Hierarchy } },
    },
    async (request) =>
      updateHierarchy(await transactionOf(request), contextOf(request), request.params.code, request.body),
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
        querystring: UnitDetailQuery,
        response: { 200: UnitDetail },
      },
    },
    async (request) =>
      unitDetail(db, contextOf(request), request.params.id, request.query.asOf, request.query.hierarchy),
  );

  app.get(
    '/units/:id/parents',
    {
      config: { access: 'units.read' },
      schema: {
        tags,
        params: IdParams,
        querystring: UnitPlacementsQuery,
        response: { 200: Type.Array(UnitParentLink) },
      },
    },
    async (request) => unitPlacements(db, contextOf(request), request.params.id, request.query.hierarchy),
  );

  app.post(
    '/units/:id/parents',
    {
      config: { access: 'units.manage' },
      schema: { tags, params: IdParams, body: UnitPlacementCreate, response: { 201: Type.Array(UnitParentLink) } },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      await placeUnit(tx, context, request.params.id, request.body);
      reply.status(201);
      return unitPlacements(tx, context, request.params.id);
    },
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
      return unitDetail(tx, context, id, undefined, request.body.hierarchy);
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
