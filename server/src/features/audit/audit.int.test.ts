import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { verifyAuditChain } from './audit.service';
import { loadOrCreateCheckpointSigner } from './audit-checkpoint';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../../..');
let t: TestApp;
let fx: Fixture;
let admin: Client;
let keyDir: string;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  keyDir = await mkdtemp(path.join(os.tmpdir(), 'baocao-audit-'));
  await loadOrCreateCheckpointSigner(path.join(keyDir, 'audit-checkpoint.key'));
});
afterAll(async () => {
  await t?.close();
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
});

async function verifyCli() {
  try {
    const { stdout } = await run('npx', ['tsx', 'server/src/features/audit/audit-verify-cli.ts'], {
      cwd: repo,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        AUDIT_CHECKPOINT_KEY: path.join(keyDir, 'audit-checkpoint.key'),
        AUDIT_CHECKPOINT_FILE: path.join(keyDir, 'audit-checkpoints.jsonl'),
      },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, output: e.stderr };
  }
}

describe('audit', () => {
  it('records who, what, when, where, before and after for every write', async () => {
    const created = await admin.request('POST', '/api/v1/users', {
      username: 'kiem.toan',
      displayName: 'Kiểm toán viên',
      unitId: fx.units.H1,
      roles: ['viewer'],
    });
    expect(created.status).toBe(201);
    const id = created.json.user.id;
    const patched = await admin.request('PATCH', `/api/v1/users/${id}`, {
      version: 1,
      displayName: 'Kiểm toán viên chính',
    });
    expect(patched.status).toBe(200);
    const history = await admin.request('GET', `/api/v1/audit?objectType=user&objectId=${id}`);
    expect(history.json.items.map((r: any) => r.action)).toEqual(['user.update', 'user.create']);
    const [update] = history.json.items;
    expect(update).toMatchObject({ actorName: 'admin', unitId: fx.units.H1, objectType: 'user', objectId: String(id) });
    expect(update.before.displayName).toBe('Kiểm toán viên');
    expect(update.after.displayName).toBe('Kiểm toán viên chính');
    expect(update.ip).toBeTruthy();
    expect(JSON.stringify(history.json)).not.toMatch(/password/i);
  });

  it('shows an object’s history only to audit readers who may see the object', async () => {
    // An approver (audit.read) at T2, outside H1's subtree.
    const created = await admin.request('POST', '/api/v1/users', {
      username: 'kiem-toan.t2',
      displayName: 'Kiểm toán tỉnh T2',
      unitId: fx.units.T2,
      roles: ['approver'],
      password: FIXTURE_PASSWORD,
    });
    expect(created.status).toBe(201);
    const inside = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const outside = await signIn(t.app, 'kiem-toan.t2', FIXTURE_PASSWORD);
    expect((await inside.request('GET', `/api/v1/audit?unitId=${fx.units.H1}`)).json.items.length).toBeGreaterThan(0);
    expect((await outside.request('GET', `/api/v1/audit?unitId=${fx.units.H1}`)).status).toBe(404);
    const all = await outside.request('GET', '/api/v1/audit?limit=200');
    expect(all.json.items.map((r: any) => [r.action, r.unitId])).toEqual([['user.create', fx.units.T2]]);
    // Reading the audit needs audit.read: a viewer or an entry officer inside H1 gets 403.
    for (const username of ['viewer.h1', 'entry_officer.h1']) {
      const officer = await signIn(t.app, username, FIXTURE_PASSWORD);
      const refused = await officer.request('GET', `/api/v1/audit?unitId=${fx.units.H1}`);
      expect([refused.status, refused.json.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('refuses updates, deletes and truncation of the audit table', async () => {
    await expect(sql`update audit_log set action = 'x' where id = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('audit:verify passes on an intact chain and names the first altered row', async () => {
    const intact = await verifyAuditChain(t.db);
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(2);
    const ok = await verifyCli();
    expect(ok.code).toBe(0);
    expect(ok.output).toMatch(/intact/);

    // Tamper as a database superuser would: switch the guard off, alter row 2, switch it on.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.db);
    await sql`update audit_log set after = '{"displayName":"forged"}' where id = 2`.execute(t.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.db);

    const verdict = await verifyAuditChain(t.db);
    expect(verdict).toMatchObject({ ok: false, firstBroken: { id: 2 } });
    const broken = await verifyCli();
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/row 2/);
  });
});
