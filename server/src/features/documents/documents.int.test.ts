import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';
import { ReportCatalog } from '../../reporting/report-context';
import { attemptRun, documentBytes } from './documents.service';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let viewerT2: Client;
let viewerH1: Client;

const field = (code: string) => `${rg.formId}:${code}`;

async function submit(unit: 'X1' | 'X2', day: string, values: Record<string, number>) {
  t.clock.now = during(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`);
  const sent = await admin.request('POST', '/api/v1/reports/submit', {
    unitId: fx.units[unit],
    formId: rg.formId,
    period: day,
    values,
  });
  expect(sent.status, JSON.stringify(sent.json)).toBe(200);
}

function template(overrides: Record<string, unknown> = {}, definition: Record<string, unknown> = {}) {
  return {
    code: 'BC-THANG-T1',
    name: 'Báo cáo tháng tỉnh T1',
    regimeId: rg.regimeId,
    unitId: fx.units.T1,
    scheduleDay: 5,
    definition: {
      periodType: 'month',
      issuer: { governingBody: 'Ủy ban nhân dân tỉnh T1', agency: 'Sở Lao động - Thương binh và Xã hội' },
      symbol: 'BC-SLĐTBXH',
      place: 'Hà Giang',
      title: 'Tình hình tiếp nhận hồ sơ hỗ trợ {ky_bao_cao}',
      narrative:
        'Trong {ky_bao_cao}, toàn tỉnh tiếp nhận {tong_ho_so} hồ sơ, tăng {tang_giam_pct}% so với {ky_truoc} ({tong_ho_so_ky_truoc} hồ sơ).\n\nCó {so_don_vi_dung_han}/{so_don_vi_phai_bao_cao} lượt báo cáo đúng hạn.',
      values: [
        { key: 'tong_ho_so', field: field('nhan'), label: 'Số hồ sơ tiếp nhận' },
        { key: 'so_tien', field: field('tien'), label: 'Số tiền' },
      ],
      tables: [{ title: 'Kết quả theo huyện', fields: [field('nhan'), field('tien')], rows: 'children' }],
      charts: [
        { title: 'Hồ sơ theo huyện', type: 'bar', field: field('nhan') },
        { title: 'Hồ sơ 12 tháng', type: 'line', field: field('nhan') },
      ],
      compliance: true,
      recipients: [{ unitId: fx.units.T2, name: 'UBND tỉnh T2' }, { name: 'Bộ Lao động - Thương binh và Xã hội' }],
      signer: { authority: 'KT. Giám đốc', position: 'Phó Giám đốc', name: 'Nguyễn Văn An' },
      ...definition,
    },
    ...overrides,
  };
}

let templateId: number;
let firstId: number;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  viewerT2 = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
  viewerH1 = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
  await submit('X1', '20240301', { nhan: 8, duyet: 2, tien: 10 });
  await submit('X1', '20240401', { nhan: 10, duyet: 5, tien: 100 });
  await submit('X2', '20240401', { nhan: 30, duyet: 15, tien: 50.5 });
  await t.worker.drain();
  await t.db.updateTable('users').set({ email: 'viewer.t2@t2.gov.vn' }).where('username', '=', 'viewer.t2').execute();
  t.clock.now = during('2024-05-05', '09:00');
});
afterAll(async () => t?.close());

describe('templates', () => {
  it('refuses an unknown placeholder, naming it and its field, and saves nothing', async () => {
    const res = await admin.request(
      'POST',
      '/api/v1/document-templates',
      template({}, { narrative: 'Tổng số {tong_ho_so}, tăng {khong_co}%.' }),
    );
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ code: 'DOCUMENT_TEMPLATE_INVALID', field: 'definition.narrative' });
    expect(res.json.message).toContain('{khong_co}');
    const list = await admin.request('GET', '/api/v1/document-templates');
    expect(list.json.total).toBe(0);
  });

  it('refuses a field of another regime, a compliance placeholder without compliance, and unknown properties', async () => {
    const other = await admin.request(
      'POST',
      '/api/v1/document-templates',
      template({}, { values: [{ key: 'x_y', field: '999:nhan', label: 'x' }], narrative: '{x_y}' }),
    );
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ code: 'DOCUMENT_TEMPLATE_INVALID', field: 'definition.values.0.field' });
    const compliance = await admin.request('POST', '/api/v1/document-templates', template({}, { compliance: false }));
    expect(compliance.status).toBe(422);
    expect(compliance.json.field).toBe('definition.narrative');
    const extra = await admin.request('POST', '/api/v1/document-templates', template({ extra: 1 }));
    expect(extra.status).toBe(400);
    expect((await admin.request('GET', '/api/v1/document-templates')).json.total).toBe(0);
  });

  it('saves a good template, audited, and refuses its code twice', async () => {
    const res = await admin.request('POST', '/api/v1/document-templates', template());
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    templateId = res.json.id;
    const again = await admin.request('POST', '/api/v1/document-templates', template());
    expect(again.status).toBe(409);
    expect(again.json.field).toBe('code');
    expect((await auditOf(admin, 'document_template', templateId)).map((a) => a.action)).toEqual([
      'document_template.create',
    ]);
  });
});

describe('generation, archive and delivery', () => {
  it('generates the PDF and XLSX from the figures, with the revisions they contain', async () => {
    const res = await admin.request('POST', `/api/v1/document-templates/${templateId}/generate`, {
      periodId: '202404',
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ version: 1, created: true, changes: null });
    firstId = res.json.id;

    const detail = await admin.request('GET', `/api/v1/documents/${firstId}`);
    expect(detail.status).toBe(200);
    const revisions = await sql<{ id: number }>`
      SELECT current_revision_id::int AS id FROM submissions WHERE period_id LIKE '202404%' ORDER BY 1`.execute(t.db);
    expect(detail.json.revisionIds).toEqual(revisions.rows.map((r) => r.id));
    expect(detail.json).toMatchObject({ number: '01/BC-SLĐTBXH', periodId: '202404', version: 1, trigger: 'manual' });
    const content = detail.json.content;
    expect(content.placeDate).toBe('Hà Giang, ngày 05 tháng 5 năm 2024');
    expect(content.title).toBe('Tình hình tiếp nhận hồ sơ hỗ trợ Tháng 4/2024');
    expect(content.values[0]).toMatchObject({ key: 'tong_ho_so', value: 40, previous: 8, changePct: 400 });
    expect(content.narrative).toContain('toàn tỉnh tiếp nhận 40 hồ sơ, tăng 400% so với Tháng 3/2024 (8 hồ sơ)');
    expect(content.tables[0].rows.map((r: any) => [r.code, r.cells])).toEqual([
      ['H1', [40, 150.5]],
      ['H2', [null, null]],
    ]);
    expect(content.tables[0].total).toEqual([40, 150.5]);

    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${firstId}/files/pdf`,
      headers: { cookie: admin.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The font is embedded (a subset of DejaVu Serif), so Vietnamese renders anywhere.
    expect(pdf.rawPayload.toString('latin1')).toContain('DejaVuSerif');

    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${firstId}/files/xlsx`,
      headers: { cookie: admin.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Biểu 1')!;
    expect(sheet.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN TỈNH T1');
    expect(sheet.getCell('D1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(sheet.getCell('C9').value).toBe(40);
    expect(sheet.getRow(11).values).toEqual([undefined, '', 'Tổng cộng', 40, 150.5]);
    expect(workbook.getWorksheet('Chỉ tiêu')!.getCell('D9').value).toBe(40);

    // The signing feature reads the same bytes by id.
    expect((await documentBytes(t.db, firstId, 'pdf'))!.content.equals(pdf.rawPayload)).toBe(true);
  });

  // poppler-utils is a test prerequisite (scripts/test-prerequisites.mjs installs it in CI): this runs, never skips.
  it('renders Vietnamese in the PDF (pdftoppm page images, pdftotext)', async () => {
    const file = await documentBytes(t.db, firstId, 'pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'baocao-pdf-'));
    writeFileSync(path.join(dir, 'report.pdf'), file!.content);
    // The page images go to screenshots/ (as the browser tests' do) for a reader to look at.
    const shots = path.resolve(import.meta.dirname, '../../../../screenshots');
    mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', path.join(dir, 'report.pdf'), path.join(shots, 'document-pdf-page')]);
    expect(readdirSync(shots).filter((f) => f.startsWith('document-pdf-page')).length).toBeGreaterThanOrEqual(1);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'report.pdf'), '-']).toString();
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('Số: 01/BC-SLĐTBXH');
  });

  it('delivers to the recipient agency’s inbox and e-mail, who may then read it', async () => {
    const inbox = await viewerT2.request('GET', '/api/v1/notices');
    const notice = inbox.json.items.find((n: any) => n.kind === 'document_issued');
    expect(notice).toMatchObject({ link: `/documents/${firstId}` });
    expect(notice.title.vi).toContain('Tình hình tiếp nhận hồ sơ hỗ trợ Tháng 4/2024');
    const emails = await sql<{ to: string }>`
      SELECT e.to_address AS to FROM email_deliveries e JOIN notices n ON n.id = e.notice_id
      WHERE n.kind = 'document_issued'`.execute(t.db);
    expect(emails.rows).toEqual([{ to: 'viewer.t2@t2.gov.vn' }]);
    const list = await viewerT2.request('GET', '/api/v1/documents');
    expect(list.json.items.map((d: any) => d.id)).toEqual([firstId]);
    expect((await viewerT2.request('GET', `/api/v1/documents/${firstId}`)).status).toBe(200);
    // A district below the issuing province is neither the unit nor a recipient: 404.
    expect((await viewerH1.request('GET', `/api/v1/documents/${firstId}`)).status).toBe(404);
    expect((await viewerH1.request('GET', '/api/v1/documents')).json.items).toEqual([]);
  });

  it('issues no new version while the data is the same, and a new one with the differences after it changed', async () => {
    const same = await admin.request('POST', `/api/v1/document-templates/${templateId}/generate`, {
      periodId: '202404',
    });
    expect(same.status).toBe(200);
    expect(same.json).toEqual({ id: firstId, version: 1, created: false, changes: null });

    await submit('X2', '20240401', { nhan: 50, duyet: 15, tien: 50.5 });
    await t.worker.drain();
    t.clock.now = during('2024-05-06', '09:00');
    const next = await admin.request('POST', `/api/v1/document-templates/${templateId}/generate`, {
      periodId: '202404',
    });
    expect(next.status).toBe(200);
    expect(next.json.version).toBe(2);
    expect(next.json.changes).toEqual([
      { kind: 'value', label: 'Số hồ sơ tiếp nhận', before: 40, after: 60 },
      { kind: 'cell', label: 'Kết quả theo huyện — UBND huyện Đồng Văn — Số hồ sơ tiếp nhận', before: 40, after: 60 },
      { kind: 'revisions', label: 'revisions', before: 2, after: 2 },
    ]);
    const detail = await admin.request('GET', `/api/v1/documents/${next.json.id}`);
    expect(detail.json.number).toBe('02/BC-SLĐTBXH');
    expect(detail.json.versions.map((v: any) => v.version)).toEqual([2, 1]);
    const latest = await admin.request('GET', `/api/v1/documents?templateId=${templateId}&latest=true`);
    expect(latest.json.items.map((d: any) => d.version)).toEqual([2]);
  });

  it('refuses a period of another type and a unit outside the caller’s capture scope', async () => {
    const day = await admin.request('POST', `/api/v1/document-templates/${templateId}/generate`, {
      periodId: '20240401',
    });
    expect(day.status).toBe(400);
    expect(day.json.field).toBe('periodId');
    const approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const outside = await approver.request('POST', `/api/v1/document-templates/${templateId}/generate`, {
      periodId: '202404',
    });
    expect(outside.status).toBe(404);
  });
});

describe('scheduled generation', () => {
  it('plans the month just ended on the template’s day and generates it on the job queue', async () => {
    t.clock.now = during('2024-06-05', '09:00');
    await t.db.insertInto('documentRuns').values({ templateId, unitId: fx.units.T1, periodId: '202403' }).execute();
    const { scheduleDocumentsJob } = await import('../../jobs/generate-documents.job');
    await scheduleDocumentsJob(t.db, () => t.clock.now!)({}, { logger: console } as never);
    await t.jobs.drain();
    const runs = await t.db
      .selectFrom('documentRuns')
      .select(['periodId', 'status', 'attempts'])
      .where('periodId', '=', '202405')
      .execute();
    expect(runs).toEqual([{ periodId: '202405', status: 'done', attempts: 1 }]);
    const doc = await admin.request('GET', `/api/v1/documents?templateId=${templateId}&periodId=202405`);
    expect(doc.json.items).toHaveLength(1);
    expect(doc.json.items[0]).toMatchObject({ trigger: 'schedule', version: 1 });
  });

  it('retries a failing generation, then reports it, leaving nothing in the archive', async () => {
    const before = await t.db
      .selectFrom('documents')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    // The author no longer a system administrator and moved to T2: every attempt fails (T1 is out of its scope).
    const author = await t.db
      .selectFrom('documentTemplates')
      .select('createdBy')
      .where('id', '=', templateId)
      .executeTakeFirstOrThrow();
    const roles = await t.db.selectFrom('userRoles').selectAll().where('userId', '=', author.createdBy).execute();
    const moved = { captureRootId: fx.units.T2, viewRootId: fx.units.T2 };
    const home = await t.db
      .selectFrom('users')
      .select(['captureRootId', 'viewRootId'])
      .where('id', '=', author.createdBy)
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom('userRoles').where('userId', '=', author.createdBy).execute();
    await t.db.insertInto('userRoles').values({ userId: author.createdBy, role: 'approver' }).execute();
    await t.db.updateTable('users').set(moved).where('id', '=', author.createdBy).execute();
    const run = await t.db
      .insertInto('documentRuns')
      .values({ templateId, unitId: fx.units.T1, periodId: '202402' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reports = new ReportCatalog();
    const options = { maxAttempts: 2, now: during('2024-06-05') };
    await expect(attemptRun(t.db, reports, run.id, options)).rejects.toThrow();
    expect(await attemptRun(t.db, reports, run.id, options)).toBe('failed');
    await t.db.updateTable('users').set(home).where('id', '=', author.createdBy).execute();
    await t.db.deleteFrom('userRoles').where('userId', '=', author.createdBy).execute();
    await t.db.insertInto('userRoles').values(roles).execute();

    const after = await t.db
      .selectFrom('documents')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const row = await t.db.selectFrom('documentRuns').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.lastError).toContain('NOT_FOUND');
    const notices = await t.db
      .selectFrom('notices')
      .select(['userId', 'link'])
      .where('kind', '=', 'document_failed')
      .execute();
    expect(notices).toEqual([{ userId: author.createdBy, link: `/documents/templates/${templateId}` }]);
    const listed = await admin.request('GET', `/api/v1/document-templates/${templateId}`);
    expect(listed.json.lastFailure).toMatchObject({ periodId: '202402', attempts: 2 });
  });
});

describe('indicators in a template', () => {
  it('takes an indicator of the catalogue beside the regime’s fields, and refuses an unknown one', async () => {
    const created = await admin.request('POST', '/api/v1/indicators', {
      code: 'TY-LE-HO-NGHEO',
      name: { vi: 'Tỷ lệ hộ nghèo', en: 'Poor household rate' },
      unitOfMeasure: '%',
      frequency: 'month',
      area: 'social',
      source: 'direct',
      timeMethod: 'last',
      disaggregations: [],
      agencies: [{ validFrom: '2010-01-01', agency: 'Bộ Lao động - Thương binh và Xã hội' }],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const entered = await admin.request('POST', `/api/v1/indicators/${created.json.id}/values`, {
      values: [
        { unitId: fx.units.T1, period: '202403', vintage: 'official', releasedOn: '2024-04-10', value: 4 },
        { unitId: fx.units.T1, period: '202404', vintage: 'official', releasedOn: '2024-05-02', value: 3.5 },
      ],
    });
    expect(entered.status, JSON.stringify(entered.json)).toBe(200);
    const body = (field: string) =>
      template(
        { code: 'BC-CHI-TIEU-T1', scheduleDay: null },
        {
          title: 'Chỉ tiêu xã hội {ky_bao_cao}',
          narrative: 'Tỷ lệ hộ nghèo {ky_bao_cao} là {ho_ngheo}%, {ho_ngheo_tang_giam_pct}% so với {ky_truoc}.',
          values: [{ key: 'ho_ngheo', field, label: 'Tỷ lệ hộ nghèo' }],
          tables: [],
          charts: [{ title: 'Tỷ lệ hộ nghèo 12 tháng', type: 'line', field }],
          compliance: false,
        },
      );
    const unknown = await admin.request('POST', '/api/v1/document-templates', body('ind:KHONG-CO'));
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({ code: 'DOCUMENT_TEMPLATE_INVALID', field: 'definition.values.0.field' });

    const saved = await admin.request('POST', '/api/v1/document-templates', body('ind:TY-LE-HO-NGHEO'));
    expect(saved.status, JSON.stringify(saved.json)).toBe(201);
    const issued = await admin.request('POST', `/api/v1/document-templates/${saved.json.id}/generate`, {
      periodId: '202404',
    });
    expect(issued.status, JSON.stringify(issued.json)).toBe(200);
    const detail = await admin.request('GET', `/api/v1/documents/${issued.json.id}`);
    expect(detail.json.content.values).toEqual([
      { key: 'ho_ngheo', label: 'Tỷ lệ hộ nghèo', unitOfMeasure: '%', value: 3.5, previous: 4, changePct: -12.5 },
    ]);
    expect(detail.json.content.narrative).toBe('Tỷ lệ hộ nghèo Tháng 4/2024 là 3,5%, -12,5% so với Tháng 3/2024.');
    expect(detail.json.content.charts[0].values.slice(-2)).toEqual([4, 3.5]);
    // An indicator has no revisions: the document holds none of the regime's for it.
    expect(detail.json.revisionIds).toEqual([]);
  });
});
