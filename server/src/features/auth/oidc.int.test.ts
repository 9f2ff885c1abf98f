/**
 * Sign-in with an OpenID Connect provider, against a real one (node-oidc-provider)
 * started here: the code flow through its login and consent pages, the checks
 * that refuse a tampered state, nonce or PKCE verifier, and who may sign in.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, clientFor, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { navigate, throughProvider } from '../../../test/oidc-browser';
import { startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestProvider } from '../../../test/oidc-provider';
import { type App, buildApp } from '../../app';
import { readSignInConfig } from '../../config';

// The address the app would have: app.inject ignores it, the provider checks the callback against it.
const CALLBACK = 'http://127.0.0.1:18080/api/v1/auth/oidc/callback';

let idp: TestProvider;
let t: TestApp;
let fx: Fixture;
let admin: Client;
/** The same database, other settings: unknown people get an account, passwords are off. */
let open: App;
/** The same database, matching by e-mail address. */
let byEmail: App;

const settings = (env: Record<string, string> = {}) =>
  readSignInConfig({
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    OIDC_REDIRECT_URL: CALLBACK,
    OIDC_LABEL: 'Cổng định danh thử nghiệm',
    ...env,
  });

/** A person at the provider; the subject differs from every name, as at a real provider. */
function person(login: string, claims: Record<string, unknown>) {
  const identity = { login, password: `mat-khau-${login}`, subject: `sub-${login}-7f3a`, claims };
  idp.identities.set(login, identity);
  return identity;
}

beforeAll(async () => {
  idp = await startTestProvider({ redirectUrls: [CALLBACK] });
  t = await createTestApp({ signIn: settings() });
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  const shared = {
    db: t.db,
    pool: t.pool,
    config: { secureCookies: false, webDist: '/nonexistent', logLevel: 'silent' },
    logger: false,
  } as const;
  open = await buildApp({
    ...shared,
    signIn: settings({
      BAOCAO_PASSWORD_SIGN_IN: 'off',
      OIDC_CREATE_ACCOUNTS: 'on',
      OIDC_ACCOUNT_UNIT: 'T1',
      BAOCAO_ADMIN_IDENTITY: 'Chief.Admin',
    }),
  });
  byEmail = await buildApp({ ...shared, signIn: settings({ OIDC_MATCH_CLAIM: 'email' }) });
});
afterAll(async () => {
  await open?.close();
  await byEmail?.close();
  await t?.close();
  await idp?.close();
});

interface Flow {
  /** Baocao's answer to the callback. */
  callback: Awaited<ReturnType<typeof navigate>>;
  /** The callback address the provider sent the browser to. */
  callbackUrl: URL;
  pages: string[];
}

/**
 * The browser's whole journey: Baocao's start → the provider's pages → Baocao's callback.
 * `tamper` changes the callback address or the stored request before the browser arrives.
 */
async function signInThroughProvider(
  app: App,
  who: { login: string; password: string; consent?: 'allow' | 'refuse' },
  tamper: { callbackUrl?: (url: URL) => void; stored?: Record<string, string>; withoutCookie?: boolean } = {},
): Promise<Flow> {
  const start = await navigate(app, '/api/v1/auth/oidc/start');
  expect(start.status).toBe(302);
  expect(start.location.startsWith(`${idp.issuer}/auth?`)).toBe(true);
  const browser = start.cookies.baocao_oidc!;
  expect(browser).toBeTruthy();
  const { callbackUrl, pages } = await throughProvider(start.location, who);
  tamper.callbackUrl?.(callbackUrl);
  if (tamper.stored) await t.db.updateTable('oidcSignInRequests').set(tamper.stored).execute();
  const callback = await navigate(app, callbackUrl.href, tamper.withoutCookie ? {} : { baocao_oidc: browser });
  return { callback, callbackUrl, pages };
}

/** A signed-in client from the callback's session cookie. */
async function sessionOf(app: App, flow: Flow): Promise<Client> {
  expect(flow.callback.status).toBe(302);
  expect(flow.callback.location).toBe('/');
  const token = flow.callback.cookies.baocao_session;
  expect(token).toBeTruthy();
  const cookie = `baocao_session=${token}`;
  const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  return clientFor(app, cookie, me.json().csrfToken);
}

/** The callback refused: back to the sign-in page with the error's code, no session. */
function expectRefused(flow: Flow, code: string): void {
  expect(flow.callback.status).toBe(302);
  const location = new URL(flow.callback.location, 'http://baocao.invalid');
  expect(location.pathname).toBe('/');
  expect(location.searchParams.get('signInError')).toBe(code);
  expect(location.searchParams.get('requestId')).toBeTruthy();
  expect(flow.callback.cookies.baocao_session).toBeUndefined();
}

const identityTables = ['users', 'user_roles', 'sessions', 'user_identities'];
/** The accounts, sessions and links, without the audit count (refusals of known people are audited). */
async function accountsState() {
  const { audit: _audit, ...rest } = await snapshot(t.db, identityTables);
  return rest;
}

/** Every audit row about an object, sign-ins included, oldest first. */
async function fullAuditOf(objectType: string, objectId: number | string) {
  const response = await admin.request('GET', `/api/v1/audit?objectType=${objectType}&objectId=${objectId}&limit=200`);
  expect(response.status).toBe(200);
  return [...response.json.items].reverse() as { action: string; actorName: string | null; ip: string; after: any }[];
}

describe('what the sign-in page offers', () => {
  it('passwords and the provider’s button, or the button alone', async () => {
    const both = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sign-in-methods' });
    expect(both.statusCode).toBe(200);
    expect(both.json()).toEqual({ password: true, oidc: { label: 'Cổng định danh thử nghiệm' } });
    const only = await open.inject({ method: 'GET', url: '/api/v1/auth/sign-in-methods' });
    expect(only.json()).toEqual({ password: false, oidc: { label: 'Cổng định danh thử nghiệm' } });
  });
});

describe('the authorization code flow', () => {
  it('signs in the account whose user name is the provider’s preferred_username, and links it', async () => {
    const officer = person('nguyen.van.an', { preferred_username: 'Viewer.H1', name: 'Nguyễn Văn An' });
    const flow = await signInThroughProvider(t.app, officer);
    expect(flow.pages).toEqual(['login', 'consent']);
    // The provider sent back a code, the state Baocao chose and its own issuer (RFC 9207).
    expect([...flow.callbackUrl.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state']);
    const sessionCookie = flow.callback.setCookies.find((c) => c.startsWith('baocao_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Strict/);
    expect(flow.callback.setCookies.find((c) => c.startsWith('baocao_oidc='))).toMatch(/Expires=Thu, 01 Jan 1970/);

    const client = await sessionOf(t.app, flow);
    const me = await client.request('GET', '/api/v1/auth/me');
    expect(me.json).toMatchObject({ username: 'viewer.h1', roles: ['viewer'], pending: null, via: 'session' });
    // The session is a session like any other: it reads what the account may read, and signs out.
    expect((await client.request('GET', `/api/v1/units/${fx.units.H1}`)).status).toBe(200);
    const links = await t.db.selectFrom('userIdentities').selectAll().execute();
    expect(links).toEqual([
      expect.objectContaining({
        provider: idp.issuer,
        subject: officer.subject,
        userId: fx.users['viewer.h1'],
        claimValue: 'viewer.h1',
      }),
    ]);
    const method = await t.db
      .selectFrom('sessions')
      .select('method')
      .where('userId', '=', fx.users['viewer.h1']!)
      .execute();
    expect(method.map((m) => m.method)).toEqual(['oidc']);

    const audit = await fullAuditOf('user', fx.users['viewer.h1']!);
    expect(audit.map((a) => a.action)).toEqual(['user.identity_link', 'auth.login']);
    expect(audit[0]!.after).toEqual({
      provider: idp.issuer,
      subject: officer.subject,
      claim: 'preferred_username',
      value: 'viewer.h1',
    });
    expect(audit[1]).toMatchObject({ actorName: 'viewer.h1', after: { via: 'oidc', provider: idp.issuer } });
    expect((await client.request('POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('follows the link at the next sign-in, whatever the claim has become', async () => {
    const officer = idp.identities.get('nguyen.van.an')!;
    officer.claims.preferred_username = 'approver.h1';
    try {
      const client = await sessionOf(t.app, await signInThroughProvider(t.app, officer));
      expect((await client.request('GET', '/api/v1/auth/me')).json.username).toBe('viewer.h1');
      const audit = await fullAuditOf('user', fx.users['viewer.h1']!);
      expect(audit.map((a) => a.action)).toEqual(['user.identity_link', 'auth.login', 'auth.logout', 'auth.login']);
    } finally {
      officer.claims.preferred_username = 'Viewer.H1';
    }
  });

  it('does not ask for a password change the identity provider made pointless, but keeps the second factor', async () => {
    await t.db
      .updateTable('users')
      .set({ mustChangePassword: true })
      .where('id', '=', fx.users['entry_officer.h1']!)
      .execute();
    const officer = person('tran.thi.binh', { preferred_username: 'entry_officer.h1' });
    const client = await sessionOf(t.app, await signInThroughProvider(t.app, officer));
    expect((await client.request('GET', '/api/v1/auth/me')).json).toMatchObject({
      username: 'entry_officer.h1',
      pending: null,
    });
    // The same account still has to change its password after a password sign-in.
    const byPassword = await signIn(t.app, 'entry_officer.h1', FIXTURE_PASSWORD);
    expect((await byPassword.request('GET', '/api/v1/auth/me')).json.pending).toBe('password_change');

    await t.db
      .updateTable('users')
      .set({ totpEnabled: true, totpSecret: 'JBSWY3DPEHPK3PXP' })
      .where('id', '=', fx.users['entry_officer.h1']!)
      .execute();
    const pending = await sessionOf(t.app, await signInThroughProvider(t.app, officer));
    expect((await pending.request('GET', '/api/v1/auth/me')).json.pending).toBe('second_factor');
    expect((await pending.request('GET', `/api/v1/units/${fx.units.H1}`)).json.code).toBe('TOTP_REQUIRED');
  });
});

describe('the checks of the flow', () => {
  it('refuses a tampered state: nothing is signed in, and the request is used up', async () => {
    const officer = person('le.van.cuong', { preferred_username: 'viewer.t2' });
    const before = await accountsState();
    let original = '';
    const flow = await signInThroughProvider(t.app, officer, {
      callbackUrl: (url) => {
        original = url.href;
        url.searchParams.set('state', `${url.searchParams.get('state')}x`);
      },
    });
    expectRefused(flow, 'OIDC_FAILED');
    expect(await accountsState()).toEqual(before);
    // The right state afterwards finds no request: a sign-in is tried once.
    const again = await navigate(t.app, original, {});
    expectRefused({ ...flow, callback: again }, 'OIDC_FAILED');
    expect(await accountsState()).toEqual(before);
  });

  it('refuses an ID token whose nonce is not the request’s', async () => {
    const before = await accountsState();
    const flow = await signInThroughProvider(t.app, idp.identities.get('le.van.cuong')!, {
      stored: { nonce: 'a-nonce-this-sign-in-never-sent-0123456789' },
    });
    expectRefused(flow, 'OIDC_FAILED');
    expect(await accountsState()).toEqual(before);
  });

  it('refuses a code redeemed without its PKCE verifier (the provider refuses the exchange)', async () => {
    const before = await accountsState();
    const flow = await signInThroughProvider(t.app, idp.identities.get('le.van.cuong')!, {
      stored: { codeVerifier: 'another-verifier-0123456789-0123456789-0123456789' },
    });
    expectRefused(flow, 'OIDC_FAILED');
    expect(await accountsState()).toEqual(before);
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF)', async () => {
    const before = await accountsState();
    const flow = await signInThroughProvider(t.app, idp.identities.get('le.van.cuong')!, { withoutCookie: true });
    expectRefused(flow, 'OIDC_FAILED');
    expect(await accountsState()).toEqual(before);
  });

  it('refuses when the person declines at the provider', async () => {
    const before = await accountsState();
    const flow = await signInThroughProvider(t.app, { ...idp.identities.get('le.van.cuong')!, consent: 'refuse' });
    expect(flow.callbackUrl.searchParams.get('error')).toBe('access_denied');
    expectRefused(flow, 'OIDC_FAILED');
    expect(await accountsState()).toEqual(before);
  });

  it('refuses a callback whose query is not a provider’s answer', async () => {
    const start = await navigate(t.app, '/api/v1/auth/oidc/start');
    const callback = await navigate(t.app, '/api/v1/auth/oidc/callback?code=x&state=y&debug=1', {
      baocao_oidc: start.cookies.baocao_oidc!,
    });
    expectRefused({ callback, callbackUrl: new URL(CALLBACK), pages: [] }, 'VALIDATION_FAILED');
  });
});

describe('who may sign in', () => {
  it('refuses a person without an account when accounts are not created, and audits the refusal', async () => {
    const stranger = person('pham.thi.dung', { preferred_username: 'pham.thi.dung', name: 'Phạm Thị Dung' });
    const before = await accountsState();
    const flow = await signInThroughProvider(t.app, stranger);
    expectRefused(flow, 'OIDC_ACCOUNT_UNKNOWN');
    expect(await accountsState()).toEqual(before);
    const audit = await fullAuditOf('identity', stranger.subject);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'auth.login_refused',
        actorName: 'system',
        after: {
          via: 'oidc',
          provider: idp.issuer,
          subject: stranger.subject,
          claim: 'preferred_username',
          value: 'pham.thi.dung',
          reason: 'no_account_matches',
        },
      }),
    ]);
  });

  it('creates an account without roles where allowed; the unit’s administrator then places it and grants roles', async () => {
    const stranger = idp.identities.get('pham.thi.dung')!;
    stranger.claims.email = 'dung.pt@hagiang.gov.vn';
    stranger.claims.email_verified = true;
    const client = await sessionOf(open, await signInThroughProvider(open, stranger));
    const me = (await client.request('GET', '/api/v1/auth/me')).json;
    expect(me).toMatchObject({
      username: 'pham.thi.dung',
      displayName: 'Phạm Thị Dung',
      email: 'dung.pt@hagiang.gov.vn',
      unit: { id: fx.units.T1 },
      roles: [],
      permissions: [],
      pending: null,
    });
    // No role, so no data: not even its own unit.
    expect((await client.request('GET', `/api/v1/units/${fx.units.T1}`)).json.code).toBe('FORBIDDEN');
    const account = await t.db
      .selectFrom('users')
      .select(['passwordHash', 'kind', 'captureRootId', 'viewRootId'])
      .where('id', '=', me.id)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({
      passwordHash: null,
      kind: 'person',
      captureRootId: fx.units.T1,
      viewRootId: fx.units.T1,
    });
    const audit = await fullAuditOf('user', me.id);
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.identity_link', 'auth.login']);
    expect(audit[0]!.after).toEqual({
      username: 'pham.thi.dung',
      displayName: 'Phạm Thị Dung',
      email: 'dung.pt@hagiang.gov.vn',
      unitId: fx.units.T1,
      roles: [],
      via: 'oidc',
    });

    // T1's unit administrator finds it among T1's accounts, moves it to H1 and grants a role it holds.
    const unitAdmin = await signIn(t.app, 'unit_admin.t1', FIXTURE_PASSWORD);
    const listed = await unitAdmin.request('GET', `/api/v1/users?unitId=${fx.units.T1}&q=dung`);
    expect(listed.json.items.map((u: any) => u.username)).toEqual(['pham.thi.dung']);
    const placed = await unitAdmin.request('PATCH', `/api/v1/users/${me.id}`, {
      unitId: fx.units.H1,
      captureRootId: fx.units.H1,
      viewRootId: fx.units.H1,
      roles: ['viewer'],
      version: listed.json.items[0].version,
    });
    expect(placed.status, JSON.stringify(placed.json)).toBe(200);
    expect((await client.request('GET', `/api/v1/units/${fx.units.H1}`)).status).toBe(200);
    expect((await client.request('GET', `/api/v1/units/${fx.units.T1}`)).json.code).toBe('NOT_FOUND');
  });

  it('refuses a disabled account, linked or not, and audits it', async () => {
    const linked = idp.identities.get('nguyen.van.an')!; // viewer.h1
    await t.db.updateTable('users').set({ disabledAt: new Date() }).where('id', '=', fx.users['viewer.h1']!).execute();
    const unlinked = person('hoang.van.em', { preferred_username: 'approver.h1' });
    await t.db
      .updateTable('users')
      .set({ disabledAt: new Date() })
      .where('id', '=', fx.users['approver.h1']!)
      .execute();
    try {
      const before = await t.db.selectFrom('sessions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
      expectRefused(await signInThroughProvider(t.app, linked), 'ACCOUNT_DISABLED');
      expectRefused(await signInThroughProvider(open, unlinked), 'ACCOUNT_DISABLED');
      const after = await t.db.selectFrom('sessions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
      expect(after).toEqual(before);
      const audit = await fullAuditOf('user', fx.users['approver.h1']!);
      expect(audit.map((a) => a.action)).toEqual(['user.identity_link', 'auth.login_refused']);
      expect(audit[1]!.after.reason).toBe('account_disabled');
    } finally {
      await t.db
        .updateTable('users')
        .set({ disabledAt: null })
        .where('id', 'in', [fx.users['viewer.h1']!, fx.users['approver.h1']!])
        .execute();
    }
  });

  it('never signs in as a service account', async () => {
    const flow = await signInThroughProvider(open, person('svc.person', { preferred_username: 'svc.own' }));
    // No person's account has that name, and the name is taken: no account can be made either.
    expectRefused(flow, 'OIDC_ACCOUNT_CONFLICT');
  });

  it('matches by e-mail address only when the provider verified it', async () => {
    const unverified = person('vo.thi.giang', { email: 'target.own@dongvan.gov.vn', email_verified: false });
    await t.db
      .updateTable('users')
      .set({ email: 'Target.Own@dongvan.gov.vn' })
      .where('id', '=', fx.users['target.own']!)
      .execute();
    expectRefused(await signInThroughProvider(byEmail, unverified), 'OIDC_CLAIM_INVALID');
    unverified.claims.email_verified = true;
    const client = await sessionOf(byEmail, await signInThroughProvider(byEmail, unverified));
    expect((await client.request('GET', '/api/v1/auth/me')).json.username).toBe('target.own');
  });

  it('makes the configured person the first administrator (BAOCAO_ADMIN_IDENTITY), once', async () => {
    const chief = person('chief', { preferred_username: 'chief.admin', name: 'Quản trị Cổng' });
    const client = await sessionOf(open, await signInThroughProvider(open, chief));
    expect((await client.request('GET', '/api/v1/auth/me')).json).toMatchObject({
      username: 'admin',
      roles: ['system_admin'],
    });
    // admin is linked now: another person with the same claim value is not admin.
    const impostor = person('chief2', { preferred_username: 'chief.admin' });
    const other = await sessionOf(open, await signInThroughProvider(open, impostor));
    expect((await other.request('GET', '/api/v1/auth/me')).json).toMatchObject({
      username: 'chief.admin',
      roles: [],
    });
  });
});

describe('turning passwords off', () => {
  it('refuses password sign-in with a clear error, even with the right password', async () => {
    const response = await open.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'viewer.t2', password: FIXTURE_PASSWORD },
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'PASSWORD_SIGN_IN_DISABLED',
      message: 'Password sign-in is turned off on this installation; sign in with the identity provider.',
      field: null,
    });
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});

describe('an identity provider that cannot be reached', () => {
  it('sends the browser back with OIDC_UNAVAILABLE, and tries again at the next click', async () => {
    const { createServer } = await import('node:net');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = await buildApp({
      db: t.db,
      pool: t.pool,
      config: { secureCookies: false, webDist: '/nonexistent', logLevel: 'silent' },
      logger: false,
      signIn: settings({ OIDC_ISSUER: `http://localhost:${port}` }),
    });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const callback = await navigate(down, '/api/v1/auth/oidc/start');
        expectRefused({ callback, callbackUrl: new URL(CALLBACK), pages: [] }, 'OIDC_UNAVAILABLE');
        expect(callback.cookies.baocao_oidc).toBeFalsy();
      }
    } finally {
      await down.close();
    }
  });
});

describe('without an identity provider', () => {
  it('the button’s address goes back to the sign-in page with the reason', async () => {
    const plain = await buildApp({
      db: t.db,
      pool: t.pool,
      config: { secureCookies: false, webDist: '/nonexistent', logLevel: 'silent' },
      logger: false,
    });
    try {
      expect((await plain.inject({ method: 'GET', url: '/api/v1/auth/sign-in-methods' })).json()).toEqual({
        password: true,
        oidc: null,
      });
      for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?code=a&state=b']) {
        const callback = await navigate(plain, url);
        expectRefused({ callback, callbackUrl: new URL(CALLBACK), pages: [] }, 'OIDC_NOT_CONFIGURED');
      }
    } finally {
      await plain.close();
    }
  });
});
