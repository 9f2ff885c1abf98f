/**
 * Generated reports: the monthly COVID-19 support summary (NQ68-HANG-NGAY, August 2021, from the daily reports) for each of the 63
 * former provinces (units valid before the 2025 reform), one PDF and one XLSX each, on the demo
 * tree (its regimes, no demo history: the tables list every district of the province with empty
 * figures, so the layout work is whole while the data reads are light). Each document is
 * generated and stored as the API does (prepareDocument + issueDocument in one transaction),
 * one after the other; RSS is sampled after each to show whether memory stays flat.
 *
 * Baseline, in the same run: the figures alone (prepareDocument: the analytics reads, the
 * compliance judgement and the revision lookup) for the same 63 provinces, so the rest is the
 * rendering and storing of the two files.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type DocumentDefinition, permissionsOf } from '@baocao/domain';
import { createDb, createPool } from '../server/src/db/database';
import { startEmbeddedPostgres } from '../server/src/db/embedded';
import { migrateToLatest } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/open';
import { loadDemoRegimes } from '../server/src/features/demo/demo-regimes';
import { loadDemoTreasury } from '../server/src/features/demo/demo-treasury';
import { loadDemoUnits } from '../server/src/features/demo/demo-units';
import { insertTemplate } from '../server/src/features/documents/documents.queries';
import { issueDocument, prepareDocument } from '../server/src/features/documents/documents.service';
import type { RequestContext } from '../server/src/http/context';
import { ReportCatalog } from '../server/src/reporting/report-context';
import { fmt, summarize } from './lib';

const PERIOD = '202108';
const repo = path.resolve(import.meta.dirname, '..');

export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const dir = path.join(repo, '.bench-data', `postgres-${process.pid}`);
  console.log('reports benchmark: starting an embedded PostgreSQL and loading the demo tree …');
  const pg = await startEmbeddedPostgres(dir, 55400 + Math.floor(Math.random() * 400));
  try {
    await ensureDatabase(pg.adminUrl, 'baocao_bench');
    const pool = createPool(pg.urlFor('baocao_bench'), 4);
    const db = createDb(pool);
    await migrateToLatest(db, pool);
    await loadDemoUnits(db);
    await loadDemoTreasury(db);
    await loadDemoRegimes(db);
    const regime = await db
      .selectFrom('regimes')
      .select('id')
      .where('code', '=', 'NQ68-HANG-NGAY')
      .executeTakeFirstOrThrow();
    const forms = await db.selectFrom('forms').select(['id', 'code']).where('regimeId', '=', regime.id).execute();
    const f = (form: string, code: string) => `${forms.find((x) => x.code === form)!.id}:${code}`;
    const provinces = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('kind', '=', 'ubnd_province')
      .where('validFrom', '<=', '2021-08-01')
      .where('validTo', '<', '2025-07-01')
      .orderBy('code')
      .execute();
    const chosen = quick ? provinces.slice(0, 10) : provinces;
    const admin = await db
      .insertInto('users')
      .values({
        username: 'bench.admin',
        displayName: 'Bench',
        searchText: 'bench',
        unitId: chosen[0]!.id,
        captureRootId: chosen[0]!.id,
        viewRootId: chosen[0]!.id,
        passwordHash: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const definition: DocumentDefinition = {
      periodType: 'month',
      issuer: { governingBody: 'Ủy ban nhân dân tỉnh', agency: 'Văn phòng UBND tỉnh' },
      symbol: 'BC-UBND',
      place: 'Hà Nội',
      title: 'Tình hình hỗ trợ người lao động gặp khó khăn do COVID-19 {ky_bao_cao} của {don_vi}',
      narrative:
        'Trong {ky_bao_cao}, đã chi trả cho {nguoi} người lao động, tăng {nguoi_tang_giam_pct}% so với {ky_truoc}, số tiền {tien} triệu đồng.\n\nCó {so_don_vi_dung_han}/{so_don_vi_phai_bao_cao} lượt báo cáo đúng hạn.',
      values: [
        { key: 'nguoi', field: f('B04', 'nguoi_chi'), label: 'Người lao động được chi trả' },
        { key: 'tien', field: f('B04', 'tien_chi'), label: 'Số tiền chi trả' },
      ],
      tables: [
        {
          title: 'Kết quả theo đơn vị cấp dưới',
          fields: [f('B04', 'nguoi_chi'), f('B04', 'tien_chi'), f('B08', 'ho_chi')],
          rows: 'children',
        },
      ],
      charts: [
        { title: 'Người được chi trả theo đơn vị', type: 'bar', field: f('B04', 'nguoi_chi') },
        { title: 'Người được chi trả 12 tháng', type: 'line', field: f('B04', 'nguoi_chi') },
      ],
      compliance: true,
      recipients: [{ name: 'Văn phòng Chính phủ' }, { name: 'Bộ Kế hoạch và Đầu tư' }],
      signer: { authority: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', name: 'Nguyễn Văn A' },
    };
    const templateId = await db.transaction().execute((tx) =>
      insertTemplate(tx, {
        code: 'BENCH-NQ68',
        name: 'Báo cáo tổng hợp tháng NQ 68',
        regimeId: regime.id,
        unitId: chosen[0]!.id,
        scheduleDay: null,
        active: true,
        definition,
        createdBy: admin.id,
      }),
    );
    const context: RequestContext = {
      actor: {
        userId: admin.id,
        username: 'bench.admin',
        displayName: 'Bench',
        unitId: chosen[0]!.id,
        roles: ['system_admin'],
        permissions: permissionsOf(['system_admin']),
        captureRoots: [],
        viewRoots: [],
        isSystemAdmin: true,
        via: 'session',
        sessionHash: null,
        tokenId: null,
      },
      ip: '',
      userAgent: 'bench',
      requestId: 'bench',
    };
    const reports = new ReportCatalog();
    const now = Date.parse('2021-09-05T09:00:00+07:00');
    // Warm-up (fonts, ECharts, caches), not counted.
    await prepareDocument(db, reports, context, templateId, { periodId: PERIOD, unitId: chosen[0]!.id }, now);

    const baseline: number[] = [];
    for (const p of chosen) {
      const t0 = performance.now();
      await prepareDocument(db, reports, context, templateId, { periodId: PERIOD, unitId: p.id }, now);
      baseline.push(performance.now() - t0);
    }
    const times: number[] = [];
    const rss: number[] = [];
    let bytes = 0;
    for (const p of chosen) {
      const t0 = performance.now();
      const prepared = await prepareDocument(db, reports, context, templateId, { periodId: PERIOD, unitId: p.id }, now);
      const issued = await db.transaction().execute((tx) => issueDocument(tx, context, prepared, 'manual'));
      times.push(performance.now() - t0);
      rss.push(process.memoryUsage().rss / 1e6);
      const row = await db
        .selectFrom('documents')
        .select((eb) => [
          eb.fn<number>('octet_length', ['pdf']).as('pdf'),
          eb.fn<number>('octet_length', ['xlsx']).as('xlsx'),
        ])
        .where('id', '=', issued.id)
        .executeTakeFirstOrThrow();
      bytes += Number(row.pdf) + Number(row.xlsx);
    }
    const b = summarize(baseline);
    const s = summarize(times);
    const tenth = Math.max(1, Math.floor(rss.length / 10));
    const early = Math.max(...rss.slice(0, tenth));
    const late = Math.max(...rss.slice(-tenth));
    console.log(`baseline (figures only, ${b.n} provinces): p50 ${fmt(b.p50)} ms, p95 ${fmt(b.p95)} ms`);
    console.log(
      `documents (figures + PDF + XLSX + store): p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms, max ${fmt(s.max)} ms; files ${fmt(bytes / 1e6)} MB`,
    );
    console.log(`RSS: first tenth peak ${fmt(early)} MB, last tenth peak ${fmt(late)} MB`);
    await db.destroy();
    console.log(
      `reports: documents=${s.n * 2} p50_ms=${Math.round(s.p50)} p95_ms=${Math.round(s.p95)} peak_rss_mb=${Math.round(Math.max(...rss))}`,
    );
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
