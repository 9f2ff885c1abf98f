import { foldForSearch } from '@baocao/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

async function units(codes: string[]) {
  const rows = await t.db
    .insertInto('units')
    .values(codes.map((code) => ({ code, name: code, kind: 'ubnd_commune', searchText: foldForSearch(code) })))
    .returning(['id', 'code'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

const closure = async () =>
  (
    await sql<{
      a: string;
      d: string;
    }>`select a.code as a, d.code as d from unit_closure c join units a on a.id = c.ancestor_id join units d on d.id = c.descendant_id`.execute(
      t.db,
    )
  ).rows
    .map((r) => `${r.a}>${r.d}`)
    .sort();

describe('unit closure', () => {
  it('closes chains inserted in one statement, and follows moves and deletions', async () => {
    const u = await units(['A', 'B', 'C', 'D']);
    await t.db
      .insertInto('unitParents')
      .values([
        { hierarchy: 'administrative', unitId: u.C!, parentId: u.B! },
        { hierarchy: 'administrative', unitId: u.B!, parentId: u.A! },
      ])
      .execute();
    expect(await closure()).toEqual(['A>A', 'A>B', 'A>C', 'B>B', 'B>C', 'C>C', 'D>D']);
    await t.db.updateTable('unitParents').set({ parentId: u.D! }).where('unitId', '=', u.C!).execute();
    expect(await closure()).toEqual(['A>A', 'A>B', 'B>B', 'C>C', 'D>C', 'D>D']);
    await t.db.deleteFrom('unitParents').where('unitId', '=', u.B!).execute();
    expect(await closure()).toEqual(['A>A', 'B>B', 'C>C', 'D>C', 'D>D']);
  });

  it('refuses a cycle', async () => {
    const u = await units(['E', 'F']);
    await t.db
      .insertInto('unitParents')
      .values({ hierarchy: 'administrative', unitId: u.F!, parentId: u.E! })
      .execute();
    await expect(
      t.db.insertInto('unitParents').values({ hierarchy: 'administrative', unitId: u.E!, parentId: u.F! }).execute(),
    ).rejects.toThrow(/own ancestor/);
  });

  it('loads a 15,000-unit tree in one statement per level quickly enough for first start', async () => {
    const started = Date.now();
    const provinces = await units(Array.from({ length: 60 }, (_, i) => `P${i}`));
    const districts = await units(Array.from({ length: 700 }, (_, i) => `Q${i}`));
    const communes = await units(Array.from({ length: 14_000 }, (_, i) => `R${i}`));
    const links = [
      ...Object.values(districts).map((id, i) => ({
        hierarchy: 'administrative',
        unitId: id,
        parentId: Object.values(provinces)[i % 60]!,
      })),
      ...Object.values(communes).map((id, i) => ({
        hierarchy: 'administrative',
        unitId: id,
        parentId: Object.values(districts)[i % 700]!,
      })),
    ];
    for (let i = 0; i < links.length; i += 5000)
      await t.db
        .insertInto('unitParents')
        .values(links.slice(i, i + 5000))
        .execute();
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from unit_closure c join units u on u.id = c.descendant_id where u.code like 'R%'`.execute(
      t.db,
    );
    expect(count.rows[0]!.n).toBe(14_000 * 3);
    console.log(`closure for 14,760 units: ${Date.now() - started} ms`);
  });
});
