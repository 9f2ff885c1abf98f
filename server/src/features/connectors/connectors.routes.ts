import {
  ConnectorCreate,
  ConnectorRun,
  ConnectorRunPage,
  ConnectorRunsQuery,
  ConnectorUpdate,
  ConnectorView,
  IdParams,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import {
  createConnector,
  getConnector,
  listConnectorRuns,
  listConnectors,
  runConnectorNow,
  updateConnector,
} from './connectors.service';

export const connectorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const tags = ['connectors'];
  const access = 'settings.manage' as const;
  app.get(
    '/connectors',
    {
      config: { access },
      schema: {
        tags,
        description: 'Pull connectors (system administrators).',
        response: { 200: Type.Array(ConnectorView) },
      },
    },
    async (request) => listConnectors(db, contextOf(request)),
  );
  app.post(
    '/connectors',
    {
      config: { access },
      schema: {
        tags,
        description:
          'Creates a pull connector: a JSON or CSV feed fetched every `intervalMinutes`, mapped onto the cells of ' +
          'one form (`mapping`: JSON paths such as `$.data[0].code`, or CSV columns, for the unit code, the period ' +
          'and each cell’s value) and imported as an import is, on the `connector` channel, into `unitId`’s subtree only.',
        body: ConnectorCreate,
        response: { 201: ConnectorView },
      },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      reply.status(201);
      return createConnector(tx, reports, contextOf(request), request.body);
    },
  );
  app.get(
    '/connectors/:id',
    { config: { access }, schema: { tags, params: IdParams, response: { 200: ConnectorView } } },
    async (request) => getConnector(db, contextOf(request), request.params.id),
  );
  app.put(
    '/connectors/:id',
    {
      config: { access },
      schema: { tags, params: IdParams, body: ConnectorUpdate, response: { 200: ConnectorView } },
    },
    async (request) =>
      updateConnector(await transactionOf(request), reports, contextOf(request), request.params.id, request.body),
  );
  app.post(
    '/connectors/:id/run',
    {
      config: { access },
      schema: {
        tags,
        description: 'Starts a run now, on the job queue; its progress shows in the run history.',
        params: IdParams,
        response: { 202: ConnectorRun },
      },
    },
    async (request, reply) => {
      const run = await runConnectorNow(await transactionOf(request), contextOf(request), request.params.id);
      reply.status(202);
      return run;
    },
  );
  app.get(
    '/connectors/:id/runs',
    {
      config: { access },
      schema: {
        tags,
        description: 'The run history, newest first: started, finished, status, attempts, counts, error.',
        params: IdParams,
        querystring: ConnectorRunsQuery,
        response: { 200: ConnectorRunPage },
      },
    },
    async (request) => listConnectorRuns(db, contextOf(request), request.params.id, request.query),
  );
};
