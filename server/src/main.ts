// npm start: config → database (embedded or DATABASE_URL) → migrations → first-run data → jobs → HTTP.
import { buildApp } from './app';
import { readConfig, readSignInConfig, type SignInConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { openDatabase } from './db/open';
import { loadDemoData } from './features/demo/demo-data';
import { planDemoHistory } from './features/demo/demo-history';
import { startLiveHub } from './features/live/live-hub';
import { ensureAdmin, ensureRootUnit, loadCommonPasswords } from './features/setup/bootstrap';
import { startConsolidationWorker } from './jobs/consolidation.job';
import { queueDemoHistory } from './jobs/demo-history.job';
import { startJobRunner } from './jobs/runner';
import { ReportCatalog } from './reporting/report-context';

const config = readConfig();
const log = (line: string) => console.log(`[baocao] ${line}`);
let signIn: SignInConfig;
try {
  signIn = readSignInConfig();
} catch (error) {
  console.error(`[baocao] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const database = await openDatabase(config, { log }).catch((error: unknown) => {
  // A setup problem (an unreachable folder, a wrong DATABASE_URL) is told in one line, without a stack.
  console.error(`[baocao] Cannot start the database: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
log(config.databaseUrl ? 'Using DATABASE_URL.' : 'Embedded PostgreSQL is running.');
const applied = await migrateToLatest(database.db, database.pool);
if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
await loadCommonPasswords(database.db);

let demo: Awaited<ReturnType<typeof loadDemoData>> | null = null;
if (config.loadDemo) demo = await loadDemoData(database.db, log);
const rootId = await ensureRootUnit(database.db);
const admin = await ensureAdmin(database.db, rootId, config.adminPassword);

const logError = (message: string, error?: unknown) => console.error(`[baocao] ${message}`, error ?? '');
const jobs = await startJobRunner({ connectionString: database.url, log: logError, info: log });
const worker = await startConsolidationWorker({ connectionString: database.url, log: logError });
const live = startLiveHub({ connectionString: database.url, log: logError });
const app = await buildApp({ db: database.db, pool: database.pool, config, live, signIn });
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping …`);
  // HTTP first (no new work), then background work finishes what it runs, then the database.
  await app.close();
  await Promise.all([jobs.stop(), worker.stop()]);
  await live.stop();
  await database.close();
  log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGHUP', () => void stop('SIGHUP'));

const address = await app.listen({ port: config.port, host: config.host });
const url = config.port === 0 ? address : `http://localhost:${config.port}`;
log(`Baocao is ready at ${url}  (API reference: ${url}/api/docs)`);
if (admin.generatedPassword)
  log(
    `First administrator: user name "admin", password "${admin.generatedPassword}" (shown once; change it after signing in).`,
  );
else if (admin.created) log('First administrator "admin" created with BAOCAO_ADMIN_PASSWORD.');
else log('Sign in as "admin" (password set on first run) or a demo account.');
if (demo) {
  // The history is generated in the background, newest first; the pages say "đang nạp dữ liệu minh họa" meanwhile.
  const size = { days: config.demoHistoryDays, months: config.demoHistoryMonths };
  const waiting = await planDemoHistory(database.db, new ReportCatalog(), size);
  if (waiting > 0) {
    log(
      `Generating the demo history in the background: ${waiting} report periods (the day with demo data first, then newest first) …`,
    );
    await queueDemoHistory(database.db);
  }
}
if (demo) log(`Demo accounts (password "${demo.password}"): ${demo.usernames.join(', ')}`);
if (signIn.oidc) log(`Sign-in with the identity provider ${signIn.oidc.issuer.href} is on.`);
if (!signIn.password) {
  log('Password sign-in is off (BAOCAO_PASSWORD_SIGN_IN=off): people sign in with the identity provider only.');
  if (admin.created && !signIn.oidc?.adminIdentity)
    log("Nobody can administer yet: set BAOCAO_ADMIN_IDENTITY to the first administrator's identity (README).");
}
