import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let fx: Fixture;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
});
afterAll(async () => t?.close());

const login = (username: string, password: string, ip = '10.9.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

describe('sign-in', () => {
  it('signs in, answers /auth/me and signs out', async () => {
    const client = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
    const me = await client.request('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ username: 'viewer.h1', roles: ['viewer'], pending: null, via: 'session' });
    expect(me.json.unit.id).toBe(fx.units.H1);
    const out = await client.request('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(200);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('sets an httpOnly SameSite=Strict session cookie', async () => {
    const response = await login('viewer.h1', FIXTURE_PASSWORD);
    const cookie = String([response.headers['set-cookie']].flat()[0]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a wrong password with a bilingual error and no session', async () => {
    const response = await login('viewer.h1', 'not the password at all');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', field: null });
    expect(response.json().requestId).toBeTruthy();
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await login('entry_officer.h2', 'wrong-password-xyz', '10.9.0.2');
    const response = await login('entry_officer.h2', FIXTURE_PASSWORD, '10.9.0.2');
    expect(response.statusCode).toBe(429);
    expect(response.json().code).toBe('ACCOUNT_LOCKED');
    const row = await t.db
      .selectFrom('users')
      .select('lockedUntil')
      .where('username', '=', 'entry_officer.h2')
      .executeTakeFirstOrThrow();
    expect(row.lockedUntil).not.toBeNull();
  });

  it('throttles an address after many failures', async () => {
    for (let i = 0; i < 30; i++) await login(`nobody${i}`, 'wrong-password-xyz', '10.9.0.3');
    const response = await login('viewer.h1', FIXTURE_PASSWORD, '10.9.0.3');
    expect(response.json().code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('refuses cookie writes without the CSRF token', async () => {
    const client = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${fx.users['viewer.h1']}/disable`,
      headers: { cookie: client.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CSRF_FAILED');
  });

  it('disabling a user ends its session on the next request', async () => {
    const victim = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    expect((await victim.request('GET', '/api/v1/auth/me')).status).toBe(200);
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    expect((await admin.request('POST', `/api/v1/users/${fx.users['approver.h1']}/disable`)).status).toBe(200);
    expect((await victim.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await admin.request('POST', `/api/v1/users/${fx.users['approver.h1']}/enable`)).status).toBe(200);
  });

  it('changes roles with effect on the next request', async () => {
    const user = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
    expect((await user.request('GET', '/api/v1/users')).status).toBe(403);
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    const current = await admin.request('GET', `/api/v1/users/${fx.users['entry_officer.x1']}`);
    const patched = await admin.request('PATCH', `/api/v1/users/${fx.users['entry_officer.x1']}`, {
      version: current.json.version,
      roles: ['approver'],
    });
    expect(patched.status).toBe(200);
    expect((await user.request('GET', '/api/v1/users')).status).toBe(200);
  });
});

describe('two-factor sign-in', () => {
  it('enrols, then requires the code as a second step', async () => {
    const client = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
    const setup = await client.request('POST', '/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.json.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await client.request('POST', '/api/v1/auth/totp/enable', { code: '000000' });
    expect(wrong.status).toBe(401);
    const ok = await client.request('POST', '/api/v1/auth/totp/enable', {
      code: authenticator.generate(setup.json.secret),
    });
    expect(ok.status).toBe(200);

    const first = await login('viewer.t2', FIXTURE_PASSWORD, '10.9.0.9');
    expect(first.json().status).toBe('second_factor_required');
    const cookie = String([first.headers['set-cookie']].flat()[0]).split(';')[0]!;
    const headers = { cookie, 'x-csrf-token': first.json().csrfToken };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers });
    expect(blocked.json().code).toBe('TOTP_REQUIRED');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers,
      payload: { code: authenticator.generate(setup.json.secret) },
    });
    expect(done.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers });
    expect(after.statusCode).toBe(200);
  });

  it('a mandatory-2FA setting holds administrators until they enrol', async () => {
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    const set = await admin.request('PATCH', '/api/v1/settings/security', { mandatoryTotpRoles: ['unit_admin'] });
    expect(set.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    const unitAdmin = await signIn(t.app, 'unit_admin.t1', FIXTURE_PASSWORD);
    expect((await unitAdmin.request('GET', '/api/v1/auth/me')).json.pending).toBe('totp_enrolment');
    expect((await unitAdmin.request('GET', '/api/v1/users')).json.code).toBe('TOTP_ENROLMENT_REQUIRED');
    await admin.request('PATCH', '/api/v1/settings/security', { mandatoryTotpRoles: [] });
  });
});

describe('passwords', () => {
  it('enforces the policy: length and common passwords', async () => {
    const client = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
    const short = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: FIXTURE_PASSWORD,
      newPassword: 'ngan',
    });
    expect(short.status).toBe(400);
    expect(short.json).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });
    const common = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: FIXTURE_PASSWORD,
      newPassword: 'passwordpassword',
    });
    expect(common.json.code).toBe('WEAK_PASSWORD');
    const hash = await t.db
      .selectFrom('users')
      .select('passwordHash')
      .where('username', '=', 'viewer.h1')
      .executeTakeFirstOrThrow();
    expect(hash.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
