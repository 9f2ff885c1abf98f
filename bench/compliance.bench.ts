/**
 * The compliance board and statistics on the national demo tree (Vietnam's units
 * before and after the 2025 reform, the three demo regimes), in-process through
 * app.inject as the system administrator (the widest view): each request is one
 * SQL statement over every expected unit. The history is empty, so every unit is
 * judged (and found missing) but no submission row is read: a lower bound on a
 * filled database's work.
 *
 * Baseline, in the same run: one flat statement that reads every unit of the owing
 * kinds valid on the period's date with its submissions of the period — no hierarchy
 * walk, no scope, no deadlines — the least any board must do.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app';
import { createDb, createPool } from '../server/src/db/database';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import { migrateToLatest } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/open';
import { loadDemoRegimes } from '../server/src/features/demo/demo-regimes';
import { loadDemoTreasury } from '../server/src/features/demo/demo-treasury';
import { loadDemoUnits } from '../server/src/features/demo/demo-units';
import { ensureAdmin, ensureRootUnit, loadCommonPasswords } from '../server/src/features/setup/bootstrap';
import { fmt, summarize } from './lib';

const PASSWORD = 'bench-admin-password-2026';
const repo = path.resolve(import.meta.dirname, '..');

/** Each case: a regime, the board's period and the statistics' range. */
const cases = [
  { code: 'NQ68-HANG-NGAY', period: '20210815', date: '2021-08-15', from: '20210801', to: '20210830' },
  { code: 'KTXH-HANG-THANG', period: '202509', date: '2025-09-01', from: '202508', to: '202512' },
  { code: 'VPCP-KSTT-HANG-QUY', period: '2024Q2', date: '2024-04-01', from: '2024Q1', to: '2026Q2' },
];

export async function run(flags: string[]): Promise<void> {
  const runs = flags.includes('--quick') ? 2 : 5;
  const dir = path.join(repo, '.bench-data', `postgres-${process.pid}`);
  console.log('compliance benchmark: starting an embedded PostgreSQL and loading the demo tree …');
  const pg = await startEmbeddedPostgres(dir, 55400 + Math.floor(Math.random() * 400));
  try {
    await ensureDatabase(pg.adminUrl, 'baocao_bench');
    const pool = createPool(pg.urlFor('baocao_bench'), 4);
    const db = createDb(pool);
    await migrateToLatest(db, pool);
    await loadCommonPasswords(db);
    await loadDemoUnits(db);
    await loadDemoTreasury(db);
    await loadDemoRegimes(db);
    await ensureAdmin(db, await ensureRootUnit(db), PASSWORD);
    const app = await buildApp({
      db,
      pool,
      config: { secureCookies: false, webDist: '/nonexistent', logLevel: 'warn' },
      logger: false,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    const cookie = String(
      [login.headers['set-cookie']].flat().find((c) => String(c).startsWith('baocao_session=')),
    ).split(';')[0]!;
    const get = async (url: string) => {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return { ms: performance.now() - started, json: response.json() };
    };
    const regimes = (await get('/api/v1/regimes?limit=50')).json.items as { id: number; code: string }[];
    const lines: string[] = [];
    for (const c of cases) {
      const id = regimes.find((r) => r.code === c.code)!.id;
      const board = `/api/v1/compliance/board?regimeId=${id}&periodId=${c.period}`;
      const stats = `/api/v1/compliance/stats?regimeId=${id}&from=${c.from}&to=${c.to}`;
      const first = await get(board);
      await get(stats);
      const kinds = [...new Set(first.json.rows.map((r: { unit: { kind: string } }) => r.unit.kind))] as string[];
      const flat = async () => {
        const started = performance.now();
        await sql`SELECT u.id, s.state FROM units u
          LEFT JOIN submissions s ON s.unit_id = u.id AND s.period_id = ${c.period}
          WHERE u.kind = ANY(${kinds}::text[]) AND daterange(u.valid_from, u.valid_to, '[]') @> ${c.date}::date`.execute(
          db,
        );
        return performance.now() - started;
      };
      await flat();
      const boardMs: number[] = [];
      const statsMs: number[] = [];
      const flatMs: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        boardMs.push((await get(board)).ms);
        statsMs.push((await get(stats)).ms);
        flatMs.push(await flat());
      }
      const b = summarize(boardMs);
      const s = summarize(statsMs);
      const f = summarize(flatMs);
      const periods = (await get(stats)).json.periods.length;
      lines.push(
        `${c.code}: board ${c.period} (${first.json.totals.expected} units) p50 ${fmt(b.p50)} ms (flat baseline ${fmt(f.p50)} ms); stats ${periods} periods p50 ${fmt(s.p50)} ms`,
      );
      console.log(lines.at(-1));
    }
    await app.close();
    await db.destroy();
    console.log(`compliance: ${lines.join(' | ')}`);
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}.password`, { force: true });
  }
}
