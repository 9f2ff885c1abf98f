/**
 * A real OpenID Connect provider for tests (node-oidc-provider), in-process on a
 * random port of this machine, with one confidential test client (PKCE
 * required) and test accounts that sign in with a password at its own login
 * page, then consent. Its issuer is `http://localhost:<port>`: another site than
 * a server on 127.0.0.1, as a real provider is.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT_ID = 'baocao-test';
export const TEST_CLIENT_SECRET = 'baocao-test-secret-0123456789abcdef';

export interface TestIdentity {
  /** What the person types at the provider's login page. */
  login: string;
  password: string;
  /** The subject the provider gives them (never changes). */
  subject: string;
  claims: { preferred_username?: string; name?: string; email?: string; email_verified?: boolean };
}

export interface TestProvider {
  issuer: string;
  /** The people the provider knows; tests add and change them. */
  identities: Map<string, TestIdentity>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;background:#eef1f5;margin:0;padding:32px 16px}main{max-width:380px;margin:auto;background:#fff;padding:24px;border-radius:8px;box-shadow:0 2px 12px #0002}
h1{font-size:20px;margin:0 0 16px}label{display:block;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:8px;font-size:16px}
button{margin-top:16px;width:100%;padding:10px;font-size:16px;background:#b3261e;color:#fff;border:0;border-radius:4px}p.error{color:#b3261e}</style>
</head><body><main><h1>Cổng định danh thử nghiệm</h1>${body}</main></body></html>`;
}

type Payload = Record<string, unknown> & { uid?: string; grantId?: string; consumed?: number };

/** The provider's storage: a map per provider (its default adapter warns that it is for development). */
function memoryAdapter() {
  const store = new Map<string, Payload>();
  return class MemoryAdapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Payload) {
      store.set(this.key(id), payload);
    }
    async find(id: string) {
      return store.get(this.key(id));
    }
    async findByUid(uid: string) {
      return [...store.entries()].find(([key, p]) => key.startsWith(`${this.model}:`) && p.uid === uid)?.[1];
    }
    async findByUserCode() {
      return undefined;
    }
    async consume(id: string) {
      const payload = store.get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, payload] of store) if (payload.grantId === grantId) store.delete(key);
    }
  };
}

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Starts the provider (on `port`, or any free one); `redirectUrls` are the callbacks registered for the test client. */
export async function startTestProvider(options: { redirectUrls: string[]; port?: number }): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const identities = new Map<string, TestIdentity>();
  const bySubject = (subject: string) => [...identities.values()].find((i) => i.subject === subject);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: options.redirectUrls,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    adapter: memoryAdapter(),
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, subject) => {
      const identity = bySubject(subject);
      if (!identity) return undefined;
      return { accountId: subject, claims: () => ({ sub: subject, ...identity.claims }) };
    },
  });
  const providerCallback = provider.callback();

  // The provider's own pages: login (the test password is checked), then consent.
  server.on('request', async (request, response) => {
    const match = /^\/interaction\/([\w-]+)(\/(login|confirm|abort))?$/.exec(request.url ?? '');
    if (!match) return providerCallback(request, response);
    try {
      const details = await provider.interactionDetails(request, response);
      const action = match[3];
      if (request.method === 'GET' && !action) {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        if (details.prompt.name === 'login') {
          response.end(
            page(
              'Đăng nhập',
              `<form method="post" action="/interaction/${details.uid}/login">
<label for="login">Tên đăng nhập</label><input id="login" name="login" autocomplete="username" autofocus>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Đăng nhập</button></form>`,
            ),
          );
        } else {
          response.end(
            page(
              'Cho phép',
              `<p>Cho phép <b>${escapeHtml(String(details.params.client_id))}</b> biết tên, tên đăng nhập và thư điện tử của bạn?</p>
<form method="post" action="/interaction/${details.uid}/confirm"><button type="submit">Cho phép</button></form>
<form method="post" action="/interaction/${details.uid}/abort"><button type="submit" style="background:#777">Từ chối</button></form>`,
            ),
          );
        }
        return;
      }
      if (request.method === 'POST' && action === 'login') {
        const form = await readForm(request);
        const identity = identities.get(form.get('login') ?? '');
        if (!identity || identity.password !== form.get('password')) {
          response.setHeader('content-type', 'text/html; charset=utf-8');
          response.end(page('Đăng nhập', '<p class="error">Sai tên đăng nhập hoặc mật khẩu.</p>'));
          return;
        }
        await provider.interactionFinished(
          request,
          response,
          { login: { accountId: identity.subject } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      if (request.method === 'POST' && action === 'confirm') {
        const { prompt, params, session, grantId } = details;
        const grant = grantId
          ? await provider.Grant.find(grantId)
          : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
        const missingScope = prompt.details.missingOIDCScope as string[] | undefined;
        const missingClaims = prompt.details.missingOIDCClaims as string[] | undefined;
        if (missingScope) grant!.addOIDCScope(missingScope.join(' '));
        if (missingClaims) grant!.addOIDCClaims(missingClaims);
        await provider.interactionFinished(
          request,
          response,
          { consent: { grantId: await grant!.save() } },
          { mergeWithLastSubmission: true },
        );
        return;
      }
      if (request.method === 'POST' && action === 'abort') {
        await provider.interactionFinished(
          request,
          response,
          { error: 'access_denied', error_description: 'The person refused' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      response.statusCode = 405;
      response.end();
    } catch (error) {
      response.statusCode = 400;
      response.end(String(error));
    }
  });

  return {
    issuer,
    identities,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
