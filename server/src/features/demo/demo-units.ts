import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { foldForSearch, normalizeText } from '@baocao/domain';
import { type Kysely, sql } from 'kysely';
import Papa from 'papaparse';
import type { Db, Tx } from '../../db/database';
import type { DB } from '../../db/generated-types';

// The demo unit tree: the Government, a few central agencies, and Vietnam's
// People's Committees before and after the 1 July 2025 reform (63 provinces,
// 696 districts and 10,035 communes, then 34 provinces and 3,321 communes), plus
// the four district agencies of the COVID-19 support flow, with the old → new
// mapping. A unit that went through the reform unchanged ("giữ nguyên") stays one
// row with two effective-dated parent links, so its history needs no mapping.
//
// Everything goes in with a few multi-row statements (unnest of arrays): the
// triggers on unit_parents make per-statement and per-row costs matter; see
// insertLinks.

const DATA_DIR = path.join(import.meta.dirname, 'data');
const HIERARCHY = 'administrative';
const BEGINNING = '1900-01-01';
const LAST_DAY_BEFORE_REFORM = '2025-06-30';
const REFORM_DATE = '2025-07-01';
const UNCHANGED = 'giữ nguyên';
const LINK_SAMPLE_EVERY = 128;

const AREA_COLUMNS = ['code', 'name', 'short_name', 'name_en', 'level', 'parent_code'] as const;
type AreaRow = Record<(typeof AREA_COLUMNS)[number], string>;
type AreaRow2025 = AreaRow & { formed_from: string };

interface PlannedUnit {
  key: string;
  code: string;
  name: string;
  shortName: string | null;
  nameEn: string | null;
  kind: string;
  areaCode: string | null;
  validFrom: string;
  validTo: string | null;
}

interface PlannedLink {
  unitKey: string;
  parentKey: string;
  validFrom: string;
  validTo: string | null;
}

interface PlannedMapping {
  oldKey: string;
  newKey: string;
  relation: 'full' | 'partial';
}

interface Plan {
  units: PlannedUnit[];
  links: PlannedLink[];
  mappings: PlannedMapping[];
}

interface DemoData {
  pre: AreaRow[];
  post: AreaRow2025[];
  provinceMapping: Record<'old_code' | 'new_code', string>[];
  communeMapping: Record<'old_code' | 'old_level' | 'new_code' | 'relation', string>[];
}

// Codes are reused with new meanings after the reform, so a unit is known by its
// code together with the day it became valid.
const unitKey = (code: string, validFrom: string) => `${code}@${validFrom}`;

const GOVERNMENT: PlannedUnit = {
  key: unitKey('CP', BEGINNING),
  code: 'CP',
  name: 'Chính phủ',
  shortName: null,
  nameEn: 'Government of Viet Nam',
  kind: 'government',
  areaCode: null,
  validFrom: BEGINNING,
  validTo: null,
};

// [code, name, short name, English name, kind]. All open-ended for the demo,
// though on 1 March 2025 the Ministry of Labour, Invalids and Social Affairs was
// merged into the Ministry of Home Affairs (its last day was 28 February 2025) and
// the Ministry of Planning and Investment into the Ministry of Finance: the
// COVID-19 support flow reports to the former.
const CENTRAL_UNITS: [string, string, string, string, string][] = [
  ['VPCP', 'Văn phòng Chính phủ', 'VPCP', 'Government Office', 'government_office'],
  [
    'BLDTBXH',
    'Bộ Lao động – Thương binh và Xã hội',
    'Bộ LĐTBXH',
    'Ministry of Labour, Invalids and Social Affairs',
    'ministry',
  ],
  ['BTC', 'Bộ Tài chính', 'Bộ Tài chính', 'Ministry of Finance', 'ministry'],
  ['BKHDT', 'Bộ Kế hoạch và Đầu tư', 'Bộ KHĐT', 'Ministry of Planning and Investment', 'ministry'],
  ['BYT', 'Bộ Y tế', 'Bộ Y tế', 'Ministry of Health', 'ministry'],
  ['BNV', 'Bộ Nội vụ', 'Bộ Nội vụ', 'Ministry of Home Affairs', 'ministry'],
  ['BCA', 'Bộ Công an', 'Bộ Công an', 'Ministry of Public Security', 'ministry'],
  ['NHNN', 'Ngân hàng Nhà nước Việt Nam', 'NHNN', 'State Bank of Viet Nam', 'ministry'],
  ['BHXHVN', 'Bảo hiểm xã hội Việt Nam', 'BHXH Việt Nam', 'Viet Nam Social Security', 'central_agency'],
];

// The district agencies that enter the COVID-19 support report beside the
// district People's Committee: [code prefix, name, short name, English suffix, kind].
const DISTRICT_AGENCIES: [string, string, string, string, string][] = [
  [
    'LDTBXH',
    'Phòng Lao động – Thương binh và Xã hội',
    'Phòng LĐTBXH',
    'Labour, Invalids and Social Affairs Office',
    'labour_office_district',
  ],
  ['KBNN', 'Kho bạc Nhà nước', 'KBNN', 'State Treasury', 'treasury_district'],
  ['BHXH', 'Bảo hiểm xã hội', 'BHXH', 'Social Insurance', 'social_insurance_district'],
  [
    'NHCSXH',
    'Phòng giao dịch Ngân hàng Chính sách xã hội',
    'PGD NHCSXH',
    'Social Policy Bank Transaction Office',
    'social_policy_bank_district',
  ],
];

const UBND_KIND: Record<string, string> = {
  province: 'ubnd_province',
  district: 'ubnd_district',
  commune: 'ubnd_commune',
};

/** "Huyện Ba Vì" → "huyện Ba Vì": the type word in lower case, as it reads after "UBND" or an agency name. */
function inSentence(row: AreaRow): string {
  const typeWord = row.name.slice(0, row.name.length - row.short_name.length).trim();
  if (!typeWord || !row.name.endsWith(row.short_name)) return row.name;
  return `${typeWord.toLocaleLowerCase('vi')} ${row.short_name}`;
}

/** The People's Committee of an administrative area, valid as given. */
function committee(row: AreaRow, validFrom: string, validTo: string | null): PlannedUnit {
  const kind = UBND_KIND[row.level];
  if (!kind) throw new Error(`unknown level '${row.level}' for area ${row.code}`);
  return {
    key: unitKey(row.code, validFrom),
    code: row.code,
    name: `UBND ${inSentence(row)}`,
    shortName: row.short_name || null,
    nameEn: row.name_en ? `${row.name_en} People's Committee` : null,
    kind,
    areaCode: row.code,
    validFrom,
    validTo,
  };
}

/** Builds every unit, parent link and mapping in memory, keyed by code and start day. */
function planDemoUnits(data: DemoData): Plan {
  const units: PlannedUnit[] = [GOVERNMENT];
  const links: PlannedLink[] = [];
  const mappings: PlannedMapping[] = [];
  const link = (unitKey: string, parentKey: string, validFrom: string, validTo: string | null) =>
    links.push({ unitKey, parentKey, validFrom, validTo });

  for (const [code, name, shortName, nameEn, kind] of CENTRAL_UNITS) {
    const unit = { key: unitKey(code, BEGINNING), code, name, shortName, nameEn, kind, areaCode: null };
    units.push({ ...unit, validFrom: BEGINNING, validTo: null });
    link(unit.key, GOVERNMENT.key, BEGINNING, null);
  }

  const preByCode = new Map(data.pre.map((row) => [row.code, row]));
  // A unit unchanged by the reform keeps its row (and its history); it takes the
  // 2025 name, which for 11 communes differs in spelling only.
  const continuing = new Map(
    data.post
      .filter((row) => row.formed_from === UNCHANGED && preByCode.get(row.code)?.level === row.level)
      .map((row) => [row.code, row]),
  );
  const preKey = (code: string) => unitKey(code, BEGINNING);
  const postKey = (code: string) => (continuing.has(code) ? preKey(code) : unitKey(code, REFORM_DATE));

  for (const row of data.pre) {
    const current = continuing.get(row.code);
    units.push(committee(current ?? row, BEGINNING, current ? null : LAST_DAY_BEFORE_REFORM));
    const parentKey = row.level === 'province' ? GOVERNMENT.key : preKey(row.parent_code);
    link(preKey(row.code), parentKey, BEGINNING, LAST_DAY_BEFORE_REFORM);
    if (row.level !== 'district') continue;
    for (const [prefix, name, shortName, nameEn, kind] of DISTRICT_AGENCIES) {
      const code = `${prefix}.${row.code}`;
      units.push({
        key: preKey(code),
        code,
        name: `${name} ${inSentence(row)}`,
        shortName: `${shortName} ${inSentence(row)}`,
        nameEn: `${row.name_en} ${nameEn}`,
        kind,
        areaCode: row.code,
        validFrom: BEGINNING,
        validTo: LAST_DAY_BEFORE_REFORM,
      });
      link(preKey(code), preKey(row.code), BEGINNING, LAST_DAY_BEFORE_REFORM);
    }
  }

  for (const row of data.post) {
    if (!continuing.has(row.code)) units.push(committee(row, REFORM_DATE, null));
    const parentKey = row.level === 'province' ? GOVERNMENT.key : postKey(row.parent_code);
    link(postKey(row.code), parentKey, REFORM_DATE, null);
  }

  for (const row of data.provinceMapping) {
    const oldKey = preKey(row.old_code);
    const newKey = postKey(row.new_code);
    if (oldKey !== newKey) mappings.push({ oldKey, newKey, relation: 'full' });
  }
  for (const row of data.communeMapping) {
    // 12 old codes were dissolved before the pre-2025 list's cut-off (see SOURCES.md);
    // the 5 island districts map as districts.
    if (preByCode.get(row.old_code)?.level !== row.old_level) continue;
    if (row.relation !== 'full' && row.relation !== 'partial') {
      throw new Error(`unknown relation '${row.relation}' for ${row.old_code} → ${row.new_code}`);
    }
    const oldKey = preKey(row.old_code);
    const newKey = postKey(row.new_code);
    if (oldKey !== newKey) mappings.push({ oldKey, newKey, relation: row.relation });
  }

  return { units, links, mappings };
}

async function readCsv<C extends string>(file: string, columns: readonly C[]): Promise<Record<C, string>[]> {
  const text = await readFile(path.join(DATA_DIR, file), 'utf8');
  const parsed = Papa.parse<Record<C, string>>(text, { header: true, skipEmptyLines: true });
  const firstError = parsed.errors[0];
  if (firstError) throw new Error(`${file}, row ${firstError.row}: ${firstError.message}`);
  const missing = columns.filter((column) => !parsed.meta.fields?.includes(column));
  if (missing.length > 0) throw new Error(`${file} lacks the columns ${missing.join(', ')}`);
  return parsed.data;
}

async function readDemoData(): Promise<DemoData> {
  const [pre, post, provinceMapping, communeMapping] = await Promise.all([
    readCsv('admin-units-pre-2025.csv', AREA_COLUMNS),
    readCsv('admin-units-2025.csv', [...AREA_COLUMNS, 'formed_from']),
    readCsv('mapping-provinces-2025.csv', ['old_code', 'new_code']),
    readCsv('mapping-communes-2025.csv', ['old_code', 'old_level', 'new_code', 'relation']),
  ]);
  const normalize = <R extends AreaRow>(row: R): R => ({
    ...row,
    name: normalizeText(row.name),
    short_name: normalizeText(row.short_name),
    name_en: normalizeText(row.name_en),
  });
  return { pre: pre.map(normalize), post: post.map(normalize), provinceMapping, communeMapping };
}

async function insertUnits(tx: Tx, units: PlannedUnit[]): Promise<Map<string, number>> {
  const column = <K extends keyof PlannedUnit>(name: K) => units.map((unit) => unit[name]);
  const searchTexts = units.map((unit) =>
    foldForSearch([unit.code, unit.name, unit.shortName, unit.nameEn].filter(Boolean).join(' ')),
  );
  const rows = await tx
    .insertInto('units')
    .columns([
      'code',
      'name',
      'shortName',
      'nameEn',
      'kind',
      'areaCode',
      'validFrom',
      'validTo',
      'searchText',
      'isDemo',
    ])
    .expression(
      sql`select *, true from unnest(
        ${column('code')}::text[], ${column('name')}::text[], ${column('shortName')}::text[],
        ${column('nameEn')}::text[], ${column('kind')}::text[], ${column('areaCode')}::text[],
        ${column('validFrom')}::date[], ${column('validTo')}::date[], ${searchTexts}::text[])`,
    )
    .returning(['id', 'code', 'validFrom'])
    .execute();
  return new Map(rows.map((row) => [unitKey(row.code, row.validFrom), row.id]));
}

type LinkRow = PlannedLink & { unitId: number; parentId: number };

async function insertLinkStatement(tx: Tx, links: LinkRow[]): Promise<void> {
  await sql`
    insert into unit_parents (hierarchy, unit_id, parent_id, valid_from, valid_to)
    select ${HIERARCHY}, * from unnest(
      ${links.map((l) => l.unitId)}::int[], ${links.map((l) => l.parentId)}::int[],
      ${links.map((l) => l.validFrom)}::date[], ${links.map((l) => l.validTo)}::date[])
  `.execute(tx);
}

/**
 * Inserts the parent links in two statements. Each statement rebuilds the whole
 * unit_closure, and each row runs the cycle check, a recursive query whose
 * cached generic plan scans every link of the hierarchy at each step: that made
 * one 17,000-row statement take minutes. Custom plans probe the index, but only
 * once the planner has column statistics. So an even sample goes first and is
 * analyzed, and then each row's check is planned for its own values.
 */
async function insertLinks(tx: Tx, links: LinkRow[]): Promise<void> {
  const { rows } = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(tx);
  await insertLinkStatement(
    tx,
    links.filter((_, i) => i % LINK_SAMPLE_EVERY === 0),
  );
  await sql`analyze unit_parents`.execute(tx);
  await sql`select set_config('plan_cache_mode', 'force_custom_plan', true)`.execute(tx);
  await insertLinkStatement(
    tx,
    links.filter((_, i) => i % LINK_SAMPLE_EVERY !== 0),
  );
  await sql`select set_config('plan_cache_mode', ${rows[0]?.mode ?? 'auto'}, true)`.execute(tx);
}

/**
 * Loads the demo unit tree (see the top of this file) in one transaction and
 * returns how many units, parent links and old → new mappings it inserted.
 * Refuses to run twice on the same database.
 */
export async function loadDemoUnits(db: Kysely<DB>): Promise<{ units: number; links: number; mappings: number }> {
  const plan = planDemoUnits(await readDemoData());
  return db.transaction().execute(async (tx) => {
    if (await demoUnitsLoaded(tx)) throw new Error('the demo units are already loaded (unit CP exists)');
    const ids = await insertUnits(tx, plan.units);
    if (ids.size !== plan.units.length) throw new Error('demo data defines a unit code twice for the same day');
    const id = (key: string) => {
      const found = ids.get(key);
      if (found === undefined) throw new Error(`demo data refers to unit ${key}, which it does not define`);
      return found;
    };

    await insertLinks(
      tx,
      plan.links.map((link) => ({ ...link, unitId: id(link.unitKey), parentId: id(link.parentKey) })),
    );

    await sql`
      insert into unit_mappings (old_unit_id, new_unit_id, relation, effective_date)
      select *, ${REFORM_DATE}::date from unnest(
        ${plan.mappings.map((m) => id(m.oldKey))}::int[], ${plan.mappings.map((m) => id(m.newKey))}::int[],
        ${plan.mappings.map((m) => m.relation)}::text[])
    `.execute(tx);

    return { units: ids.size, links: plan.links.length, mappings: plan.mappings.length };
  });
}

/** True when the demo unit tree (or any tree with a unit coded CP) is in the database. */
export async function demoUnitsLoaded(db: Db | Tx): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').where('code', '=', 'CP').limit(1).executeTakeFirst();
  return row !== undefined;
}
