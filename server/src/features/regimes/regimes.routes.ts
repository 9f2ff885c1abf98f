import {
  IdParams,
  Page,
  RegimeCreate,
  RegimeDetail,
  RegimeListQuery,
  RegimeSchedule,
  RegimeSummary,
  RegimeTransition,
  RegimeUpdate,
  RegimeVersionDetail,
  RegimeVersionDiff,
  RegimeVersionDiffQuery,
  RegimeVersionParams,
  RegimeVersionSummary,
  ScheduleQuery,
} from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import {
  createRegime,
  listRegimes,
  listRegimeVersions,
  regimeDetail,
  regimeSchedule,
  regimeVersion,
  regimeVersionDiff,
  setRegimeStatus,
  updateRegime,
} from './regimes.service';

/** The regime catalogue (Decree 09's ten components), each regime's list of forms, and its schedule. */
export const regimesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['regimes'];

  app.get(
    '/regimes',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'The regime catalogue: search (ignoring diacritics), filter by owning agency, frequency, status',
        querystring: RegimeListQuery,
        response: { 200: Page(RegimeSummary) },
      },
    },
    async (request) => listRegimes(db, contextOf(request), request.query),
  );

  app.get(
    '/regimes/:id',
    {
      config: { access: 'regimes.read' },
      schema: { tags, summary: 'A regime with its forms', params: IdParams, response: { 200: RegimeDetail } },
    },
    async (request) => regimeDetail(db, contextOf(request), request.params.id),
  );

  app.post(
    '/regimes',
    {
      config: { access: 'regimes.manage' },
      schema: { tags, summary: 'Create a regime (status draft)', body: RegimeCreate, response: { 201: RegimeDetail } },
    },
    async (request, reply) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      const id = await createRegime(tx, context, request.body);
      reply.status(201);
      return regimeDetail(tx, context, id);
    },
  );

  app.put(
    '/regimes/:id',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary:
          'Replace a draft regime’s definition, or amend an active one: a new version in force from `amendment.effectiveFrom` (optimistic: send the version last read)',
        params: IdParams,
        body: RegimeUpdate,
        response: { 200: RegimeDetail },
      },
    },
    async (request) => {
      const tx = await transactionOf(request);
      const context = contextOf(request);
      await updateRegime(tx, context, request.params.id, request.body);
      return regimeDetail(tx, context, request.params.id);
    },
  );

  for (const [action, target] of [
    ['activate', 'active'],
    ['retire', 'retired'],
  ] as const) {
    app.post(
      `/regimes/:id/${action}`,
      {
        config: { access: 'regimes.manage' },
        schema: {
          tags,
          summary:
            action === 'activate' ? 'Put a regime in force (every form needs a published version)' : 'Retire a regime',
          params: IdParams,
          body: RegimeTransition,
          response: { 200: RegimeDetail },
        },
      },
      async (request) => {
        const tx = await transactionOf(request);
        const context = contextOf(request);
        await setRegimeStatus(tx, context, request.params.id, target, request.body.version);
        return regimeDetail(tx, context, request.params.id);
      },
    );
  }

  app.get(
    '/regimes/:id/versions',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'A regime’s versions, oldest first: past, in force today or scheduled',
        params: IdParams,
        response: { 200: Type.Array(RegimeVersionSummary) },
      },
    },
    async (request) => listRegimeVersions(db, contextOf(request), request.params.id),
  );

  app.get(
    '/regimes/:id/versions/diff',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'What changed between two versions of a regime (schedules, recipients, levels…)',
        params: IdParams,
        querystring: RegimeVersionDiffQuery,
        response: { 200: RegimeVersionDiff },
      },
    },
    async (request) =>
      regimeVersionDiff(db, contextOf(request), request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/regimes/:id/versions/:number',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'One version of a regime',
        params: RegimeVersionParams,
        response: { 200: RegimeVersionDetail },
      },
    },
    async (request) => regimeVersion(db, contextOf(request), request.params.id, request.params.number),
  );

  app.get(
    '/regimes/:id/schedule',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags,
        summary: 'When each level opens, is due and closes for a period (Asia/Ho_Chi_Minh, working days skip holidays)',
        params: IdParams,
        querystring: ScheduleQuery,
        response: { 200: RegimeSchedule },
      },
    },
    async (request) => regimeSchedule(db, contextOf(request), request.params.id, request.query.period),
  );
};
