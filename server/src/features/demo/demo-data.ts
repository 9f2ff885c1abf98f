import { foldForSearch, type Role } from '@baocao/domain';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { loadPresetDashboards } from '../dashboards/dashboard-presets';
import { loadDemoTemplates } from '../documents/document-presets';
import { todayInVietnam } from '../units/units.service';
import { loadDemoIndicators } from './demo-indicators';
import { loadDemoRegimes } from './demo-regimes';
import { loadDemoTasks } from './demo-tasks';
import { loadDemoTreasury } from './demo-treasury';
import { demoUnitsLoaded, loadDemoUnits } from './demo-units';

/** Shared by every demo account; stated in the README. Demo data only. */
export const DEMO_PASSWORD = 'Demo@Baocao2026';

interface DemoAccount {
  username: string;
  displayName: string;
  unitCode: string;
  /** A date on which the unit code is valid (codes are reused across the 2025 reform). */
  on: string;
  roles: Role[];
}

const PRE = '2025-06-30';
const NOW = '2025-07-01';

export const demoAccounts: DemoAccount[] = [
  // The recipient agencies: they see their regimes' national consolidation and accept or return the provinces' reports.
  {
    username: 'tw.molisa',
    displayName: 'Chuyên viên Bộ LĐTBXH',
    unitCode: 'BLDTBXH',
    on: NOW,
    roles: ['approver', 'viewer'],
  },
  {
    username: 'tw.vpcp',
    displayName: 'Chuyên viên Văn phòng Chính phủ',
    unitCode: 'VPCP',
    on: NOW,
    roles: ['approver', 'viewer'],
  },
  {
    username: 'hanoi.admin',
    displayName: 'Quản trị UBND TP Hà Nội',
    unitCode: '01',
    on: NOW,
    roles: ['unit_admin', 'approver', 'entry_officer', 'viewer'],
  },
  {
    username: 'hanoi.lanhdao',
    displayName: 'Lãnh đạo UBND TP Hà Nội',
    unitCode: '01',
    on: NOW,
    roles: ['approver', 'viewer'],
  },
  {
    username: 'hanoi.nhaplieu',
    displayName: 'Cán bộ tổng hợp UBND TP Hà Nội',
    unitCode: '01',
    on: NOW,
    roles: ['entry_officer'],
  },
  { username: 'hanoi.xem', displayName: 'Người xem UBND TP Hà Nội', unitCode: '01', on: NOW, roles: ['viewer'] },
  {
    username: 'bavi.lanhdao',
    displayName: 'Lãnh đạo UBND huyện Ba Vì',
    unitCode: '271',
    on: PRE,
    roles: ['approver', 'viewer'],
  },
  {
    username: 'bavi.nhaplieu',
    displayName: 'Cán bộ UBND huyện Ba Vì',
    unitCode: '271',
    on: PRE,
    roles: ['entry_officer'],
  },
  {
    username: 'bavi.ldtbxh',
    displayName: 'Cán bộ Phòng LĐTBXH huyện Ba Vì',
    unitCode: 'LDTBXH.271',
    on: PRE,
    roles: ['entry_officer'],
  },
  {
    username: 'bavi.kbnn',
    displayName: 'Cán bộ Kho bạc Nhà nước Ba Vì',
    unitCode: 'KBNN.271',
    on: PRE,
    roles: ['entry_officer'],
  },
  {
    username: 'bavi.bhxh',
    displayName: 'Cán bộ Bảo hiểm xã hội Ba Vì',
    unitCode: 'BHXH.271',
    on: PRE,
    roles: ['entry_officer'],
  },
  {
    username: 'bavi.nhcsxh',
    displayName: 'Cán bộ NHCSXH Ba Vì',
    unitCode: 'NHCSXH.271',
    on: PRE,
    roles: ['entry_officer'],
  },
  {
    username: 'hanoi.kbnn',
    displayName: 'Lãnh đạo Kho bạc Nhà nước Hà Nội',
    unitCode: 'KBNN.01',
    on: PRE,
    roles: ['approver', 'viewer'],
  },
  {
    username: 'badinh.nhaplieu',
    displayName: 'Cán bộ UBND phường Ba Đình',
    unitCode: '00004',
    on: NOW,
    roles: ['entry_officer'],
  },
  {
    username: 'hcm.admin',
    displayName: 'Quản trị UBND TP Hồ Chí Minh',
    unitCode: '79',
    on: NOW,
    roles: ['unit_admin', 'viewer'],
  },
];

async function unitIdOn(db: Db, code: string, on: string): Promise<number | null> {
  const row = await db
    .selectFrom('units')
    .select('id')
    .where('code', '=', code)
    .where('validFrom', '<=', on)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', on)]))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Loads the demonstration data on first run (Vietnam's unit tree and one account
 * per role in several units). Returns the demo sign-in facts, or null when the
 * database holds no demo data.
 */
export async function loadDemoData(db: Db, log: (line: string) => void) {
  if (!(await demoUnitsLoaded(db))) {
    const started = Date.now();
    log('Loading demo data: Vietnam’s units before and after the 2025 reform …');
    const counts = await loadDemoUnits(db);
    log(
      `Loaded ${counts.units} units, ${counts.links} parent links, ${counts.mappings} mappings in ${Date.now() - started} ms.`,
    );
  }
  const treasury = await loadDemoTreasury(db);
  if (treasury !== null) log(`Loaded the State Treasury hierarchy (kbnn): ${treasury} units placed.`);
  const regimes = await loadDemoRegimes(db);
  if (regimes.length > 0) log(`Loaded the demo regimes ${regimes.join(', ')}.`);
  const boards = await loadPresetDashboards(db);
  if (boards.length > 0) log(`Made the preset dashboards ${boards.join(', ')}.`);
  const indicators = await loadDemoIndicators(db, todayInVietnam());
  if (indicators !== null)
    log(
      `Loaded ${indicators.indicators} demonstration indicators with ${indicators.values} generated values since 2010.`,
    );
  const existing = await db.selectFrom('users').select('id').where('isDemo', '=', true).limit(1).executeTakeFirst();
  if (!existing) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.transaction().execute(async (tx) => {
      const audits = [];
      for (const account of demoAccounts) {
        const unitId = await unitIdOn(db, account.unitCode, account.on);
        if (unitId === null) continue;
        const user = await tx
          .insertInto('users')
          .values({
            username: account.username,
            displayName: account.displayName,
            searchText: foldForSearch(`${account.username} ${account.displayName}`),
            unitId,
            captureRootId: unitId,
            viewRootId: unitId,
            passwordHash,
            passwordChangedAt: new Date(),
            isDemo: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('userRoles')
          .values(account.roles.map((role) => ({ userId: user.id, role })))
          .execute();
        audits.push({
          action: 'user.create',
          objectType: 'user',
          objectId: user.id,
          unitId,
          after: { username: account.username, roles: account.roles, demo: true },
        });
      }
      await recordAudit(tx, null, audits);
    });
  }
  const tasks = await loadDemoTasks(db, todayInVietnam());
  if (tasks !== null) log(`Loaded ${tasks.directives} demonstration directives with ${tasks.tasks} tasks.`);
  const templates = await loadDemoTemplates(db);
  if (templates.length > 0) log(`Defined the demo generated reports ${templates.join(', ')}.`);
  return { password: DEMO_PASSWORD, usernames: demoAccounts.map((a) => a.username) };
}
