import { HolidayParams, HolidayQuery, HolidayUpsert, HolidayView, Ok, PeriodInfo, PeriodParams } from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { deleteHoliday, listHolidays, periodInfo, putHoliday } from './calendar.service';

/** The holiday calendar that working-day deadlines skip, and periods. */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const calendarTags = ['calendar'];

  app.get(
    '/holidays',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags: calendarTags,
        summary: 'Days off (public holidays and compensatory days) that working-day deadlines skip',
        querystring: HolidayQuery,
        response: { 200: Type.Array(HolidayView) },
      },
    },
    async (request) => listHolidays(db, request.query.year),
  );

  app.put(
    '/holidays/:date',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags: calendarTags,
        summary: 'Add or rename a day off',
        params: HolidayParams,
        body: HolidayUpsert,
        response: { 200: HolidayView },
      },
    },
    async (request) => putHoliday(await transactionOf(request), contextOf(request), request.params.date, request.body),
  );

  app.delete(
    '/holidays/:date',
    {
      config: { access: 'regimes.manage' },
      schema: {
        tags: calendarTags,
        summary: 'Make a day a working day again',
        params: HolidayParams,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await deleteHoliday(await transactionOf(request), contextOf(request), request.params.date);
      return { ok: true };
    },
  );

  app.get(
    '/periods/:id',
    {
      config: { access: 'regimes.read' },
      schema: {
        tags: calendarTags,
        summary: 'A period: dates, Vietnamese and English labels, ISO interval, neighbours, data windows',
        params: PeriodParams,
        response: { 200: PeriodInfo },
      },
    },
    async (request) => periodInfo(request.params.id),
  );
};
