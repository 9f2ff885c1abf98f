import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers, computed once: our policy has no per-request part
 * (no nonces), and building it on every request (as @fastify/helmet does) cost
 * a noticeable share of a submit's CPU at the peak.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  // biome-ignore lint/suspicious/noExplicitAny: helmet only calls setHeader and removeHeader on the response.
  helmet(options)({} as any, response as any, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/**
 * Pages and their assets get helmet's full set. JSON API responses get the set
 * the OWASP REST Security Cheat Sheet gives for APIs — nothing to render, frame
 * or cache — instead of a dozen headers that only mean something to an HTML
 * document and that every API client would parse on every call.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions & { hsts: boolean }): void {
  const pageHeaders = securityHeaders(options);
  const apiHeaders: Record<string, string> = {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    ...(options.hsts ? { 'strict-transport-security': pageHeaders['strict-transport-security']! } : {}),
  };
  app.addHook('onRequest', (request, reply, next) => {
    const api = request.url.startsWith('/api/') && !request.url.startsWith('/api/docs');
    reply.headers(api ? apiHeaders : pageHeaders);
    next();
  });
}
