import { foldForSearch } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { recordAudit } from '../audit/audit.service';

// The State Treasury as a sectoral hierarchy (`kbnn`) beside the administrative one: the
// central treasury (under the Ministry of Finance in the administrative tree), the treasuries
// of a few provinces (only on the treasury line), and, under each, the district treasuries
// the demo tree already has under their district People's Committees. A district treasury
// thus reports along the treasury line while it stays in its district's tree. Small on
// purpose: three provinces, about seventy units, one statement per kind of row.

export const TREASURY_HIERARCHY = 'kbnn';
const BEGINNING = '1900-01-01';
/** Hà Nội, Hải Phòng and Hồ Chí Minh City: their codes kept their meaning through the 2025 reform. */
const PROVINCES = ['01', '31', '79'];
/** The day the pre-reform district treasuries still existed, to find them by their districts. */
const DISTRICTS_ON = '2025-06-30';

const CENTRAL = {
  code: 'KBNN',
  name: 'Kho bạc Nhà nước',
  shortName: 'KBNN',
  nameEn: 'State Treasury of Viet Nam',
  kind: 'treasury_central',
};

/**
 * Adds the State Treasury line on first run (the hierarchy, the central and provincial
 * treasuries, the placements); returns the number of units placed, or null when the hierarchy
 * is already there. Safe to call on every start; with no demo tree it still makes the hierarchy,
 * so the treasury's demo regime can name it.
 */
export async function loadDemoTreasury(db: Db): Promise<number | null> {
  return db.transaction().execute(async (tx) => {
    const created = await tx
      .insertInto('hierarchies')
      .values({
        code: TREASURY_HIERARCHY,
        nameVi: 'Hệ thống Kho bạc Nhà nước',
        nameEn: 'State Treasury',
        description: 'Dữ liệu minh họa: Kho bạc Nhà nước → Kho bạc Nhà nước cấp tỉnh → Kho bạc Nhà nước cấp huyện.',
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .executeTakeFirst();
    if (!created) return null;
    const placed = await placeTreasuries(tx);
    await recordAudit(tx, null, [
      {
        action: 'hierarchy.create',
        objectType: 'hierarchy',
        objectId: TREASURY_HIERARCHY,
        unitId: null,
        after: { code: TREASURY_HIERARCHY, demo: true, units: placed },
      },
    ]);
    return placed;
  });
}

async function placeTreasuries(tx: Tx): Promise<number> {
  const ministry = await tx.selectFrom('units').select('id').where('code', '=', 'BTC').executeTakeFirst();
  const provinces = await tx
    .selectFrom('units')
    .select(['id', 'code', 'name', 'nameEn'])
    .where('code', 'in', PROVINCES)
    .where('kind', '=', 'ubnd_province')
    .where('validFrom', '=', BEGINNING)
    .orderBy('code')
    .execute();
  if (!ministry || provinces.length === 0) return 0;

  const central = await tx
    .insertInto('units')
    .values({
      ...CENTRAL,
      searchText: foldForSearch(`${CENTRAL.code} ${CENTRAL.name} ${CENTRAL.nameEn}`),
      isDemo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // "UBND thành phố Hà Nội" → "Kho bạc Nhà nước thành phố Hà Nội".
  const treasuries = provinces.map((p) => ({
    code: `KBNN.${p.code}`,
    name: `Kho bạc Nhà nước ${p.name.replace(/^UBND /, '')}`,
    shortName: `KBNN ${p.name.replace(/^UBND (tỉnh|thành phố) /, '')}`,
    nameEn: p.nameEn ? `${p.nameEn.replace(/ People's Committee$/, '')} State Treasury` : null,
    kind: 'treasury_province',
    areaCode: p.code,
    isDemo: true,
  }));
  const provincial = await tx
    .insertInto('units')
    .values(
      treasuries.map((u) => ({
        ...u,
        searchText: foldForSearch(`${u.code} ${u.name} ${u.shortName} ${u.nameEn ?? ''}`),
      })),
    )
    .returning(['id', 'areaCode'])
    .execute();

  // The district treasuries of those provinces, through their districts' administrative links.
  const districts = await sql<{ id: number; validFrom: string; validTo: string | null; province: string }>`
    SELECT t.id, t.valid_from::text AS "validFrom", t.valid_to::text AS "validTo", pr.code AS province
    FROM units t
    JOIN unit_parents tl ON tl.unit_id = t.id AND tl.hierarchy = 'administrative'
      AND daterange(tl.valid_from, tl.valid_to, '[]') @> ${DISTRICTS_ON}::date
    JOIN unit_parents dl ON dl.unit_id = tl.parent_id AND dl.hierarchy = 'administrative'
      AND daterange(dl.valid_from, dl.valid_to, '[]') @> ${DISTRICTS_ON}::date
    JOIN units pr ON pr.id = dl.parent_id
    WHERE t.kind = 'treasury_district' AND pr.code IN (${sql.join(PROVINCES)})
    ORDER BY t.code`.execute(tx);
  const provinceTreasury = new Map(provincial.map((p) => [p.areaCode, p.id]));

  await tx
    .insertInto('unitParents')
    .values({ hierarchy: 'administrative', unitId: central.id, parentId: ministry.id })
    .execute();
  const links = [
    ...provincial.map((p) => ({ unitId: p.id, parentId: central.id, validFrom: BEGINNING, validTo: null })),
    ...districts.rows.map((d) => ({
      unitId: d.id,
      parentId: provinceTreasury.get(d.province)!,
      validFrom: d.validFrom,
      validTo: d.validTo,
    })),
  ];
  await tx
    .insertInto('unitParents')
    .values(links.map((link) => ({ hierarchy: TREASURY_HIERARCHY, ...link })))
    .execute();
  return 1 + provincial.length + districts.rows.length;
}
