/**
 * A local feed of the daily air-quality index (AQI, VN_AQI scale 0–500) of the five
 * centrally-run cities, for the demo and the tests: `npm start` with demo data serves it
 * beside the app, and the demo's AQI connector pulls it. Figures are DEMONSTRATION DATA,
 * generated from the date (the same day always gives the same figures), not measurements.
 *
 * GET /aqi.json → `{ source, generatedAt, data: [{ city: { code, name }, time, aqi, pm25 }] }`
 * GET /aqi.csv  → `city_code,city_name,date,aqi,pm25`
 * `?date=yyyy-mm-dd` asks for another day (default: today in Vietnam).
 *
 * Tests make it fail: `failNext(n)` answers the next n requests with 503.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeedMapping, FormDefinition, RegimeDefinition } from '@baocao/domain';

export const AQI_CITIES = [
  { code: '01', name: 'Thành phố Hà Nội' },
  { code: '79', name: 'Thành phố Hồ Chí Minh' },
  { code: '31', name: 'Thành phố Hải Phòng' },
  { code: '48', name: 'Thành phố Đà Nẵng' },
  { code: '92', name: 'Thành phố Cần Thơ' },
] as const;

/** The demonstration figures of a city on a day: AQI and PM2.5 (µg/m³). */
export function aqiOf(cityCode: string, date: string): { aqi: number; pm25: number } {
  let h = 2166136261;
  for (const ch of `${cityCode}|${date}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  // The north is dirtier in the dry season; the south steadier.
  const month = Number(date.slice(5, 7));
  const north = ['01', '31'].includes(cityCode);
  const season = north && (month >= 11 || month <= 3) ? 60 : 0;
  const aqi = 35 + season + (h % 90);
  return { aqi, pm25: Math.round(aqi * 0.42 * 10) / 10 };
}

export interface AqiFeed {
  url: string;
  /** Answers the next `n` requests with 503 Service Unavailable. */
  failNext(n: number): void;
  /** Requests served (failed ones included). */
  hits: number;
  close(): Promise<void>;
}

const vietnamToday = (now: number) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);

export async function startAqiFeed(
  options: {
    port?: number;
    host?: string;
    cities?: readonly { code: string; name: string }[];
    now?: () => number;
  } = {},
): Promise<AqiFeed> {
  const cities = options.cities ?? AQI_CITIES;
  const now = options.now ?? Date.now;
  let failures = 0;
  const feed = { hits: 0 } as AqiFeed;
  const server: Server = createServer((request, response) => {
    feed.hits += 1;
    const url = new URL(request.url ?? '/', 'http://feed');
    if (failures > 0) {
      failures -= 1;
      response.writeHead(503, { 'content-type': 'text/plain' }).end('temporarily unavailable');
      return;
    }
    const asked = url.searchParams.get('date');
    const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : vietnamToday(now());
    const rows = cities.map((c) => ({ city: c, time: `${date}T07:00:00+07:00`, ...aqiOf(c.code, date) }));
    if (url.pathname === '/aqi.json') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(
        JSON.stringify({
          source: 'Baocao demo feed — DỮ LIỆU MINH HỌA (demonstration data)',
          generatedAt: new Date(now()).toISOString(),
          data: rows,
        }),
      );
      return;
    }
    if (url.pathname === '/aqi.csv') {
      const lines = [
        'city_code,city_name,date,aqi,pm25',
        ...rows.map((r) => `${r.city.code},${r.city.name},${date},${r.aqi},${r.pm25}`),
      ];
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(`${lines.join('\n')}\n`);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  feed.url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  feed.failNext = (n) => {
    failures = n;
  };
  feed.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return feed;
}

/** The JSON mapping of the feed onto the AQI form. */
export const aqiJsonMapping: FeedMapping = {
  records: '$.data',
  unit: '$.city.code',
  period: '$.time',
  periodFormat: 'date',
  values: [
    { cell: 'aqi', path: '$.aqi' },
    { cell: 'pm25', path: '$.pm25' },
  ],
};

/** The daily regime that receives the feed: the five cities "report", the Government consolidates. */
export const aqiRegime: RegimeDefinition = {
  name: { vi: 'Chỉ số chất lượng không khí (AQI) hằng ngày', en: 'Daily air-quality index (AQI)' },
  content:
    'Chỉ số VN_AQI trung bình ngày và nồng độ bụi PM2.5 của 5 thành phố trực thuộc Trung ương (dữ liệu minh họa)',
  reportingUnits: 'UBND 5 thành phố trực thuộc Trung ương (qua kết nối tự động)',
  receivingAgency: 'Văn phòng Chính phủ',
  sendingMethod: 'Kết nối tự động từ hệ thống quan trắc (connector)',
  deadline: '09:00 hằng ngày',
  frequency: 'day',
  dataWindow: 'calendar',
  outlineTemplate: 'Không có đề cương: số liệu tự động',
  procedure: 'Hệ thống quan trắc cung cấp số liệu; Baocao lấy về theo lịch',
  legalBasis: 'Quyết định 293/QĐ-TTg (nhóm chỉ tiêu môi trường) — minh họa',
  ownerUnitCode: 'VPCP',
  hierarchy: 'administrative',
  consolidatingUnitKinds: ['government'],
  consolidationCounts: 'submitted',
  recipientUnitCodes: ['VPCP'],
  schedules: [
    {
      unitKinds: ['ubnd_province'],
      role: 'entry',
      opens: { anchor: 'period_end', days: 0, time: '00:00' },
      due: { anchor: 'period_end', days: 1, time: '09:00' },
      closes: { anchor: 'period_end', days: 1, time: '09:00' },
    },
  ],
  allowLateSubmission: true,
  validFrom: '2025-07-01',
  validTo: null,
} as RegimeDefinition;

export const aqiForm: FormDefinition = {
  code: 'AQI',
  title: { vi: 'Chỉ số chất lượng không khí theo ngày', en: 'Daily air quality' },
  entryUnitKinds: ['ubnd_province'],
  optionSets: [],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Chất lượng không khí', en: 'Air quality' },
      layout: 'list',
      fields: [
        {
          code: 'aqi',
          label: { vi: 'Chỉ số VN_AQI trung bình ngày', en: 'Daily mean VN_AQI' },
          type: 'integer',
          unit: 'điểm',
          min: 0,
          max: 500,
          required: true,
          aggregation: { hierarchy: 'none', time: 'last' },
        },
        {
          code: 'pm25',
          label: { vi: 'Nồng độ bụi PM2.5', en: 'PM2.5 concentration' },
          type: 'decimal',
          unit: 'µg/m³',
          min: 0,
          aggregation: { hierarchy: 'none', time: 'last' },
        },
      ],
    },
  ],
  rules: [],
} as FormDefinition;
