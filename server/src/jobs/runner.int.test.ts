import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { addJob } from './job-queue';
import { type JobRunner, startJobRunner } from './runner';
import { SEAL_AUDIT } from './seal-audit.job';

// Two runners on one database, as in two server processes: each has its own pool and its own
// connections, so they compete for jobs exactly as separate processes do.
let database: TestDatabase;
const runners: JobRunner[] = [];
const runs: { key: string; version: number; runner: number }[] = [];
let bothRunning: () => void;
const bothRunnersTookJobs = new Promise<void>((resolve) => {
  bothRunning = resolve;
});

function probe(runner: number) {
  return async (payload: unknown) => {
    const { key, version } = payload as { key: string; version: number };
    runs.push({ key, version, runner });
    // The first jobs hold their runner's slots until the other runner has taken one too, so the
    // test cannot pass with one runner doing all the work.
    if (new Set(runs.map((r) => r.runner)).size === 2) bothRunning();
    await bothRunnersTookJobs;
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const runner of [1, 2])
    runners.push(await startJobRunner({ connectionString: database.url, extraTasks: { probe: probe(runner) } }));
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await database?.drop();
});

describe('job runner', () => {
  it('runs each job once across two runners; a job key keeps one job; a rolled-back job never runs', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `probe-${i}`);
    await database.db.transaction().execute(async (tx) => {
      for (const key of keys) await addJob(tx, 'probe', { key, version: 1 }, { jobKey: key });
      // Added again before any runner saw them: the waiting job is updated, not doubled.
      for (const key of keys.slice(0, 15)) await addJob(tx, 'probe', { key, version: 2 }, { jobKey: key });
    });
    await database.db
      .transaction()
      .execute(async (tx) => {
        await addJob(tx, 'probe', { key: 'rolled-back', version: 1 }, { jobKey: 'rolled-back' });
        throw new Error('the change fails');
      })
      .catch(() => {});

    await Promise.all(runners.map((r) => r.drain()));

    // Exactly one run per key, with the payload of the last add.
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(runs.map(({ key, version }) => ({ key, version })).sort(byKey)).toEqual(
      keys.map((key, i) => ({ key, version: i < 15 ? 2 : 1 })).sort(byKey),
    );
    expect(new Set(runs.map((r) => r.runner))).toEqual(new Set([1, 2]));
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs
      WHERE task_identifier = 'probe'`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('queues one audit sealing round per database, whichever runners run', async () => {
    const rounds = await sql<{ keyed: number; all: number }>`SELECT
        count(*) FILTER (WHERE key = ${SEAL_AUDIT})::int AS keyed, count(*)::int AS all
      FROM graphile_worker.jobs WHERE task_identifier = ${SEAL_AUDIT}`.execute(database.db);
    // The queued round, and perhaps the round running now.
    expect(rounds.rows[0]!.keyed).toBe(1);
    expect(rounds.rows[0]!.all).toBeLessThanOrEqual(2);
  });

  it('stops gracefully: a running job finishes, with its connections, before stop() returns', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    const runner = await startJobRunner({
      connectionString: database.url,
      extraTasks: {
        slow: async (_payload, helpers) => {
          started();
          await released;
          await helpers.query('SELECT 1');
          finished = true;
        },
      },
    });
    await addJob(database.db, 'slow', {});
    await running;
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    // Long enough for a stop that did not wait to have returned.
    await new Promise((r) => setTimeout(r, 300));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs
      WHERE task_identifier = 'slow'`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('keeps its tables in its own schema, out of public', async () => {
    const schemas = await sql<{ schema: string }>`SELECT DISTINCT table_schema AS schema FROM information_schema.tables
      WHERE table_name IN ('_private_jobs', '_private_known_crontabs', '_private_tasks', 'migrations')`.execute(
      database.db,
    );
    expect(schemas.rows.map((r) => r.schema)).toEqual(['graphile_worker']);
  });
});
