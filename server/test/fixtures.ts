import { foldForSearch, type Role, roles } from '@baocao/domain';
import type { Db } from '../src/db/database';
import { hashPassword } from '../src/features/auth/passwords';

export const FIXTURE_PASSWORD = 'kiem-thu-mat-khau-2026';

/** A small tree: CP → (BO, T1 → (H1 → (X1, X2), H2), T2 → H3). */
export const fixtureUnits = [
  { key: 'CP', name: 'Chính phủ', kind: 'government', parent: null },
  { key: 'BO', name: 'Bộ Lao động – Thương binh và Xã hội', kind: 'ministry', parent: 'CP' },
  { key: 'T1', name: 'UBND tỉnh Hà Giang', kind: 'ubnd_province', parent: 'CP' },
  { key: 'T2', name: 'UBND thành phố Hà Nội', kind: 'ubnd_province', parent: 'CP' },
  { key: 'H1', name: 'UBND huyện Đồng Văn', kind: 'ubnd_district', parent: 'T1' },
  { key: 'H2', name: 'UBND huyện Mèo Vạc', kind: 'ubnd_district', parent: 'T1' },
  { key: 'H3', name: 'UBND huyện Ba Vì', kind: 'ubnd_district', parent: 'T2' },
  { key: 'X1', name: 'UBND xã Lũng Cú', kind: 'ubnd_commune', parent: 'H1' },
  { key: 'X2', name: 'UBND thị trấn Phó Bảng', kind: 'ubnd_commune', parent: 'H1' },
] as const;

export type UnitKey = (typeof fixtureUnits)[number]['key'];

export interface FixtureAccount {
  username: string;
  unit: UnitKey;
  roles: Role[];
  kind?: 'person' | 'service';
}

/** `admin` (system admin at CP), `<role>.h1` for every other role, and accounts that tests act upon. */
export const fixtureAccounts: FixtureAccount[] = [
  { username: 'admin', unit: 'CP', roles: ['system_admin'] },
  ...roles
    .filter((r) => r !== 'system_admin' && r !== 'unit_admin')
    .map((role) => ({ username: `${role}.h1`, unit: 'H1' as UnitKey, roles: [role] })),
  // A unit administrator also holds the roles it hands out (it can grant only roles it holds).
  { username: 'unit_admin.h1', unit: 'H1', roles: ['unit_admin', 'approver', 'entry_officer', 'viewer'] },
  { username: 'unit_admin.t1', unit: 'T1', roles: ['unit_admin', 'viewer'] },
  { username: 'entry_officer.x1', unit: 'X1', roles: ['entry_officer'] },
  { username: 'entry_officer.h2', unit: 'H2', roles: ['entry_officer'] },
  { username: 'viewer.t2', unit: 'T2', roles: ['viewer'] },
  // Accounts that tests act upon (never sign in as them): one per relation to H1.
  { username: 'target.own', unit: 'H1', roles: ['viewer'] },
  { username: 'target.desc', unit: 'X1', roles: ['viewer'] },
  { username: 'target.sib', unit: 'H2', roles: ['viewer'] },
  { username: 'target.anc', unit: 'T1', roles: ['viewer'] },
  { username: 'svc.own', unit: 'H1', roles: ['entry_officer'], kind: 'service' },
  { username: 'svc.desc', unit: 'X1', roles: ['entry_officer'], kind: 'service' },
  { username: 'svc.sib', unit: 'H2', roles: ['entry_officer'], kind: 'service' },
  { username: 'svc.anc', unit: 'T1', roles: ['entry_officer'], kind: 'service' },
];

export interface Fixture {
  units: Record<UnitKey, number>;
  /** user name of the account holding `role` at unit H1, plus `admin` at CP. */
  users: Record<string, number>;
}

/** Inserts the fixture tree and accounts: `admin` (system admin at CP) and `<role>.h1` for every other role. */
export async function seedFixture(db: Db): Promise<Fixture> {
  const units = {} as Record<UnitKey, number>;
  for (const unit of fixtureUnits) {
    const row = await db
      .insertInto('units')
      .values({
        code: unit.key,
        name: unit.name,
        kind: unit.kind,
        searchText: foldForSearch(`${unit.key} ${unit.name}`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    units[unit.key] = row.id;
  }
  await db
    .insertInto('unitParents')
    .values(
      fixtureUnits
        .filter((u) => u.parent !== null)
        .map((u) => ({ hierarchy: 'administrative', unitId: units[u.key], parentId: units[u.parent as UnitKey] })),
    )
    .execute();
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const users: Record<string, number> = {};
  for (const account of fixtureAccounts) {
    const row = await db
      .insertInto('users')
      .values({
        username: account.username,
        displayName: `Người dùng ${account.username}`,
        searchText: foldForSearch(account.username),
        unitId: units[account.unit],
        captureRootId: units[account.unit],
        viewRootId: units[account.unit],
        passwordHash: account.kind === 'service' ? null : passwordHash,
        kind: account.kind ?? 'person',
        passwordChangedAt: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    users[account.username] = row.id;
    await db
      .insertInto('userRoles')
      .values(account.roles.map((role) => ({ userId: row.id, role })))
      .execute();
  }
  return { units, users };
}
