/**
 * Imports of report data through the API: a plain CSV file of N values
 * (`form,unit,period,cell,value`: 1,000 communes × days × the 3 input cells of the
 * fixture's daily form; `--format=json`: the same values as native JSON), posted in files of 60,000 values to `POST /imports` in
 * process (app.inject, the administrator's session), each answered at once and
 * written set-based in its transaction. Each file is streamed as it is generated (no
 * Content-Length; `--whole-body` posts it whole, as before the streaming import), so peak
 * RSS (sampled every 50 ms) tells whether memory follows a file's size.
 *
 * Baseline, in the same run: PostgreSQL's raw `COPY … FROM` file of the same rows,
 * file by file, into an equivalent narrow table with no index — the least a load can do.
 */
import { chmod, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app';
import { createDb, createPool } from '../server/src/db/database';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import { migrateToLatest } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/open';
import { ensureAdmin, ensureRootUnit, loadCommonPasswords } from '../server/src/features/setup/bootstrap';
import { seedRegime } from '../server/test/regime-fixture';
import { cpuMs, fmt } from './lib';

const PASSWORD = 'bench-admin-password-2026';
const repo = path.resolve(import.meta.dirname, '..');
const COMMUNES = 1000;
const CELLS = ['nhan', 'duyet', 'tien'];
/** Values per posted file (`--file-values=N`; run two sizes to see whether peak memory follows a file's size). */
const DEFAULT_FILE_VALUES = 60_000;

/**
 * Day ids by index, built once: the generator runs in the measured process as it streams the
 * body, and a `Date` per value was ≈ 2.7 µs of the client's CPU per value counted as Node's.
 */
const days: string[] = [];
function day(index: number): string {
  days[index] ??= new Date(Date.UTC(2021, 6, 1) + index * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return days[index]!;
}

/** The file of values [from, to), as CSV lines (one report = 3 consecutive values). */
function fileOf(formRef: string, from: number, to: number): string {
  const lines = ['form,unit,period,cell,value'];
  for (let v = from; v < to; v++) {
    const report = Math.floor(v / CELLS.length);
    const cell = v % CELLS.length;
    const unit = report % COMMUNES;
    const d = Math.floor(report / COMMUNES);
    const value = cell === 0 ? 100 + (report % 50) : cell === 1 ? 50 : 1.5;
    lines.push(`${formRef},BX${unit},${day(d)},${CELLS[cell]},${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The same file as {@link fileOf}, generated as it is sent, in pieces of about 64 KB: posted as a
 * stream (no Content-Length), as a streaming client sends it, so neither side holds the file whole.
 * `json`: the same values as native JSON (`{"values": [{form, unit, period, cell, value}, …]}`).
 */
function* filePieces(formRef: string, from: number, to: number, json = false): Generator<Buffer> {
  let out = json ? '{"values": [\n' : 'form,unit,period,cell,value\n';
  for (let v = from; v < to; v++) {
    const report = Math.floor(v / CELLS.length);
    const cell = v % CELLS.length;
    const unit = report % COMMUNES;
    const d = Math.floor(report / COMMUNES);
    const value = cell === 0 ? 100 + (report % 50) : cell === 1 ? 50 : 1.5;
    out += json
      ? `${v > from ? ',' : ''}{"form":"${formRef}","unit":"BX${unit}","period":"${day(d)}","cell":"${CELLS[cell]}","value":${value}}\n`
      : `${formRef},BX${unit},${day(d)},${CELLS[cell]},${value}\n`;
    if (out.length >= 64 * 1024) {
      yield Buffer.from(out);
      out = '';
    }
  }
  if (json) out += ']}\n';
  if (out) yield Buffer.from(out);
}

/** Loads auto_explain on every connection of the pool, its plans sent back as notices and printed. */
function explainSlowStatements(pool: ReturnType<typeof createPool>, ms: number) {
  pool.on('connect', (client) => {
    client.on('notice', (notice) => console.error(notice.message));
    void client
      .query(
        `LOAD 'auto_explain'; SET auto_explain.log_min_duration = ${Math.trunc(ms)}; SET auto_explain.log_analyze = on;
        SET auto_explain.log_buffers = on; SET auto_explain.log_verbose = on; SET auto_explain.log_triggers = on;
        SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`,
      )
      .catch((error: Error) => console.error(`auto_explain: ${error.message}`));
  });
}

export async function run(flags: string[]): Promise<void> {
  const asked = flags.find((f) => f.startsWith('--values='));
  const total = asked ? Number(asked.slice('--values='.length)) : flags.includes('--quick') ? 1_000_000 : 10_000_000;
  const fileFlag = flags.find((f) => f.startsWith('--file-values='));
  const FILE_VALUES = fileFlag ? Number(fileFlag.slice('--file-values='.length)) : DEFAULT_FILE_VALUES;
  // `--whole-body`: each file built whole and posted with its Content-Length (as before the streaming import).
  const wholeBody = flags.includes('--whole-body');
  // `--format=json`: the files are native JSON (`POST /imports?format=native`) instead of CSV.
  const json = flags.includes('--format=json');
  // `--explain[=ms]`: the plans (ANALYZE, BUFFERS, VERBOSE, triggers, nested statements) of every
  // statement slower than ms (default 20), printed to stderr (auto_explain, sent as notices).
  const explainFlag = flags.find((f) => f === '--explain' || f.startsWith('--explain='));
  const explainMs = explainFlag ? Number(explainFlag.split('=')[1] ?? 20) : null;
  const values = total - (total % (CELLS.length * COMMUNES));
  const dir = path.join(repo, '.bench-data', `postgres-${process.pid}`);
  const tmp = path.join(os.tmpdir(), `baocao-import-bench-${process.pid}.csv`);
  console.log(
    `import benchmark: ${values} values in files of ${FILE_VALUES}; load average ${os
      .loadavg()
      .map((l) => fmt(l, 1))
      .join(' ')}; starting an embedded PostgreSQL …`,
  );
  const pg = await startEmbeddedPostgres(dir, 55400 + Math.floor(Math.random() * 400));
  try {
    // A database name of its own, so the CPU of its server processes can be told from others' on a shared machine.
    const database = `baocao_bench_import_${process.pid}`;
    const pgCpu = () => cpuMs((c) => c.startsWith('postgres:') && c.includes(database));
    await ensureDatabase(pg.adminUrl, database);
    const pool = createPool(pg.urlFor(database), 4);
    if (explainMs !== null) explainSlowStatements(pool, explainMs);
    const db = createDb(pool);
    await migrateToLatest(db, pool);
    await loadCommonPasswords(db);
    const root = await ensureRootUnit(db);
    await ensureAdmin(db, root, PASSWORD);
    // One province, one district, 1,000 communes on the administrative hierarchy.
    await sql`WITH p AS (INSERT INTO units (code, name, kind, search_text) VALUES ('BT', 'Tỉnh', 'ubnd_province', 'bt') RETURNING id),
      d AS (INSERT INTO units (code, name, kind, search_text) VALUES ('BH', 'Huyện', 'ubnd_district', 'bh') RETURNING id),
      c AS (INSERT INTO units (code, name, kind, search_text)
        SELECT 'BX' || i, 'Xã ' || i, 'ubnd_commune', 'bx' || i FROM generate_series(0, ${COMMUNES - 1}) i RETURNING id)
      INSERT INTO unit_parents (hierarchy, unit_id, parent_id)
      SELECT 'administrative', p.id, ${root}::int FROM p
      UNION ALL SELECT 'administrative', d.id, p.id FROM d, p
      UNION ALL SELECT 'administrative', c.id, d.id FROM c, d`.execute(db);
    const rg = await seedRegime(db);
    const formRef = String(rg.formId);
    const app = await buildApp({
      db,
      pool,
      config: { secureCookies: false, webDist: '/nonexistent', logLevel: 'warn' },
      logger: false,
      imports: { bodyLimit: 256 * 1024 * 1024, inlineBytes: 1024 * 1024 * 1024, tokenRatePerMinute: 120 },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    const cookies = [login.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]!);
    const csrf = login.json().csrfToken as string;
    // RSS once the app is up, before the first file: the import's own growth is the peak above it.
    const startRss = process.memoryUsage().rss;
    let peak = startRss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);

    let importMs = 0;
    let nodeCpuMs = 0;
    let pgCpuMs = 0;
    for (let from = 0; from < values; from += FILE_VALUES) {
      const to = Math.min(values, from + FILE_VALUES);
      const body = wholeBody
        ? json
          ? Buffer.concat([...filePieces(formRef, from, to, true)])
          : fileOf(formRef, from, to)
        : Readable.from(filePieces(formRef, from, to, json));
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const pgBefore = pgCpu();
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/imports?format=${json ? 'native' : 'csv'}`,
        headers: {
          cookie: cookies.join('; '),
          'x-csrf-token': csrf,
          'content-type': json ? 'application/json' : 'text/csv',
        },
        payload: body,
      });
      importMs += performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      nodeCpuMs += (cpu.user + cpu.system) / 1000;
      pgCpuMs += pgCpu() - pgBefore;
      if (response.statusCode !== 200) throw new Error(`import: ${response.statusCode} ${response.body.slice(0, 500)}`);
    }
    clearInterval(sampler);
    const rate = values / (importMs / 1000);
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM submission_revisions WHERE channel = 'import'`.execute(db);
    console.log(
      `API import: ${values} values (${stored.rows[0]!.n} revisions) in ${fmt(importMs / 1000)} s: ${fmt(rate, 0)} values/s, peak RSS ${fmt(peak / 1048576, 0)} MB`,
    );
    // CPU time does not stretch with the machine's load as wall time does.
    console.log(
      `CPU per 1,000 values: Node ${fmt((nodeCpuMs / values) * 1000, 1)} ms, PostgreSQL backends ${fmt((pgCpuMs / values) * 1000, 1)} ms`,
    );

    await sql`CREATE TABLE bench_copy (form text, unit text, period text, cell text, value numeric)`.execute(db);
    let copyMs = 0;
    const copyCpuBefore = pgCpu();
    for (let from = 0; from < values; from += FILE_VALUES) {
      await writeFile(tmp, fileOf(formRef, from, Math.min(values, from + FILE_VALUES)));
      await chmod(tmp, 0o644);
      const started = performance.now();
      await sql`COPY bench_copy FROM ${sql.lit(tmp)} WITH (FORMAT csv, HEADER true)`.execute(db);
      copyMs += performance.now() - started;
    }
    const copyRate = values / (copyMs / 1000);
    const copyCpuMs = pgCpu() - copyCpuBefore;
    console.log(
      `COPY baseline: ${values} rows in ${fmt(copyMs / 1000)} s: ${fmt(copyRate, 0)} rows/s; CPU per 1,000 rows: PostgreSQL ${fmt((copyCpuMs / values) * 1000, 1)} ms`,
    );
    await app.close();
    await db.destroy();
    console.log(
      `import: values=${values} file_values=${FILE_VALUES}${json ? ' format=json' : ''}${wholeBody ? ' whole_body' : ''} rate=${Math.round(rate)} copy_rate=${Math.round(copyRate)} ratio=${fmt(rate / copyRate, 2)} peak_rss_mb=${Math.round(peak / 1048576)} start_rss_mb=${Math.round(startRss / 1048576)} node_cpu_ms_per_1k=${fmt((nodeCpuMs / values) * 1000, 1)} pg_cpu_ms_per_1k=${fmt((pgCpuMs / values) * 1000, 1)} copy_cpu_ms_per_1k=${fmt((copyCpuMs / values) * 1000, 1)} load=${fmt(os.loadavg()[0]!, 1)}`,
    );
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}.password`, { force: true });
    await rm(tmp, { force: true });
  }
}
