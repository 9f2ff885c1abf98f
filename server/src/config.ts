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
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDist: path.join(root, 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
