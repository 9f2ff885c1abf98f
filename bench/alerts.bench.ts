/**
 * The warning ladder at the deadline of the daily regime (NQ68-HANG-NGAY, due 16:00) on the
 * national demo tree: one officer with an e-mail address per unit, two thirds of the entry units
 * have submitted (set-based SQL), then the job runner starts on a clock moved so that the
 * deadline falls on the next real minute, when graphile-worker's crontab fires the ladder.
 *
 * Measured from that minute (the deadline): per sampled recipient, until its notice is readable
 * through GET /api/v1/notices (each sample polled in turn, as soon as its previous answer came:
 * a condition, not a timer); per e-mail, until the in-process SMTP server accepted it.
 * Duplicates: notices of one person with the same dedupe key, e-mails with the same
 * Message-ID, and e-mails with the same recipient and subject; the ladder is run a second time
 * at the end to show a repeated run adds nothing.
 *
 * Baseline, in the same run: raw PostgreSQL inserting the same number of notice rows in one
 * statement (the least the inbox half can cost).
 *
 * `--quick`: accounts (hence notices and e-mails) only for the units of five provinces; the
 * ladder still judges the whole tree.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parsePeriod } from '@baocao/domain';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app';
import { createDb, createPool } from '../server/src/db/database';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import { migrateToLatest } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/open';
import { loadDemoRegimes } from '../server/src/features/demo/demo-regimes';
import { loadDemoTreasury } from '../server/src/features/demo/demo-treasury';
import { loadDemoUnits } from '../server/src/features/demo/demo-units';
import { startJobRunner } from '../server/src/jobs/runner';
import { ReportCatalog } from '../server/src/reporting/report-context';
import { startSmtpServer } from '../server/test/smtp-test-server';
import { fmt, summarize } from './lib';

const REGIME = 'NQ68-HANG-NGAY';
const PERIOD = '20210815';
const DATE = '2021-08-15';
const SAMPLES = 200;
const repo = path.resolve(import.meta.dirname, '..');

export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const dir = path.join(repo, '.bench-data', `postgres-${process.pid}`);
  console.log('alerts benchmark: starting an embedded PostgreSQL and loading the demo tree …');
  const pg = await startEmbeddedPostgres(dir, 55400 + Math.floor(Math.random() * 400));
  const smtp = await startSmtpServer();
  try {
    await ensureDatabase(pg.adminUrl, 'baocao_bench');
    const url = pg.urlFor('baocao_bench');
    const pool = createPool(url, 4);
    const db = createDb(pool);
    await migrateToLatest(db, pool);
    await loadDemoUnits(db);
    await loadDemoTreasury(db);
    await loadDemoRegimes(db);
    // Only the daily regime is in force, so the ladder's work is its deadline alone.
    await sql`UPDATE regimes SET status = 'retired' WHERE code <> ${REGIME}`.execute(db);
    const regime = await db.selectFrom('regimes').select('id').where('code', '=', REGIME).executeTakeFirstOrThrow();
    const reports = new ReportCatalog();
    const info = await reports.regime(db, regime.id);
    const level = info.definition.schedules[0]!;
    const instants = await reports.schedule(db, info, level.unitKinds[0]!, parsePeriod(PERIOD));
    if (!instants) throw new Error('the daily regime has no entry level');

    // The units in scope: all valid on the date, or (quick) those of five provinces.
    const provinces = quick
      ? (
          await sql<{ id: number }>`SELECT id FROM units WHERE kind = 'ubnd_province'
            AND daterange(valid_from, valid_to, '[]') @> ${DATE}::date ORDER BY code LIMIT 5`.execute(db)
        ).rows.map((r) => r.id)
      : null;
    await sql`CREATE TEMP TABLE scope AS
      WITH RECURSIVE tree AS (
        SELECT u.id FROM units u WHERE daterange(u.valid_from, u.valid_to, '[]') @> ${DATE}::date
          AND (${provinces}::int[] IS NULL OR u.id = ANY(${provinces}::int[]))
        UNION
        SELECT p.unit_id FROM unit_parents p JOIN tree t ON p.parent_id = t.id
        WHERE ${provinces}::int[] IS NOT NULL AND p.hierarchy = ${info.definition.hierarchy}
          AND daterange(p.valid_from, p.valid_to, '[]') @> ${DATE}::date
      ) SELECT DISTINCT id FROM tree`.execute(db);
    // One officer per unit, with an address, and an open session (sign-in is not measured).
    await sql`INSERT INTO users (username, display_name, email, unit_id, capture_root_id, view_root_id)
      SELECT 'bench.' || id, 'Bench ' || id, 'u' || id || '@bench.example.vn', id, id, id FROM scope`.execute(db);
    await sql`INSERT INTO user_roles (user_id, role)
      SELECT id, 'entry_officer' FROM users WHERE username LIKE 'bench.%'`.execute(db);

    // Two thirds of the entry units have submitted every form they owe.
    const { rows: entry } = await sql<{ id: number; kind: string }>`
      SELECT u.id, u.kind FROM units u JOIN scope USING (id)
      WHERE u.kind = ANY(${level.unitKinds}::text[]) ORDER BY u.code`.execute(db);
    const { rows: allEntry } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM units u
      WHERE u.kind = ANY(${level.unitKinds}::text[]) AND daterange(u.valid_from, u.valid_to, '[]') @> ${DATE}::date`.execute(
      db,
    );
    await sql`INSERT INTO submissions (regime_id, form_id, form_version_id, unit_id, period_id, state)
      SELECT ${regime.id}, f.id, v.id, u.id, ${PERIOD}, 'submitted'
      FROM units u
      JOIN forms f ON f.regime_id = ${regime.id}
      JOIN form_versions v ON v.form_id = f.id AND v.status = 'published'
      WHERE u.kind = ANY(${level.unitKinds}::text[]) AND daterange(u.valid_from, u.valid_to, '[]') @> ${DATE}::date
        AND (v.definition -> 'entryUnitKinds') ? u.kind
        AND u.id % 3 <> 0`.execute(db);
    const late = entry.filter((u) => u.id % 3 === 0).length;

    const app = await buildApp({
      db,
      pool,
      config: { secureCookies: false, webDist: '/nonexistent', logLevel: 'warn' },
      logger: false,
    });

    // The deadline falls on the next real minute with at least 5 s to spare: graphile-worker's
    // crontab fires the ladder on the minute, as in production at 16:00.
    const minute = 60_000;
    const deadlineReal = Math.ceil((Date.now() + 5_000) / minute) * minute;
    const offset = instants.dueAtMs - deadlineReal;
    const runner = await startJobRunner({
      connectionString: url,
      mail: smtp.mailConfig(),
      clock: () => Date.now() + offset,
      log: (message, error) => console.error(message, error ?? ''),
    });
    // Warm-up (not measured): one inbox read per sample.
    const { rows: late0 } = await sql<{ userId: number }>`
      SELECT us.id AS "userId" FROM users us JOIN units u ON u.id = us.unit_id
      WHERE us.username LIKE 'bench.%' AND u.kind = ANY(${level.unitKinds}::text[]) AND u.id % 3 = 0
        AND u.id IN (SELECT id FROM scope)
      ORDER BY md5(us.id::text) LIMIT ${SAMPLES}`.execute(db);
    const sessions = late0.map((s) => ({ userId: s.userId, token: randomBytes(24).toString('base64url') }));
    if (sessions.length > 0)
      await db
        .insertInto('sessions')
        .values(
          sessions.map((s) => ({
            tokenHash: createHash('sha256').update(s.token).digest('hex'),
            userId: s.userId,
            csrfToken: 'x',
            expiresAt: new Date(Date.now() + 86_400_000),
          })),
        )
        .execute();
    const read = async (token: string) => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/notices?limit=5',
        headers: { cookie: `baocao_session=${token}` },
      });
      if (response.statusCode !== 200) throw new Error(`notices: ${response.statusCode} ${response.body}`);
      return (response.json() as { items: { kind: string }[] }).items;
    };
    for (const s of sessions) await read(s.token);
    console.log(
      `${quick ? 'quick: ' : ''}${entry.length}/${allEntry[0]!.n} entry units in scope, ${late} not submitted; deadline in ${fmt((deadlineReal - Date.now()) / 1000)} s`,
    );

    // Inbox: each sample polled in turn until its late notice is there.
    const inbox: number[] = [];
    let pending = [...sessions];
    while (pending.length > 0) {
      const next: typeof pending = [];
      for (const s of pending) {
        const items = await read(s.token);
        if (items.some((i) => i.kind === 'deadline_late')) inbox.push((Date.now() - deadlineReal) / 1000);
        else next.push(s);
      }
      pending = next;
      if (Date.now() - deadlineReal > 600_000) throw new Error(`${pending.length} samples never saw their notice`);
    }
    // E-mail: every delivery the ladder queued, accepted by the SMTP server.
    await runner.drain();
    const { rows: counts } = await sql<{ notices: string; deliveries: string }>`
      SELECT (SELECT count(*) FROM notices)::text AS notices, (SELECT count(*) FROM email_deliveries)::text AS deliveries`.execute(
      db,
    );
    const deliveries = Number(counts[0]!.deliveries);
    while (smtp.received.length < deliveries) {
      await runner.drain();
      if (Date.now() - deadlineReal > 900_000) throw new Error(`${smtp.received.length}/${deliveries} e-mails`);
    }
    const mail = smtp.received.map((m) => (m.acceptedAt - deadlineReal) / 1000);
    const { rows: steps } = await sql<{ level: number; step: string; notices: number }>`
      SELECT level, step, notices FROM notice_ladder_steps ORDER BY level, step`.execute(db);

    // A second run of the ladder (a restart, another process) must add nothing.
    await sql`SELECT graphile_worker.add_job('deadline-ladder', '{}'::json)`.execute(db);
    await runner.drain();
    const { rows: dup } = await sql<{ keys: string; total: string }>`
      SELECT (SELECT count(*) FROM (SELECT 1 FROM notices WHERE dedupe_key IS NOT NULL
          GROUP BY user_id, dedupe_key HAVING count(*) > 1) d)::text AS keys,
        (SELECT count(*) FROM notices)::text AS total`.execute(db);
    const messageIds = new Set(smtp.received.map((m) => m.messageId));
    const letters = new Set(smtp.received.map((m) => `${m.to.join(',')}|${m.subject}`));
    const kinds = {
      sameKey: Number(dup[0]!.keys),
      sameMessageId: smtp.received.length - messageIds.size,
      sameRecipientAndSubject: smtp.received.length - letters.size,
      addedBySecondRun: Number(dup[0]!.total) - Number(counts[0]!.notices),
    };
    const duplicates = Object.values(kinds).reduce((a, b) => a + b, 0);
    const seen = new Set<string>();
    const repeated = smtp.received.filter((r) => {
      const key = `${r.to.join(',')}|${r.subject}`;
      return seen.has(key) || !seen.add(key);
    });
    console.log(`duplicates: ${JSON.stringify(kinds)}`);
    if (repeated[0]) console.log(`e.g. twice to ${repeated[0].to.join(',')}: ${repeated[0].subject}`);
    await runner.stop();
    // Baseline: as many notice rows as the ladder wrote, inserted by raw SQL in one statement.
    const baselineRows = Number(counts[0]!.notices);
    const b0 = performance.now();
    await db.transaction().execute(async (tx) => {
      await sql`INSERT INTO notices (user_id, kind, title, body, link, dedupe_key, created_at, in_inbox)
        SELECT u.id, 'deadline_late', '{"vi":"x","en":"x"}', '{"vi":"","en":""}', NULL, 'baseline:' || u.id, now(), true
        FROM users u WHERE u.username LIKE 'bench.%' ORDER BY u.id LIMIT ${baselineRows}`.execute(tx);
    });
    const baselineMs = performance.now() - b0;
    await sql`DELETE FROM notices WHERE dedupe_key LIKE 'baseline:%'`.execute(db);

    await app.close();
    await db.destroy();

    const i = summarize(inbox);
    const m = summarize(mail);
    for (const s of steps) console.log(`ladder level ${s.level} ${s.step}: ${s.notices} notices`);
    console.log(
      `inbox: ${i.n} samples p50 ${fmt(i.p50)} s p95 ${fmt(i.p95)} s max ${fmt(i.max)} s (baseline: ${baselineRows} notice rows inserted by raw SQL in ${fmt(baselineMs)} ms)`,
    );
    console.log(`mail: ${m.n} e-mails p50 ${fmt(m.p50)} s p95 ${fmt(m.p95)} s max ${fmt(m.max)} s`);
    console.log(
      `alerts: units=${entry.length} notices=${counts[0]!.notices} inbox_p95_s=${fmt(i.p95)} mail_p95_s=${fmt(m.p95)} duplicates=${duplicates}`,
    );
  } finally {
    await smtp.stop();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}.password`, { force: true });
  }
}
