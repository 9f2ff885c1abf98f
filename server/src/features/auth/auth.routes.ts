import {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  Me,
  Ok,
  SecondFactorBody,
  TotpCodeBody,
  TotpDisableBody,
  TotpSetup,
} from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { contextOf, SESSION_COOKIE } from '../../http/auth';
import type { Pending } from '../../http/context';
import { transactionOf } from '../../http/transaction';
import {
  changePassword,
  completeSecondFactor,
  csrfTokenOf,
  disableTotp,
  enableTotp,
  login,
  me,
  revokeSession,
  setupTotp,
} from './auth.service';

const ALL_PENDING: Pending[] = ['second_factor', 'totp_enrolment', 'password_change'];
const SETUP_PENDING: Pending[] = ['totp_enrolment', 'password_change'];

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const secure = app.deps.config.secureCookies;
  const setSessionCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires });

  app.post(
    '/auth/login',
    {
      // No edge transaction: a failed sign-in is counted although the request fails (auth.service.ts).
      config: { access: 'public', transaction: false },
      schema: { tags: ['auth'], security: [], body: LoginBody, response: { 200: LoginResult } },
    },
    async (request, reply) => {
      const agent = request.headers['user-agent'];
      const session = await login(
        db,
        request.body.username,
        request.body.password,
        {
          ip: request.ip,
          userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
          requestId: String(request.id),
        },
        app.deps.signIn,
      );
      setSessionCookie(reply, session.token, session.expiresAt);
      return {
        status: session.secondFactorPending ? ('second_factor_required' as const) : ('signed_in' as const),
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/auth/second-factor',
    {
      // No edge transaction, as for the sign-in: a wrong code is counted although the request fails.
      config: { access: 'authenticated', allowPending: ['second_factor'], transaction: false },
      schema: { tags: ['auth'], body: SecondFactorBody, response: { 200: Ok } },
    },
    async (request) => {
      await completeSecondFactor(db, contextOf(request), request.body.code);
      return { ok: true };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'authenticated', allowPending: ALL_PENDING },
      schema: { tags: ['auth'], response: { 200: Ok } },
    },
    async (request, reply) => {
      await revokeSession(await transactionOf(request), contextOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'authenticated', allowPending: ALL_PENDING },
      schema: { tags: ['auth'], response: { 200: Me } },
    },
    async (request) => {
      const actor = contextOf(request).actor;
      return me(db, { actor, pending: request.pending }, await csrfTokenOf(db, actor));
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated', allowPending: SETUP_PENDING },
      schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Ok } },
    },
    async (request) => {
      await changePassword(
        await transactionOf(request),
        contextOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return { ok: true };
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { access: 'authenticated', allowPending: SETUP_PENDING },
      schema: { tags: ['auth'], response: { 200: TotpSetup } },
    },
    async (request) => setupTotp(await transactionOf(request), contextOf(request)),
  );

  app.post(
    '/auth/totp/enable',
    {
      config: { access: 'authenticated', allowPending: SETUP_PENDING },
      schema: { tags: ['auth'], body: TotpCodeBody, response: { 200: Ok } },
    },
    async (request) => {
      await enableTotp(await transactionOf(request), contextOf(request), request.body.code);
      return { ok: true };
    },
  );

  app.post(
    '/auth/totp/disable',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: TotpDisableBody, response: { 200: Ok } },
    },
    async (request) => {
      await disableTotp(await transactionOf(request), contextOf(request), request.body.password, request.body.code);
      return { ok: true };
    },
  );
};
