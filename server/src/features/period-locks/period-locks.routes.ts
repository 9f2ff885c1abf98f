import {
  IdParams,
  PeriodLockBody,
  PeriodLockResult,
  UnlockDecisionBody,
  UnlockRequestBody,
  UnlockRequestItem,
  UnlockRequestsQuery,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { decideUnlockRequest, listUnlockRequests, requestUnlock, setPeriodLock } from './period-locks.service';

export const periodLocksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const tags = ['period locks'];

  app.post(
    '/period-locks',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        description:
          'Locks or unlocks a period of a regime (system administrators and approvers of a recipient agency), with a reason. Unlocking grants every pending unlock request of the period.',
        body: PeriodLockBody,
        response: { 200: PeriodLockResult },
      },
    },
    async (request) => {
      const { period, ...rest } = request.body;
      return setPeriodLock(await transactionOf(request), reports, contextOf(request), { ...rest, periodId: period });
    },
  );

  app.get(
    '/period-unlock-requests',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        description:
          'Unlock requests of a period: all of them for those who may lock it (`mayDecide`), else those of units inside your view.',
        querystring: UnlockRequestsQuery,
        response: { 200: Type.Object({ items: Type.Array(UnlockRequestItem), mayDecide: Type.Boolean() }) },
      },
    },
    async (request) => {
      const { period, ...rest } = request.query;
      return listUnlockRequests(db, reports, contextOf(request), { ...rest, periodId: period });
    },
  );

  app.post(
    '/period-unlock-requests',
    {
      config: { access: 'data.enter' },
      schema: {
        tags,
        description: 'Asks for a locked period to be unlocked for a unit inside your scope, saying why.',
        body: UnlockRequestBody,
        response: { 200: UnlockRequestItem },
      },
    },
    async (request) => {
      const { period, ...rest } = request.body;
      return requestUnlock(await transactionOf(request), reports, contextOf(request), { ...rest, periodId: period });
    },
  );

  app.post(
    '/period-unlock-requests/:id/decision',
    {
      config: { access: 'data.review' },
      schema: {
        tags,
        description:
          'Grants (the period is unlocked for every unit) or refuses a pending unlock request, with a reason.',
        params: IdParams,
        body: UnlockDecisionBody,
        response: { 200: UnlockRequestItem },
      },
    },
    async (request) =>
      decideUnlockRequest(await transactionOf(request), reports, contextOf(request), request.params.id, request.body),
  );
};
