/**
 * Demonstration indicators (issue 12 §1): the indicators the Government named among the first
 * connected from ministries' systems, and a few more, with a generated history from 2010 —
 * clearly marked: the indicators and every value carry `is_demo`, and the values' source is
 * `demo`. The figures follow a plausible level and trend with noise, not the real statistics.
 *
 * Loaded set-based: one statement for the catalogue, one for the agencies and one for every
 * value (the national series, and for yearly indicators each province valid at the period's
 * start — 63 before the 2025 reform, 34 after), with a preliminary, a revised and an official
 * vintage as each release date passes.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';

type Frequency = 'year' | 'quarter' | 'month';
interface DemoIndicator {
  code: string;
  vi: string;
  en: string;
  unit: string;
  frequency: Frequency;
  area: string;
  timeMethod: 'sum' | 'last';
  /** Agencies in charge, from a date (the March 2025 ministry mergers moved several). */
  agencies: [string, string][];
  /** Level in 2010 (per period) and yearly growth factor. */
  base: number;
  growth: number;
  /** A percentage: capped below 100. */
  percent?: boolean;
  /** Air travel collapsed in 2020–2021. */
  covid?: boolean;
}

const MOF = 'Bộ Tài chính';
const MPI: [string, string][] = [
  ['2010-01-01', 'Bộ Kế hoạch và Đầu tư'],
  ['2025-03-01', 'Bộ Tài chính'],
];
const VSS: [string, string][] = [
  ['2010-01-01', 'Bảo hiểm xã hội Việt Nam'],
  ['2025-03-01', 'Bảo hiểm xã hội Việt Nam (thuộc Bộ Tài chính)'],
];
const MOT: [string, string][] = [
  ['2010-01-01', 'Bộ Giao thông vận tải'],
  ['2025-03-01', 'Bộ Xây dựng'],
];
const since2010 = (agency: string): [string, string][] => [['2010-01-01', agency]];

export const demoIndicators: DemoIndicator[] = [
  {
    code: 'NSNN-THU',
    vi: 'Thu ngân sách nhà nước',
    en: 'State budget revenue',
    unit: 'nghìn tỷ đồng',
    frequency: 'year',
    area: 'public_finance',
    timeMethod: 'sum',
    agencies: since2010(MOF),
    base: 558,
    growth: 1.09,
  },
  {
    code: 'NSNN-CHI',
    vi: 'Chi ngân sách nhà nước',
    en: 'State budget expenditure',
    unit: 'nghìn tỷ đồng',
    frequency: 'year',
    area: 'public_finance',
    timeMethod: 'sum',
    agencies: since2010(MOF),
    base: 648,
    growth: 1.085,
  },
  {
    code: 'NO-CONG-GDP',
    vi: 'Nợ công so với GDP',
    en: 'Public debt to GDP',
    unit: '%',
    frequency: 'year',
    area: 'public_finance',
    timeMethod: 'last',
    agencies: since2010(MOF),
    base: 56.6,
    growth: 0.99,
    percent: true,
  },
  {
    code: 'NO-CP-GDP',
    vi: 'Nợ Chính phủ so với GDP',
    en: 'Government debt to GDP',
    unit: '%',
    frequency: 'year',
    area: 'public_finance',
    timeMethod: 'last',
    agencies: since2010(MOF),
    base: 45.1,
    growth: 0.99,
    percent: true,
  },
  {
    code: 'FDI-DANG-KY',
    vi: 'Vốn đầu tư trực tiếp nước ngoài đăng ký',
    en: 'Foreign direct investment registered',
    unit: 'triệu USD',
    frequency: 'quarter',
    area: 'macro_stability',
    timeMethod: 'sum',
    agencies: MPI,
    base: 4700,
    growth: 1.06,
  },
  {
    code: 'FDI-THUC-HIEN',
    vi: 'Vốn đầu tư trực tiếp nước ngoài thực hiện',
    en: 'Foreign direct investment disbursed',
    unit: 'triệu USD',
    frequency: 'quarter',
    area: 'macro_stability',
    timeMethod: 'sum',
    agencies: MPI,
    base: 2750,
    growth: 1.07,
  },
  {
    code: 'DN-HOAT-DONG',
    vi: 'Doanh nghiệp đang hoạt động',
    en: 'Active enterprises',
    unit: 'doanh nghiệp',
    frequency: 'year',
    area: 'business_environment',
    timeMethod: 'last',
    agencies: MPI,
    base: 279000,
    growth: 1.07,
  },
  {
    code: 'DN-TAM-NGUNG',
    vi: 'Doanh nghiệp tạm ngừng kinh doanh có thời hạn',
    en: 'Enterprises suspended',
    unit: 'doanh nghiệp',
    frequency: 'month',
    area: 'business_environment',
    timeMethod: 'sum',
    agencies: MPI,
    base: 4500,
    growth: 1.06,
  },
  {
    code: 'DN-QUAY-LAI',
    vi: 'Doanh nghiệp quay trở lại hoạt động',
    en: 'Enterprises returning to business',
    unit: 'doanh nghiệp',
    frequency: 'month',
    area: 'business_environment',
    timeMethod: 'sum',
    agencies: MPI,
    base: 2000,
    growth: 1.07,
  },
  {
    code: 'BS-10K',
    vi: 'Số bác sĩ trên 10.000 dân',
    en: 'Doctors per 10,000 people',
    unit: 'bác sĩ',
    frequency: 'year',
    area: 'social',
    timeMethod: 'last',
    agencies: since2010('Bộ Y tế'),
    base: 7.2,
    growth: 1.035,
  },
  {
    code: 'BHYT-NGUOI',
    vi: 'Số người tham gia bảo hiểm y tế',
    en: 'People covered by health insurance',
    unit: 'triệu người',
    frequency: 'year',
    area: 'social',
    timeMethod: 'last',
    agencies: VSS,
    base: 52,
    growth: 1.04,
  },
  {
    code: 'BHXH-NGUOI',
    vi: 'Số người tham gia bảo hiểm xã hội',
    en: 'People covered by social insurance',
    unit: 'triệu người',
    frequency: 'year',
    area: 'social',
    timeMethod: 'last',
    agencies: VSS,
    base: 9.4,
    growth: 1.05,
  },
  {
    code: 'BHTN-NGUOI',
    vi: 'Số người tham gia bảo hiểm thất nghiệp',
    en: 'People covered by unemployment insurance',
    unit: 'triệu người',
    frequency: 'year',
    area: 'labour',
    timeMethod: 'last',
    agencies: VSS,
    base: 7.2,
    growth: 1.05,
  },
  {
    code: 'BH-QUY-THU',
    vi: 'Thu quỹ bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp',
    en: 'Revenue of the social, health and unemployment insurance funds',
    unit: 'nghìn tỷ đồng',
    frequency: 'year',
    area: 'social',
    timeMethod: 'sum',
    agencies: VSS,
    base: 105,
    growth: 1.11,
  },
  {
    code: 'BH-QUY-CHI',
    vi: 'Chi quỹ bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp',
    en: 'Spending of the social, health and unemployment insurance funds',
    unit: 'nghìn tỷ đồng',
    frequency: 'year',
    area: 'social',
    timeMethod: 'sum',
    agencies: VSS,
    base: 95,
    growth: 1.11,
  },
  {
    code: 'HS-DI-HOC',
    vi: 'Tỷ lệ đi học đúng độ tuổi cấp tiểu học',
    en: 'Net primary school attendance',
    unit: '%',
    frequency: 'year',
    area: 'social',
    timeMethod: 'last',
    agencies: since2010('Bộ Giáo dục và Đào tạo'),
    base: 97.1,
    growth: 1.001,
    percent: true,
  },
  {
    code: 'DVC-MUC-3',
    vi: 'Dịch vụ công trực tuyến mức độ 3',
    en: 'Level-3 online public services',
    unit: 'dịch vụ',
    frequency: 'year',
    area: 'public_administration',
    timeMethod: 'last',
    agencies: since2010('Văn phòng Chính phủ'),
    base: 1500,
    growth: 1.15,
  },
  {
    code: 'DVC-MUC-4',
    vi: 'Dịch vụ công trực tuyến mức độ 4',
    en: 'Level-4 online public services',
    unit: 'dịch vụ',
    frequency: 'year',
    area: 'public_administration',
    timeMethod: 'last',
    agencies: since2010('Văn phòng Chính phủ'),
    base: 200,
    growth: 1.3,
  },
  {
    code: 'DVC-DUNG-HAN',
    vi: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn',
    en: 'Administrative procedures resolved on time',
    unit: '%',
    frequency: 'quarter',
    area: 'public_administration',
    timeMethod: 'last',
    agencies: since2010('Văn phòng Chính phủ'),
    base: 86,
    growth: 1.01,
    percent: true,
  },
  {
    code: 'XA-TCPL',
    vi: 'Tỷ lệ xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật',
    en: 'Communes meeting the legal-access standard',
    unit: '%',
    frequency: 'year',
    area: 'public_administration',
    timeMethod: 'last',
    agencies: since2010('Bộ Tư pháp'),
    base: 60,
    growth: 1.035,
    percent: true,
  },
  {
    code: 'TGPL-VU-VIEC',
    vi: 'Số vụ việc trợ giúp pháp lý',
    en: 'Legal aid cases',
    unit: 'vụ việc',
    frequency: 'year',
    area: 'public_administration',
    timeMethod: 'sum',
    agencies: since2010('Bộ Tư pháp'),
    base: 15000,
    growth: 1.03,
  },
  {
    code: 'CAO-TOC-KM',
    vi: 'Chiều dài đường bộ cao tốc đưa vào khai thác',
    en: 'Expressways in service',
    unit: 'km',
    frequency: 'year',
    area: 'infrastructure_science',
    timeMethod: 'last',
    agencies: MOT,
    base: 100,
    growth: 1.27,
  },
  {
    code: 'HK-HANG-KHONG',
    vi: 'Hành khách vận chuyển bằng đường hàng không',
    en: 'Air passengers carried',
    unit: 'nghìn lượt người',
    frequency: 'month',
    area: 'infrastructure_science',
    timeMethod: 'sum',
    agencies: MOT,
    base: 1200,
    growth: 1.09,
    covid: true,
  },
];

const DEMO_NOTE = {
  vi: 'Dữ liệu minh họa: chuỗi số liệu từ 2010 được sinh tự động để trình diễn, không phải số liệu thống kê chính thức.',
  en: 'Demonstration data: the series from 2010 is generated for the demo and is not official statistics.',
};

/** Loads the demonstration indicators and their history once (nothing when any is there). */
export async function loadDemoIndicators(
  db: Db,
  today: string,
): Promise<{ indicators: number; values: number } | null> {
  const present = await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicators WHERE is_demo`.execute(db);
  if (present.rows[0]!.n > 0) return null;
  return db.transaction().execute(async (tx) => {
    const list = demoIndicators;
    const col = <T>(f: (d: DemoIndicator) => T) => list.map(f);
    await sql`INSERT INTO indicators (code, name, unit_of_measure, frequency, area, source, time_method, description, is_demo)
      SELECT c, jsonb_build_object('vi', v, 'en', e), u, f, a, 'push', t, ${JSON.stringify(DEMO_NOTE)}::jsonb, true
      FROM unnest(${col((d) => d.code)}::text[], ${col((d) => d.vi)}::text[], ${col((d) => d.en)}::text[],
        ${col((d) => d.unit)}::text[], ${col((d) => d.frequency)}::text[], ${col((d) => d.area)}::text[],
        ${col((d) => d.timeMethod)}::text[]) AS x(c, v, e, u, f, a, t)`.execute(tx);
    const agencies = list.flatMap((d) => d.agencies.map(([from, agency]) => ({ code: d.code, from, agency })));
    await sql`INSERT INTO indicator_agencies (indicator_id, valid_from, agency)
      SELECT i.id, x.f, x.a FROM unnest(${agencies.map((a) => a.code)}::text[], ${agencies.map((a) => a.from)}::date[],
        ${agencies.map((a) => a.agency)}::text[]) AS x(c, f, a) JOIN indicators i ON i.code = x.c`.execute(tx);
    const inserted = await sql`
      WITH spec AS (
        SELECT i.id, x.code, x.freq, x.base, x.growth, x.pct, x.covid, x.flow
        FROM unnest(${col((d) => d.code)}::text[], ${col((d) => d.frequency)}::text[], ${col((d) => d.base)}::float8[],
          ${col((d) => d.growth)}::float8[], ${col((d) => d.percent === true)}::bool[], ${col((d) => d.covid === true)}::bool[],
          ${col((d) => d.timeMethod === 'sum' || d.unit !== '%')}::bool[]) AS x(code, freq, base, growth, pct, covid, flow)
        JOIN indicators i ON i.code = x.code
      ), periods AS (
        SELECT s.*, p::date AS start,
          (p + CASE s.freq WHEN 'year' THEN interval '1 year' WHEN 'quarter' THEN interval '3 months'
            ELSE interval '1 month' END - interval '1 day')::date AS finish,
          CASE s.freq WHEN 'year' THEN to_char(p, 'YYYY') WHEN 'quarter' THEN to_char(p, 'YYYY"Q"Q')
            ELSE to_char(p, 'YYYYMM') END AS period_id
        FROM spec s, generate_series('2010-01-01'::date, ${today}::date,
          CASE s.freq WHEN 'year' THEN interval '1 year' WHEN 'quarter' THEN interval '3 months' ELSE interval '1 month' END) p
      ), national AS (
        SELECT p.*, p.base * power(p.growth, (p.start - '2010-01-01'::date) / 365.25)
          * (1 + (abs(hashtext(p.code || p.period_id)) % 80 - 40) / 1000.0)
          * CASE WHEN p.covid AND p.start BETWEEN '2020-02-01' AND '2021-12-31' THEN 0.35 ELSE 1 END AS level
        FROM periods p WHERE p.finish < ${today}::date
      ), located AS (
        SELECT n.id, n.start, n.finish, n.period_id, n.pct, (SELECT id FROM units WHERE code = 'CP' ORDER BY valid_from LIMIT 1) AS unit_id,
          n.level AS value FROM national n
        UNION ALL
        -- Yearly indicators also per province valid at the period's start: a share of flows and counts, a spread of ratios.
        SELECT n.id, n.start, n.finish, n.period_id, n.pct, u.id,
          CASE WHEN n.flow AND NOT n.pct THEN n.level / count(*) OVER (PARTITION BY n.id, n.period_id)
              * (0.4 + (abs(hashtext(n.code || u.code)) % 120) / 100.0)
            ELSE n.level * (0.9 + (abs(hashtext(n.code || u.code)) % 20) / 100.0) END
        FROM national n JOIN units u ON u.kind = 'ubnd_province' AND u.valid_from <= n.start
          AND (u.valid_to IS NULL OR u.valid_to >= n.start)
        WHERE n.freq = 'year'
      )
      INSERT INTO indicator_values (indicator_id, unit_id, period_id, period_start, vintage, released_on, value, source,
        source_detail, is_demo)
      SELECT l.id, l.unit_id, l.period_id, l.start, v.vintage, (l.finish + v.days)::date,
        round((CASE WHEN l.pct THEN least(l.value * v.factor, 99.6) ELSE l.value * v.factor END)::numeric,
          CASE WHEN l.value < 100 THEN 2 ELSE 1 END)::float8,
        'demo', 'Dữ liệu minh họa', true
      FROM located l
      CROSS JOIN (VALUES ('preliminary', 20, 0.985), ('revised', 90, 1.004), ('official', 270, 1.0)) AS v(vintage, days, factor)
      WHERE l.unit_id IS NOT NULL AND (l.finish + v.days)::date <= ${today}::date`.execute(tx);
    return { indicators: list.length, values: Number(inserted.numAffectedRows ?? 0) };
  });
}
