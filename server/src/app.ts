import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController, type RouteOptions } from 'fastify';
import type pg from 'pg';
import type { Config, ImportConfig, SignInConfig } from './config';
import type { Db } from './db/database';
import { analyticsRoutes } from './features/analytics/analytics.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { authRoutes } from './features/auth/auth.routes';
import { oidcRoutes } from './features/auth/oidc.routes';
import type { OidcProviderClient } from './features/auth/oidc-client';
import { calendarRoutes } from './features/calendar/calendar.routes';
import { complianceRoutes } from './features/compliance/compliance.routes';
import { connectorsRoutes } from './features/connectors/connectors.routes';
import { consolidationRoutes } from './features/consolidation/consolidation.routes';
import { dashboardsRoutes } from './features/dashboards/dashboards.routes';
import { demoRoutes } from './features/demo/demo.routes';
import { documentsRoutes } from './features/documents/documents.routes';
import { eventsRoutes } from './features/events/events.routes';
import { federationRoutes } from './features/federation/federation.routes';
import { formsRoutes } from './features/forms/forms.routes';
import { healthRoutes } from './features/health/health.routes';
import { importsRoutes } from './features/imports/imports.routes';
import { indicatorsRoutes } from './features/indicators/indicators.routes';
import { liveRoutes } from './features/live/live.routes';
import type { LiveHub } from './features/live/live-hub';
import { noticesRoutes } from './features/notices/notices.routes';
import { periodLocksRoutes } from './features/period-locks/period-locks.routes';
import { qualityRoutes } from './features/quality/quality.routes';
import { regimesRoutes } from './features/regimes/regimes.routes';
import { settingsRoutes } from './features/settings/settings.routes';
import { readSecurityPolicy } from './features/settings/settings.service';
import { signaturesRoutes } from './features/signatures/signatures.routes';
import { submissionsRoutes } from './features/submissions/submissions.routes';
import { tasksRoutes } from './features/tasks/tasks.routes';
import { tokensRoutes } from './features/tokens/tokens.routes';
import { unitsRoutes } from './features/units/units.routes';
import { usersRoutes } from './features/users/users.routes';
import { webhooksRoutes } from './features/webhooks/webhooks.routes';
import { registerAuth } from './http/auth';
import { registerErrorHandling } from './http/errors';
import { registerSecurityHeaders } from './http/security-headers';
import { registerEdgeTransactions } from './http/transaction';
import { normalizeStrings, schemaCompiler } from './http/validation';
import { ReportCatalog } from './reporting/report-context';

/** Answers longer than this (characters) are sent as bytes (the onSend hook below says why). */
const LARGE_ANSWER = 16 * 1024;

export interface AppDeps {
  db: Db;
  pool: pg.Pool;
  config: Pick<Config, 'secureCookies' | 'webDist' | 'logLevel'>;
  logger?: boolean;
  /** The server clock (epoch ms); tests set it to stand inside or outside a schedule window. */
  clock?: () => number;
  /** Fan-out of refreshed consolidations to open pages (one per process). */
  live?: LiveHub;
  /** The report context's caches (regimes, forms, units, ancestors, holidays); built here when not given. */
  reports?: ReportCatalog;
  /** How people sign in (config.ts `readSignInConfig`); passwords only when not given. */
  signIn?: SignInConfig;
  /** The identity provider's client; built from `signIn.oidc` when not given. */
  oidcProvider?: OidcProviderClient;
  /** Where analytics reads go (ANALYTICS_DATABASE_URL, e.g. a streaming replica); `db` when not given. */
  analyticsDb?: Db;
  /** Import limits (config.ts `readImportConfig`): the body limit, the size above which an import is queued, the
   * token rate, imports at once; what is not given keeps its default (`defaultImportConfig`). */
  imports?: Partial<ImportConfig>;
  /** The master key that seals signing keys (features/signatures/key-vault.ts); a random one when not given (tests). */
  signingKey?: Buffer;
}

/** The dependencies once `buildApp` has completed them. */
export type AppContext = AppDeps & { reports: ReportCatalog; signIn: SignInConfig; signingKey: Buffer };

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppContext;
    /** Every API route as "METHOD /url", for the authorization matrix test. */
    apiRoutes: { method: string; url: string; access: string }[];
  }
}

/**
 * An unknown query parameter is an error, not silently ignored: an integrator who tries
 * `POST /reports/submit?dryRun=true` must not create a real revision believing it was a rehearsal.
 */
function rejectUnknownQueryParameters(route: RouteOptions): void {
  route.schema ??= {};
  const schema = route.schema;
  const query = schema.querystring as { type?: string; additionalProperties?: unknown } | undefined;
  if (!query) schema.querystring = { type: 'object', properties: {}, additionalProperties: false };
  else if (query.type === 'object' && query.additionalProperties === undefined)
    schema.querystring = { ...query, additionalProperties: false };
}

/**
 * Fastify logs every request at info, which buries warnings and errors in the terminal: requests
 * are logged at debug (LOG_LEVEL=debug shows them); a request that failed stays at error.
 */
class RequestLogAtDebug extends LogController {
  override incomingRequest(request: Parameters<LogController['incomingRequest']>[0]): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }
  override requestCompleted(...[error, request, reply]: Parameters<LogController['requestCompleted']>): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Builds the HTTP application: plugins first, then each feature registers its own routes. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger === false ? false : { level: deps.config.logLevel },
    logController: new RequestLogAtDebug(),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('deps', {
    ...deps,
    reports: deps.reports ?? new ReportCatalog(),
    signIn: deps.signIn ?? { password: true, oidc: null },
    signingKey: deps.signingKey ?? randomBytes(32),
  });
  app.decorate('apiRoutes', []);
  app.setValidatorCompiler(schemaCompiler);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/')) rejectUnknownQueryParameters(route);
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.method !== 'HEAD') {
      for (const method of [route.method].flat())
        app.apiRoutes.push({ method, url: route.url, access: String(route.config?.access ?? '') });
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    // A large answer leaves as bytes: Node writes a long string with non-Latin characters (any
    // Vietnamese name) to the socket several times slower than the same text encoded first. A
    // board's 545 KB province × month answer reached its client ≈ 4 ms sooner (11–13.6 against
    // 7–8.7 ms from the handler's return, measured on this 2-core machine under load).
    return typeof payload === 'string' && payload.length > LARGE_ANSWER ? Buffer.from(payload) : payload;
  });

  app.addHook('preValidation', async (request) => {
    if (request.body && typeof request.body === 'object') normalizeStrings(request.body);
  });

  // JSON (and multipart for uploads) only: a text body is refused with 415, not parsed.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);
  await app.register(cookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: deps.config.secureCookies,
  });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Baocao API',
        version: '1',
        description:
          'Hệ thống thông tin báo cáo — JSON API. Sign in with POST /api/v1/auth/login (session cookie + X-CSRF-Token header on writes) or send Authorization: Bearer <token> from a service account.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'baocao_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerAuth(app, { db: deps.db, policy: () => readSecurityPolicy(deps.db) });
  registerEdgeTransactions(app, deps.db);

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/v1' });
  await app.register(oidcRoutes, { prefix: '/api/v1' });
  await app.register(unitsRoutes, { prefix: '/api/v1' });
  await app.register(usersRoutes, { prefix: '/api/v1' });
  await app.register(tokensRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(settingsRoutes, { prefix: '/api/v1' });
  await app.register(regimesRoutes, { prefix: '/api/v1' });
  await app.register(formsRoutes, { prefix: '/api/v1' });
  await app.register(calendarRoutes, { prefix: '/api/v1' });
  await app.register(submissionsRoutes, { prefix: '/api/v1' });
  await app.register(consolidationRoutes, { prefix: '/api/v1' });
  await app.register(periodLocksRoutes, { prefix: '/api/v1' });
  await app.register(liveRoutes, { prefix: '/api/v1' });
  await app.register(complianceRoutes, { prefix: '/api/v1' });
  await app.register(analyticsRoutes, { prefix: '/api/v1' });
  await app.register(qualityRoutes, { prefix: '/api/v1' });
  await app.register(noticesRoutes, { prefix: '/api/v1' });
  await app.register(demoRoutes, { prefix: '/api/v1' });
  await app.register(dashboardsRoutes, { prefix: '/api/v1' });
  await app.register(tasksRoutes, { prefix: '/api/v1' });
  await app.register(importsRoutes, { prefix: '/api/v1' });
  await app.register(eventsRoutes, { prefix: '/api/v1' });
  await app.register(webhooksRoutes, { prefix: '/api/v1' });
  await app.register(documentsRoutes, { prefix: '/api/v1' });

  await app.register(signaturesRoutes, { prefix: '/api/v1' });

  await app.register(indicatorsRoutes, { prefix: '/api/v1' });
  await app.register(connectorsRoutes, { prefix: '/api/v1' });
  await app.register(federationRoutes, { prefix: '/api/v1' });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (existsSync(deps.config.webDist)) {
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: false });
    // The web app routes on the client: unknown non-API paths get index.html.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
