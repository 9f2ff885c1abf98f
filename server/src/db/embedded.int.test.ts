import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { loadOrCreateCheckpointSigner } from '../features/audit/audit-checkpoint';
import { startEmbeddedPostgres, unreachableFolder } from './embedded';
import { migrateToLatest } from './migrate';
import { openDatabase } from './open';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL', () => {
  it('finds the first folder others cannot enter', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'baocao-reach-'));
    scratch.push(root);
    await chmod(root, 0o755);
    const closed = path.join(root, 'home');
    await mkdir(path.join(closed, 'project'), { recursive: true });
    await chmod(closed, 0o700);
    const others = (mode: number) => (mode & 0o001) !== 0;
    expect(unreachableFolder(path.join(closed, 'project', 'data'), others)).toBe(closed);
    await chmod(closed, 0o755);
    expect(unreachableFolder(path.join(closed, 'project', 'data'), others)).toBeNull();
  });

  it.runIf(isRoot)('as root, refuses a data folder inside a 0700 folder at once, saying what to do', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'baocao-root-home-'));
    scratch.push(home);
    await chmod(home, 0o700);
    const started = Date.now();
    await expect(startEmbeddedPostgres(path.join(home, 'data', 'postgres'))).rejects.toThrow(
      /cannot reach its data folder .*only its owner may enter the folder .*DATA_DIR/s,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nothing was created: no cluster, no password file.
    expect(existsSync(path.join(home, 'data'))).toBe(false);
  });

  it.runIf(isRoot)('npm start from a 0700 folder stops with the message, not a spawn EACCES stack', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'baocao-root-start-'));
    scratch.push(home);
    await chmod(home, 0o700);
    const main = path.resolve(import.meta.dirname, '../main.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, DATA_DIR: path.join(home, 'data'), DATABASE_URL: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATA_DIR=\/var\/lib\/baocao/);
    expect(result.stderr).not.toMatch(/EACCES/);
  });

  it('generates the superuser password at first start, keeps it owner-only, and reuses it', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'baocao-pw-')), 'postgres');
    scratch.push(path.dirname(dir));
    await chmod(path.dirname(dir), 0o755);
    const first = await startEmbeddedPostgres(dir, 56100 + Math.floor(Math.random() * 300));
    const password = decodeURIComponent(new URL(first.adminUrl).password);
    expect(password).not.toBe('baocao-local');
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(statSync(`${dir}.password`).mode & 0o777).toBe(0o600);
    await first.stop();
    const second = await startEmbeddedPostgres(dir, 56100 + Math.floor(Math.random() * 300));
    expect(new URL(second.adminUrl).password).toBe(new URL(first.adminUrl).password);
    const client = new pg.Client({ connectionString: second.adminUrl });
    await client.connect();
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await client.end();
    const wrong = new pg.Client({ connectionString: second.adminUrl.replace(/:[^:@/]+@/, ':baocao-local@') });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
    // A cluster made by an earlier version (the old fixed password, no password file) gets a new one.
    const legacy = new pg.Client({ connectionString: second.adminUrl });
    await legacy.connect();
    await legacy.query(`alter role baocao password 'baocao-local'`);
    await legacy.end();
    await second.stop();
    await rm(`${dir}.password`);
    const third = await startEmbeddedPostgres(dir, 56100 + Math.floor(Math.random() * 300));
    expect(decodeURIComponent(new URL(third.adminUrl).password)).not.toMatch(/^(baocao-local|)$/);
    expect(statSync(`${dir}.password`).mode & 0o777).toBe(0o600);
    const renewed = new pg.Client({ connectionString: third.adminUrl });
    await renewed.connect();
    await renewed.end();
    const old = new pg.Client({ connectionString: third.adminUrl.replace(/:[^:@/]+@/, ':baocao-local@') });
    await expect(old.connect()).rejects.toThrow(/password authentication failed/);
    await third.stop();
  });

  it('listens on loopback unless HOST says otherwise', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('commands beside a running server', () => {
  it('npm run audit:verify with DATA_DIR verifies against the running cluster, and leaves it running', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'baocao-verify-'));
    scratch.push(dataDir);
    await chmod(dataDir, 0o755);
    const config = { ...readConfig({ DATA_DIR: dataDir }), databaseUrl: undefined };
    await loadOrCreateCheckpointSigner(config.auditCheckpoint.keyFile);
    const running = await openDatabase(config);
    try {
      await migrateToLatest(running.db, running.pool);
      const cli = path.resolve(import.meta.dirname, '../features/audit/audit-verify-cli.ts');
      const result = spawnSync(process.execPath, ['--import', 'tsx', cli], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/audit: chain intact \(0 rows\); no checkpoint yet/);
      expect(result.status).toBe(0);
      // The server's cluster is still there for the server.
      expect((await sql<{ one: number }>`select 1 as one`.execute(running.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await running.close();
    }
  });

  it('exits 2, not 1, when it cannot reach a database at all', async () => {
    const keyDir = await mkdtemp(path.join(os.tmpdir(), 'baocao-key-'));
    scratch.push(keyDir);
    await loadOrCreateCheckpointSigner(path.join(keyDir, 'audit-checkpoint.key'));
    const publicKeyFile = path.join(keyDir, 'audit-checkpoint.key.pub');
    const cli = path.resolve(import.meta.dirname, '../features/audit/audit-verify-cli.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli], {
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none_test',
        AUDIT_CHECKPOINT_PUBLIC_KEY: publicKeyFile,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/audit: cannot verify: .*ECONNREFUSED/);
  });
});
