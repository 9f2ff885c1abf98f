/**
 * What a browser does between Baocao and the test identity provider, over real
 * HTTP to the provider: follow its redirects with its cookies, fill in its login
 * page, answer its consent page, and stop where it sends the browser back to
 * Baocao's callback. Baocao itself is reached with `app.inject`.
 */
import type { App } from '../src/app';

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** The provider's cookies, by name and path (it scopes its interaction cookies to one interaction's path). */
class CookieJar {
  private cookies: Cookie[] = [];

  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') ?? '/';
      const expires = attribute('expires');
      const gone = attribute('max-age') === '0' || (expires && new Date(expires) < new Date()) || !value;
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!gone) this.cookies.push({ name: name!, value, path });
    }
  }

  header(url: URL): string {
    return this.cookies
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

export interface ProviderAnswer {
  /** Where the provider sends the browser back (Baocao's callback with code and state, or an error). */
  callbackUrl: URL;
  /** The pages the provider showed, in order ('login', 'consent'). */
  pages: string[];
}

/**
 * Goes through the provider from its authorization URL: signs in as `login` with `password`
 * (when it asks), allows or refuses the consent, and returns where it sends the browser back.
 */
export async function throughProvider(
  authorizationUrl: string,
  person: { login: string; password: string; consent?: 'allow' | 'refuse' },
  jar = new CookieJar(),
): Promise<ProviderAnswer> {
  const pages: string[] = [];
  let url = new URL(authorizationUrl);
  let init: { method: string; body?: URLSearchParams } = { method: 'GET' };
  const origin = url.origin;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method: init.method,
      body: init.body,
      redirect: 'manual',
      headers: { cookie: jar.header(url) },
    });
    jar.store(response.headers.getSetCookie());
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url);
      if (next.origin !== origin) return { callbackUrl: next, pages };
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`);
    const uid = /\/interaction\/([\w-]+)\//.exec(html)?.[1];
    if (html.includes('name="password"')) {
      if (pages.includes('login')) throw new Error(`the provider refused the login: ${html.slice(0, 300)}`);
      pages.push('login');
      url = new URL(`/interaction/${uid}/login`, origin);
      init = { method: 'POST', body: new URLSearchParams({ login: person.login, password: person.password }) };
    } else {
      pages.push('consent');
      url = new URL(`/interaction/${uid}/${person.consent === 'refuse' ? 'abort' : 'confirm'}`, origin);
      init = { method: 'POST', body: new URLSearchParams() };
    }
  }
  throw new Error('the provider never sent the browser back');
}

/** What Baocao answered a browser navigation: status, where it sends it, its cookies. */
export interface Navigation {
  status: number;
  location: string;
  cookies: Record<string, string>;
  setCookies: string[];
}

/** A browser navigation to Baocao (`app.inject`), with the cookies it holds for Baocao. */
export async function navigate(app: App, url: string, cookies: Record<string, string> = {}): Promise<Navigation> {
  const target = new URL(url, 'http://baocao.invalid');
  const response = await app.inject({
    method: 'GET',
    url: `${target.pathname}${target.search}`,
    headers: {
      cookie: Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      'accept-language': 'vi',
    },
  });
  const setCookies = [response.headers['set-cookie'] ?? []].flat().map(String);
  const set: Record<string, string> = {};
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const [name, ...rest] = pair!.split('=');
    set[name!] = rest.join('=');
  }
  return { status: response.statusCode, location: String(response.headers.location ?? ''), cookies: set, setCookies };
}
