import { PassThrough, type Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, seedRegime } from '../../../test/regime-fixture';

// Imports at once are bounded (BAOCAO_IMPORT_CONCURRENCY): each holds a connection while its body arrives.
let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp({ imports: { concurrent: 1 } });
  await seedFixture(t.db);
  await seedRegime(t.db);
  t.clock.now = during('2024-03-20');
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const HEADER = 'form,unit,period,cell,value\n';

async function post(url: string, payload: Readable | string) {
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/csv', 'accept-language': 'en' },
    payload,
  });
  return { status: response.statusCode, headers: response.headers, json: response.json() };
}

/** Whether an import's COPY into its staging table is running (its body still arriving). */
async function copyRunning(): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE query LIKE 'COPY import_staging%' AND state = 'active' AND pid <> pg_backend_pid()`.execute(t.db);
  return rows[0]!.n > 0;
}

const TABLES = ['submissions', 'submission_revisions', 'consolidation_queue', 'import_jobs'];

describe('imports at once', () => {
  it('refuses an import past the bound with 503 and Retry-After, changing nothing, and serves it once a place is free', async () => {
    const body = new PassThrough();
    body.write(`${HEADER}B03,X1,20240301,nhan,40\n`);
    const first = post('/api/v1/imports?format=csv', body);
    // The first import holds the one place while its body is still arriving.
    await expect.poll(copyRunning).toBe(true);

    const before = await snapshot(t.db, TABLES);
    const refused = await post('/api/v1/imports?format=csv', `${HEADER}B03,X2,20240301,nhan,41\n`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json).toMatchObject({ code: 'SERVICE_UNAVAILABLE', field: null });
    expect(refused.json.message).toBe('1 imports are already running (the most at once); try again in 5 seconds.');
    expect(refused.json.requestId).toEqual(expect.any(String));
    // The DHIS2 route shares the bound.
    const dhis2 = await post('/api/v1/dataValueSets', 'dataelement,period,orgunit,value\nnhan,20240301,X2,41\n');
    expect(dhis2.status).toBe(503);
    expect(await snapshot(t.db, TABLES)).toEqual(before);

    body.end('B03,X1,20240301,duyet,30\n');
    const done = await first;
    expect(done.status).toBe(200);
    expect(done.json.counts).toMatchObject({ rows: 2, created: 2, rejected: 0 });

    // The place is given back: the refused import goes through now.
    const again = await post('/api/v1/imports?format=csv', `${HEADER}B03,X2,20240301,nhan,41\n`);
    expect(again.status).toBe(200);
    expect(again.json.counts).toMatchObject({ rows: 1, created: 1 });
  });

  it('gives the place back after a refused or failed import', async () => {
    const broken = await post('/api/v1/imports?format=csv', `${HEADER}B03,X1,20240302,nhan,"12"x\n`);
    expect(broken.status).toBe(400);
    const empty = await post('/api/v1/imports?format=csv', '');
    expect(empty.status).toBe(400);
    const next = await post('/api/v1/imports?format=csv&dryRun=true', `${HEADER}B03,X1,20240302,nhan,50\n`);
    expect(next.status).toBe(200);
    expect(next.json).toMatchObject({ status: 'ok', counts: { rows: 1, rejected: 0 } });
  });

  it('gives the place back when the client goes away mid-body', async () => {
    const body = new PassThrough();
    body.write(`${HEADER}B03,X1,20240303,nhan,40\n`);
    const aborted = post('/api/v1/imports?format=csv', body);
    await expect.poll(copyRunning).toBe(true);
    body.destroy(new Error('the client went away'));
    await aborted.catch(() => undefined);
    await expect
      .poll(
        async () => (await post('/api/v1/imports?format=csv&dryRun=true', `${HEADER}B03,X1,20240303,nhan,5\n`)).status,
      )
      .toBe(200);
  });
});
