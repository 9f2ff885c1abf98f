/**
 * Exports of report data in every import format, through HTTP against the real database:
 * each parses (XLSX read back with ExcelJS, ADX with an XML parser) and carries exactly
 * what was submitted; formula text is defused in CSV and XLSX; the cursor covers every
 * value once; `lastUpdated` filters; units outside the caller's view never appear; bad
 * filters are clear errors; and every export, imported again, changes nothing.
 */
import type { FormDefinition } from '@baocao/domain';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { addPublishedForm, during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let officer: Client;
let notesFormId: number;
/** `REGIME/B03` and `REGIME/GC`: the data sets as the exports name them. */
let b03: string;
let gc: string;

const FORMULA = '=HYPERLINK("http://x.example","bấm")';
const XML_TEXT = 'Ghi chú <a> & "b" \'c\'';

/** A form with a text field and a field disaggregated by sex, entered by communes. */
const notesForm = {
  code: 'GC',
  title: { vi: 'Ghi chú và số người', en: 'Notes and people' },
  entryUnitKinds: ['ubnd_commune'],
  optionSets: [
    {
      code: 'gioi_tinh',
      label: { vi: 'Giới tính', en: 'Sex' },
      options: [
        { code: 'nam', label: { vi: 'Nam', en: 'Male' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Female' } },
      ],
    },
  ],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Chung', en: 'General' },
      layout: 'list',
      fields: [
        {
          code: 'ghi_chu',
          label: { vi: 'Ghi chú', en: 'Notes' },
          type: 'text',
          aggregation: { hierarchy: 'none', time: 'last' },
        },
        {
          code: 'so_nguoi',
          label: { vi: 'Số người', en: 'People' },
          type: 'integer',
          disaggregation: 'gioi_tinh',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
  rules: [],
} as FormDefinition;

const IMPORT_DAYS = ['20240301', '20240302', '20240303', '20240304', '20240305', '20240306'];

async function submit(unit: 'X1' | 'X2', formId: number, period: string, values: Record<string, unknown>) {
  const r = await admin.request('POST', '/api/v1/reports/submit', { unitId: fx.units[unit], formId, period, values });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp({
    imports: { bodyLimit: 4 * 1024 * 1024, inlineBytes: 4 * 1024 * 1024, tokenRatePerMinute: 100 },
  });
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  notesFormId = await addPublishedForm(t.db, rg.regimeId, notesForm);
  const regime = await t.db
    .selectFrom('regimes')
    .select('code')
    .where('id', '=', rg.regimeId)
    .executeTakeFirstOrThrow();
  b03 = `${regime.code}/B03`;
  gc = `${regime.code}/GC`;
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  // Web submissions stamped 2024-03-20 (the app's clock) ...
  t.clock.now = during('2024-03-20');
  await submit('X1', rg.formId, '20240310', { nhan: 120, duyet: 95, tien: 310.5 });
  await submit('X2', rg.formId, '20240310', { nhan: 40, duyet: 30, tien: 12.25 });
  await submit('X1', notesFormId, '20240310', { ghi_chu: XML_TEXT, 'so_nguoi.nam': 3, 'so_nguoi.nu': 4 });
  await submit('X2', notesFormId, '20240310', { ghi_chu: FORMULA, 'so_nguoi.nam': 1 });
  // ... and an import stamped by the database (today): twelve more reports of B03.
  const values = IMPORT_DAYS.flatMap((period, i) =>
    (['X1', 'X2'] as const).flatMap((unit) => [
      { form: b03, unit, period, cell: 'nhan', value: 10 + i },
      { form: b03, unit, period, cell: 'duyet', value: i },
    ]),
  );
  const imported = await raw(
    admin,
    'POST',
    '/api/v1/imports?format=native',
    JSON.stringify({ values }),
    'application/json',
  );
  expect(imported.statusCode, imported.body).toBe(200);
});
afterAll(async () => t?.close());

function raw(who: Client, method: 'GET' | 'POST', url: string, payload?: Buffer | string, contentType?: string) {
  return t.app.inject({
    method,
    url,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      'accept-language': 'en',
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    ...(payload === undefined ? {} : { payload }),
  });
}

const get = (who: Client, url: string) => raw(who, 'GET', url);
const answered = (r: Awaited<ReturnType<typeof raw>>) => ({
  status: r.statusCode,
  json: (() => {
    try {
      return r.json();
    } catch {
      return r.body;
    }
  })(),
  headers: r.headers,
});

/** One exported value, whatever the format: [unit, period, cell, value as text]. */
type Value = [string, string, string, string];

const formats = ['native', 'dhis2-json', 'dhis2-csv', 'adx', 'csv', 'xlsx'] as const;
type Format = (typeof formats)[number];
const urls: Record<Format, string> = {
  native: '/api/v1/exports.json',
  'dhis2-json': '/api/v1/dataValueSets.json',
  'dhis2-csv': '/api/v1/dataValueSets.csv',
  adx: '/api/v1/dataValueSets.adx',
  csv: '/api/v1/exports.csv',
  xlsx: '/api/v1/exports.xlsx',
};
const contentTypes: Record<Format, string> = {
  native: 'application/json; charset=utf-8',
  'dhis2-json': 'application/json; charset=utf-8',
  'dhis2-csv': 'application/csv; charset=utf-8',
  adx: 'application/adx+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

interface AdxGroup {
  orgUnit: string;
  period: string;
  dataSet: string;
  values: Record<string, string>[];
}

/** Parses an ADX document strictly (namespace, one root), as the import does. */
function parseAdx(text: string): { root: Record<string, string>; groups: AdxGroup[] } {
  const parser = new SaxesParser({ xmlns: true });
  let root: Record<string, string> | null = null;
  const groups: AdxGroup[] = [];
  parser.on('opentag', (tag) => {
    const attrs = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]));
    if (!root) {
      expect({ local: tag.local, uri: tag.uri }).toEqual({ local: 'adx', uri: 'urn:ihe:qrph:adx:2015' });
      root = attrs;
    } else if (tag.local === 'group')
      groups.push({ orgUnit: attrs.orgUnit!, period: attrs.period!, dataSet: attrs.dataSet!, values: [] });
    else if (tag.local === 'dataValue') groups.at(-1)!.values.push(attrs);
  });
  parser.write(text).close();
  return { root: root!, groups };
}

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const rows: ExcelJS.Row[] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(row);
  });
  return rows;
}

const ADX_DAY = /^(\d{4})-(\d{2})-(\d{2})\/P1D$/;

/** The values of an export, parsed in its format, with checks that are the format's own. */
async function valuesOf(format: Format, response: Awaited<ReturnType<typeof raw>>): Promise<Value[]> {
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  expect(response.headers['content-type']).toBe(contentTypes[format]);
  expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="du-lieu-bao-cao\./);
  switch (format) {
    case 'native':
      return response.json().values.map((v: any) => {
        expect(typeof v.lastUpdated).toBe('string');
        return [v.unit, v.period, v.cell, String(v.value)];
      });
    case 'dhis2-json':
      return response
        .json()
        .dataValues.map((v: any) => [
          v.orgUnit,
          v.period,
          v.categoryOptionCombo ? `${v.dataElement}.${v.categoryOptionCombo}` : v.dataElement,
          v.value,
        ]);
    case 'dhis2-csv': {
      const [header, ...rows] = Papa.parse<string[]>(response.body, { skipEmptyLines: true }).data;
      expect(header).toEqual(
        'dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup'.split(','),
      );
      return rows.map((r) => [r[2]!, r[1]!, r[3] ? `${r[0]}.${r[3]}` : r[0]!, r[5]!]);
    }
    case 'csv': {
      const [header, ...rows] = Papa.parse<string[]>(response.body, { skipEmptyLines: true }).data;
      expect(header).toEqual(['form', 'unit', 'period', 'cell', 'value']);
      return rows.map((r) => [r[1]!, r[2]!, r[3]!, r[4]!]);
    }
    case 'adx': {
      const { root, groups } = parseAdx(response.body);
      expect(Number.isNaN(Date.parse(root.exported!))).toBe(false);
      return groups.flatMap((g) => {
        const day = ADX_DAY.exec(g.period);
        expect(day, g.period).not.toBeNull();
        const period = `${day![1]}${day![2]}${day![3]}`;
        return g.values.map((v): Value => {
          const option = v.categoryOptionCombo;
          return [g.orgUnit, period, option ? `${v.dataElement}.${option}` : v.dataElement!, v.value!];
        });
      });
    }
    case 'xlsx': {
      const [header, ...rows] = await readXlsx(response.rawPayload);
      expect(header!.values).toEqual([undefined, 'form', 'unit', 'period', 'cell', 'value']);
      return rows.map((row) => {
        // Codes and periods are text cells; numbers stay numbers.
        for (const c of [1, 2, 3, 4]) expect(typeof row.getCell(c).value).toBe('string');
        const value = row.getCell(5).value;
        return [
          String(row.getCell(2).value),
          String(row.getCell(3).value),
          String(row.getCell(4).value),
          String(value),
        ];
      });
    }
  }
}

const sorted = (values: Value[]) => [...values].sort((a, b) => a.join('|').localeCompare(b.join('|')));

describe('exports in every import format', () => {
  it('each format parses and carries exactly the values submitted', async () => {
    const expected: Value[] = [
      ['X1', '20240310', 'duyet', '95'],
      ['X1', '20240310', 'nhan', '120'],
      ['X1', '20240310', 'tien', '310.5'],
      ['X2', '20240310', 'duyet', '30'],
      ['X2', '20240310', 'nhan', '40'],
      ['X2', '20240310', 'tien', '12.25'],
    ];
    for (const format of formats) {
      const response = await get(admin, `${urls[format]}?dataSet=${b03}&period=20240310`);
      // A computed cell, when stored with the report, is exported as stored (an import ignores it).
      const values = (await valuesOf(format, response)).filter((v) => v[2] !== 'ty_le');
      expect(sorted(values), format).toEqual(expected);
    }
    // JSON keeps numbers as numbers; XLSX writes number cells.
    const native = (await get(admin, `/api/v1/exports.json?dataSet=${b03}&period=20240310&orgUnit=X1`)).json();
    expect(native.values.find((v: any) => v.cell === 'tien')).toMatchObject({ form: b03, unit: 'X1', value: 310.5 });
    const [, ...rows] = await readXlsx(
      (await get(admin, `/api/v1/exports.xlsx?dataSet=${b03}&period=20240310`)).rawPayload,
    );
    const tien = rows.find((r) => r.getCell(2).value === 'X1' && r.getCell(4).value === 'tien')!;
    expect(tien.getCell(5).value).toBe(310.5);
    expect(tien.getCell(5).type).toBe(ExcelJS.ValueType.Number);
  });

  it('defuses formula text in CSV and XLSX, escapes XML in ADX, and names disaggregations', async () => {
    const csv = await get(admin, `/api/v1/exports.csv?dataSet=${gc}&orgUnit=X2`);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.example"",""bấm"")"`);
    const csvValues = Papa.parse<string[]>(csv.body, { skipEmptyLines: true }).data.slice(1);
    expect(csvValues.find((r) => r[3] === 'ghi_chu')![4]).toBe(`'${FORMULA}`);
    const dhis2 = await get(admin, `/api/v1/dataValueSets.csv?dataSet=${gc}&orgUnit=X2`);
    expect(Papa.parse<string[]>(dhis2.body).data.find((r) => r[0] === 'ghi_chu')![5]).toBe(`'${FORMULA}`);

    const rows = await readXlsx((await get(admin, `/api/v1/exports.xlsx?dataSet=${gc}&orgUnit=X2`)).rawPayload);
    const note = rows.find((r) => r.getCell(4).value === 'ghi_chu')!.getCell(5);
    expect(note.value).toBe(`'${FORMULA}`);
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(note.formula).toBeUndefined();
    for (const row of rows)
      for (let c = 1; c <= 5; c++) expect(row.getCell(c).type).not.toBe(ExcelJS.ValueType.Formula);

    // JSON and XML are no spreadsheet: they carry the text as stored, escaped as their syntax needs.
    const json = (await get(admin, `/api/v1/exports.json?dataSet=${gc}&orgUnit=X2`)).json();
    expect(json.values.find((v: any) => v.cell === 'ghi_chu').value).toBe(FORMULA);
    const adx = await get(admin, `/api/v1/dataValueSets.adx?dataSet=${gc}&orgUnit=X1`);
    expect(adx.body).toContain('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;');
    const { groups } = parseAdx(adx.body);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ orgUnit: 'X1', period: '2024-03-10/P1D', dataSet: gc });
    expect(groups[0]!.values).toEqual(
      expect.arrayContaining([
        { dataElement: 'ghi_chu', value: XML_TEXT },
        { dataElement: 'so_nguoi', categoryOptionCombo: 'nam', value: '3' },
        { dataElement: 'so_nguoi', categoryOptionCombo: 'nu', value: '4' },
      ]),
    );
  });

  it('round-trips: every format, imported again, finds everything unchanged (dry run, then for real)', async () => {
    const before = await snapshot(t.db, ['submissions', 'submission_revisions']);
    const importTypes: Record<Format, string> = {
      native: 'application/json',
      'dhis2-json': 'application/json',
      'dhis2-csv': 'text/csv',
      adx: 'application/adx+xml',
      csv: 'text/csv',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
    for (const [dataSet, filter] of [
      [b03, ''],
      [gc, '&orgUnit=X1'],
    ] as const) {
      for (const format of formats) {
        const exported = await get(admin, `${urls[format]}?dataSet=${dataSet}${filter}`);
        expect(exported.statusCode).toBe(200);
        const query = `format=${format}&dryRun=true${format === 'dhis2-csv' ? `&dataSet=${dataSet}` : ''}`;
        const again = await raw(admin, 'POST', `/api/v1/imports?${query}`, exported.rawPayload, importTypes[format]);
        expect(again.statusCode, again.body).toBe(200);
        const { status, counts } = again.json();
        expect({
          format,
          dataSet,
          status,
          created: counts.created,
          updated: counts.updated,
          rejected: counts.rejected,
        }).toEqual({
          format,
          dataSet,
          status: 'ok',
          created: 0,
          updated: 0,
          rejected: 0,
        });
        expect(counts.unchanged).toBeGreaterThan(0);
        expect(counts.unchanged + counts.ignored).toBe(counts.rows);
      }
    }
    // For real: the XLSX and ADX exports imported again write nothing.
    for (const format of ['xlsx', 'adx'] as const) {
      const exported = await get(admin, `${urls[format]}?dataSet=${b03}`);
      const again = await raw(
        admin,
        'POST',
        `/api/v1/imports?format=${format}`,
        exported.rawPayload,
        importTypes[format],
      );
      expect(again.json()).toMatchObject({ status: 'ok', counts: { created: 0, updated: 0 }, reports: { written: 0 } });
    }
    expect(await snapshot(t.db, ['submissions', 'submission_revisions'])).toEqual(before);
  });

  it('pages by cursor: every value exactly once, in every format', async () => {
    for (const format of ['native', 'adx', 'xlsx', 'dhis2-csv'] as const) {
      const whole = await valuesOf(format, await get(admin, `${urls[format]}?dataSet=${b03}`));
      expect(whole.length).toBeGreaterThanOrEqual(6 + IMPORT_DAYS.length * 4);
      const paged: Value[] = [];
      let after = 0;
      let pages = 0;
      for (;;) {
        const response = await get(admin, `${urls[format]}?dataSet=${b03}&limit=5&after=${after}`);
        paged.push(...(await valuesOf(format, response)));
        pages++;
        const next = response.headers['x-next-cursor'];
        if (next === undefined) break;
        expect(Number(next)).toBeGreaterThan(after);
        after = Number(next);
        expect(pages).toBeLessThan(20);
      }
      // 14 reports, five a page: three pages (the last one short, with no cursor).
      expect(pages, format).toBe(3);
      expect(sorted(paged), format).toEqual(sorted(whole));
      expect(new Set(paged.map((v) => v.join('|'))).size, format).toBe(paged.length);
    }
  });

  it('exports only what changed since `lastUpdated`', async () => {
    // The web submissions stand at 2024-03-20; the import was stamped today.
    const since = await get(admin, `/api/v1/exports.json?dataSet=${b03}&lastUpdated=2025-01-01T00:00:00%2B07:00`);
    const periods = new Set(since.json().values.map((v: any) => v.period));
    expect([...periods].sort()).toEqual(IMPORT_DAYS);
    const earlier = await get(admin, `/api/v1/exports.json?dataSet=${b03}&lastUpdated=2024-03-20T00:00:00Z`);
    expect(new Set(earlier.json().values.map((v: any) => v.period))).toContain('20240310');
    for (const format of formats) {
      const none = await get(admin, `${urls[format]}?lastUpdated=2999-01-01T00:00:00Z`);
      expect(await valuesOf(format, none), format).toEqual([]);
      expect(none.headers['x-next-cursor']).toBeUndefined();
    }
  });

  it('never shows a unit outside the caller’s view', async () => {
    for (const format of formats) {
      const own = await valuesOf(format, await get(officer, `${urls[format]}?period=20240310`));
      expect(own.length, format).toBeGreaterThan(0);
      expect(new Set(own.map((v) => v[0])), format).toEqual(new Set(['X1']));
      // X2 is a unit the officer does not see: 404, as for any unseen object.
      expectError(answered(await get(officer, `${urls[format]}?orgUnit=X2`)), 404, 'NOT_FOUND', 'orgUnit');
    }
    const x2 = await valuesOf('csv', await get(admin, `/api/v1/exports.csv?orgUnit=X2&period=20240310`));
    expect(new Set(x2.map((v) => v[0]))).toEqual(new Set(['X2']));
  });

  it('answers a bad filter with a clear error, never a 500', async () => {
    const cases: [string, number, string, string | null][] = [
      ['period=2024Q5', 400, 'VALIDATION_FAILED', 'period'],
      ['period=abcd', 400, 'VALIDATION_FAILED', 'period'],
      ['lastUpdated=h%C3%B4m-qua', 400, 'VALIDATION_FAILED', 'querystring.lastUpdated'],
      ['dataSet=KHONG/CO', 404, 'NOT_FOUND', 'dataSet'],
      ['orgUnit=KHONG-CO', 404, 'NOT_FOUND', 'orgUnit'],
      ['limit=0', 400, 'VALIDATION_FAILED', 'querystring.limit'],
      ['after=-1', 400, 'VALIDATION_FAILED', 'querystring.after'],
      ['format=xlsx', 400, 'VALIDATION_FAILED', 'querystring.format'],
    ];
    for (const format of formats)
      for (const [query, status, code, field] of cases) {
        const response = answered(await get(admin, `${urls[format]}?${query}`));
        expectError(response, status, code, field);
        if (query === 'period=2024Q5') expect(response.json.message).toContain('the quarter must be 1 to 4');
      }
  });
});
