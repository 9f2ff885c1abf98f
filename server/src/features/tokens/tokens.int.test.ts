import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, expectError, snapshot } from '../../../test/assertions';
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

describe('API tokens: rows, audit, refusals and scope', () => {
  const serviceAccount = async (username: string, unit: 'H1' | 'X1' | 'H2', roles = ['entry_officer']) => {
    const created = await admin.request('POST', '/api/v1/users', {
      username,
      displayName: `Hệ thống ${username}`,
      unitId: fx.units[unit],
      roles,
      kind: 'service',
    });
    expect(created.status).toBe(201);
    return created.json.user.id as number;
  };
  const issue = (body: object, client: Client = admin) => client.request('POST', '/api/v1/tokens', body);
  const tokenRows = () => t.db.selectFrom('apiTokens').select(['id', 'revokedAt']).orderBy('id').execute();

  it('lists exactly the issued tokens, newest first, never their secret; issue and revoke are audited', async () => {
    const userId = await serviceAccount('he-thong.thue', 'X1');
    const first = await issue({
      userId,
      name: 'Thuế: đọc',
      unitIds: [fx.units.X1],
      permissions: ['data.read'],
      expiresInDays: 10,
    });
    const second = await issue({
      userId,
      name: 'Thuế: nộp',
      unitIds: [fx.units.X1],
      permissions: ['data.read', 'data.submit'],
      expiresInDays: 730,
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json.view).toEqual({
      id: second.json.view.id,
      userId,
      username: 'he-thong.thue',
      name: 'Thuế: nộp',
      prefix: second.json.token.slice(3, 9),
      unitIds: [fx.units.X1],
      permissions: ['data.read', 'data.submit'],
      expiresAt: second.json.view.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
      createdAt: second.json.view.createdAt,
    });
    const days = (Date.parse(second.json.view.expiresAt) - Date.parse(second.json.view.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(730, 2);
    const listed = (await admin.request('GET', '/api/v1/tokens')).json as any[];
    const ofAccount = listed.filter((row) => row.userId === userId);
    expect(ofAccount).toEqual([second.json.view, first.json.view]);
    expect(JSON.stringify(listed)).not.toContain(first.json.token.slice(9));

    const revoked = await admin.request('POST', `/api/v1/tokens/${first.json.view.id}/revoke`);
    expect(revoked.json).toEqual({ ...first.json.view, revokedAt: revoked.json.revokedAt });
    expect(revoked.json.revokedAt).not.toBeNull();
    // Revoking again keeps the first revocation's time, changes no row and records nothing.
    const unchanged = await snapshot(t.db, ['api_tokens']);
    const again = await admin.request('POST', `/api/v1/tokens/${first.json.view.id}/revoke`);
    expect([again.status, again.json]).toEqual([200, revoked.json]);
    expect(await snapshot(t.db, ['api_tokens'])).toEqual(unchanged);

    const audit = await auditOf(admin, 'api_token', first.json.view.id);
    expect(audit.map((r) => [r.action, r.actorName, r.unitId])).toEqual([
      ['token.create', 'admin', fx.units.X1],
      ['token.revoke', 'admin', fx.units.X1],
    ]);
    expect(audit[0]!.after).toEqual({
      userId,
      name: 'Thuế: đọc',
      unitIds: [fx.units.X1],
      permissions: ['data.read'],
      expiresInDays: 10,
      prefix: first.json.view.prefix,
    });
    expect(JSON.stringify(audit)).not.toContain(first.json.token.slice(9));
  });

  it('refuses bad requests with the field named, issuing nothing', async () => {
    const userId = await serviceAccount('he-thong.kho-bac', 'H1', ['approver']);
    const valid = { userId, name: 'Kho bạc', unitIds: [fx.units.X1], permissions: ['data.read'], expiresInDays: 30 };
    const cases: [string, object, number, string, string | null][] = [
      ['a person’s account', { ...valid, userId: fx.users['viewer.h1'] }, 400, 'VALIDATION_FAILED', 'userId'],
      ['an unknown account', { ...valid, userId: 999_999 }, 404, 'NOT_FOUND', 'userId'],
      ['a unit outside the account’s scope', { ...valid, unitIds: [fx.units.H2] }, 404, 'NOT_FOUND', 'unitIds'],
      [
        'a permission the account lacks',
        { ...valid, permissions: ['data.enter'] },
        403,
        'ROLE_NOT_GRANTABLE',
        'permissions',
      ],
      [
        'an unknown permission',
        { ...valid, permissions: ['data.everything'] },
        400,
        'VALIDATION_FAILED',
        'permissions.0',
      ],
      ['no unit', { ...valid, unitIds: [] }, 400, 'VALIDATION_FAILED', 'unitIds'],
      ['no expiry', { ...valid, expiresInDays: 0 }, 400, 'VALIDATION_FAILED', 'expiresInDays'],
      ['an expiry beyond two years', { ...valid, expiresInDays: 731 }, 400, 'VALIDATION_FAILED', 'expiresInDays'],
      ['an empty name', { ...valid, name: '' }, 400, 'VALIDATION_FAILED', 'name'],
      ['an unknown property', { ...valid, admin: true }, 400, 'VALIDATION_FAILED', 'admin'],
    ];
    for (const [name, body, status, code, field] of cases) {
      const before = await snapshot(t.db, ['api_tokens']);
      const refused = await issue(body);
      expect(refused.status, name).toBe(status);
      expectError(refused, status, code, field);
      expect(await snapshot(t.db, ['api_tokens']), name).toEqual(before);
    }
    const missing = await issue({ ...valid, permissions: ['data.enter', 'data.read', 'data.review'] });
    expect(missing.json.details).toEqual({ missing: ['data.enter'] });
    expectError(await admin.request('POST', '/api/v1/tokens/999999/revoke'), 404, 'NOT_FOUND');
  });

  it('only holders of tokens.manage issue, list and revoke tokens', async () => {
    const userId = await serviceAccount('he-thong.bao-hiem', 'X1');
    const issued = await issue({
      userId,
      name: 'Bảo hiểm',
      unitIds: [fx.units.X1],
      permissions: ['data.read'],
      expiresInDays: 5,
    });
    const unitAdmin = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
    const before = await tokenRows();
    expectError(await unitAdmin.request('GET', '/api/v1/tokens'), 403, 'FORBIDDEN');
    expectError(
      await issue(
        { userId, name: 'Tự cấp', unitIds: [fx.units.X1], permissions: ['data.read'], expiresInDays: 1 },
        unitAdmin,
      ),
      403,
      'FORBIDDEN',
    );
    expectError(await unitAdmin.request('POST', `/api/v1/tokens/${issued.json.view.id}/revoke`), 403, 'FORBIDDEN');
    // Nor does a token of an account without it.
    const forbidden = await bearer(issued.json.token, 'POST', '/api/v1/tokens', {
      userId,
      name: 'Từ mã',
      unitIds: [fx.units.X1],
      permissions: ['data.read'],
      expiresInDays: 1,
    });
    expect([forbidden.statusCode, forbidden.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(await tokenRows()).toEqual(before);
  });

  it('a token holding tokens.manage manages only tokens of accounts inside its units', async () => {
    // A system administrator's service account, its token limited to H1.
    const adminAccount = await serviceAccount('he-thong.quan-tri-ma', 'H1', ['system_admin']);
    const manager = await issue({
      userId: adminAccount,
      name: 'Quản trị mã H1',
      unitIds: [fx.units.H1],
      permissions: ['tokens.manage'],
      expiresInDays: 1,
    });
    expect(manager.status).toBe(201);
    const inside = await serviceAccount('he-thong.trong', 'X1');
    const outside = await serviceAccount('he-thong.ngoai', 'H2');
    const body = (userId: number, unit: 'X1' | 'H2') => ({
      userId,
      name: 'Cấp bởi mã',
      unitIds: [fx.units[unit]],
      permissions: ['data.read'],
      expiresInDays: 1,
    });
    const foreign = await issue(body(outside, 'H2'));
    const before = await tokenRows();
    const refused = await bearer(manager.json.token, 'POST', '/api/v1/tokens', body(outside, 'H2'));
    expect([refused.statusCode, refused.json().code, refused.json().field]).toEqual([404, 'NOT_FOUND', 'userId']);
    const notRevoked = await bearer(manager.json.token, 'POST', `/api/v1/tokens/${foreign.json.view.id}/revoke`);
    expect([notRevoked.statusCode, notRevoked.json().code]).toEqual([404, 'NOT_FOUND']);
    expect(await tokenRows()).toEqual(before);

    const issued = await bearer(manager.json.token, 'POST', '/api/v1/tokens', body(inside, 'X1'));
    expect(issued.statusCode, issued.body).toBe(201);
    const listed = (await bearer(manager.json.token, 'GET', '/api/v1/tokens')).json() as any[];
    // Every token of this file but the one of the H2 account: all the others' accounts are in H1 or X1.
    const all = (await admin.request('GET', '/api/v1/tokens')).json as any[];
    expect(listed).toEqual(all.filter((row) => row.userId !== outside));
    expect(listed.map((row) => row.id)).not.toContain(foreign.json.view.id);
  });

  it('a token stops working when its account is disabled', async () => {
    const userId = await serviceAccount('he-thong.tam-dung', 'X1');
    const issued = await issue({
      userId,
      name: 'Tạm dừng',
      unitIds: [fx.units.X1],
      permissions: ['units.read'],
      expiresInDays: 1,
    });
    const used = await bearer(issued.json.token, 'GET', '/api/v1/units');
    expect(used.statusCode).toBe(200);
    const row = (await admin.request('GET', '/api/v1/tokens')).json.find((r: any) => r.id === issued.json.view.id);
    expect([row.lastUsedAt === null, row.lastUsedIp]).toEqual([false, '127.0.0.1']);
    await admin.request('POST', `/api/v1/users/${userId}/disable`);
    const refused = await bearer(issued.json.token, 'GET', '/api/v1/units');
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
