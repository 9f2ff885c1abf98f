/**
 * Exports of indicator values (native JSON, the body a push takes, and CSV) through HTTP
 * against the real database: values as pushed, every vintage; a page pushed back changes
 * nothing; the cursor covers every value once; `lastUpdated` finds new values and
 * corrections; units outside the caller's view never appear; bad filters are clear errors.
 */
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let admin: Client;
let viewerH1: Client;
let viewerT2: Client;

const CODE = 'XK-LAO-DONG';

interface PushedValue {
  indicator: string;
  unitCode: string;
  period: string;
  option?: string;
  vintage: 'preliminary' | 'revised' | 'official';
  releasedOn: string;
  value: number;
}

const first: PushedValue[] = [
  { indicator: CODE, unitCode: 'X1', period: '2022', vintage: 'preliminary', releasedOn: '2023-01-10', value: 120 },
  { indicator: CODE, unitCode: 'X1', period: '2022', vintage: 'official', releasedOn: '2023-06-30', value: 125.5 },
  {
    indicator: CODE,
    unitCode: 'X1',
    period: '2022',
    option: 'sex.nu',
    vintage: 'official',
    releasedOn: '2023-06-30',
    value: 60,
  },
  { indicator: CODE, unitCode: 'X2', period: '2022', vintage: 'official', releasedOn: '2023-06-30', value: 80 },
  { indicator: CODE, unitCode: 'H1', period: '2022', vintage: 'official', releasedOn: '2023-06-30', value: 205.5 },
  { indicator: CODE, unitCode: 'T2', period: '2022', vintage: 'official', releasedOn: '2023-06-30', value: 990 },
  { indicator: CODE, unitCode: 'X1', period: '2023', vintage: 'preliminary', releasedOn: '2024-01-10', value: -3 },
];

async function push(values: PushedValue[] | unknown) {
  const r = await admin.request('POST', '/api/v1/indicator-values', Array.isArray(values) ? { values } : values);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as { created: number; updated: number; unchanged: number };
}

function get(who: Client, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie, 'accept-language': 'en' } });
}

const keyOf = (v: PushedValue) => `${v.unitCode}|${v.period}|${v.option ?? ''}|${v.vintage}|${v.releasedOn}`;

beforeAll(async () => {
  t = await createTestApp();
  await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  viewerH1 = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
  viewerT2 = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
  const made = await admin.request('POST', '/api/v1/indicators', {
    code: CODE,
    name: { vi: 'Số lao động được hỗ trợ', en: 'Workers supported' },
    unitOfMeasure: 'người',
    frequency: 'year',
    area: 'social',
    source: 'direct',
    timeMethod: 'last',
    disaggregations: [
      {
        code: 'sex',
        label: { vi: 'Giới tính', en: 'Sex' },
        options: [
          { code: 'nam', label: { vi: 'Nam', en: 'Male' } },
          { code: 'nu', label: { vi: 'Nữ', en: 'Female' } },
        ],
      },
    ],
    agencies: [{ validFrom: '2010-01-01', agency: 'Bộ LĐTBXH' }],
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  expect(await push(first)).toEqual({ created: first.length, updated: 0, unchanged: 0 });
});
afterAll(async () => t?.close());

describe('indicator value exports', () => {
  it('exports every stored vintage as the push body, and pushing it back changes nothing', async () => {
    const response = await get(admin, `/api/v1/indicator-values?indicator=${CODE}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json() as { values: PushedValue[] };
    expect(Object.keys(body)).toEqual(['values']);
    expect([...body.values].sort((a, b) => keyOf(a).localeCompare(keyOf(b)))).toEqual(
      [...first].sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
    );
    const before = await snapshot(t.db, ['indicator_values']);
    expect(await push(body)).toEqual({ created: 0, updated: 0, unchanged: first.length });
    // Nothing written but the push's audit entry.
    expect({ ...(await snapshot(t.db, ['indicator_values'])), audit: before.audit }).toEqual(before);
  });

  it('exports CSV with the same values, parsed back', async () => {
    const response = await get(admin, `/api/v1/indicator-values.csv?indicator=${CODE}&period=2022`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = Papa.parse<string[]>(response.body, { skipEmptyLines: true }).data;
    expect(header).toEqual([
      'indicator',
      'unitCode',
      'period',
      'option',
      'vintage',
      'releasedOn',
      'value',
      'source',
      'recordedAt',
    ]);
    const parsed = rows.map((r) => {
      expect(r[7]).toBe('push');
      expect(Number.isNaN(Date.parse(r[8]!))).toBe(false);
      return `${r[1]}|${r[2]}|${r[3]}|${r[4]}|${r[5]}|${r[6]}`;
    });
    expect(parsed.sort()).toEqual(
      first
        .filter((v) => v.period === '2022')
        .map((v) => `${keyOf(v)}|${v.value}`)
        .sort(),
    );
  });

  it('pages by cursor: every value exactly once', async () => {
    for (const url of ['/api/v1/indicator-values', '/api/v1/indicator-values.csv']) {
      const seen: string[] = [];
      let after = 0;
      let pages = 0;
      for (;;) {
        const response = await get(admin, `${url}?indicator=${CODE}&limit=3&after=${after}`);
        expect(response.statusCode).toBe(200);
        const lines = url.endsWith('.csv')
          ? Papa.parse<string[]>(response.body, { skipEmptyLines: true })
              .data.slice(1)
              .map((r) => `${r[1]}|${r[2]}|${r[3]}|${r[4]}|${r[5]}`)
          : (response.json().values as PushedValue[]).map(keyOf);
        seen.push(...lines);
        pages++;
        const next = response.headers['x-next-cursor'];
        if (next === undefined) break;
        after = Number(next);
        expect(pages).toBeLessThan(10);
      }
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(first.map(keyOf).sort());
    }
  });

  it('exports only values recorded or corrected since `lastUpdated`', async () => {
    const mark = (await sql<{ at: Date }>`SELECT clock_timestamp() AS at`.execute(t.db)).rows[0]!.at.toISOString();
    const none = await get(admin, `/api/v1/indicator-values?lastUpdated=${mark}`);
    expect(none.json()).toEqual({ values: [] });
    // A correction of one release and a new vintage: both, and only they, come out.
    const corrected = { ...first[3]!, value: 81 };
    const added: PushedValue = {
      indicator: CODE,
      unitCode: 'X2',
      period: '2023',
      vintage: 'preliminary',
      releasedOn: '2024-01-10',
      value: 77,
    };
    expect(await push([corrected, added, first[0]!])).toEqual({ created: 1, updated: 1, unchanged: 1 });
    const since = await get(admin, `/api/v1/indicator-values?lastUpdated=${mark}`);
    expect((since.json().values as PushedValue[]).map((v) => [keyOf(v), v.value]).sort()).toEqual(
      [
        [keyOf(corrected), 81],
        [keyOf(added), 77],
      ].sort(),
    );
  });

  it('never shows a unit outside the caller’s view', async () => {
    const h1 = (await get(viewerH1, '/api/v1/indicator-values')).json().values as PushedValue[];
    expect(new Set(h1.map((v) => v.unitCode))).toEqual(new Set(['H1', 'X1', 'X2']));
    const t2 = (await get(viewerT2, '/api/v1/indicator-values.csv')).body;
    const units = Papa.parse<string[]>(t2, { skipEmptyLines: true })
      .data.slice(1)
      .map((r) => r[1]);
    expect(new Set(units)).toEqual(new Set(['T2']));
    const asked = await get(viewerH1, '/api/v1/indicator-values?unitCode=T2');
    expectError({ status: asked.statusCode, json: asked.json(), headers: asked.headers }, 404, 'NOT_FOUND', 'unitCode');
    const own = (await get(viewerH1, '/api/v1/indicator-values?unitCode=X2')).json().values as PushedValue[];
    expect(new Set(own.map((v) => v.unitCode))).toEqual(new Set(['X2']));
  });

  it('answers a bad filter with a clear error, never a 500', async () => {
    const cases: [string, number, string, string][] = [
      ['indicator=KHONG-CO', 404, 'NOT_FOUND', 'indicator'],
      ['period=2023Q5', 400, 'VALIDATION_FAILED', 'querystring.period'],
      ['period=202213', 400, 'VALIDATION_FAILED', 'period'],
      ['lastUpdated=2024-13-01', 400, 'VALIDATION_FAILED', 'querystring.lastUpdated'],
      ['limit=10001', 400, 'VALIDATION_FAILED', 'querystring.limit'],
      ['unit=X1', 400, 'VALIDATION_FAILED', 'querystring.unit'],
    ];
    for (const url of ['/api/v1/indicator-values', '/api/v1/indicator-values.csv'])
      for (const [query, status, code, field] of cases) {
        const r = await get(admin, `${url}?${query}`);
        expectError({ status: r.statusCode, json: r.json(), headers: r.headers }, status, code, field);
      }
  });
});
