import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

const repo = path.resolve(import.meta.dirname, '../../../..');
let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let other: ChildProcess;
let otherUrl: string;

/** A second server process on the same database, as behind a load balancer. */
function startSecondProcess(databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    other = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repo,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        BAOCAO_DEMO: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    other.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready at (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    other.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    other.on('exit', (code) => reject(new Error(`second process exited ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15');
  otherUrl = await startSecondProcess(t.url);
}, 120_000);

afterAll(async () => {
  other?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await t?.close();
});

/** Follows a live stream like a page does, collecting its events. */
async function follow(url: string, cookie: string) {
  const events: { unitId: number; formId: number; periodId: string; reason: string; at: number }[] = [];
  const abort = new AbortController();
  const response = await fetch(`${url}/api/v1/live`, { headers: { cookie }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const reading = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (const line of buffer.split('\n'))
          if (line.startsWith('data: ')) events.push({ ...JSON.parse(line.slice(6)), at: Date.now() });
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    async until(found: (e: (typeof events)[number]) => boolean) {
      const deadline = Date.now() + 10_000;
      while (!events.some(found) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return events.find(found);
    },
    async stop() {
      abort.abort();
      await reading;
    },
  };
}

describe('live consolidation across processes', () => {
  it('a submit served by one process reaches a page on another (the benchmark measures how fast)', async () => {
    const viewer = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const live = await follow(otherUrl, viewer.cookie);
    const officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const submittedAt = Date.now();
    const submitted = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: fx.units.X1,
      formId: rg.formId,
      period: '20240315',
      values: { nhan: 7, duyet: 7 },
    });
    expect(submitted.status).toBe(200);
    const h1 = await live.until((e) => e.unitId === fx.units.H1);
    await live.stop();
    expect(h1, 'the district’s refresh reached the other process').toBeDefined();
    expect(h1!.at).toBeGreaterThan(submittedAt);
    expect(h1!.reason).toBe('consolidation');
    // Scoped: the district approver is not told about the province or the country.
    expect(live.events.some((e) => e.unitId === fx.units.T1 || e.unitId === fx.units.CP)).toBe(false);
    // And the other process serves the refreshed figures.
    const other = await fetch(
      `${otherUrl}/api/v1/consolidation?unitId=${fx.units.H1}&formId=${rg.formId}&period=20240315`,
      {
        headers: { cookie: viewer.cookie },
      },
    );
    expect(((await other.json()) as { values: unknown }).values).toMatchObject({ nhan: 7, duyet: 7 });
  });

  it('a saved draft reaches the parent’s page too (its children list shows the draft), but not other units’ pages', async () => {
    const viewer = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const outsider = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
    const live = await follow(otherUrl, viewer.cookie);
    const outside = await follow(otherUrl, outsider.cookie);
    // The district's unit administrator also enters data for its agencies.
    const officer = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
    const saved = await officer.request('PUT', '/api/v1/reports/draft', {
      unitId: fx.units.X2,
      formId: rg.formId,
      period: '20240315',
      values: { nhan: 3 },
      baseVersion: 0,
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const event = await live.until((e) => e.unitId === fx.units.X2);
    await live.stop();
    await outside.stop();
    expect(event).toMatchObject({ formId: rg.formId, periodId: '20240315', reason: 'draft' });
    expect(outside.events).toEqual([]);
    const h1 = await viewer.request(
      'GET',
      `/api/v1/consolidation?unitId=${fx.units.H1}&formId=${rg.formId}&period=20240315`,
    );
    expect(h1.json.children.find((c: { unit: { code: string } }) => c.unit.code === 'X2').status).toBe('draft');
  });
});
