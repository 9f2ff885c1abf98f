/**
 * The analytics store under board queries (issue 11 §4): `npm run bench -- analytics [--quick]`.
 *
 * Data, generated set-based straight into the rollup store (the rows the consolidation worker
 * would write): five years of a monthly regime (2025-07 … 2030-06) on today's 3,321 communes,
 * with their 34 provinces' and the country's rollups, plus a daily regime on the same communes
 * (one year in --quick, five in full). --quick: 38 monthly fields and 2 daily ones, about 10 M
 * values; full: 400 and 3, about 100 M.
 *
 * Measured, over HTTP against the real server (session, scope, validation, JSON):
 * - board queries, warm (p50, p95; every sample's parameters asked once before) and cold
 *   (PostgreSQL and the server restarted before each round, the OS page cache dropped when the
 *   kernel allows it): 10 fields by province by month
 *   for a year; the national daily trend over 90 days; the ranking of the communes of a province
 *   (today's tree has no districts: the level under the province);
 * - the same answers by plain SQL over the raw values (the communes' own rows, aggregated at
 *   query time through `unit_parents`), in the same run, and the ratio;
 * - submit throughput, including the background work until it is done, with the rollup upkeep
 *   and without it (`BAOCAO_ANALYTICS_UPKEEP=off`), alternating;
 * - freshness: submit → the province's live event on each of 1,000 open live connections.
 */
import type { ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { FormDefinition, RegimeDefinition } from '@baocao/domain';
import { sql } from 'kysely';
import { createDb, createPool, type Db } from '../server/src/db/database';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../server/src/db/embedded';
import { migrateToLatest } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/open';
import { loadDemoUnits } from '../server/src/features/demo/demo-units';
import {
  closedLoop,
  fmt,
  insertPublishedForm,
  openSessions,
  post,
  startProcess,
  summarize,
  waitForBackgroundWork,
} from './lib';

const repo = path.resolve(import.meta.dirname, '..');
const CONCURRENCY = 32;
const LIVE_CONNECTIONS = 1_000;
const FIRST_MONTH = '2025-07-01';
const MONTHS = 60;

const fieldCode = (i: number) => `c${String(i).padStart(3, '0')}`;

function form(code: string, fields: number): FormDefinition {
  return {
    code,
    title: { vi: `Biểu đo hiệu năng ${code}`, en: `Benchmark form ${code}` },
    entryUnitKinds: ['ubnd_commune'],
    optionSets: [],
    sections: [
      {
        code: 'S1',
        title: { vi: 'Số liệu', en: 'Figures' },
        layout: 'list',
        fields: Array.from({ length: fields }, (_, i) => ({
          code: fieldCode(i + 1),
          label: { vi: `Chỉ tiêu ${i + 1}`, en: `Item ${i + 1}` },
          type: 'integer' as const,
          min: 0,
          aggregation: { hierarchy: 'sum' as const, time: 'sum' as const },
        })),
      },
    ],
    rules: [],
  };
}

function regime(code: string, frequency: 'month' | 'day'): RegimeDefinition {
  return {
    name: { vi: `Đo hiệu năng phân tích ${code}`, en: `Analytics benchmark ${code}` },
    content: 'Benchmark',
    reportingUnits: 'UBND xã',
    receivingAgency: 'Văn phòng Chính phủ',
    sendingMethod: 'API',
    deadline: '16:00',
    frequency,
    dataWindow: 'calendar',
    outlineTemplate: '',
    procedure: '',
    legalBasis: 'Benchmark',
    ownerUnitCode: 'VPCP',
    hierarchy: 'administrative',
    consolidatingUnitKinds: ['ubnd_province'],
    consolidationCounts: 'submitted',
    recipientUnitCodes: [],
    schedules: [],
    allowLateSubmission: true,
    validFrom: FIRST_MONTH,
    validTo: null,
  };
}

async function insertRegime(db: Db, code: string, frequency: 'month' | 'day', fields: number) {
  const formCode = code.replaceAll('-', '_');
  const { formId } = await insertPublishedForm(
    db,
    { code, definition: regime(code, frequency) },
    { code: formCode, definition: form(formCode, fields) },
  );
  return formId;
}

interface Officer {
  unitId: number;
  provinceId: number;
  cookie: string;
  csrf: string;
}

/** An account with an open session per unit, `provinceId` kept beside it. */
async function sessionsFor(
  db: Db,
  units: { unitId: number; provinceId: number }[],
  roles: ('system_admin' | 'entry_officer' | 'approver')[],
): Promise<Officer[]> {
  const provinceOf = new Map(units.map((u) => [u.unitId, u.provinceId]));
  const sessions = await openSessions(
    db,
    units.map((u) => u.unitId),
    roles,
    (unitId) => `bench.${unitId}.${roles[0]}`,
  );
  return sessions.map((s) => ({
    unitId: s.unitId,
    provinceId: provinceOf.get(s.unitId)!,
    cookie: s.cookie,
    csrf: s.csrf,
  }));
}

/** Five years of monthly values and a year (or five) of daily ones, leaves then rollups, one year at a time. */
async function generate(db: Db, ids: { monthly: number; daily: number; root: number }, quick: boolean) {
  const monthlyFields = quick ? 38 : 400;
  const dailyFields = quick ? 2 : 3;
  const dailyYears = quick ? 1 : 5;
  await sql`CREATE TABLE bench_communes AS
    SELECT p.unit_id, p.parent_id AS province_id FROM unit_parents p
    JOIN units u ON u.id = p.unit_id AND u.kind = 'ubnd_commune'
    WHERE p.hierarchy = 'administrative' AND p.valid_to IS NULL`.execute(db);
  await sql`ANALYZE bench_communes`.execute(db);
  const slices = async (formId: number, from: string, to: string, step: string, format: string) => {
    await sql`
      INSERT INTO analytics_slices (form_id, unit_id, period_start, period_id, parent_id, source_revision, included, expected)
      SELECT ${formId}::int, c.unit_id, d::date, to_char(d, ${format}), c.province_id, 0, 1, 1
      FROM bench_communes c, generate_series(${from}::date, ${to}::date, ${step}::interval) d
      UNION ALL
      SELECT ${formId}::int, p.province_id, d::date, to_char(d, ${format}), NULL, NULL, p.n, p.n
      FROM (SELECT province_id, count(*)::int AS n FROM bench_communes GROUP BY 1) p,
           generate_series(${from}::date, ${to}::date, ${step}::interval) d
      UNION ALL
      SELECT ${formId}::int, ${ids.root}::int, d::date, to_char(d, ${format}), NULL, NULL, 34, 34
      FROM generate_series(${from}::date, ${to}::date, ${step}::interval) d`.execute(db);
  };
  const values = async (formId: number, fields: number, from: string, to: string, step: string, format: string) => {
    // Entry units' rows in their store's key order (unit, period, cell), then each province's and the
    // country's as sums into the consolidating units' store.
    await sql`
      INSERT INTO analytics_values (form_id, cell_key, unit_id, period_start, period_id, value)
      SELECT ${formId}::int, 'c' || lpad(f::text, 3, '0'), c.unit_id, d::date, to_char(d, ${format}),
             ((c.unit_id * 31 + f * 17 + extract(doy FROM d)::int * 7) % 1000) + 100
      FROM bench_communes c, generate_series(${from}::date, ${to}::date, ${step}::interval) d,
           generate_series(1, ${fields}::int) f
      ORDER BY c.unit_id, d, 2`.execute(db);
    await sql`
      INSERT INTO analytics_rollups (form_id, cell_key, unit_id, period_start, period_id, value)
      SELECT v.form_id, v.cell_key, c.province_id, v.period_start, min(v.period_id), sum(v.value)
      FROM analytics_values v JOIN bench_communes c ON c.unit_id = v.unit_id
      WHERE v.form_id = ${formId} AND v.period_start BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1, 2, 3, 4`.execute(db);
    await sql`
      INSERT INTO analytics_rollups (form_id, cell_key, unit_id, period_start, period_id, value)
      SELECT v.form_id, v.cell_key, ${ids.root}::int, v.period_start, min(v.period_id), sum(v.value)
      FROM analytics_rollups v JOIN (SELECT DISTINCT province_id FROM bench_communes) p ON p.province_id = v.unit_id
      WHERE v.form_id = ${formId} AND v.period_start BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1, 2, 4`.execute(db);
  };
  for (let year = 0; year < MONTHS / 12; year++) {
    const from = `${2025 + year}-07-01`;
    const to = `${2026 + year}-06-01`;
    const t0 = Date.now();
    await values(ids.monthly, monthlyFields, from, to, '1 month', 'YYYYMM');
    await slices(ids.monthly, from, to, '1 month', 'YYYYMM');
    if (year < dailyYears) {
      await values(ids.daily, dailyFields, from, `${2026 + year}-06-30`, '1 day', 'YYYYMMDD');
      await slices(ids.daily, from, `${2026 + year}-06-30`, '1 day', 'YYYYMMDD');
    }
    console.log(`generated year ${year + 1}/${MONTHS / 12} in ${Date.now() - t0} ms`);
  }
  await sql`VACUUM ANALYZE analytics_values`.execute(db);
  await sql`VACUUM ANALYZE analytics_rollups`.execute(db);
  await sql`VACUUM ANALYZE analytics_slices`.execute(db);
  const count = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM analytics_values) + (SELECT count(*) FROM analytics_rollups) AS n`.execute(db);
  return { values: Number(count.rows[0]!.n), monthlyFields, dailyFields };
}

function startServer(url: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  return startProcess('server/src/main.ts', {
    DATABASE_URL: url,
    PORT: '0',
    HOST: '127.0.0.1',
    BAOCAO_DEMO: 'off',
    BAOCAO_ADMIN_PASSWORD: 'bench-admin-password-2026',
    LOG_LEVEL: 'warn',
    ...env,
  });
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

type Answer = { cells: { unitId: number; period: string; field: string; value: number | null }[] };

export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const dir = path.join(repo, '.bench-data', `postgres-${process.pid}`);
  const port = 55000 + Math.floor(Math.random() * 400);
  console.log(
    `analytics benchmark (${quick ? 'quick, ~10 M values' : 'full, ~100 M values'}): starting PostgreSQL … (load average ${loadavg()
      .map((l) => fmt(l, 1))
      .join(' / ')})`,
  );
  let pg: EmbeddedDatabase = await startEmbeddedPostgres(dir, port);
  let server: { child: ChildProcess; url: string } | null = null;
  let pool = createPool('postgres://invalid', 1);
  try {
    await ensureDatabase(pg.adminUrl, 'baocao_bench');
    let url = pg.urlFor('baocao_bench');
    pool = createPool(url, 4);
    let db = createDb(pool);
    await migrateToLatest(db, pool);
    await loadDemoUnits(db);
    const monthly = await insertRegime(db, 'BENCH-THANG', 'month', quick ? 38 : 400);
    const daily = await insertRegime(db, 'BENCH-NGAY', 'day', quick ? 2 : 3);
    const root = await db.selectFrom('units').select('id').where('code', '=', 'CP').executeTakeFirstOrThrow();
    const t0 = Date.now();
    const generated = await generate(db, { monthly, daily, root: root.id }, quick);
    console.log(`values: ${generated.values.toLocaleString('en')} in ${fmt((Date.now() - t0) / 1000)} s`);
    const communes = (
      await sql<{ unitId: number; provinceId: number }>`
        SELECT unit_id AS "unitId", province_id AS "provinceId" FROM bench_communes ORDER BY unit_id`.execute(db)
    ).rows;
    const provinces = [...new Set(communes.map((c) => c.provinceId))];
    const [admin] = await sessionsFor(db, [{ unitId: root.id, provinceId: root.id }], ['system_admin']);
    const officers = await sessionsFor(db, communes, ['entry_officer', 'approver']);

    // The board queries, with their parameters varied from one sample to the next.
    const monthlyKeys = Array.from({ length: 10 }, (_, i) => `${monthly}:${fieldCode(i + 1)}`);
    const dailyKeys = Array.from({ length: generated.dailyFields }, (_, i) => `${daily}:${fieldCode(i + 1)}`);
    const queries = {
      provinceMonths: (i: number) => ({
        fields: monthlyKeys,
        units: { level: 'province' },
        periods: { type: 'month', from: `${2026 + (i % 4)}01`, to: `${2026 + (i % 4)}12` },
      }),
      nationalDaily: (i: number) => {
        const end = new Date(Date.parse('2026-06-30') - (i % 200) * 86_400_000);
        const start = new Date(end.getTime() - 89 * 86_400_000);
        const id = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');
        return { fields: dailyKeys, units: { ids: [root.id] }, periods: { type: 'day', from: id(start), to: id(end) } };
      },
      communeRanking: (i: number) => ({
        fields: [monthlyKeys[i % 10]!],
        units: { level: 'commune', root: provinces[i % provinces.length]! },
        periods: { type: 'month', ids: [`${2026 + (i % 4)}${String((i % 12) + 1).padStart(2, '0')}`] },
      }),
    };
    const names = Object.keys(queries) as (keyof typeof queries)[];
    const ask = async (base: string, body: unknown) => {
      const t = performance.now();
      const text = await post(`${base}/api/v1/analytics/query`, body, admin!);
      return { ms: performance.now() - t, answer: JSON.parse(text) as Answer };
    };

    // The same answers in plain SQL over the communes' own rows.
    const rawSql = {
      provinceMonths: (i: number) => sql`
        SELECT c.parent_id AS unit_id, v.period_id, v.cell_key, sum(v.value) AS value
        FROM analytics_values v
        JOIN unit_parents c ON c.unit_id = v.unit_id AND c.hierarchy = 'administrative' AND c.valid_to IS NULL
        JOIN units u ON u.id = v.unit_id AND u.kind = 'ubnd_commune'
        WHERE v.form_id = ${monthly} AND v.period_start BETWEEN ${`${2026 + (i % 4)}-01-01`}::date AND ${`${2026 + (i % 4)}-12-01`}::date
          AND v.cell_key = ANY(${monthlyKeys.map((k) => k.split(':')[1]!)}::text[])
        GROUP BY 1, 2, 3`,
      nationalDaily: (i: number) => {
        const end = new Date(Date.parse('2026-06-30') - (i % 200) * 86_400_000);
        const start = new Date(end.getTime() - 89 * 86_400_000);
        return sql`
          SELECT v.period_id, v.cell_key, sum(v.value) AS value
          FROM analytics_values v JOIN units u ON u.id = v.unit_id AND u.kind = 'ubnd_commune'
          WHERE v.form_id = ${daily} AND v.period_start BETWEEN ${start.toISOString().slice(0, 10)}::date AND ${end.toISOString().slice(0, 10)}::date
          GROUP BY 1, 2`;
      },
      communeRanking: (i: number) => sql`
        SELECT v.unit_id, sum(v.value) AS value
        FROM analytics_values v
        JOIN unit_parents c ON c.unit_id = v.unit_id AND c.hierarchy = 'administrative' AND c.valid_to IS NULL
        WHERE c.parent_id = ${provinces[i % provinces.length]!} AND v.form_id = ${monthly}
          AND v.period_start = ${`${2026 + (i % 4)}-${String((i % 12) + 1).padStart(2, '0')}-01`}::date
          AND v.cell_key = ${fieldCode((i % 10) + 1)}
        GROUP BY 1 ORDER BY 2 DESC`,
    };

    // Warm: a round of warm-up over every sample's parameters, then the samples of the three
    // queries interleaved. (Warmed over the first five only, each ranking sample was the first
    // read of its province, month and field: the store's pages came from disk, which is what the
    // cold rounds below measure.)
    server = await startServer(url);
    const samples = quick ? 40 : 60;
    for (const name of names) for (let i = 0; i < samples; i++) await ask(server.url, queries[name](i));
    const warm: Record<string, number[]> = { provinceMonths: [], nationalDaily: [], communeRanking: [] };
    const raw: Record<string, number[]> = { provinceMonths: [], nationalDaily: [], communeRanking: [] };
    for (const name of names) for (let i = 0; i < 5; i++) await rawSql[name](i).execute(db);
    for (let i = 0; i < samples; i++)
      for (const name of names) {
        warm[name]!.push((await ask(server.url, queries[name](i))).ms);
        const t = performance.now();
        await rawSql[name](i).execute(db);
        raw[name]!.push(performance.now() - t);
      }
    // Correctness: the API's province figures equal the plain SQL's.
    const check = await ask(server.url, queries.provinceMonths(1));
    const rawCheck = await rawSql.provinceMonths(1).execute(db);
    const key = (u: number, p: string, c: string) => `${u}|${p}|${c}`;
    const expected = new Map(
      // The database's camel-case plugin renames the columns.
      (rawCheck.rows as { unitId: number; periodId: string; cellKey: string; value: number }[]).map((r) => [
        key(r.unitId, r.periodId, r.cellKey),
        Number(r.value),
      ]),
    );
    const mismatches = check.answer.cells.filter(
      (c) => c.value !== expected.get(key(c.unitId, c.period, c.field.split(':')[1]!)),
    ).length;
    console.log(
      `check: ${check.answer.cells.length} province × month × field cells, ${mismatches} differ from plain SQL ${mismatches === 0 ? 'OK' : 'MISMATCH'}`,
    );

    // Cold: PostgreSQL and the server restarted (shared buffers empty) and, if allowed, the page cache dropped.
    const cold: number[] = [];
    let dropped = true;
    const coldRounds = quick ? 4 : 6;
    for (let round = 0; round < coldRounds; round++) {
      await stopServer(server.child);
      server = null;
      await db.destroy();
      await pg.stop();
      try {
        await writeFile('/proc/sys/vm/drop_caches', '3\n');
      } catch {
        dropped = false;
      }
      pg = await startEmbeddedPostgres(dir, port);
      url = pg.urlFor('baocao_bench');
      pool = createPool(url, 4);
      db = createDb(pool);
      server = await startServer(url);
      for (const name of names) cold.push((await ask(server.url, queries[name](100 + round * 7))).ms);
    }
    console.log(`cold rounds: ${coldRounds}; OS page cache ${dropped ? 'dropped' : 'NOT dropped (not allowed here)'}`);

    // Submit throughput with and without the upkeep, alternating; each round a new month of every commune.
    const rates = { on: [] as number[], off: [] as number[] };
    // --no-upkeep-rounds skips this (the longest part on a loaded machine) when only the reads changed;
    // write_overhead then prints n/a.
    const modes: ('on' | 'off')[] = flags.includes('--no-upkeep-rounds') ? [] : ['off', 'on', 'off', 'on'];
    let warmed = false;
    for (const [round, mode] of modes.entries()) {
      await stopServer(server.child);
      server = await startServer(url, mode === 'off' ? { BAOCAO_ANALYTICS_UPKEEP: 'off' } : {});
      const base = server.url;
      const values = Object.fromEntries(
        Array.from({ length: generated.monthlyFields }, (_, i) => [fieldCode(i + 1), i + 1]),
      );
      if (!warmed) {
        await closedLoop(officers.slice(0, 300), CONCURRENCY, async (o) => {
          await post(
            `${base}/api/v1/reports/submit`,
            { formId: monthly, period: '202512', unitId: o.unitId, values },
            o,
          );
        });
        await waitForBackgroundWork(db, 20);
        warmed = true;
      }
      const period = `2026${String(round + 1).padStart(2, '0')}`;
      const units = quick ? officers.slice(0, 1600) : officers;
      const started = performance.now();
      await closedLoop(units, CONCURRENCY, async (o) => {
        await post(`${base}/api/v1/reports/submit`, { formId: monthly, period, unitId: o.unitId, values }, o);
      });
      await waitForBackgroundWork(db, 20);
      const rate = units.length / ((performance.now() - started) / 1000);
      rates[mode].push(rate);
      console.log(
        `submits (${mode === 'on' ? 'with' : 'without'} upkeep), ${period}: ${fmt(rate)}/s incl. background work`,
      );
    }

    // Freshness with 1,000 viewers: each submit's province event, timed on every connection.
    const fresh: number[] = [];
    const abort = new AbortController();
    const pending = new Map<number, { t: number; id: number }[]>();
    let connected = 0;
    const follow = async () => {
      const response = await fetch(`${server!.url}/api/v1/live`, {
        headers: { cookie: admin!.cookie },
        signal: abort.signal,
      });
      connected++;
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const seen = new Set<number>();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const data = buffer
              .slice(0, cut)
              .split('\n')
              .find((l) => l.startsWith('data: '));
            buffer = buffer.slice(cut + 2);
            if (data) {
              const event = JSON.parse(data.slice(6)) as { unitId: number; startedAt: number };
              const now = Date.now();
              for (const w of pending.get(event.unitId) ?? [])
                if (w.t < event.startedAt && !seen.has(w.id)) {
                  seen.add(w.id);
                  fresh.push(now - w.t);
                }
            }
            cut = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
    };
    const streams = Array.from({ length: LIVE_CONNECTIONS }, () => follow());
    while (connected < LIVE_CONNECTIONS) await new Promise((r) => setTimeout(r, 50));
    // Paced, not a closed loop: viewers watch a steady flow of reports (20 a second).
    const tracked = officers.slice(0, quick ? 200 : 400);
    const waiting: Promise<void>[] = [];
    for (const o of tracked) {
      waiting.push(
        (async () => {
          await post(
            `${server.url}/api/v1/reports/submit`,
            { formId: monthly, period: '202606', unitId: o.unitId, values: { c001: 1 } },
            o,
          );
          // Each viewer counts the first event of the province that started after this answer.
          const list = pending.get(o.provinceId) ?? [];
          list.push({ t: Date.now(), id: o.unitId });
          pending.set(o.provinceId, list);
        })(),
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(waiting);
    await waitForBackgroundWork(db, 20);
    await new Promise((r) => setTimeout(r, 2_000));
    abort.abort();
    await Promise.allSettled(streams);

    const all = names.flatMap((n) => warm[n]!);
    const rawAll = names.flatMap((n) => raw[n]!);
    for (const name of names) {
      const w = summarize(warm[name]!);
      const r = summarize(raw[name]!);
      console.log(
        `${name.padEnd(15)} API warm p50=${fmt(w.p50)} ms p95=${fmt(w.p95)} ms | plain SQL p50=${fmt(r.p50)} ms p95=${fmt(r.p95)} ms | SQL/API p95 = ${fmt(r.p95 / w.p95, 2)}`,
      );
    }
    // The machine is shared: its load says how far the absolute figures can be trusted.
    console.log(
      `load average at the end (1/5/15 min): ${loadavg()
        .map((l) => fmt(l, 1))
        .join(' / ')}`,
    );
    const w = summarize(all);
    const c = summarize(cold);
    const r = summarize(rawAll);
    const f = summarize(fresh);
    const on = summarize(rates.on).p50;
    const off = summarize(rates.off).p50;
    const overhead = Math.max(0, 1 - on / off);
    console.log(`cold: n=${c.n} p50=${fmt(c.p50)} ms p95=${fmt(c.p95)} ms max=${fmt(c.max)} ms`);
    console.log(
      `submit throughput: ${fmt(on)}/s with upkeep, ${fmt(off)}/s without (medians of ${rates.on.length} rounds each)`,
    );
    console.log(
      `freshness: ${f.n} event deliveries (${tracked.length} submits × ${LIVE_CONNECTIONS} viewers) p50=${fmt(f.p50)} ms p95=${fmt(f.p95)} ms max=${fmt(f.max)} ms`,
    );
    console.log(
      `analytics: values=${generated.values} p50=${fmt(w.p50)} p95=${fmt(w.p95)} cold_p95=${fmt(c.p95)} raw_sql_p95=${fmt(r.p95)} write_overhead=${fmt(overhead, 2)} fresh_p95_1000=${fmt(f.p95)}`,
    );
  } finally {
    if (server) server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1_000));
    await pool.end().catch(() => {});
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}.password`, { force: true });
  }
}
