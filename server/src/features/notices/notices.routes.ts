import {
  DeliveriesQuery,
  DeliveryItem,
  IdParams,
  NoticeItem,
  NoticeList,
  NoticePreferences,
  NoticePreferencesBody,
  NoticesQuery,
  NotSubmittedList,
  NotSubmittedQuery,
  Page,
  ReminderBody,
  ReminderResult,
  UnreadCount,
} from '@baocao/domain';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import {
  listDeliveries,
  listInbox,
  noticePreferences,
  notSubmitted,
  readAllNotices,
  readNotice,
  sendReminders,
  setNoticePreferences,
  unreadCount,
} from './notices.service';

export const noticesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reports } = app.deps;
  const now = () => app.deps.clock?.() ?? Date.now();
  const tags = ['notices'];

  app.get(
    '/notices',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        description: 'Your inbox, newest first (only the unread with `unread=true`), and how many are unread.',
        querystring: NoticesQuery,
        response: { 200: NoticeList },
      },
    },
    async (request) => listInbox(db, contextOf(request), request.query),
  );

  app.get(
    '/notices/unread-count',
    {
      config: { access: 'authenticated' },
      schema: { tags, description: 'How many of your notices are unread.', response: { 200: UnreadCount } },
    },
    async (request) => unreadCount(db, contextOf(request)),
  );

  app.post(
    '/notices/:id/read',
    {
      config: { access: 'authenticated' },
      schema: { tags, description: 'Marks one of your notices read.', params: IdParams, response: { 200: NoticeItem } },
    },
    async (request) => readNotice(await transactionOf(request), contextOf(request), request.params.id),
  );

  app.post(
    '/notices/read-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        description: 'Marks all your notices read.',
        response: { 200: Type.Object({ updated: Type.Integer() }) },
      },
    },
    async (request) => readAllNotices(await transactionOf(request), contextOf(request)),
  );

  app.get(
    '/notices/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        description: 'Which kinds of notice reach your inbox and your e-mail address.',
        response: { 200: NoticePreferences },
      },
    },
    async (request) => noticePreferences(db, contextOf(request)),
  );

  app.put(
    '/notices/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        description: 'Sets, per kind of notice, whether it reaches your inbox and your e-mail address.',
        body: NoticePreferencesBody,
        response: { 200: NoticePreferences },
      },
    },
    async (request) => setNoticePreferences(await transactionOf(request), contextOf(request), request.body),
  );

  app.get(
    '/notices/deliveries',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        description:
          'The e-mail delivery log: each e-mail to an account of a unit inside your view, its status and every attempt.',
        querystring: DeliveriesQuery,
        response: { 200: Page(DeliveryItem) },
      },
    },
    async (request) => listDeliveries(db, contextOf(request), request.query),
  );

  app.get(
    '/notices/not-submitted',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        description:
          'The units whose report of a period a consolidating unit (or a recipient agency) waits for and has not received, with when each was last reminded.',
        querystring: NotSubmittedQuery,
        response: { 200: NotSubmittedList },
      },
    },
    async (request) => {
      const { period, ...rest } = request.query;
      return notSubmitted(db, reports, contextOf(request), { ...rest, periodId: period }, now());
    },
  );

  app.post(
    '/notices/reminders',
    {
      config: { access: 'data.submit' },
      schema: {
        tags,
        description:
          'A consolidating unit inside your scope reminds some (`unitIds`) or all of the units that have not sent; each unit at most once every 30 minutes.',
        body: ReminderBody,
        response: { 200: ReminderResult },
      },
    },
    async (request) => {
      const { period, ...rest } = request.body;
      return sendReminders(
        await transactionOf(request),
        reports,
        contextOf(request),
        { ...rest, periodId: period },
        now(),
      );
    },
  );
};
