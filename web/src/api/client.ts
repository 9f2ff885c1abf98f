import type { ApiErrorBody } from '@baocao/domain';

/**
 * The one way the web app talks to the API: JSON in and out, the session cookie
 * (same origin), and the anti-forgery token on every write. Errors become
 * {@link ApiError} carrying the server's code, message, field and request id.
 */

const API_BASE = '/api/v1';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken = '';

/** Remembers the anti-forgery token returned by sign-in and by /auth/me. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(status: number, body: Partial<ApiErrorBody> & { message: string }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'INTERNAL';
    this.field = body.field ?? null;
    this.requestId = body.requestId ?? null;
    this.details = body.details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined;

/** A query string from defined, non-empty values only. */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id');
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body && typeof body.message === 'string')
      return new ApiError(response.status, {
        ...body,
        message: body.message,
        requestId: body.requestId ?? requestId ?? '',
      });
  } catch {
    // Not JSON (a proxy error page, a network cut): fall through to a generic error.
  }
  return new ApiError(response.status, {
    code: response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL',
    message: `HTTP ${response.status} ${response.statusText}`,
    requestId: requestId ?? '',
  });
}

async function send(path: string, init: RequestInit, method: string): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (WRITE_METHODS.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { ...init, method, headers, credentials: 'same-origin' });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { code: 'SERVICE_UNAVAILABLE', message: 'NETWORK', requestId: '' });
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** Calls the JSON API; resolves with the parsed body, rejects with an {@link ApiError}. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const init: RequestInit = { signal: options.signal ?? null, headers: { ...options.headers } };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...options.headers, 'Content-Type': 'application/json' };
  } else if (WRITE_METHODS.has(method)) {
    // Fastify refuses an empty body declared as JSON; send an empty object instead.
    init.body = '{}';
    init.headers = { ...options.headers, 'Content-Type': 'application/json' };
  }
  const response = await send(path, init, method);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Uploads one file as multipart/form-data (field `field`). */
export async function upload<T>(path: string, file: File, field = 'file'): Promise<T> {
  const form = new FormData();
  form.append(field, file, file.name);
  const response = await send(path, { body: form }, 'POST');
  return (await response.json()) as T;
}

/** Sends a file as the raw request body (the import routes read it in any format); answers the status and JSON body. */
export async function sendFile<T>(
  path: string,
  file: Blob,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await send(path, { body: file, headers: { ...headers, 'Content-Type': contentType } }, 'POST');
  return { status: response.status, body: (await response.json()) as T };
}

/**
 * Fetches a file the API streams (an export): its bytes, the file name the server proposes
 * (Content-Disposition) and the response headers (e.g. a paging cursor). A refusal rejects
 * with an {@link ApiError} carrying the server's message, as every other call does.
 */
export async function download(
  path: string,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<{ blob: Blob; fileName: string | null; headers: Headers }> {
  const response = await send(path, { signal: options.signal ?? null, headers: { ...options.headers } }, 'GET');
  const disposition = response.headers.get('content-disposition') ?? '';
  return {
    blob: await response.blob(),
    fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null,
    headers: response.headers,
  };
}
