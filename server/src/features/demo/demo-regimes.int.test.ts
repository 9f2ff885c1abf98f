import { foldForSearch, parsePeriod } from '@baocao/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import type { Db } from '../../db/database';
import { ReportCatalog } from '../../reporting/report-context';
import { ensureAdmin, ensureRootUnit } from '../setup/bootstrap';
import { readTemplateUpload } from '../templates/template-reader';
import { demoRegimes, loadDemoRegimes } from './demo-regimes';

let t: TestApp;
let admin: Client;
const PASSWORD = 'quan-tri-demo-2026-kiem-thu';

/**
 * The part of the demo unit tree the demo regimes name (codes and names as loadDemoUnits makes
 * them): loading the whole tree takes minutes on a busy machine and adds nothing here.
 */
const UNITS: [string, string, string, string | null, string | null][] = [
  ['CP', 'Chính phủ', 'government', null, null],
  ['BLDTBXH', 'Bộ Lao động – Thương binh và Xã hội', 'ministry', 'CP', null],
  ['VPCP', 'Văn phòng Chính phủ', 'government_office', 'CP', null],
  ['01', 'UBND thành phố Hà Nội', 'ubnd_province', 'CP', null],
  ['271', 'UBND huyện Ba Vì', 'ubnd_district', '01', '2025-06-30'],
  [
    'NHCSXH.271',
    'Phòng giao dịch Ngân hàng Chính sách xã hội huyện Ba Vì',
    'social_policy_bank_district',
    '271',
    '2025-06-30',
  ],
];

async function seedDemoUnits(db: Db) {
  const ids = new Map<string, number>();
  for (const [code, name, kind, parent, validTo] of UNITS) {
    const row = await db
      .insertInto('units')
      .values({ code, name, kind, validFrom: '1900-01-01', validTo, searchText: foldForSearch(`${code} ${name}`) })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(code, row.id);
    if (parent)
      await db
        .insertInto('unitParents')
        .values({
          hierarchy: 'administrative',
          unitId: row.id,
          parentId: ids.get(parent)!,
          validFrom: '1900-01-01',
          validTo,
        })
        .execute();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoUnits(t.db);
  await ensureAdmin(t.db, await ensureRootUnit(t.db), PASSWORD);
  admin = await signIn(t.app, 'admin', PASSWORD);
});
afterAll(async () => t?.close());

async function regimeByCode(code: string) {
  const list = await admin.request('GET', `/api/v1/regimes?q=${encodeURIComponent(code)}`);
  const found = list.json.items.find((r: any) => r.code === code);
  return (await admin.request('GET', `/api/v1/regimes/${found.id}`)).json;
}

describe('demo regimes', () => {
  it('refuses to load any regime while one names a hierarchy that is not there', async () => {
    await expect(loadDemoRegimes(t.db)).rejects.toThrow(/KBNN-GIAI-NGAN-HANG-THANG: there is no hierarchy 'kbnn'/);
    expect(await t.db.selectFrom('regimes').select('code').execute()).toEqual([]);
    await t.db
      .insertInto('hierarchies')
      .values({ code: 'kbnn', nameVi: 'Kho bạc Nhà nước', nameEn: 'State Treasury' })
      .execute();
  });

  it('loads once: the four regimes, active, with every form published as version 1', async () => {
    expect(await loadDemoRegimes(t.db)).toEqual([
      'NQ68-HANG-NGAY',
      'KTXH-HANG-THANG',
      'VPCP-KSTT-HANG-QUY',
      'KBNN-GIAI-NGAN-HANG-THANG',
    ]);
    expect(await loadDemoRegimes(t.db)).toEqual([]);
    const list = await admin.request('GET', '/api/v1/regimes?q=nghi%20quyet%2068');
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({
      code: 'NQ68-HANG-NGAY',
      status: 'active',
      isDemo: true,
      frequency: 'day',
      ownerUnitCode: 'BLDTBXH',
      ownerUnitName: 'Bộ Lao động – Thương binh và Xã hội',
      formCount: 11,
      validFrom: '2021-07-01',
      validTo: '2022-12-31',
    });
    // One audit row per regime, by the system, naming its forms.
    const trail = await admin.request('GET', '/api/v1/audit?objectType=regime&limit=20');
    expect(trail.json.items.map((e: any) => `${e.action} ${e.actorName} ${JSON.stringify(e.after)}`).sort()).toEqual([
      'regime.create system {"code":"KBNN-GIAI-NGAN-HANG-THANG","demo":true,"forms":["KBNN01"]}',
      'regime.create system {"code":"KTXH-HANG-THANG","demo":true,"forms":["KTXH01","KTXH02"]}',
      'regime.create system {"code":"NQ68-HANG-NGAY","demo":true,"forms":["B01","B02","B03","B04","B05","B06","B07","B08","B09","B10","B11"]}',
      'regime.create system {"code":"VPCP-KSTT-HANG-QUY","demo":true,"forms":["B06_KSTT"]}',
    ]);
    for (const regime of demoRegimes()) {
      const detail = await regimeByCode(regime.code);
      expect(detail.definition.content).toContain('Dữ liệu minh họa');
      for (const form of detail.forms) {
        expect(form.publishedVersion).toMatchObject({ number: 1, status: 'published' });
        const check = await admin.request('POST', `/api/v1/form-versions/${form.publishedVersion.id}/validate`, {});
        expect(check.json, `${regime.code}/${form.code}`).toMatchObject({
          valid: true,
          errorCount: 0,
          warningCount: 0,
        });
      }
    }
  });

  it('shapes the COVID-19 report as 11 forms of 99 cells, each entered by one agency kind', async () => {
    const regime = await regimeByCode('NQ68-HANG-NGAY');
    expect(regime.forms.map((f: any) => f.code).join(' ')).toBe('B01 B02 B03 B04 B05 B06 B07 B08 B09 B10 B11');
    expect(Object.fromEntries(regime.forms.map((f: any) => [f.code, f.entryUnitKinds[0]]))).toEqual({
      B01: 'social_insurance_district',
      B02: 'social_insurance_district',
      B03: 'labour_office_district',
      B04: 'labour_office_district',
      B05: 'labour_office_district',
      B06: 'ubnd_district',
      B07: 'ubnd_district',
      B08: 'ubnd_district',
      B09: 'ubnd_district',
      B10: 'social_policy_bank_district',
      B11: 'treasury_district',
    });
    let cells = 0;
    for (const form of regime.forms) {
      const version = await admin.request('GET', `/api/v1/form-versions/${form.publishedVersion.id}`);
      cells += version.json.cellKeys.length;
      for (const section of version.json.definition.sections)
        for (const field of section.fields) expect(field.aggregation).toEqual({ hierarchy: 'sum', time: 'last' });
    }
    expect(cells).toBe(99);
    expect(regime.definition.consolidatingUnitKinds).toEqual(['ubnd_district', 'ubnd_province']);
  });

  it('computes the schedules: 14:00–16:00–16:30–17:00 daily; working days after the cut-off, skipping Tết', async () => {
    const covid = await regimeByCode('NQ68-HANG-NGAY');
    const day = await admin.request('GET', `/api/v1/regimes/${covid.id}/schedule?period=20210715`);
    expect(
      day.json.levels.map((l: any) => [
        l.role,
        l.unitKinds[0],
        l.opensAt.slice(11, 16),
        l.dueAt.slice(11, 16),
        l.closesAt.slice(11, 16),
      ]),
    ).toEqual([
      ['entry', 'social_insurance_district', '14:00', '16:00', '16:00'],
      ['consolidation', 'ubnd_district', '16:00', '16:30', '16:30'],
      ['consolidation', 'ubnd_province', '16:30', '17:00', '17:00'],
    ]);
    const monthly = await regimeByCode('KTXH-HANG-THANG');
    // February 2026: the cut-off is Saturday 14 February; Tết takes 16–20 February.
    const tet = await admin.request('GET', `/api/v1/regimes/${monthly.id}/schedule?period=202602`);
    expect(tet.json.dataWindow).toEqual({ start: '2026-01-15', end: '2026-02-14' });
    expect(tet.json.levels.map((l: any) => [l.role, l.unitKinds[0], l.dueAt])).toEqual([
      ['entry', 'ubnd_commune', '2026-02-24T17:00:00+07:00'],
      ['entry', 'ubnd_province', '2026-02-26T17:00:00+07:00'],
      ['consolidation', 'ubnd_province', '2026-02-26T17:00:00+07:00'],
    ]);
  });

  it('gives the Social Policy Bank of Ba Vì a template of Biểu 10: 3 loan lines × 3 stages × 3 measures', async () => {
    const covid = await regimeByCode('NQ68-HANG-NGAY');
    const b10 = covid.forms.find((f: any) => f.code === 'B10');
    const unit = await t.db.selectFrom('units').select('id').where('code', '=', 'NHCSXH.271').executeTakeFirstOrThrow();
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/form-versions/${b10.publishedVersion.id}/template.xlsx?unitId=${unit.id}&period=20210815`,
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('B10')!;
    expect(String(sheet.getCell('A4').value)).toContain('Ngân hàng Chính sách xã hội huyện Ba Vì');
    expect(String(sheet.getCell('A5').value)).toContain('Ngày 15/08/2021');
    const upload = await readTemplateUpload(response.rawPayload);
    expect(Object.keys(upload.values)).toHaveLength(27);
    expect(upload.periodId).toBe('20210815');
  });
  it('the quarterly procedures report has two versions: Circular 5/2025 gives later deadlines from 2025Q3', async () => {
    const { id } = await regimeByCode('VPCP-KSTT-HANG-QUY');
    const versions = await admin.request('GET', `/api/v1/regimes/${id}/versions`);
    expect(versions.json).toMatchObject([
      { number: 1, effectiveFrom: '2020-01-01', effectiveTo: '2025-07-01', state: 'past' },
      { number: 2, effectiveFrom: '2025-07-01', legalBasis: 'Thông tư 5/2025/TT-VPCP', state: 'current' },
    ]);
    // What submissions and consolidation judge on time or late by: the report context's schedule.
    const catalog = new ReportCatalog();
    const regime = await catalog.regime(t.db, id);
    const q2 = await catalog.schedule(t.db, regime, 'ubnd_province', parsePeriod('2025Q2'));
    const q3 = await catalog.schedule(t.db, regime, 'ubnd_province', parsePeriod('2025Q3'));
    // 2025Q2 cut-off Saturday 14 June: four working days → Thursday 19 June. 2025Q3 cut-off Sunday 14
    // September: six working days → Monday 22 September.
    expect(q2?.dueAt).toBe('2025-06-19T17:00:00+07:00');
    expect(q3?.dueAt).toBe('2025-09-22T17:00:00+07:00');
  });
});
