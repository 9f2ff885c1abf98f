import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` as a person sees it in a terminal: the server in a process group of its own, as a
// shell runs a command, and Ctrl-C as the terminal sends it, to the whole group.
let dataDir: string | undefined;
let server: ChildProcess | undefined;
afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null && server.pid)
    process.kill(-server.pid, 'SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start in a terminal', () => {
  it('prints the sign-in instructions last, keeps requests out of the info log, and stops on Ctrl-C without errors', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'baocao-main-'));
    await chmod(dataDir, 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', BAOCAO_DEMO: 'off' };
    for (const name of ['DATABASE_URL', 'LOG_LEVEL', 'AUDIT_CHECKPOINT_KEY', 'AUDIT_CHECKPOINT_FILE']) delete env[name];
    const main = path.resolve(import.meta.dirname, 'main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main], { env, detached: true, stdio: 'pipe' });
    server = child;
    let output = '';
    const listeners: (() => void)[] = [];
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const listener of listeners) listener();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const printed = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => output.includes(text) && resolve();
        listeners.push(check);
        check();
        void exited.then(() => reject(new Error(`exited before printing ${text}:\n${output}`)));
      });

    await printed('Ctrl-C stops the server.\n[baocao] ────');
    const url = /ready at (http:\/\/[^\s]+)/.exec(output)![1]!;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/units`)).status).toBe(401);
    const beforeStop = output;
    // PostgreSQL runs outside the server's process group, so the terminal's Ctrl-C does not reach it
    // (in the group, it shut down at once and ended every connection, 57P01, while the server drained).
    const postgresPid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    const processGroup = Number((await readFile(`/proc/${postgresPid}/stat`, 'utf8')).split(') ')[1]!.split(' ')[2]);
    expect(processGroup).not.toBe(child.pid);

    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    const lines = output.trimEnd().split('\n');
    // The instructions close the start-up: ready, the first administrator's password, Ctrl-C.
    const ruleAt = lines.findIndex((line) => line.startsWith('[baocao] ────'));
    expect(
      lines.slice(ruleAt + 1, ruleAt + 4).map((line) => line.replace(/"[^"]+" \(shown once/, '"…" (shown once')),
    ).toEqual([
      `[baocao] Baocao is ready at ${url}  (API reference: ${url}/api/docs)`,
      '[baocao] First administrator: user name "admin", password "…" (shown once; change it after signing in).',
      '[baocao] Ctrl-C stops the server.',
    ]);
    expect(lines.slice(ruleAt + 4)).toEqual([
      `[baocao] ${'─'.repeat(72)}`,
      '[baocao] SIGINT: stopping …',
      '[baocao] Stopped.',
    ]);
    expect(lines[ruleAt]).toBe(`[baocao] ${'─'.repeat(72)}`);
    // Requests are logged at debug: nothing of them at the default level.
    expect(beforeStop).not.toMatch(/incoming request|request completed|Server listening/);
    expect(output).not.toMatch(/57P01|terminating connection|Trace:|\n\s+at /);
    // PostgreSQL was stopped too (a clean shutdown removes its pid file).
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
