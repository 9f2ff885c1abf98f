import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const bearer = (token: string, method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

describe('service accounts and API tokens', () => {
  it('issues a token shown once, stored hashed, scoped to units and permissions', async () => {
    const account = await admin.request('POST', '/api/v1/users', {
      username: 'he-thong.bhxh',
      displayName: 'Hệ thống BHXH',
      unitId: fx.units.H1,
      roles: ['entry_officer'],
      kind: 'service',
    });
    expect(account.status).toBe(201);
    expect(account.json.temporaryPassword).toBeNull();
    const created = await admin.request('POST', '/api/v1/tokens', {
      userId: account.json.user.id,
      name: 'Đồng bộ hằng ngày',
      unitIds: [fx.units.X1],
      permissions: ['data.read', 'data.submit', 'units.read'],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token).toMatch(/^bc_/);
    const stored = await t.db.selectFrom('apiTokens').select('tokenHash').executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify((await admin.request('GET', '/api/v1/tokens')).json)).not.toContain(token);

    // Scoped to X1: sees X1 only, submits for X1 through the API channel, nothing elsewhere.
    const units = await bearer(token, 'GET', '/api/v1/units?limit=100');
    expect(units.json().items.map((u: any) => u.code)).toEqual(['X1']);
    const submitted = await bearer(token, 'POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: '20240315',
      values: { nhan: 4 },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const revision = await t.db
      .selectFrom('submissionRevisions')
      .select('channel')
      .where('id', '=', submitted.json().revisionId)
      .executeTakeFirstOrThrow();
    expect(revision.channel).toBe('api');
    expect(
      (
        await bearer(token, 'POST', '/api/v1/reports/submit', {
          unitId: fx.units.X2,
          formId: rg.formId,
          period: '20240315',
          values: { nhan: 4 },
        })
      ).statusCode,
    ).toBe(404);
    // No CSRF needed for bearer calls, but no permission beyond the token's.
    expect((await bearer(token, 'GET', '/api/v1/users')).statusCode).toBe(403);

    const listed = await admin.request('GET', '/api/v1/tokens');
    expect(listed.json[0].lastUsedAt).not.toBeNull();

    const revoked = await admin.request('POST', `/api/v1/tokens/${created.json.view.id}/revoke`);
    expect(revoked.json.revokedAt).not.toBeNull();
    expect((await bearer(token, 'GET', '/api/v1/units')).statusCode).toBe(401);
  });

  it('refuses permissions the account does not hold and expired tokens', async () => {
    const account = await admin.request('POST', '/api/v1/users', {
      username: 'he-thong.kbnn',
      displayName: 'Hệ thống KBNN',
      unitId: fx.units.H1,
      roles: ['viewer'],
      kind: 'service',
    });
    const tooMuch = await admin.request('POST', '/api/v1/tokens', {
      userId: account.json.user.id,
      name: 'Quá quyền',
      unitIds: [fx.units.H1],
      permissions: ['data.submit'],
      expiresInDays: 1,
    });
    expect(tooMuch.status).toBe(403);
    const ok = await admin.request('POST', '/api/v1/tokens', {
      userId: account.json.user.id,
      name: 'Hết hạn',
      unitIds: [fx.units.H1],
      permissions: ['units.read'],
      expiresInDays: 1,
    });
    await t.db
      .updateTable('apiTokens')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('id', '=', ok.json.view.id)
      .execute();
    expect((await bearer(ok.json.token, 'GET', '/api/v1/units')).statusCode).toBe(401);
  });
});
