/** The server a browser journey talks to: a fresh database, the built web app, and what runs beside them. */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { type App, type AppDeps, buildApp } from '../server/src/app';
import { type LiveHub, startLiveHub } from '../server/src/features/live/live-hub';
import { type ConsolidationWorker, startConsolidationWorker } from '../server/src/jobs/consolidation.job';
import { type JobRunner, startJobRunner } from '../server/src/jobs/runner';
import type {} from '../server/test/global-setup';
import { createTestDatabase, type TestDatabase } from '../server/test/harness';
import { ensureWebBuild, launchChromium, SCREENSHOTS, snapshotWebBuild } from './support';

export interface BrowserServerOptions {
  /** Fills the database before anything starts on it. */
  seed?: (database: TestDatabase) => Promise<void>;
  /** The server clock (epoch ms). */
  clock?: () => number;
  /** Runs the consolidation worker and the live hub (pages that update live). */
  consolidation?: boolean;
  /** Runs the job runner (e-mail, the warning ladder, retention). */
  jobs?: boolean;
  /** More of `buildApp`'s dependencies (e.g. how people sign in). */
  app?: Partial<Pick<AppDeps, 'signIn' | 'oidcProvider' | 'imports'>>;
}

export interface BrowserServer {
  database: TestDatabase;
  app: App;
  baseUrl: string;
  browser: Browser;
  /** Set when `consolidation` was asked for. */
  worker?: ConsolidationWorker;
  live?: LiveHub;
  /** Set when `jobs` was asked for. */
  jobs?: JobRunner;
  close(): Promise<void>;
}

/**
 * Starts a journey's server on a free port, serving a private snapshot of the
 * web build (a concurrent rebuild cannot pull files from under the pages), and
 * Debian's Chromium. `close()` stops all of it and drops the database.
 */
export async function startBrowserServer(options: BrowserServerOptions = {}): Promise<BrowserServer> {
  await Promise.all([ensureWebBuild(), mkdir(SCREENSHOTS, { recursive: true })]);
  const webSnapshot = await snapshotWebBuild();
  const database = await createTestDatabase();
  const started: Partial<BrowserServer> = { database };
  const close = async () => {
    await started.browser?.close();
    await started.app?.close();
    await Promise.all([started.jobs?.stop(), started.worker?.stop()]);
    await started.live?.stop();
    await database.drop();
    await rm(webSnapshot, { recursive: true, force: true });
  };
  try {
    await options.seed?.(database);
    // One master key for the app and its jobs, as in production: what the app seals (federation
    // links' tokens), the jobs can open.
    const signingKey = randomBytes(32);
    if (options.jobs) started.jobs = await startJobRunner({ connectionString: database.url, signingKey });
    if (options.consolidation) {
      started.worker = await startConsolidationWorker({ connectionString: database.url });
      started.live = startLiveHub({ connectionString: database.url });
    }
    const app = await buildApp({
      ...options.app,
      clock: options.clock,
      signingKey,
      live: started.live,
      db: database.db,
      pool: database.pool,
      config: { secureCookies: false, webDist: webSnapshot, logLevel: 'silent' },
      logger: false,
    });
    started.app = app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const browser = await launchChromium();
    started.browser = browser;
    return { ...started, database, app, baseUrl, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
