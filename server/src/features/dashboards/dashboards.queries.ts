import type { DashboardDefinition, DashboardShare, Role } from '@baocao/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

const ISO = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface DashboardRow {
  id: number;
  unitId: number;
  unitName: string;
  title: { vi: string; en: string };
  definition: DashboardDefinition;
  preset: string | null;
  version: number;
  updatedAt: string;
}

/**
 * Who sees a board: its unit lies in the caller's view, or it is shared with a unit whose
 * subtree holds one of the caller's view roots (with the caller's role, when the share names one).
 */
export function visibleExpression(viewRoots: number[], roles: Role[]): RawBuilder<boolean> {
  if (viewRoots.length === 0) return sql<boolean>`false`;
  const rolesArray = sql`${roles}::text[]`;
  return sql<boolean>`(EXISTS (SELECT 1 FROM unit_closure c WHERE c.descendant_id = d.unit_id
      AND c.ancestor_id IN (${sql.join(viewRoots)}))
    OR EXISTS (SELECT 1 FROM dashboard_shares s JOIN unit_closure c ON c.ancestor_id = s.unit_id
      WHERE s.dashboard_id = d.id AND c.descendant_id IN (${sql.join(viewRoots)})
        AND (s.role IS NULL OR s.role = ANY (${rolesArray}))))`;
}

function selectDashboards(db: Reader) {
  return db
    .selectFrom('dashboards as d')
    .innerJoin('units as u', 'u.id', 'd.unitId')
    .where('d.deletedAt', 'is', null)
    .select([
      'd.id',
      'd.unitId',
      'u.name as unitName',
      sql<{ vi: string; en: string }>`d.title`.as('title'),
      sql<DashboardDefinition>`d.definition`.as('definition'),
      'd.preset',
      'd.version',
      ISO('d.updated_at').as('updatedAt'),
    ]);
}

/** The boards the caller sees (`visible` null: every board), presets first, then by title. */
export async function findDashboards(db: Reader, visible: RawBuilder<boolean> | null): Promise<DashboardRow[]> {
  let q = selectDashboards(db);
  if (visible) q = q.where(visible);
  return q.orderBy(sql`d.preset IS NULL`).orderBy(sql`d.title->>'vi'`).orderBy('d.id').limit(500).execute();
}

export async function findDashboard(
  db: Reader,
  id: number,
  visible: RawBuilder<boolean> | null,
  lock = false,
): Promise<DashboardRow | undefined> {
  let q = selectDashboards(db).where('d.id', '=', id);
  if (visible) q = q.where(visible);
  if (lock) q = q.forUpdate('d');
  return q.executeTakeFirst();
}

export async function findShares(db: Reader, dashboardIds: number[]): Promise<Map<number, DashboardShare[]>> {
  const map = new Map<number, DashboardShare[]>();
  if (dashboardIds.length === 0) return map;
  const rows = await db
    .selectFrom('dashboardShares')
    .select(['dashboardId', 'unitId', 'role'])
    .where('dashboardId', 'in', dashboardIds)
    .orderBy('unitId')
    .orderBy('role')
    .execute();
  for (const row of rows) {
    const list = map.get(row.dashboardId) ?? [];
    list.push({ unitId: row.unitId, role: row.role as Role | null });
    map.set(row.dashboardId, list);
  }
  return map;
}

export interface DashboardValues {
  unitId: number;
  title: { vi: string; en: string };
  definition: DashboardDefinition;
}

export async function insertDashboard(
  tx: Tx,
  values: DashboardValues & { preset?: string; createdBy: number | null },
): Promise<number> {
  const row = await tx
    .insertInto('dashboards')
    .values({
      unitId: values.unitId,
      title: JSON.stringify(values.title),
      definition: JSON.stringify(values.definition),
      preset: values.preset ?? null,
      createdBy: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDashboard(tx: Tx, id: number, values: DashboardValues): Promise<void> {
  await tx
    .updateTable('dashboards')
    .set({
      unitId: values.unitId,
      title: JSON.stringify(values.title),
      definition: JSON.stringify(values.definition),
      version: sql`version + 1`,
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function markDashboardDeleted(tx: Tx, id: number): Promise<void> {
  await tx.updateTable('dashboards').set({ deletedAt: sql`now()` }).where('id', '=', id).execute();
}

export async function replaceShares(tx: Tx, id: number, shares: DashboardShare[]): Promise<void> {
  await tx.deleteFrom('dashboardShares').where('dashboardId', '=', id).execute();
  if (shares.length > 0)
    await tx
      .insertInto('dashboardShares')
      .values(shares.map((s) => ({ dashboardId: id, unitId: s.unitId, role: s.role })))
      .execute();
}

/** Whether a preset board exists (made once, even if deleted later). */
export async function presetExists(db: Reader, preset: string): Promise<boolean> {
  const row = await db.selectFrom('dashboards').select('id').where('preset', '=', preset).executeTakeFirst();
  return row !== undefined;
}
