import {
  IdParams,
  IndicatorBody,
  IndicatorExportQuery,
  IndicatorItem,
  IndicatorList,
  IndicatorListQuery,
  IndicatorPushBody,
  IndicatorSeries,
  IndicatorSeriesQuery,
  IndicatorStoreResult,
  IndicatorUpdateBody,
  IndicatorValuesBody,
  Ok,
} from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import {
  findIdempotentAnswer,
  hashRequest,
  idempotencyConflict,
  idempotencyKeyOf,
  storeIdempotentAnswer,
} from '../../http/idempotency';
import { transactionOf } from '../../http/transaction';
import { exportIndicatorValues, type IndicatorExportFormat } from './indicator-exports.service';
import {
  changeIndicator,
  createIndicator,
  deleteIndicator,
  enterIndicatorValues,
  getIndicator,
  getIndicatorSeries,
  listIndicators,
  pushIndicatorValues,
} from './indicators.service';

export const indicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const now = () => new Date(app.deps.clock?.() ?? Date.now());
  const tags = ['indicators'];

  app.get(
    '/indicators',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'The indicator catalogue',
        description:
          'Socio-economic indicators (Decision 293/QĐ-TTg), filtered by area and source; `q` searches code, names and owning agency ignoring diacritics.',
        querystring: IndicatorListQuery,
        response: { 200: IndicatorList },
      },
    },
    async (request) => listIndicators(db, request.query, now()),
  );

  app.get(
    '/indicators/:id',
    {
      config: { access: 'data.read' },
      schema: { tags, summary: 'An indicator', params: IdParams, response: { 200: IndicatorItem } },
    },
    async (request) => getIndicator(db, request.params.id, now()),
  );

  app.get(
    '/indicators/:id/series',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: 'The series of an indicator for a unit',
        description:
          'One point per period with a value: its latest vintage (official over revised over preliminary, then the latest release) and every vintage in release order. The unit (default: your view’s root, the country for a system administrator) must be in your view. A formula indicator is computed from the consolidated figures of its form.',
        params: IdParams,
        querystring: IndicatorSeriesQuery,
        response: { 200: IndicatorSeries },
      },
    },
    async (request) => getIndicatorSeries(db, reports, contextOf(request), request.params.id, request.query, now()),
  );

  app.post(
    '/indicators',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Adds an indicator to the catalogue',
        body: IndicatorBody,
        response: { 201: IndicatorItem },
      },
    },
    async (request, reply) => {
      const item = await createIndicator(
        await transactionOf(request),
        reports,
        contextOf(request),
        request.body,
        now(),
      );
      reply.code(201);
      return item;
    },
  );

  app.put(
    '/indicators/:id',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Replaces an indicator’s definition (its `version` must be the one you read: else 409)',
        params: IdParams,
        body: IndicatorUpdateBody,
        response: { 200: IndicatorItem },
      },
    },
    async (request) =>
      changeIndicator(
        await transactionOf(request),
        reports,
        contextOf(request),
        request.params.id,
        request.body,
        now(),
      ),
  );

  app.delete(
    '/indicators/:id',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags,
        summary: 'Removes an indicator from the catalogue (its values stay)',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (request) => deleteIndicator(await transactionOf(request), contextOf(request), request.params.id),
  );

  app.post(
    '/indicators/:id/values',
    {
      config: { access: 'data.enter' },
      schema: {
        tags,
        summary: 'Enters values of a direct-entry indicator',
        description:
          'Values of units in your capture scope, each with its vintage and release date. All or nothing; the same values again change nothing.',
        params: IdParams,
        body: IndicatorValuesBody,
        response: { 200: IndicatorStoreResult },
      },
    },
    async (request) =>
      enterIndicatorValues(await transactionOf(request), contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/indicator-values',
    {
      config: { access: 'data.submit' },
      schema: {
        tags,
        summary: 'Pushes indicator values from another system',
        description:
          'Values of any indicators by code (not formula ones), units by id or by code (resolved among the units valid on the period’s start), each with its vintage and release date. All or nothing; takes an `Idempotency-Key`: a repeat answers the stored result, a key reused for another body is 409.',
        body: IndicatorPushBody,
        response: { 200: IndicatorStoreResult },
      },
    },
    async (request) => {
      const tx = await transactionOf(request);
      const key = idempotencyKeyOf(request);
      if (key === null) return pushIndicatorValues(tx, contextOf(request), request.body);
      const userId = contextOf(request).actor.userId;
      const hash = hashRequest({ url: request.routeOptions.url, body: request.body });
      const stored = await findIdempotentAnswer(tx, userId, key);
      if (stored) {
        if (stored.requestHash !== hash) throw idempotencyConflict();
        return stored.response as IndicatorStoreResult;
      }
      const result = await pushIndicatorValues(tx, contextOf(request), request.body);
      await storeIdempotentAnswer(tx, userId, key, hash, 200, result);
      return result;
    },
  );
  const exportRoute = (url: string, format: IndicatorExportFormat, contentType: string, what: string) =>
    app.get(
      url,
      {
        config: { access: 'data.read' },
        schema: {
          tags,
          summary: `Exports stored indicator values (${format.toUpperCase()})`,
          description:
            `${what}. Every stored vintage of the units in your view, oldest first, streamed. Filters: \`indicator\` ` +
            '(a code; else 404), `unitCode` (a unit in your view; else 404), `period`. Incremental with `lastUpdated` ' +
            '(values recorded or corrected at or after that instant); paged by cursor: `X-Next-Cursor` (absent on the ' +
            'last page) goes in `after`; `limit` values a page (default 1000, at most 10,000).',
          querystring: IndicatorExportQuery,
        },
      },
      async (request, reply) => {
        const result = await exportIndicatorValues(db, contextOf(request).actor, format, request.query);
        reply.header('content-type', contentType);
        reply.header('content-disposition', `attachment; filename="gia-tri-chi-tieu.${format}"`);
        if (result.nextCursor !== null) reply.header('x-next-cursor', String(result.nextCursor));
        return reply.send(result.stream);
      },
    );
  exportRoute(
    '/indicator-values',
    'json',
    'application/json; charset=utf-8',
    'Native JSON: `{ values: [{ indicator, unitCode, period, option, vintage, releasedOn, value }] }`, the body `POST /indicator-values` takes (pushing a page back changes nothing)',
  );
  exportRoute(
    '/indicator-values.csv',
    'csv',
    'text/csv; charset=utf-8',
    'CSV with the header indicator,unitCode,period,option,vintage,releasedOn,value,source,recordedAt (text that a spreadsheet would run as a formula gets a leading apostrophe)',
  );
};
