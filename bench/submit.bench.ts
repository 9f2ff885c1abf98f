/**
 * The daily peak of the COVID-19 support flow, over HTTP against a running
 * server on the demo tree: every district agency (4 × 696 entry units) submits a
 * 100-cell form, then the 696 district People's Committees and the 63 provinces
 * send their consolidations — compressed in time by a closed loop of 32 clients,
 * each request signed in as the unit's own officer, with every layer on
 * (validation, authorization, audit, consolidation upkeep, live fan-out).
 *
 * Freshness: the time from a submit's answer until a live event shows that the
 * province's and the national consolidation were refreshed from a snapshot taken
 * after that submit committed (the worker stamps each batch with its start).
 *
 * Baseline, in the same run: a bare Fastify route doing the same row writes with
 * plain `pg` (bench/baseline-server.ts), driven by the same closed loop.
 */
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FormDefinition, RegimeDefinition } from '@baocao/domain';
import { sql } from 'kysely';
import { createDb, createPool, type Db } from '../server/src/db/database';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import { migrateToLatest } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/open';
import { loadDemoUnits } from '../server/src/features/demo/demo-units';
import {
  closedLoop,
  cpuMs,
  fmt,
  insertPublishedForm,
  openSessions,
  post,
  startProcess,
  summarize,
  waitForBackgroundWork,
} from './lib';

const CONCURRENCY = 32;
const PERIOD = '20210801';
const BASELINE_PERIOD = '20210802';
// Warm-up (not measured): the server and the baseline each first serve this many
// submits of another day, so the figures are the peak of a running server, not
// of a cold start (JIT compilation, first prepared statements, caches).
const WARMUP = 320;
const WARMUP_PERIOD = '20210731';
const BASELINE_WARMUP_PERIOD = '20210803';
// Entry submits and the baseline alternate in this many rounds.
const ROUNDS = 4;
const FIELDS = 100;
const repo = path.resolve(import.meta.dirname, '..');

function benchForm(): FormDefinition {
  const fields = Array.from({ length: FIELDS }, (_, i) => ({
    code: `c${String(i + 1).padStart(3, '0')}`,
    label: { vi: `Chỉ tiêu ${i + 1}`, en: `Item ${i + 1}` },
    type: 'integer' as const,
    min: 0,
    aggregation: { hierarchy: 'sum' as const, time: 'last' as const },
  }));
  return {
    code: 'BENCH',
    title: { vi: 'Biểu đo hiệu năng (100 chỉ tiêu)', en: 'Benchmark form (100 items)' },
    entryUnitKinds: [
      'labour_office_district',
      'treasury_district',
      'social_insurance_district',
      'social_policy_bank_district',
    ],
    optionSets: [],
    sections: [
      {
        code: 'S1',
        title: { vi: 'Số liệu', en: 'Figures' },
        layout: 'list',
        fields: [
          ...fields,
          {
            code: 'ty_le',
            label: { vi: 'Tỷ lệ', en: 'Share' },
            type: 'percent',
            expression: 'round(#{c002} / #{c001} * 100, 1)',
            aggregation: { hierarchy: 'none', time: 'last' },
          },
        ],
      },
    ],
    rules: [
      {
        code: 'R1',
        left: '#{c002}',
        operator: '<=',
        right: '#{c001}',
        severity: 'error',
        message: { vi: 'c002 ≤ c001', en: 'c002 ≤ c001' },
      },
    ],
  };
}

const regime: RegimeDefinition = {
  name: { vi: 'Đo hiệu năng: báo cáo hằng ngày', en: 'Benchmark: daily report' },
  content: 'Benchmark',
  reportingUnits: 'Đơn vị cấp huyện',
  receivingAgency: 'Bộ LĐTBXH',
  sendingMethod: 'API',
  deadline: '16:00',
  frequency: 'day',
  dataWindow: 'calendar',
  outlineTemplate: '',
  procedure: '',
  legalBasis: 'Benchmark',
  ownerUnitCode: 'BLDTBXH',
  hierarchy: 'administrative',
  consolidatingUnitKinds: ['ubnd_district', 'ubnd_province'],
  consolidationCounts: 'submitted',
  recipientUnitCodes: ['BLDTBXH'],
  schedules: [],
  allowLateSubmission: true,
  validFrom: '2021-07-01',
  validTo: '2022-12-31',
};

interface Officer {
  unitId: number;
  userId: number;
  cookie: string;
  csrf: string;
  districtId: number;
  provinceId: number;
}

async function setup(db: Db, quick: boolean) {
  await loadDemoUnits(db);
  const { regimeId, formId, versionId } = await insertPublishedForm(
    db,
    { code: 'BENCH', definition: regime },
    { code: 'BENCH', definition: benchForm() },
  );
  // Units on the pre-reform tree: agency → district → province → Government.
  const rows = await sql<{ unitId: number; kind: string; districtId: number | null; provinceId: number | null }>`
    SELECT u.id AS unit_id, u.kind,
      CASE WHEN u.kind = 'ubnd_district' THEN u.id ELSE d.id END AS district_id,
      CASE WHEN u.kind = 'ubnd_province' THEN u.id WHEN u.kind = 'ubnd_district' THEN pd.parent_id ELSE pp.parent_id END AS province_id
    FROM units u
    LEFT JOIN unit_parents pa ON pa.unit_id = u.id AND pa.valid_to = '2025-06-30' AND pa.hierarchy = 'administrative'
    LEFT JOIN units d ON d.id = pa.parent_id AND d.kind = 'ubnd_district'
    LEFT JOIN unit_parents pd ON pd.unit_id = u.id AND pd.valid_from <= '2021-08-01' AND (pd.valid_to IS NULL OR pd.valid_to >= '2021-08-01') AND u.kind = 'ubnd_district'
    LEFT JOIN unit_parents pp ON pp.unit_id = d.id AND pp.valid_from <= '2021-08-01' AND (pp.valid_to IS NULL OR pp.valid_to >= '2021-08-01')
    WHERE u.kind IN ('labour_office_district', 'treasury_district', 'social_insurance_district', 'social_policy_bank_district', 'ubnd_district', 'ubnd_province')
      AND u.valid_from <= '2021-08-01' AND (u.valid_to IS NULL OR u.valid_to >= '2021-08-01')
    ORDER BY u.id`.execute(db);
  let units = rows.rows;
  if (quick) {
    const districts = new Set(
      units
        .filter((u) => u.kind === 'ubnd_district')
        .map((u) => u.unitId)
        .slice(0, 120),
    );
    const provinces = new Set(units.filter((u) => districts.has(u.unitId)).map((u) => u.provinceId));
    units = units.filter((u) => (u.kind === 'ubnd_province' ? provinces.has(u.unitId) : districts.has(u.districtId!)));
  }
  // One account and one open session per unit.
  const byUnit = new Map(units.map((u) => [u.unitId, u]));
  const sessions = await openSessions(
    db,
    units.map((u) => u.unitId),
    ['entry_officer', 'approver'],
    (unitId) => `bench.${unitId}`,
  );
  const officers = new Map<number, Officer>();
  for (const session of sessions) {
    const u = byUnit.get(session.unitId)!;
    officers.set(u.unitId, { ...session, districtId: u.districtId ?? 0, provinceId: u.provinceId ?? 0 });
  }
  const root = await db.selectFrom('units').select('id').where('code', '=', 'CP').executeTakeFirstOrThrow();
  const [admin] = await openSessions(db, [root.id], ['system_admin'], () => 'bench.admin');
  return {
    regimeId,
    formId,
    versionId,
    rootId: root.id,
    adminCookie: admin!.cookie,
    agencies: units
      .filter((u) => !['ubnd_district', 'ubnd_province'].includes(u.kind))
      .map((u) => officers.get(u.unitId)!),
    districts: units.filter((u) => u.kind === 'ubnd_district').map((u) => officers.get(u.unitId)!),
    provinces: units.filter((u) => u.kind === 'ubnd_province').map((u) => officers.get(u.unitId)!),
  };
}

function values(seed: number): Record<string, number> {
  const result: Record<string, number> = {};
  for (let i = 1; i <= FIELDS; i++) result[`c${String(i).padStart(3, '0')}`] = ((seed * 31 + i * 17) % 1000) + 1000;
  result.c002 = 500;
  return result;
}

/** Follows the server's live stream and measures how fast submits reach the province and national consolidations. */
function followLive(url: string, cookie: string) {
  const pending = new Map<number, { t0: number; kind: 'province' | 'national' }[]>();
  const fresh = { province: [] as number[], national: [] as number[] };
  const abort = new AbortController();
  const ready = (async () => {
    const response = await fetch(`${url}/api/v1/live`, { headers: { cookie }, signal: abort.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) {
              const event = JSON.parse(data.slice(6)) as { unitId: number; startedAt: number };
              const waiting = pending.get(event.unitId);
              if (waiting) {
                const now = Date.now();
                const keep = waiting.filter((w) => {
                  if (w.t0 < event.startedAt) {
                    fresh[w.kind].push(now - w.t0);
                    return false;
                  }
                  return true;
                });
                pending.set(event.unitId, keep);
              }
            }
            cut = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
    })();
  })();
  return {
    ready,
    track(provinceId: number, rootId: number, t0: number) {
      for (const [unitId, kind] of [
        [provinceId, 'province'],
        [rootId, 'national'],
      ] as const) {
        const list = pending.get(unitId) ?? [];
        list.push({ t0, kind });
        pending.set(unitId, list);
      }
    },
    fresh,
    stop: () => abort.abort(),
  };
}

const cpuNow = () => [
  cpuMs((c) => c.includes('server/src/main.ts') || c.includes('bench/baseline-server.ts')),
  cpuMs((c) => c.startsWith('postgres')),
  cpuMs((c) => c.includes('bench/run.ts')),
];

/** Requests measured over several rounds: time in flight, latencies, and CPU (server, PostgreSQL, client). */
class Phase {
  seconds = 0;
  latencies: number[] = [];
  cpu = [0, 0, 0];

  async measure(run: () => Promise<{ seconds: number; latencies: number[] }>, settle: () => Promise<void>) {
    const before = cpuNow();
    const result = await run();
    await settle();
    const after = cpuNow();
    this.seconds += result.seconds;
    this.latencies.push(...result.latencies);
    this.cpu = this.cpu.map((v, i) => v + after[i]! - before[i]!);
  }

  cpuPerRequest() {
    return this.cpu.map((v) => v / this.latencies.length);
  }
}

export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const dir = path.join(repo, '.bench-data', `postgres-${process.pid}`);
  console.log(`submit benchmark (${quick ? 'quick' : 'full'}): starting an embedded PostgreSQL …`);
  const pg = await startEmbeddedPostgres(dir, 55400 + Math.floor(Math.random() * 400));
  const children: ChildProcess[] = [];
  try {
    await ensureDatabase(pg.adminUrl, 'baocao_bench');
    const url = pg.urlFor('baocao_bench');
    const pool = createPool(url, 4);
    const db = createDb(pool);
    await migrateToLatest(db, pool);
    const setupStarted = Date.now();
    const s = await setup(db, quick);
    console.log(
      `setup: ${s.agencies.length} entry units, ${s.districts.length} districts, ${s.provinces.length} provinces in ${Date.now() - setupStarted} ms`,
    );

    const server = await startProcess('server/src/main.ts', {
      DATABASE_URL: url,
      PORT: '0',
      BAOCAO_DEMO: 'off',
      BAOCAO_ADMIN_PASSWORD: 'bench-admin-password-2026',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
    }).catch(async (error) => {
      throw error;
    });
    children.push(server.child);
    const live = followLive(server.url, s.adminCookie);
    await live.ready;

    const baseline = await startProcess('bench/baseline-server.ts', { DATABASE_URL: url, PORT: '0' });
    children.push(baseline.child);
    const submit = (o: Officer, body: object, period = PERIOD) =>
      post(`${server.url}/api/v1/reports/submit`, { formId: s.formId, period, unitId: o.unitId, ...body }, o);
    const baselineSubmit = (o: Officer, period: string) =>
      post(
        `${baseline.url}/baseline/submit`,
        {
          regimeId: s.regimeId,
          formId: s.formId,
          versionId: s.versionId,
          unitId: o.unitId,
          period,
          userId: o.userId,
          values: values(o.unitId),
        },
        null,
      );
    await closedLoop(s.agencies.slice(0, WARMUP), CONCURRENCY, async (o) => {
      await submit(o, { values: values(o.unitId) }, WARMUP_PERIOD);
    });
    await closedLoop(s.districts.slice(0, WARMUP / 4), CONCURRENCY, async (o) => {
      await submit(o, {}, WARMUP_PERIOD);
    });
    await closedLoop(s.agencies.slice(0, WARMUP), CONCURRENCY, async (o) => {
      await baselineSubmit(o, BASELINE_WARMUP_PERIOD);
    });
    await waitForBackgroundWork(db, 50);

    // The entry submits and the baseline run in alternating rounds over the same units, so
    // both meet the same moments of a noisy machine. Each Baocao round includes its
    // background work (consolidation, audit sealing) until it is done, in CPU and before
    // the next round; rates count only the time requests were in flight.
    const entry = new Phase();
    const base = new Phase();
    const roundSize = Math.ceil(s.agencies.length / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const units = s.agencies.slice(round * roundSize, (round + 1) * roundSize);
      await entry.measure(
        () =>
          closedLoop(units, CONCURRENCY, async (o) => {
            await submit(o, { values: values(o.unitId) });
            live.track(o.provinceId, s.rootId, Date.now());
          }),
        () => waitForBackgroundWork(db, 50),
      );
      await base.measure(
        () =>
          closedLoop(units, CONCURRENCY, async (o) => {
            await baselineSubmit(o, BASELINE_PERIOD);
          }),
        async () => {},
      );
    }
    const districts = await closedLoop(s.districts, CONCURRENCY, async (o) => {
      await submit(o, {});
    });
    const provinces = await closedLoop(s.provinces, CONCURRENCY, async (o) => {
      await submit(o, {});
    });
    await new Promise((r) => setTimeout(r, 2_000));
    live.stop();

    // Correctness spot check: the national consolidation sums every entry unit.
    const national = await db
      .selectFrom('consolidations')
      .select('values')
      .where('unitId', '=', s.rootId)
      .where('formId', '=', s.formId)
      .where('periodId', '=', PERIOD)
      .executeTakeFirst();
    const expected = s.agencies.reduce((sum, o) => sum + values(o.unitId).c001!, 0);
    const actual = (national?.values as Record<string, number> | undefined)?.c001;
    console.log(`check: national c001 = ${actual} (expected ${expected}) ${actual === expected ? 'OK' : 'MISMATCH'}`);

    const e = summarize(entry.latencies);
    const d = summarize(districts.latencies);
    const p = summarize(provinces.latencies);
    const fp = summarize(live.fresh.province);
    const fn = summarize(live.fresh.national);
    const b = summarize(base.latencies);
    const rate = entry.latencies.length / entry.seconds;
    const baseRate = base.latencies.length / base.seconds;
    const entryCpu = entry.cpuPerRequest();
    const baseCpu = base.cpuPerRequest();
    console.log(
      `entry submits:     ${e.n} in ${fmt(entry.seconds)} s = ${fmt(rate)}/s  p50=${fmt(e.p50)} ms p99=${fmt(e.p99)} ms`,
    );
    console.log(
      `district sends:    ${d.n} in ${fmt(districts.seconds)} s = ${fmt(d.n / districts.seconds)}/s  p50=${fmt(d.p50)} ms p99=${fmt(d.p99)} ms`,
    );
    console.log(`province sends:    ${p.n} in ${fmt(provinces.seconds)} s  p50=${fmt(p.p50)} ms p99=${fmt(p.p99)} ms`);
    console.log(
      `freshness province: n=${fp.n}/${e.n} p50=${fmt(fp.p50)} ms p95=${fmt(fp.p95)} ms; national: n=${fn.n}/${e.n} p50=${fmt(fn.p50)} ms p95=${fmt(fn.p95)} ms`,
    );
    console.log(
      `baseline (bare Fastify + pg, same writes): ${b.n} in ${fmt(base.seconds)} s = ${fmt(baseRate)}/s  p50=${fmt(b.p50)} ms p99=${fmt(b.p99)} ms`,
    );
    const cpuLine = (c: number[]) =>
      `server ${fmt(c[0]!, 2)} + PostgreSQL ${fmt(c[1]!, 2)} + load client ${fmt(c[2]!, 2)} = ${fmt(c[0]! + c[1]! + c[2]!, 2)} ms`;
    console.log(`CPU per submit:    Baocao ${cpuLine(entryCpu)}; baseline ${cpuLine(baseCpu)}`);
    await db.destroy();
    console.log(
      `submit: rate=${fmt(rate)} p50=${fmt(e.p50)} p99=${fmt(e.p99)} fresh_p95=${fmt(Math.max(fp.p95, fn.p95))} baseline_ratio=${fmt(rate / baseRate, 2)}`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1_000));
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}.password`, { force: true });
  }
}
