import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Runtime configuration, read once from the environment by main.ts. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../..');
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.BAOCAO_ADMIN_PASSWORD || undefined,
    loadDemo: env.BAOCAO_DEMO !== 'off',
    demoHistoryDays: countSetting(env, 'BAOCAO_DEMO_HISTORY_DAYS', 60, 540),
    demoHistoryMonths: countSetting(env, 'BAOCAO_DEMO_HISTORY_MONTHS', 12, 120),
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDist: path.join(root, 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
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
