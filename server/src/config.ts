import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Runtime configuration, read once from the environment by main.ts. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Analytics reads (POST /analytics/query) go here when set, e.g. a streaming replica. */
  analyticsDatabaseUrl: string | undefined;
  /** `BAOCAO_ANALYTICS_UPKEEP=off` stops the analytics rollup upkeep: only for the benchmark that measures its cost. */
  analyticsUpkeep: boolean;
  adminPassword: string | undefined;
  loadDemo: boolean;
  /** Days of generated daily history (BAOCAO_DEMO_HISTORY_DAYS, 0 = none), with the demo data only. */
  demoHistoryDays: number;
  /** Months of generated monthly history (BAOCAO_DEMO_HISTORY_MONTHS, 0 = none). */
  demoHistoryMonths: number;
  sessionSecret: string;
  secureCookies: boolean;
  webDist: string;
  logLevel: string;
  retention: RetentionConfig;
  auditCheckpoint: AuditCheckpointConfig;
}

/** Where the audit checkpoints' key and copies live (features/audit/audit-checkpoint.ts): never in the database. */
export interface AuditCheckpointConfig {
  /** The Ed25519 signing key (PEM), created at the first start with mode 0600. */
  keyFile: string;
  /** A public key (PEM) to verify with instead, where the signing key is not kept (`npm run audit:verify`). */
  publicKeyFile: string | undefined;
  /** Every checkpoint, one JSON line each. */
  file: string;
}

/** How long the retention jobs (jobs/purge-*.job.ts) keep rows that no longer serve. */
export interface RetentionConfig {
  /** Sessions are deleted this many days after they expired or were revoked. */
  sessionDays: number;
  /** Idempotency results are kept this many hours: a repeat within them gets the stored answer. */
  idempotencyHours: number;
  /** Decided (granted or refused) unlock requests are deleted this many months after the decision. */
  unlockRequestMonths: number;
}

export const defaultRetention: RetentionConfig = { sessionDays: 30, idempotencyHours: 24, unlockRequestMonths: 24 };

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new Error(`${name} must be a whole number above 0: ${value}`);
  return Number(value);
}

/** The retention periods, from `BAOCAO_RETAIN_*`; throws on a value that is not a positive whole number. */
export function readRetentionConfig(env: NodeJS.ProcessEnv = process.env): RetentionConfig {
  return {
    sessionDays: positiveInteger(env, 'BAOCAO_RETAIN_SESSIONS_DAYS', defaultRetention.sessionDays),
    idempotencyHours: positiveInteger(env, 'BAOCAO_RETAIN_IDEMPOTENCY_HOURS', defaultRetention.idempotencyHours),
    unlockRequestMonths: positiveInteger(
      env,
      'BAOCAO_RETAIN_UNLOCK_REQUESTS_MONTHS',
      defaultRetention.unlockRequestMonths,
    ),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../..');
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(root, 'data'));
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    analyticsDatabaseUrl: env.ANALYTICS_DATABASE_URL || undefined,
    analyticsUpkeep: env.BAOCAO_ANALYTICS_UPKEEP !== 'off',
    adminPassword: env.BAOCAO_ADMIN_PASSWORD || undefined,
    loadDemo: env.BAOCAO_DEMO !== 'off',
    demoHistoryDays: countSetting(env, 'BAOCAO_DEMO_HISTORY_DAYS', 60, 540),
    demoHistoryMonths: countSetting(env, 'BAOCAO_DEMO_HISTORY_MONTHS', 12, 120),
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDist: path.join(root, 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    retention: readRetentionConfig(env),
    auditCheckpoint: {
      keyFile: path.resolve(env.AUDIT_CHECKPOINT_KEY || path.join(dataDir, 'audit-checkpoint.key')),
      publicKeyFile: env.AUDIT_CHECKPOINT_PUBLIC_KEY ? path.resolve(env.AUDIT_CHECKPOINT_PUBLIC_KEY) : undefined,
      file: path.resolve(env.AUDIT_CHECKPOINT_FILE || path.join(dataDir, 'audit-checkpoints.jsonl')),
    },
  };
}

/** A whole number from 0 to `max`, or the fallback when unset. */
function countSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new Error(`${name} must be a whole number from 0 to ${max}: ${value}`);
  return Number(value);
}

/** Sign-in with an OpenID Connect identity provider (features/auth/oidc.*), from the `OIDC_*` variables. */
export interface OidcConfig {
  /** The provider's issuer; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: URL;
  clientId: string;
  /** Absent: a public client (PKCE only, no client authentication at the token endpoint). */
  clientSecret: string | undefined;
  /** This server's callback, as registered at the provider: `…/api/v1/auth/oidc/callback`. */
  redirectUrl: URL;
  /** The claim that matches accounts: `email` matches accounts' e-mail addresses, any other their user name. */
  matchClaim: string;
  /** The name on the sign-in button ("Đăng nhập bằng <label>"). */
  label: string;
  /** Whether a person without an account gets one (without roles) at the first sign-in. */
  createAccounts: boolean;
  /** The code of the unit where created accounts are placed until an administrator moves them. */
  accountUnitCode: string;
  /** The claim value of the person who becomes the first administrator (`admin`) at their first sign-in. */
  adminIdentity: string | undefined;
}

export interface SignInConfig {
  /** Local passwords; `BAOCAO_PASSWORD_SIGN_IN=off` leaves only the identity provider. */
  password: boolean;
  oidc: OidcConfig | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function urlSetting(env: NodeJS.ProcessEnv, name: string): URL {
  const value = env[name];
  if (!value) throw new Error(`${name} is required when OIDC_ISSUER is set`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${value}`);
  }
  // Plain HTTP only on this machine (a test or a trial); an identity provider on a network needs HTTPS.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    throw new Error(`${name} must be an https:// URL (http:// only for localhost): ${value}`);
  return url;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'on' || value === 'true') return true;
  if (value === 'off' || value === 'false') return false;
  throw new Error(`${name} must be on or off, not ${value}`);
}

/** How people sign in; throws with a one-line message naming the variable when a setting is wrong. */
export function readSignInConfig(env: NodeJS.ProcessEnv = process.env): SignInConfig {
  const password = onOff(env, 'BAOCAO_PASSWORD_SIGN_IN', true);
  if (!env.OIDC_ISSUER) {
    if (!password)
      throw new Error('BAOCAO_PASSWORD_SIGN_IN=off needs an identity provider (OIDC_ISSUER): nobody could sign in');
    return { password, oidc: null };
  }
  const issuer = urlSetting(env, 'OIDC_ISSUER');
  const clientId = env.OIDC_CLIENT_ID;
  if (!clientId) throw new Error('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  const matchClaim = env.OIDC_MATCH_CLAIM || 'preferred_username';
  if (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$/.test(matchClaim) || matchClaim === 'sub')
    throw new Error(`OIDC_MATCH_CLAIM is not a claim name that can match accounts: ${matchClaim}`);
  const label = (env.OIDC_LABEL || issuer.hostname).slice(0, 100);
  return {
    password,
    oidc: {
      issuer,
      clientId,
      clientSecret: env.OIDC_CLIENT_SECRET || undefined,
      redirectUrl: urlSetting(env, 'OIDC_REDIRECT_URL'),
      matchClaim,
      label,
      createAccounts: onOff(env, 'OIDC_CREATE_ACCOUNTS', false),
      // The root unit that first start creates (features/setup/bootstrap.ts, ROOT_UNIT_CODE).
      accountUnitCode: env.OIDC_ACCOUNT_UNIT || 'CP',
      adminIdentity: env.BAOCAO_ADMIN_IDENTITY?.trim().toLowerCase() || undefined,
    },
  };
}

/** E-mail over SMTP (jobs/deliver-email.job.ts), from the `SMTP_*` variables; null when none is set. */
export interface MailConfig {
  /** nodemailer's transport options: `url`, or host, port, secure and auth. */
  transport: { url: string } | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  /** The sender, e.g. `Hệ thống báo cáo <baocao@example.gov.vn>`. */
  from: string;
  /** The web app's address, for links in e-mails (`BAOCAO_PUBLIC_URL`); null: no links. */
  publicUrl: string | null;
  /** Attempts before a delivery is given up, and the first wait between them (doubling, at most an hour). */
  maxAttempts: number;
  retryBaseMs: number;
  /** The pooled transport: connections open at once (`SMTP_MAX_CONNECTIONS`), messages per connection before it is renewed (`SMTP_MAX_MESSAGES`). */
  maxConnections: number;
  maxMessages: number;
}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  return number;
}

const MAIL_ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

/** SMTP settings; throws with a one-line message naming the variable when a setting is wrong. */
export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  if (!env.SMTP_URL && !env.SMTP_HOST) return null;
  let transport: MailConfig['transport'];
  if (env.SMTP_URL) {
    let url: URL;
    try {
      url = new URL(env.SMTP_URL);
    } catch {
      throw new Error('SMTP_URL is not a URL (smtp://user:pass@host:587 or smtps://…)');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
      throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
    transport = { url: env.SMTP_URL };
  } else {
    const host = env.SMTP_HOST as string;
    if (!/^[A-Za-z0-9.-]{1,253}$/.test(host) && !/^\[[0-9a-fA-F:]+\]$/.test(host))
      throw new Error(`SMTP_HOST is not a host name: ${host}`);
    const port = integerSetting(env, 'SMTP_PORT', 587, 1, 65_535);
    const secure = onOff(env, 'SMTP_SECURE', port === 465);
    if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASS))
      throw new Error('SMTP_USER and SMTP_PASS go together: set both or neither');
    transport = {
      host,
      port,
      secure,
      ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS as string } } : {}),
    };
  }
  const from = env.SMTP_FROM;
  if (!from) throw new Error('SMTP_FROM is required when SMTP_URL or SMTP_HOST is set');
  if (!MAIL_ADDRESS.test(from)) throw new Error(`SMTP_FROM is not an e-mail address: ${from}`);
  let publicUrl: string | null = null;
  if (env.BAOCAO_PUBLIC_URL) {
    try {
      publicUrl = new URL(env.BAOCAO_PUBLIC_URL).toString().replace(/\/$/, '');
    } catch {
      throw new Error(`BAOCAO_PUBLIC_URL is not a URL: ${env.BAOCAO_PUBLIC_URL}`);
    }
  }
  return {
    transport,
    from,
    publicUrl,
    maxAttempts: integerSetting(env, 'SMTP_MAX_ATTEMPTS', 8, 1, 50),
    retryBaseMs: integerSetting(env, 'SMTP_RETRY_SECONDS', 60, 1, 3600) * 1000,
    maxConnections: integerSetting(env, 'SMTP_MAX_CONNECTIONS', 5, 1, 50),
    maxMessages: integerSetting(env, 'SMTP_MAX_MESSAGES', 100, 1, 100_000),
  };
}

/** Imports (features/imports): the largest body an import route reads, and the size above which it runs as a job. */
export interface ImportConfig {
  /** BAOCAO_IMPORT_BODY_LIMIT_MB (default 256): import routes only; the rest of the API keeps 2 MiB. */
  bodyLimit: number;
  /** BAOCAO_IMPORT_INLINE_MB (default 4): a bigger file is queued as a job with a progress endpoint. */
  inlineBytes: number;
  /** BAOCAO_IMPORT_TOKEN_RATE (default 120): requests per minute one API token may make to the import and export routes. */
  tokenRatePerMinute: number;
  /**
   * BAOCAO_IMPORT_CONCURRENCY (default 4, 1–16): imports answered by the web process at once. Each
   * holds a database connection while its body arrives (the pool has 20), so more wait their turn
   * with 503 and `Retry-After` instead of starving every other request of a connection.
   */
  concurrent: number;
}

export const defaultImportConfig: ImportConfig = {
  bodyLimit: 256 * 1024 * 1024,
  inlineBytes: 4 * 1024 * 1024,
  tokenRatePerMinute: 120,
  concurrent: 4,
};

export function readImportConfig(env: NodeJS.ProcessEnv = process.env): ImportConfig {
  const mb = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of megabytes`);
    return Math.round(n * 1024 * 1024);
  };
  return {
    bodyLimit: mb('BAOCAO_IMPORT_BODY_LIMIT_MB', defaultImportConfig.bodyLimit),
    inlineBytes: mb('BAOCAO_IMPORT_INLINE_MB', defaultImportConfig.inlineBytes),
    tokenRatePerMinute: countSetting(env, 'BAOCAO_IMPORT_TOKEN_RATE', defaultImportConfig.tokenRatePerMinute, 100_000),
    concurrent: integerSetting(env, 'BAOCAO_IMPORT_CONCURRENCY', defaultImportConfig.concurrent, 1, 16),
  };
}

/** Webhook deliveries (jobs/deliver-webhooks.job.ts). */
export interface WebhookConfig {
  /** Attempts of one delivery before it is given up. */
  maxAttempts: number;
  /** The first retry's wait; each further one doubles (at most an hour). */
  retryBaseMs: number;
  /** Consecutive failed attempts after which a subscription is disabled and its owner told. */
  disableAfter: number;
  /** How long a receiver may take to answer. */
  timeoutMs: number;
}

export function readWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  return {
    maxAttempts: integerSetting(env, 'BAOCAO_WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
    retryBaseMs: integerSetting(env, 'BAOCAO_WEBHOOK_RETRY_SECONDS', 30, 1, 3600) * 1000,
    disableAfter: integerSetting(env, 'BAOCAO_WEBHOOK_DISABLE_AFTER', 20, 1, 1000),
    timeoutMs: integerSetting(env, 'BAOCAO_WEBHOOK_TIMEOUT_SECONDS', 10, 1, 60) * 1000,
  };
}

/** The master key that encrypts signing keys at rest (features/signatures/key-vault.ts). */
export interface SigningKeySetting {
  /** BAOCAO_SIGNING_KEY: 64 hexadecimal digits or 32 bytes in base64. */
  key: string | undefined;
  /** Where the key is kept when BAOCAO_SIGNING_KEY is not set (created with mode 0600). */
  file: string;
}

export function readSigningKeySetting(dataDir: string, env: NodeJS.ProcessEnv = process.env): SigningKeySetting {
  return { key: env.BAOCAO_SIGNING_KEY || undefined, file: path.join(dataDir, 'signing.key') };
}

/** Pull connectors' and federation links' retries and limits (jobs/connectors.job.ts, jobs/federation.job.ts). */
export interface ConnectorConfig {
  /** Attempts of one connector run before it is recorded as failed. */
  maxAttempts: number;
  /** The first retry's wait; each further one doubles (at most an hour). */
  retryBaseMs: number;
  /** Failed runs (or federation attempts) in a row after which administrators are told. */
  noticeAfter: number;
  /** How long a feed (or the other instance) may take to answer. */
  timeoutMs: number;
  /** The largest feed read. */
  maxBytes: number;
}

export function readConnectorConfig(env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  return {
    maxAttempts: integerSetting(env, 'BAOCAO_CONNECTOR_MAX_ATTEMPTS', 4, 1, 20),
    retryBaseMs: integerSetting(env, 'BAOCAO_CONNECTOR_RETRY_SECONDS', 30, 1, 3600) * 1000,
    noticeAfter: integerSetting(env, 'BAOCAO_CONNECTOR_NOTICE_AFTER', 3, 1, 100),
    timeoutMs: integerSetting(env, 'BAOCAO_CONNECTOR_TIMEOUT_SECONDS', 30, 1, 300) * 1000,
    maxBytes: integerSetting(env, 'BAOCAO_CONNECTOR_MAX_MB', 50, 1, 1024) * 1024 * 1024,
  };
}
