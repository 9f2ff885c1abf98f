import { foldForSearch } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness';
import { loadDemoTreasury } from './demo-treasury';

const PRE = '2025-06-30';
/**
 * The part of the demo tree the treasury line reads (codes and names as loadDemoUnits makes
 * them): [code, name, English name, kind, administrative parent, valid from, valid to].
 */
const UNITS: [string, string, string | null, string, string | null, string, string | null][] = [
  ['CP', 'Chính phủ', null, 'government', null, '1900-01-01', null],
  ['BTC', 'Bộ Tài chính', 'Ministry of Finance', 'ministry', 'CP', '1900-01-01', null],
  ['01', 'UBND thành phố Hà Nội', "Ha Noi People's Committee", 'ubnd_province', 'CP', '1900-01-01', null],
  ['271', 'UBND huyện Ba Vì', null, 'ubnd_district', '01', '1900-01-01', PRE],
  ['KBNN.271', 'Kho bạc Nhà nước huyện Ba Vì', null, 'treasury_district', '271', '1900-01-01', PRE],
  ['79', 'UBND thành phố Hồ Chí Minh', "Ho Chi Minh City People's Committee", 'ubnd_province', 'CP', '1900-01-01', PRE],
  ['760', 'UBND quận 1', null, 'ubnd_district', '79', '1900-01-01', PRE],
  ['KBNN.760', 'Kho bạc Nhà nước quận 1', null, 'treasury_district', '760', '1900-01-01', PRE],
  // The new Hồ Chí Minh City of the reform reuses the code: not the treasury's province.
  ['79', 'UBND thành phố Hồ Chí Minh', null, 'ubnd_province', 'CP', '2025-07-01', null],
  // A province outside the demo's treasury line.
  ['02', 'UBND tỉnh Hà Giang', null, 'ubnd_province', 'CP', '1900-01-01', PRE],
  ['024', 'UBND huyện Đồng Văn', null, 'ubnd_district', '02', '1900-01-01', PRE],
  ['KBNN.024', 'Kho bạc Nhà nước huyện Đồng Văn', null, 'treasury_district', '024', '1900-01-01', PRE],
];

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const ids = new Map<string, number>();
  for (const [code, name, nameEn, kind, parent, validFrom, validTo] of UNITS) {
    const row = await database.db
      .insertInto('units')
      .values({ code, name, nameEn, kind, validFrom, validTo, searchText: foldForSearch(`${code} ${name}`) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (parent)
      await database.db
        .insertInto('unitParents')
        .values({ hierarchy: 'administrative', unitId: row.id, parentId: ids.get(parent)!, validFrom, validTo })
        .execute();
    ids.set(code, row.id);
  }
});
afterAll(async () => database?.drop());

async function links(hierarchy: string) {
  const rows = await database.db
    .selectFrom('unitParents as l')
    .innerJoin('units as u', 'u.id', 'l.unitId')
    .innerJoin('units as p', 'p.id', 'l.parentId')
    .select(['u.code as unit', 'p.code as parent', 'l.validFrom', 'l.validTo'])
    .where('l.hierarchy', '=', hierarchy)
    .orderBy('u.code')
    .execute();
  return rows.map((r) => `${r.unit} → ${r.parent} ${r.validFrom}…${r.validTo ?? ''}`);
}

describe('loadDemoTreasury', () => {
  it('builds the treasury line once: central → provincial treasuries → their district treasuries', async () => {
    expect(await loadDemoTreasury(database.db)).toBe(5);
    expect(await loadDemoTreasury(database.db)).toBeNull();
    expect(await links('kbnn')).toEqual([
      'KBNN.01 → KBNN 1900-01-01…',
      'KBNN.271 → KBNN.01 1900-01-01…2025-06-30',
      'KBNN.760 → KBNN.79 1900-01-01…2025-06-30',
      'KBNN.79 → KBNN 1900-01-01…',
    ]);
    const treasuries = await database.db
      .selectFrom('units')
      .select(['code', 'name', 'shortName', 'nameEn', 'kind', 'isDemo'])
      .where('kind', 'in', ['treasury_central', 'treasury_province'])
      .orderBy('code')
      .execute();
    expect(treasuries).toEqual([
      {
        code: 'KBNN',
        name: 'Kho bạc Nhà nước',
        shortName: 'KBNN',
        nameEn: 'State Treasury of Viet Nam',
        kind: 'treasury_central',
        isDemo: true,
      },
      {
        code: 'KBNN.01',
        name: 'Kho bạc Nhà nước thành phố Hà Nội',
        shortName: 'KBNN Hà Nội',
        nameEn: 'Ha Noi State Treasury',
        kind: 'treasury_province',
        isDemo: true,
      },
      {
        code: 'KBNN.79',
        name: 'Kho bạc Nhà nước thành phố Hồ Chí Minh',
        shortName: 'KBNN Hồ Chí Minh',
        nameEn: 'Ho Chi Minh City State Treasury',
        kind: 'treasury_province',
        isDemo: true,
      },
    ]);
    // The central treasury sits under the Ministry of Finance in the administrative tree, which
    // otherwise is unchanged: the district treasuries stay under their districts.
    const administrative = await links('administrative');
    expect(administrative).toContain('KBNN → BTC 1900-01-01…');
    expect(administrative).toContain('KBNN.271 → 271 1900-01-01…2025-06-30');
    expect(administrative.filter((l) => l.startsWith('KBNN.0') || l.startsWith('KBNN.79'))).toEqual([
      'KBNN.024 → 024 1900-01-01…2025-06-30',
    ]);
    const hierarchy = await database.db.selectFrom('hierarchies').selectAll().where('code', '=', 'kbnn').execute();
    expect(hierarchy).toMatchObject([{ nameVi: 'Hệ thống Kho bạc Nhà nước', nameEn: 'State Treasury' }]);
  });
});
