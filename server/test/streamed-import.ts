import type { Readable } from 'node:stream';
import type { Client, TestApp } from './harness';

// What the streamed-import tests share: the days of the regime fixture's daily form, bodies cut
// into pieces as a streaming client sends them, and the post itself.

/** Days from the regime fixture's start: 2 units × 2,600 days × 3 cells = 15,600 values, more than one chunk. */
export const STREAM_DAYS = 2600;

/** The id of the i-th day from 1 July 2021. */
export function streamDayId(i: number): string {
  return new Date(Date.UTC(2021, 6, 1 + i)).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The body in 16 KB pieces (sent without a Content-Length, chunked, as a streaming client does). */
export function pieces(text: string): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 16 * 1024) out.push(bytes.subarray(i, i + 16 * 1024));
  return out;
}

/** Posts a streamed body as `client`, answered in English. */
export async function postStreamed(
  t: TestApp,
  client: Client,
  url: string,
  body: Readable,
  headers: Record<string, string>,
): Promise<{ status: number; json: any }> {
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'accept-language': 'en', ...headers },
    payload: body,
  });
  return { status: response.statusCode, json: response.json() };
}
