import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, expectError, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let fx: Fixture;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const defaults = {
  passwordPolicy: { minLength: 12, requireMixed: false, rotationDays: null, checkCommon: true },
  mandatoryTotpRoles: [],
  sessionHours: 12,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
};

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('security settings', () => {
  it('a fresh instance has the default settings, read by system administrators only', async () => {
    const read = await admin.request('GET', '/api/v1/settings/security');
    expect([read.status, read.json]).toEqual([200, defaults]);
    for (const username of ['unit_admin.h1', 'approver.h1', 'viewer.h1']) {
      const other = await signIn(t.app, username, FIXTURE_PASSWORD);
      expectError(await other.request('GET', '/api/v1/settings/security'), 403, 'FORBIDDEN');
      expectError(await other.request('PATCH', '/api/v1/settings/security', { lockoutMinutes: 1 }), 403, 'FORBIDDEN');
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/settings/security' });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  const refusals: [string, object, string][] = [
    [
      'a password length below 8',
      { passwordPolicy: { ...defaults.passwordPolicy, minLength: 7 } },
      'passwordPolicy.minLength',
    ],
    ['a partial password policy', { passwordPolicy: { minLength: 14 } }, 'passwordPolicy.requireMixed'],
    [
      'an unknown policy field',
      { passwordPolicy: { ...defaults.passwordPolicy, history: 5 } },
      'passwordPolicy.history',
    ],
    ['an unknown role', { mandatoryTotpRoles: ['god'] }, 'mandatoryTotpRoles.0'],
    ['a repeated role', { mandatoryTotpRoles: ['viewer', 'viewer'] }, 'mandatoryTotpRoles'],
    ['sessions of no hours', { sessionHours: 0 }, 'sessionHours'],
    ['a number as text', { lockoutMinutes: '15' }, 'lockoutMinutes'],
    ['fewer than 3 failed sign-ins', { maxFailedLogins: 2 }, 'maxFailedLogins'],
    ['an unknown setting', { allowEverything: true }, 'allowEverything'],
  ];
  for (const [name, body, field] of refusals)
    it(`refuses ${name} with the field named, changing nothing`, async () => {
      const before = await snapshot(t.db, ['settings']);
      expectError(await admin.request('PATCH', '/api/v1/settings/security', body), 400, 'VALIDATION_FAILED', field);
      expect(await snapshot(t.db, ['settings'])).toEqual(before);
    });

  it('a change returns and stores the whole settings, and is audited with before and after', async () => {
    const changed = await admin.request('PATCH', '/api/v1/settings/security', {
      passwordPolicy: { minLength: 14, requireMixed: true, rotationDays: 90, checkCommon: true },
      sessionHours: 8,
    });
    const expected = {
      ...defaults,
      passwordPolicy: { minLength: 14, requireMixed: true, rotationDays: 90, checkCommon: true },
      sessionHours: 8,
    };
    expect([changed.status, changed.json]).toEqual([200, expected]);
    expect((await admin.request('GET', '/api/v1/settings/security')).json).toEqual(expected);
    const stored = await t.db.selectFrom('settings').select(['key', 'value']).execute();
    expect(stored).toEqual([{ key: 'security', value: expected }]);
    const audit = await auditOf(admin, 'settings', 'security');
    expect(audit.map((r) => [r.action, r.actorName, r.unitId, r.before, r.after])).toEqual([
      ['settings.update', 'admin', null, defaults, expected],
    ]);
    // Audit rows about settings (no unit) are the administrators' alone.
    const unitAdmin = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
    const seen = await unitAdmin.request('GET', '/api/v1/audit?objectType=settings&objectId=security');
    expect(seen.json.items).toEqual([]);
  });

  it('the password policy applies at once to new passwords', async () => {
    // minLength 14 and mixed case with digits, from the previous test.
    const user = (password: string, username: string) =>
      admin.request('POST', '/api/v1/users', {
        username,
        displayName: 'Theo chính sách mới',
        unitId: fx.units.X1,
        roles: ['viewer'],
        password,
      });
    expectError(await user('chu-thuong-dai-qua', 'chinh-sach.1'), 400, 'WEAK_PASSWORD', 'password');
    expectError(await user('Ngan1-Abc', 'chinh-sach.2'), 400, 'WEAK_PASSWORD', 'password');
    expect((await user('Mat-Khau-Moi-2026', 'chinh-sach.3')).status).toBe(201);
  });

  it('sessions last the configured hours', async () => {
    await admin.request('PATCH', '/api/v1/settings/security', { sessionHours: 3 });
    expect((await login('viewer.h1', FIXTURE_PASSWORD)).statusCode).toBe(200);
    const session = await t.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select(['sessions.createdAt', 'sessions.expiresAt'])
      .where('users.username', '=', 'viewer.h1')
      .orderBy('sessions.createdAt', 'desc')
      .executeTakeFirstOrThrow();
    const hours = (session.expiresAt.getTime() - session.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(3, 1);
  });

  it('an account is locked after the configured number of failed sign-ins', async () => {
    await admin.request('PATCH', '/api/v1/settings/security', { maxFailedLogins: 3, lockoutMinutes: 30 });
    for (let i = 0; i < 3; i++) expect((await login('approver.h1', 'sai-mat-khau')).statusCode).toBe(401);
    const locked = await login('approver.h1', FIXTURE_PASSWORD);
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'ACCOUNT_LOCKED']);
    const user = await t.db
      .selectFrom('users')
      .select('lockedUntil')
      .where('username', '=', 'approver.h1')
      .executeTakeFirstOrThrow();
    const minutes = (user.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
  });

  it('roles that must use two-factor sign-in are sent to enrol before anything else', async () => {
    const officer = await signIn(t.app, 'entry_officer.h1', FIXTURE_PASSWORD);
    expect((await officer.request('GET', '/api/v1/units')).status).toBe(200);
    const changed = await admin.request('PATCH', '/api/v1/settings/security', {
      mandatoryTotpRoles: ['entry_officer'],
    });
    expect(changed.json.mandatoryTotpRoles).toEqual(['entry_officer']);
    expectError(await officer.request('GET', '/api/v1/units'), 403, 'TOTP_ENROLMENT_REQUIRED');
    expect((await officer.request('GET', '/api/v1/auth/me')).json.pending).toBe('totp_enrolment');
    // Other roles are not concerned.
    const viewer = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
    expect((await viewer.request('GET', '/api/v1/units')).status).toBe(200);
    await admin.request('PATCH', '/api/v1/settings/security', { mandatoryTotpRoles: [] });
    expect((await officer.request('GET', '/api/v1/units')).status).toBe(200);
  });

  it('an empty or unchanged update writes nothing and records nothing', async () => {
    const current = (await admin.request('GET', '/api/v1/settings/security')).json;
    const before = await snapshot(t.db, ['settings']);
    const empty = await admin.request('PATCH', '/api/v1/settings/security', {});
    expect([empty.status, empty.json]).toEqual([200, current]);
    // The same values, the policy's keys in another order.
    const policy = current.passwordPolicy;
    const same = await admin.request('PATCH', '/api/v1/settings/security', {
      passwordPolicy: {
        checkCommon: policy.checkCommon,
        rotationDays: policy.rotationDays,
        requireMixed: policy.requireMixed,
        minLength: policy.minLength,
      },
      sessionHours: current.sessionHours,
    });
    expect([same.status, same.json]).toEqual([200, current]);
    expect(await snapshot(t.db, ['settings'])).toEqual(before);
  });
});
