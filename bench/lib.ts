/**
 * Helpers shared by the benchmarks: percentiles, a closed-loop load driver, CPU accounting, and
 * the setup the HTTP benchmarks share (accounts with open sessions, the server as a child
 * process, signed-in POSTs, waiting for the background work).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../server/src/db/database';

const repo = path.resolve(import.meta.dirname, '..');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Closed loop: `concurrency` clients each take the next job as soon as their
 * previous request has been answered, so the rate is what the server sustains.
 */
export async function closedLoop<J>(
  jobs: J[],
  concurrency: number,
  run: (job: J, client: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (;;) {
        const index = next++;
        if (index >= jobs.length) return;
        const t0 = performance.now();
        await run(jobs[index]!, client);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/**
 * CPU time (ms) used so far by the processes whose command line matches, read
 * from /proc (Linux; 0 elsewhere). CPU per request is steadier than a rate on a
 * noisy machine, and says which process the time goes to.
 */
export function cpuMs(match: (commandLine: string) => boolean): number {
  let total = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (!match(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '))) continue;
      // utime and stime, in clock ticks (100 per second), after the command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** A signed-in caller: its session cookie and CSRF token. */
export interface Session {
  userId: number;
  unitId: number;
  cookie: string;
  csrf: string;
}

/** A password hash no one signs in with: the accounts get their sessions directly. */
const passwordHash = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$bm90LXVzZWQtZm9yLXNpZ24taW4';

/**
 * One account per unit with `roles` and an open session (sign-in itself is not what is
 * measured), a thousand units per statement; in the order of `unitIds`.
 */
export async function openSessions(
  db: Db,
  unitIds: number[],
  roles: ('system_admin' | 'entry_officer' | 'approver')[],
  username: (unitId: number) => string,
): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < unitIds.length; i += 1000) {
    const chunk = unitIds.slice(i, i + 1000);
    const users = await db
      .insertInto('users')
      .values(
        chunk.map((unitId) => ({
          username: username(unitId),
          displayName: `Bench ${unitId}`,
          unitId,
          captureRootId: unitId,
          viewRootId: unitId,
          passwordHash,
        })),
      )
      .returning(['id', 'unitId'])
      .execute();
    await db
      .insertInto('userRoles')
      .values(users.flatMap((u) => roles.map((role) => ({ userId: u.id, role }))))
      .execute();
    const opened = users.map((u) => ({
      user: u,
      token: randomBytes(24).toString('base64url'),
      csrf: randomBytes(12).toString('base64url'),
    }));
    await db
      .insertInto('sessions')
      .values(
        opened.map((s) => ({
          tokenHash: createHash('sha256').update(s.token).digest('hex'),
          userId: s.user.id,
          csrfToken: s.csrf,
          expiresAt: new Date(Date.now() + 86_400_000),
        })),
      )
      .execute();
    for (const s of opened)
      sessions.push({ userId: s.user.id, unitId: s.user.unitId, cookie: `baocao_session=${s.token}`, csrf: s.csrf });
  }
  return sessions;
}

/**
 * Runs `script` (the server, or the baseline server) with tsx in a child process, and answers
 * its address once it says it listens. `BENCH_PROFILE=<dir>` profiles the server's CPU there;
 * `BENCH_VERBOSE` passes its standard error through.
 */
export function startProcess(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const profile =
      process.env.BENCH_PROFILE && script.includes('main')
        ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
      cwd: repo,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = output.match(/LISTENING (\S+)/) ?? output.match(/ready at (http:\/\/\S+)/);
      if (listening) resolve({ child, url: listening[1]!.replace('localhost', '127.0.0.1') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output.slice(-2000)}`)));
  });
}

/** A JSON POST, signed in as `who` (with a fresh idempotency key) or not at all; anything but 200 throws. */
export async function post(url: string, body: unknown, who: { cookie: string; csrf: string } | null) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf, 'idempotency-key': randomUUID() } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} → ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

/** Waits until the consolidation worker and the audit sealing job (a round every second or so) have caught up. */
export async function waitForBackgroundWork(db: Db, pollMs: number) {
  for (;;) {
    const row = await sql<{ n: string }>`SELECT (SELECT count(*) FROM consolidation_queue)
      + (SELECT count(*) FROM audit_pending) AS n`.execute(db);
    if (Number(row.rows[0]!.n) === 0) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** An active regime with one form and its published version 1, written straight to the tables. */
export async function insertPublishedForm(
  db: Db,
  regime: { code: string; definition: unknown },
  form: { code: string; definition: unknown },
): Promise<{ regimeId: number; formId: number; versionId: number }> {
  const r = await db
    .insertInto('regimes')
    .values({
      code: regime.code,
      definition: JSON.stringify(regime.definition),
      status: 'active',
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const f = await db
    .insertInto('forms')
    .values({ regimeId: r.id, code: form.code, createdAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await db
    .insertInto('formVersions')
    .values({
      formId: f.id,
      number: 1,
      status: 'published',
      definition: JSON.stringify(form.definition),
      publishedAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { regimeId: r.id, formId: f.id, versionId: v.id };
}
