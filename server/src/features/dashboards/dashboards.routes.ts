import { DashboardBody, DashboardItem, DashboardList, DashboardUpdateBody, IdParams, Ok } from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { changeDashboard, createDashboard, deleteDashboard, getDashboard, listDashboards } from './dashboards.service';

export const dashboardsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['dashboards'];

  app.get(
    '/dashboards',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        description:
          'The boards you see: those of units inside your view and those shared with a unit above yours (with your role).',
        response: { 200: DashboardList },
      },
    },
    async (request) => listDashboards(db, contextOf(request)),
  );

  app.get(
    '/dashboards/:id',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        description:
          'A board: its widgets on the grid and its shares. Its data come from the analytics API, in your scope.',
        params: IdParams,
        response: { 200: DashboardItem },
      },
    },
    async (request) => getDashboard(db, contextOf(request), request.params.id),
  );

  app.post(
    '/dashboards',
    {
      config: { access: 'dashboards.manage' },
      schema: {
        tags,
        description: 'Creates a board for a unit you manage, shared with units (and roles) inside your scope.',
        body: DashboardBody,
        response: { 201: DashboardItem },
      },
    },
    async (request, reply) => {
      const item = await createDashboard(await transactionOf(request), contextOf(request), request.body);
      reply.code(201);
      return item;
    },
  );

  app.put(
    '/dashboards/:id',
    {
      config: { access: 'dashboards.manage' },
      schema: {
        tags,
        description: 'Replaces a board you manage (its `version` must be the one you read: else 409).',
        params: IdParams,
        body: DashboardUpdateBody,
        response: { 200: DashboardItem },
      },
    },
    async (request) =>
      changeDashboard(await transactionOf(request), contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/dashboards/:id',
    {
      config: { access: 'dashboards.manage' },
      schema: { tags, description: 'Deletes a board you manage.', params: IdParams, response: { 200: Ok } },
    },
    async (request) => deleteDashboard(await transactionOf(request), contextOf(request), request.params.id),
  );
};
