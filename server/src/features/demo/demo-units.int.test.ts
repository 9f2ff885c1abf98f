import { foldForSearch } from '@baocao/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness';
import { demoUnitsLoaded, loadDemoUnits } from './demo-units';

const BEFORE = '2025-06-30';
const AFTER = '2025-07-01';
const ENTRY_KINDS = [
  'ubnd_district',
  'labour_office_district',
  'treasury_district',
  'social_insurance_district',
  'social_policy_bank_district',
];

let database: TestDatabase;
let counts: Awaited<ReturnType<typeof loadDemoUnits>>;
let loadedBefore: boolean;

const validOn = (day: string) =>
  sql<boolean>`units.valid_from <= ${day}::date and (units.valid_to is null or units.valid_to >= ${day}::date)`;

async function kindsValidOn(day: string): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('units')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('count')])
    .where(validOn(day))
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.kind, row.count]));
}

async function unitsWithCode(code: string) {
  return database.db
    .selectFrom('units')
    .select(['id', 'name', 'validFrom', 'validTo'])
    .where('code', '=', code)
    .orderBy('validFrom')
    .execute();
}

async function linksOf(code: string) {
  return database.db
    .selectFrom('unitParents as link')
    .innerJoin('units as unit', 'unit.id', 'link.unitId')
    .innerJoin('units as parent', 'parent.id', 'link.parentId')
    .select(['parent.code as parent', 'link.hierarchy', 'link.validFrom', 'link.validTo'])
    .where('unit.code', '=', code)
    .orderBy('link.validFrom')
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  loadedBefore = await demoUnitsLoaded(database.db);
  counts = await loadDemoUnits(database.db);
});

afterAll(async () => {
  await database?.drop();
});

describe('loadDemoUnits', () => {
  it('loads every unit, link and mapping once, and knows it did', async () => {
    expect(loadedBefore).toBe(false);
    expect(counts).toEqual({ units: 16_807, links: 16_942, mappings: 10_518 });
    expect(await demoUnitsLoaded(database.db)).toBe(true);
    const flags = await database.db
      .selectFrom('units')
      .select(['isDemo', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('isDemo')
      .execute();
    expect(flags).toEqual([{ isDemo: true, count: 16_807 }]);
  });

  it('has the 3-level territorial tree up to 30 June 2025 and the 2-level one from 1 July 2025', async () => {
    expect(await kindsValidOn(BEFORE)).toEqual({
      government: 1,
      government_office: 1,
      ministry: 7,
      central_agency: 1,
      ubnd_province: 63,
      ubnd_district: 696,
      ubnd_commune: 10_035,
      labour_office_district: 696,
      treasury_district: 696,
      social_insurance_district: 696,
      social_policy_bank_district: 696,
    });
    expect(await kindsValidOn(AFTER)).toEqual({
      government: 1,
      government_office: 1,
      ministry: 7,
      central_agency: 1,
      ubnd_province: 34,
      ubnd_commune: 3_321,
    });
    const entry = await database.db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('kind', 'in', ENTRY_KINDS)
      .where(validOn(BEFORE))
      .executeTakeFirstOrThrow();
    expect(entry.count).toBe(3_480);
  });

  it('names the district agencies after their district and hangs them under its People’s Committee', async () => {
    const agencies = await database.db
      .selectFrom('units')
      .select(['code', 'name', 'areaCode'])
      .where('code', 'in', ['271', 'LDTBXH.271', 'KBNN.271', 'BHXH.271', 'NHCSXH.271'])
      .orderBy('code')
      .execute();
    expect(agencies).toEqual([
      { code: '271', name: 'UBND huyện Ba Vì', areaCode: '271' },
      { code: 'BHXH.271', name: 'Bảo hiểm xã hội huyện Ba Vì', areaCode: '271' },
      { code: 'KBNN.271', name: 'Kho bạc Nhà nước huyện Ba Vì', areaCode: '271' },
      { code: 'LDTBXH.271', name: 'Phòng Lao động – Thương binh và Xã hội huyện Ba Vì', areaCode: '271' },
      { code: 'NHCSXH.271', name: 'Phòng giao dịch Ngân hàng Chính sách xã hội huyện Ba Vì', areaCode: '271' },
    ]);
    expect(await linksOf('KBNN.271')).toEqual([
      { parent: '271', hierarchy: 'administrative', validFrom: '1900-01-01', validTo: BEFORE },
    ]);
  });

  it('keeps Hà Nội as one unit with an old and a new parent link', async () => {
    expect(await unitsWithCode('01')).toEqual([
      { id: expect.any(Number), name: 'UBND thành phố Hà Nội', validFrom: '1900-01-01', validTo: null },
    ]);
    expect(await linksOf('01')).toEqual([
      { parent: 'CP', hierarchy: 'administrative', validFrom: '1900-01-01', validTo: BEFORE },
      { parent: 'CP', hierarchy: 'administrative', validFrom: AFTER, validTo: null },
    ]);
  });

  it('keeps the 125 unchanged communes as one unit each, under their district and then their province', async () => {
    const continuing = await database.db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('kind', '=', 'ubnd_commune')
      .where('validFrom', '=', '1900-01-01')
      .where('validTo', 'is', null)
      .executeTakeFirstOrThrow();
    expect(continuing.count).toBe(125);
    // Renamed in spelling only ("Tà Si Láng" → "Tà Xi Láng"): the unit takes the 2025 name.
    expect(await unitsWithCode('04603')).toEqual([
      { id: expect.any(Number), name: 'UBND xã Tà Xi Láng', validFrom: '1900-01-01', validTo: null },
    ]);
    expect(await linksOf('04603')).toEqual([
      { parent: '139', hierarchy: 'administrative', validFrom: '1900-01-01', validTo: BEFORE },
      { parent: '15', hierarchy: 'administrative', validFrom: AFTER, validTo: null },
    ]);
  });

  it('resolves a reused code to the unit of the day: 24 is Bắc Giang, then Bắc Ninh', async () => {
    const on = (day: string) =>
      database.db.selectFrom('units').select('name').where('code', '=', '24').where(validOn(day)).execute();
    expect(await on(BEFORE)).toEqual([{ name: 'UBND tỉnh Bắc Giang' }]);
    expect(await on(AFTER)).toEqual([{ name: 'UBND tỉnh Bắc Ninh' }]);
  });

  it('maps old units to new ones, whole or in part, without self-mappings', async () => {
    const byRelation = await database.db
      .selectFrom('unitMappings')
      .select(['relation', (eb) => eb.fn.countAll<number>().as('count')])
      .where('effectiveDate', '=', AFTER)
      .groupBy('relation')
      .orderBy('relation')
      .execute();
    expect(byRelation).toEqual([
      { relation: 'full', count: 9_508 },
      { relation: 'partial', count: 1_010 },
    ]);
    const selfMapped = await database.db
      .selectFrom('unitMappings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .whereRef('oldUnitId', '=', 'newUnitId')
      .executeTakeFirstOrThrow();
    expect(selfMapped.count).toBe(0);
    const bacGiang = await database.db
      .selectFrom('unitMappings as m')
      .innerJoin('units as old', 'old.id', 'm.oldUnitId')
      .innerJoin('units as new', 'new.id', 'm.newUnitId')
      .select(['new.name', 'm.relation'])
      .where('old.name', '=', 'UBND tỉnh Bắc Giang')
      .execute();
    expect(bacGiang).toEqual([{ name: 'UBND tỉnh Bắc Ninh', relation: 'full' }]);
    // An island district without communes maps as a district to its special zone.
    const bachLongVi = await database.db
      .selectFrom('unitMappings as m')
      .innerJoin('units as old', 'old.id', 'm.oldUnitId')
      .innerJoin('units as new', 'new.id', 'm.newUnitId')
      .select(['new.code', 'new.name'])
      .where('old.code', '=', '318')
      .execute();
    expect(bachLongVi).toEqual([{ code: '11948', name: 'UBND đặc khu Bạch Long Vĩ' }]);
  });

  it('finds units without diacritics', async () => {
    const found = await database.db
      .selectFrom('units')
      .select(['code', 'name'])
      .where('searchText', 'like', `%${foldForSearch('ha noi')}%`)
      .where('kind', '=', 'ubnd_province')
      .execute();
    expect(found).toEqual([{ code: '01', name: 'UBND thành phố Hà Nội' }]);
  });

  it('puts every unit under the Government in the closure', async () => {
    const outside = await database.db
      .selectFrom('units as u')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('unitClosure as c')
              .innerJoin('units as cp', 'cp.id', 'c.ancestorId')
              .select('c.ancestorId')
              .where('cp.code', '=', 'CP')
              .whereRef('c.descendantId', '=', 'u.id'),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    expect(outside.count).toBe(0);
  });

  it('refuses to load twice and changes nothing', async () => {
    await expect(loadDemoUnits(database.db)).rejects.toThrow(/already loaded/);
    const total = await database.db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(total.count).toBe(16_807);
  });
});
