import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp } from '../src/app';
import type { ConnectorConfig, ImportConfig, MailConfig, SignInConfig, WebhookConfig } from '../src/config';
import { createDb, createPool, type Db } from '../src/db/database';
import { type LiveHub, startLiveHub } from '../src/features/live/live-hub';
import { loadCommonPasswords } from '../src/features/setup/bootstrap';
import { type ConsolidationWorker, startConsolidationWorker } from '../src/jobs/consolidation.job';
import { type JobRunner, startJobRunner } from '../src/jobs/runner';

export interface TestDatabase {
  db: Db;
  pool: pg.Pool;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template, private to the calling test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `baocao_${randomBytes(6).toString('hex')}_test`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 10);
  const db = createDb(pool);
  await loadCommonPasswords(db);
  return {
    db,
    pool,
    url: url.toString(),
    name,
    drop: async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestApp extends TestDatabase {
  app: App;
  /** The job runner (audit sealing …): `jobs.drain()` waits for the jobs that are due. */
  jobs: JobRunner;
  /** `worker.drain()` refreshes every queued consolidation. */
  worker: ConsolidationWorker;
  live: LiveHub;
  /** The server clock the app sees; tests move it (epoch ms). */
  clock: { now: number | null };
  close(): Promise<void>;
}

/** An app on a fresh database; `signIn` sets how people sign in (passwords only by default). */
export async function createTestApp(
  options: {
    signIn?: SignInConfig;
    mail?: MailConfig;
    imports?: Partial<ImportConfig>;
    webhooks?: WebhookConfig;
    connectors?: ConnectorConfig;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock: { now: number | null } = { now: null };
  // One master key for the app and its runner (federation links' tokens are sealed with it).
  const signingKey = randomBytes(32);
  const jobs = await startJobRunner({
    signingKey,
    connectionString: database.url,
    mail: options.mail ?? null,
    webhooks: options.webhooks,
    connectors: options.connectors,
    clock: () => clock.now ?? Date.now(),
  });
  const worker = await startConsolidationWorker({ connectionString: database.url });
  const live = startLiveHub({ connectionString: database.url });
  const app = await buildApp({
    clock: () => clock.now ?? Date.now(),
    live,
    db: database.db,
    pool: database.pool,
    config: { secureCookies: false, webDist: '/nonexistent', logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' },
    logger: !!process.env.TEST_LOG_LEVEL,
    signIn: options.signIn,
    imports: options.imports,
    signingKey,
  });
  await app.ready();
  return {
    ...database,
    app,
    jobs,
    worker,
    live,
    clock,
    close: async () => {
      await app.close();
      await Promise.all([jobs.stop(), worker.stop()]);
      await live.stop();
      await database.drop();
    },
  };
}

/** A signed-in caller for app.inject: carries the session cookie and the CSRF token. */
export interface Client {
  cookie: string;
  csrf: string;
  request(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
}

export function clientFor(app: App, cookie: string, csrf: string): Client {
  return {
    cookie,
    csrf,
    async request(method, url, body) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrf, 'accept-language': 'vi' },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      let json: unknown = null;
      try {
        json = response.json();
      } catch {
        json = response.body;
      }
      return { status: response.statusCode, json, headers: response.headers };
    },
  };
}

export async function signIn(app: App, username: string, password: string): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const setCookie = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('baocao_session='));
  const cookie = String(setCookie).split(';')[0]!;
  return clientFor(app, cookie, response.json().csrfToken);
}
