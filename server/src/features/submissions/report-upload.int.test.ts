import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let officer: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15');
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

async function template(unit: number, period: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/form-versions/${rg.versionId}/template.xlsx?unitId=${unit}&period=${period}`,
    headers: { cookie: officer.cookie },
  });
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

function fill(workbook: ExcelJS.Workbook, values: Record<string, unknown>) {
  const meta = workbook.getWorksheet('_baocao')!;
  const addresses = new Map<string, string>();
  meta.eachRow((row) => addresses.set(String(row.getCell(1).value), String(row.getCell(2).value)));
  const sheet = workbook.worksheets.find((s) => s.name !== '_baocao')!;
  for (const [key, value] of Object.entries(values))
    sheet.getCell(addresses.get(key)!).value = value as ExcelJS.CellValue;
}

async function upload(workbook: ExcelJS.Workbook, query: string) {
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const boundary = '----baocao-upload';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/reports/upload?${query}`,
    headers: {
      cookie: officer.cookie,
      'x-csrf-token': officer.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  return { status: response.statusCode, json: response.json() };
}

describe('Excel upload', () => {
  const query = (period = '20240315', unit = 'X1' as keyof Fixture['units']) =>
    `unitId=${fx.units[unit]}&formId=${rg.formId}&period=${period}`;

  it('a filled template becomes the draft', async () => {
    const workbook = await template(fx.units.X1, '20240315');
    fill(workbook, { nhan: 25, duyet: 20, tien: 31.5 });
    const result = await upload(workbook, query());
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    expect(result.json.cells).toBe(3);
    const report = await officer.request('GET', `/api/v1/reports?${query()}`);
    expect(report.json.submission.draft).toEqual({ nhan: 25, duyet: 20, tien: 31.5 });
  });

  it('submits through the Excel channel when asked', async () => {
    const workbook = await template(fx.units.X1, '20240315');
    fill(workbook, { nhan: 30, duyet: 20 });
    const result = await upload(workbook, `${query()}&submit=true`);
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    const revision = await t.db
      .selectFrom('submissionRevisions')
      .select('channel')
      .where('id', '=', result.json.submitted.revisionId)
      .executeTakeFirstOrThrow();
    expect(revision.channel).toBe('excel');
  });

  it('refuses a template of another period or unit, saving nothing', async () => {
    const workbook = await template(fx.units.X1, '20240316');
    fill(workbook, { nhan: 1 });
    const wrongPeriod = await upload(workbook, query('20240315'));
    expect(wrongPeriod.status).toBe(400);
    expect(wrongPeriod.json.message).toMatch(/20240316/);
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    const other = await admin.request('GET', `/api/v1/reports?${query('20240316')}`);
    expect(other.json.submission).toBeNull();
  });

  it('lists invalid cells by address and saves nothing', async () => {
    const workbook = await template(fx.units.X1, '20240317');
    fill(workbook, { nhan: 'mười', duyet: 2 });
    const result = await upload(workbook, query('20240317'));
    expect(result.status).toBe(400);
    expect(result.json.details.errors.map((e: any) => e.cellKey)).toEqual(['nhan']);
    expect(result.json.details.errors[0].address).toMatch(/^[A-Z]+[0-9]+$/);
  });
});
