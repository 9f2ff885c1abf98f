// npm start: config → database (embedded or DATABASE_URL) → migrations → first-run data → jobs → HTTP.
import { buildApp } from './app';
import {
  type Config,
  type MailConfig,
  readConfig,
  readConnectorConfig,
  readImportConfig,
  readMailConfig,
  readSignInConfig,
  readSigningKeySetting,
  readWebhookConfig,
  type SignInConfig,
} from './config';
import { createDb, createPool, openConnections } from './db/database';
import { migrateToLatest } from './db/migrate';
import { openDatabase } from './db/open';
import { loadOrCreateCheckpointSigner } from './features/audit/audit-checkpoint';
import { loadDemoAqiConnector } from './features/connectors/aqi-demo';
import { startAqiFeed } from './features/connectors/aqi-feed';
import { loadDemoData } from './features/demo/demo-data';
import { planDemoHistory } from './features/demo/demo-history';
import { startLiveHub } from './features/live/live-hub';
import { ensureAdmin, ensureRootUnit, loadCommonPasswords } from './features/setup/bootstrap';
import { loadOrCreateSigningKey } from './features/signatures/key-vault';
import { signAuditCheckpoint } from './jobs/checkpoint-audit.job';
import { startConsolidationWorker } from './jobs/consolidation.job';
import { queueDemoHistory } from './jobs/demo-history.job';
import { startJobRunner } from './jobs/runner';
import { ReportCatalog } from './reporting/report-context';

const log = (line: string) => console.log(`[baocao] ${line}`);

// The embedded PostgreSQL runs in its own process group (db/embedded.ts), so a Ctrl-C reaches only
// this process, which must stop it: a signal during start-up is kept until the next safe point
// (stopDuringStartUp), one after it stops everything (stop, below).
let stopping = false;
let askedToStop: string | null = null;
let stopStarted: ((signal: string) => Promise<void>) | null = null;
const onSignal = (signal: string) => {
  if (stopStarted) return void stopStarted(signal);
  if (askedToStop) return;
  askedToStop = signal;
  log(`${signal}: stopping when the current start-up step ends …`);
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGHUP', () => onSignal('SIGHUP'));

let config: Config;
let signIn: SignInConfig;
let mail: MailConfig | null;
try {
  config = readConfig();
  signIn = readSignInConfig();
  mail = readMailConfig();
} catch (error) {
  console.error(`[baocao] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// The requests' connections are kept for 10 minutes idle (see createPool) and opened before listening.
const KEEP_IDLE_MS = 10 * 60_000;
const OPEN_AT_START = 4;
const database = await openDatabase(config, { log, keepIdleMs: KEEP_IDLE_MS }).catch((error: unknown) => {
  // A setup problem (an unreachable folder, a wrong DATABASE_URL) is told in one line, without a stack.
  console.error(`[baocao] Cannot start the database: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
async function stopDuringStartUp(): Promise<void> {
  if (!askedToStop) return;
  await database.close();
  log('Stopped.');
  process.exit(0);
}
await stopDuringStartUp();
log(config.databaseUrl ? 'Using DATABASE_URL.' : 'Embedded PostgreSQL is running.');
const applied = await migrateToLatest(database.db, database.pool);
if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
await loadCommonPasswords(database.db);
await stopDuringStartUp();

let demo: Awaited<ReturnType<typeof loadDemoData>> | null = null;
if (config.loadDemo) demo = await loadDemoData(database.db, log);
await stopDuringStartUp();
const rootId = await ensureRootUnit(database.db);
const admin = await ensureAdmin(database.db, rootId, config.adminPassword);
// The demo's AQI feed (features/connectors/aqi-feed.ts), pulled by the demo's AQI connector.
const aqiFeed = demo ? await startAqiFeed({ port: Number(process.env.BAOCAO_DEMO_FEED_PORT ?? 0) || 0 }) : null;
if (aqiFeed) {
  const made = await loadDemoAqiConnector(database.db, aqiFeed.url);
  log(`Demo AQI feed at ${aqiFeed.url}/aqi.json${made ? ` (connector ${made} created)` : ''}.`);
}

const checkpointKey = config.auditCheckpoint.keyFile;
const signer = await loadOrCreateCheckpointSigner(checkpointKey).catch((error: unknown) => {
  console.error(
    `[baocao] Cannot read the audit checkpoint key: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
if (signer.created)
  log(`Created the audit checkpoint key ${checkpointKey} (keep a copy away from this machine; README, "Audit").`);

const signingKey = await loadOrCreateSigningKey(readSigningKeySetting(config.dataDir)).catch((error: unknown) => {
  console.error(`[baocao] Cannot read the signing key: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
if (signingKey.created)
  log(
    'Created the key that encrypts signing keys, signing.key in the data folder (keep a copy: without it no stored signing key opens).',
  );

// 57P01 (PostgreSQL ended the connection: it is shutting down) while we stop is expected, not news.
const logError = (message: string, error?: unknown) => {
  if (stopping && (error as { code?: string } | undefined)?.code === '57P01') return;
  console.error(`[baocao] ${message}`, error ?? '');
};
const checkpointing = { signer, file: config.auditCheckpoint.file, note: log };
// A checkpoint at start (before the sign-in instructions, which come last); then the job's, every 5 minutes.
await signAuditCheckpoint(database.db, checkpointing);
const jobs = await startJobRunner({
  connectionString: database.url,
  log: logError,
  retention: config.retention,
  auditCheckpointing: checkpointing,
  mail,
  info: log,
  webhooks: readWebhookConfig(),
  connectors: readConnectorConfig(),
  signingKey: signingKey.key,
});
const worker = await startConsolidationWorker({
  connectionString: database.url,
  log: logError,
  analyticsUpkeep: config.analyticsUpkeep,
});
const live = startLiveHub({ connectionString: database.url, log: logError });
// Analytics reads on their own connection when ANALYTICS_DATABASE_URL is set (e.g. a streaming replica).
const analyticsPool = config.analyticsDatabaseUrl
  ? createPool(config.analyticsDatabaseUrl, 4, { keepIdleMs: KEEP_IDLE_MS })
  : undefined;
const analyticsDb = analyticsPool ? createDb(analyticsPool) : undefined;
const app = await buildApp({
  db: database.db,
  pool: database.pool,
  config,
  live,
  signIn,
  analyticsDb,
  imports: readImportConfig(),
  signingKey: signingKey.key,
});
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping …`);
  // HTTP first (no new work), then background work finishes what it runs, then the database.
  await app.close();
  await Promise.all([jobs.stop(), worker.stop()]);
  await live.stop();
  await aqiFeed?.close();
  await analyticsDb?.destroy();
  await database.close();
  log('Stopped.');
  process.exit(0);
};
stopStarted = stop;
if (askedToStop) await stop(askedToStop);

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

await Promise.all([
  openConnections(database.pool, OPEN_AT_START),
  analyticsPool ? openConnections(analyticsPool, OPEN_AT_START) : undefined,
]);
// Fastify's own "Server listening" line (info) would land among the instructions below, which say
// the address themselves.
const logLevel = app.log.level;
app.log.level = 'warn';
const address = await app.listen({ port: config.port, host: config.host });
app.log.level = logLevel;

// The sign-in instructions come last, after every other start-up line, so they stay on screen.
const url = config.port === 0 ? address : `http://localhost:${config.port}`;
const lines = [`Baocao is ready at ${url}  (API reference: ${url}/api/docs)`];
if (admin.generatedPassword)
  lines.push(
    `First administrator: user name "admin", password "${admin.generatedPassword}" (shown once; change it after signing in).`,
  );
else if (admin.created) lines.push('First administrator "admin" created with BAOCAO_ADMIN_PASSWORD.');
else lines.push('Sign in as "admin" (password set on first run) or a demo account.');
if (demo) lines.push(`Demo accounts (password "${demo.password}"): ${demo.usernames.join(', ')}`);
if (signIn.oidc) lines.push(`Sign-in with the identity provider ${signIn.oidc.issuer.href} is on.`);
if (!signIn.password) {
  lines.push('Password sign-in is off (BAOCAO_PASSWORD_SIGN_IN=off): people sign in with the identity provider only.');
  if (admin.created && !signIn.oidc?.adminIdentity)
    lines.push("Nobody can administer yet: set BAOCAO_ADMIN_IDENTITY to the first administrator's identity (README).");
}
lines.push('Ctrl-C stops the server.');
const rule = '─'.repeat(72);
for (const line of [rule, ...lines, rule]) log(line);
