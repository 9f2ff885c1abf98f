import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { CHECKPOINT_AUDIT, signAuditCheckpoint } from '../../jobs/checkpoint-audit.job';
import { addJob } from '../../jobs/job-queue';
import { type JobRunner, startJobRunner } from '../../jobs/runner';
import { verifyAuditChain } from './audit.service';
import { type CheckpointSigner, loadOrCreateCheckpointSigner, readCheckpointFile } from './audit-checkpoint';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../../..');
let t: TestApp;
let admin: Client;
let dir: string;
let signer: CheckpointSigner & { created: boolean };
let runner: JobRunner;
const notes: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-checkpoint-'));
  signer = await loadOrCreateCheckpointSigner(path.join(dir, 'audit-checkpoint.key'));
  // A second runner that also signs checkpoints (the app's own runner does not know the task).
  const checkpointing = {
    signer,
    file: path.join(dir, 'audit-checkpoints.jsonl'),
    note: (line: string) => notes.push(line),
  };
  runner = await startJobRunner({ connectionString: t.url, auditCheckpointing: checkpointing });
  // As main.ts does at start: checkpoint #1 (of the fixture's sign-in).
  await signAuditCheckpoint(t.db, checkpointing);
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function verifyCli(env: Record<string, string> = {}) {
  try {
    const { stdout } = await run('npx', ['tsx', 'server/src/features/audit/audit-verify-cli.ts'], {
      cwd: repo,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        AUDIT_CHECKPOINT_KEY: path.join(dir, 'audit-checkpoint.key'),
        AUDIT_CHECKPOINT_FILE: path.join(dir, 'audit-checkpoints.jsonl'),
        ...env,
      },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, output: e.stderr };
  }
}

async function checkpointNow() {
  await addJob(t.db, CHECKPOINT_AUDIT, {}, { jobKey: CHECKPOINT_AUDIT });
  await runner.drain();
}

async function someWrites(n: number) {
  for (let i = 0; i < n; i++)
    expect((await admin.request('PATCH', '/api/v1/settings/security', { lockoutMinutes: 20 + i })).status).toBe(200);
}

const checkpointRows = () =>
  sql<{ id: number; row_count: string }>`SELECT id, row_count FROM audit_checkpoints ORDER BY id`.execute(t.db);

describe('audit checkpoints', () => {
  it('the key is created once, readable by its owner only, with its public key beside it', async () => {
    expect(signer.created).toBe(true);
    expect((await stat(path.join(dir, 'audit-checkpoint.key'))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(dir, 'audit-checkpoint.key.pub'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    const again = await loadOrCreateCheckpointSigner(path.join(dir, 'audit-checkpoint.key'));
    expect([again.created, again.keyId]).toEqual([false, signer.keyId]);
  });

  it('a checkpoint of the head goes to the table, the log and the file, and audit:verify checks it', async () => {
    await someWrites(3);
    await checkpointNow();
    const head = await sql<{ n: number; last: number }>`SELECT count(*) AS n, max(id) AS last FROM audit_log`.execute(
      t.db,
    );
    const { n, last } = head.rows[0]!;
    const stored = (await checkpointRows()).rows;
    expect(stored).toEqual([
      { id: 1, rowCount: 1 },
      { id: 2, rowCount: n },
    ]);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(
      new RegExp(
        `^Audit checkpoint #2 of .*: ${n} rows, last row ${last}, head [0-9a-f]{64}, key ${signer.keyId}, signature `,
      ),
    );
    const fromFile = await readCheckpointFile(path.join(dir, 'audit-checkpoints.jsonl'));
    expect(fromFile.map((c) => [c.id, c.rowCount, c.lastId])).toEqual([
      [1, 1, 1],
      [2, Number(n), Number(last)],
    ]);
    // Nothing new: no new checkpoint.
    await checkpointNow();
    expect((await checkpointRows()).rows).toHaveLength(2);

    const ok = await verifyCli();
    expect(ok.code, ok.output).toBe(0);
    expect(ok.output).toMatch(
      new RegExp(`chain intact \\(${n} rows\\); 2 signed checkpoints hold, the latest: checkpoint #2 `),
    );
    // The public key alone verifies too; without any key audit:verify refuses to call the chain intact.
    const withPublic = await verifyCli({
      AUDIT_CHECKPOINT_KEY: path.join(dir, 'nonexistent.key'),
      AUDIT_CHECKPOINT_PUBLIC_KEY: path.join(dir, 'audit-checkpoint.key.pub'),
    });
    expect(withPublic.code, withPublic.output).toBe(0);
    const keyless = await verifyCli({ AUDIT_CHECKPOINT_KEY: path.join(dir, 'nonexistent.key') });
    expect(keyless.code).toBe(2);
    expect(keyless.output).toMatch(/no checkpoint key/);
  }, 240_000); // three audit:verify processes (tsx compiles the CLI each time): ~20 s each on a loaded 2-core machine

  it('a checkpoint not signed by the key is reported as forged', async () => {
    await someWrites(1);
    await sql`INSERT INTO audit_checkpoints (at, row_count, last_id, head_hash, key_id, signature)
      SELECT now(), count(*), max(id), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), ${signer.keyId}, 'AAAA'
      FROM audit_log`.execute(t.db);
    const forged = await verifyCli();
    expect(forged.code).toBe(1);
    expect(forged.output).toMatch(/checkpoint #3 .* is not signed by the checkpoint key .*: forged or altered/);
    await sql`alter table audit_checkpoints disable trigger audit_checkpoints_append_only`.execute(t.db);
    await sql`DELETE FROM audit_checkpoints WHERE id = 3`.execute(t.db);
    await sql`alter table audit_checkpoints enable trigger audit_checkpoints_append_only`.execute(t.db);
    expect((await verifyCli()).code).toBe(0);
  });

  it('a checkpoint deleted from the database is still found in the checkpoint file', async () => {
    await someWrites(1);
    await checkpointNow();
    expect((await checkpointRows()).rows.map((r) => r.id)).toEqual([1, 2, 4]);
    await sql`alter table audit_checkpoints disable trigger audit_checkpoints_append_only`.execute(t.db);
    await sql`DELETE FROM audit_checkpoints WHERE id = 4`.execute(t.db);
    await sql`alter table audit_checkpoints enable trigger audit_checkpoints_append_only`.execute(t.db);
    const verdict = await verifyCli();
    expect(verdict.code).toBe(1);
    expect(verdict.output).toMatch(/checkpoint #4 .* is in the checkpoint file but missing from the database/);
    // Put it back as it was (the file keeps every field), for the next test.
    const [, , saved] = await readCheckpointFile(path.join(dir, 'audit-checkpoints.jsonl'));
    await sql`INSERT INTO audit_checkpoints (id, at, row_count, last_id, head_hash, key_id, signature)
      OVERRIDING SYSTEM VALUE VALUES (${saved!.id}, ${saved!.at}, ${saved!.rowCount}, ${saved!.lastId}, ${saved!.headHash},
        ${saved!.keyId}, ${saved!.signature})`.execute(t.db);
    expect((await verifyCli()).code).toBe(0);
  });

  it('deleting the newest audit rows is reported as truncation, though the shorter chain is valid', async () => {
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(t.db);
    const n = Number(before.rows[0]!.n);
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.db);
    await sql`DELETE FROM audit_log WHERE id > ${n - 2}`.execute(t.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.db);
    // The chain alone cannot tell: what is left is a valid chain.
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    const verdict = await verifyCli();
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(
      `audit: chain BROKEN: TRUNCATED: the chain has ${n - 2} rows (last row ${n - 2}), but checkpoint #2`,
    );
    expect(verdict.output).toMatch(/its newest rows were deleted/);
  });
});
