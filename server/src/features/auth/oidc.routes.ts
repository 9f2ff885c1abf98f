import {
  DomainError,
  type ErrorCode,
  OidcCallbackQuery,
  Redirect,
  SIGN_IN_ERROR_PARAM,
  SIGN_IN_REQUEST_ID_PARAM,
  SignInMethods,
} from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../http/auth';
import { completeOidcSignIn, type OidcSignIn, signInMethods, startOidcSignIn } from './oidc.service';
import { createOidcProviderClient } from './oidc-client';

/**
 * Ties a started sign-in to the browser that started it (so a callback address
 * made in another browser signs nobody in). SameSite=Lax, unlike the session
 * cookie: the provider sends the browser back with a cross-site navigation.
 */
const BROWSER_COOKIE = 'baocao_oidc';
const BROWSER_COOKIE_PATH = '/api/v1/auth/oidc';

/**
 * Sign-in with the identity provider: the browser navigates through these, so they answer with
 * redirects. They are GETs (the provider sends the browser back with one), so no edge transaction
 * wraps them: the service opens its own, like the password sign-in, and a refusal's audit stays
 * although the sign-in fails.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const settings = app.deps.signIn;
  const secure = app.deps.config.secureCookies;
  const signIn: OidcSignIn | null = settings.oidc
    ? { config: settings.oidc, provider: app.deps.oidcProvider ?? createOidcProviderClient(settings.oidc) }
    : null;
  const tags = ['auth'];

  /** Back to the web app's sign-in page, which shows the error's message from the catalogue. */
  const redirectWithError = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const code: ErrorCode = error instanceof DomainError ? error.code : 'INTERNAL';
    const cause = error instanceof DomainError ? (error as { cause?: unknown }).cause : error;
    if (code === 'INTERNAL') request.log.error({ err: cause }, 'sign-in with the identity provider failed');
    else request.log.warn({ err: cause, code }, 'sign-in with the identity provider refused');
    const search = new URLSearchParams({ [SIGN_IN_ERROR_PARAM]: code, [SIGN_IN_REQUEST_ID_PARAM]: String(request.id) });
    reply.clearCookie(BROWSER_COOKIE, { path: BROWSER_COOKIE_PATH });
    return reply.redirect(`/?${search}`, 302);
  };

  app.get(
    '/auth/sign-in-methods',
    {
      config: { access: 'public' },
      schema: { tags, security: [], response: { 200: SignInMethods } },
    },
    async () => signInMethods(settings),
  );

  app.get(
    '/auth/oidc/start',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: [],
        description: "Sends the browser to the identity provider's sign-in page (authorization code flow with PKCE).",
        response: { 302: Redirect },
      },
    },
    async (request, reply) => {
      try {
        if (!signIn) throw new DomainError('OIDC_NOT_CONFIGURED');
        const started = await startOidcSignIn(db, signIn);
        reply.setCookie(BROWSER_COOKIE, started.browserToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure,
          path: BROWSER_COOKIE_PATH,
          expires: started.expiresAt,
        });
        return reply.redirect(started.url.href, 302);
      } catch (error) {
        return redirectWithError(request, reply, error);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { access: 'public' },
      // A browser arrives here: a refusal, even of the query, goes back to the sign-in page.
      attachValidation: true,
      schema: {
        tags,
        security: [],
        description: 'Where the identity provider sends the browser back; opens the session and goes to the web app.',
        querystring: OidcCallbackQuery,
        response: { 302: Redirect },
      },
    },
    async (request, reply) => {
      try {
        if (!signIn) throw new DomainError('OIDC_NOT_CONFIGURED');
        if (request.validationError) throw new DomainError('VALIDATION_FAILED');
        const agent = request.headers['user-agent'];
        const url = new URL(signIn.config.redirectUrl);
        url.search = new URL(request.url, 'http://callback').search;
        const session = await completeOidcSignIn(
          db,
          signIn,
          { browserToken: request.cookies[BROWSER_COOKIE], url },
          {
            ip: request.ip,
            userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
            requestId: String(request.id),
          },
        );
        reply.clearCookie(BROWSER_COOKIE, { path: BROWSER_COOKIE_PATH });
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure,
          path: '/',
          expires: session.expiresAt,
        });
        return reply.redirect('/', 302);
      } catch (error) {
        return redirectWithError(request, reply, error);
      }
    },
  );
};
