/**
 * The preset boards of the demonstration, made once on first start (each has a `preset` key):
 * the COVID-19 support board of Resolution 68 (people and money by policy, provinces on the
 * map, the daily trend, the top and bottom provinces, today's compliance) and the monthly
 * socio-economic board with the Government's tasks (nhiệm vụ). Their fields are named by form and field code, so a regime that is
 * not loaded leaves its board out.
 */
import { type DashboardDefinition, dashboardProblems, type Widget, type WidgetQuery } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { insertDashboard, presetExists, replaceShares } from './dashboards.queries';

/** The demo history's day of the daily COVID-19 regime (`DEMO_DAY` of features/demo, which imports this file). */
export const COVID_BOARD_DAY = '2021-07-15';

type FieldOf = (form: string, field: string) => string;

interface Preset {
  key: string;
  regimeCode: string;
  ownerUnitCode: string;
  title: { vi: string; en: string };
  /** The date the board opens on (the demo history's day for a closed campaign). */
  defaultDate?: string;
  widgets(field: FieldOf, regimeId: number): Widget[];
}

const place = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const query = (
  fields: string[],
  type: WidgetQuery['periods']['type'],
  last: number,
  level?: 'province',
): WidgetQuery => ({
  fields,
  units: level ? { level } : {},
  periods: { type, last },
});

export const presets: Preset[] = [
  {
    key: 'covid-nq68',
    regimeCode: 'NQ68-HANG-NGAY',
    ownerUnitCode: 'BLDTBXH',
    title: { vi: 'Hỗ trợ người lao động gặp khó khăn do COVID-19 (NQ 68)', en: 'COVID-19 support (Resolution 68)' },
    // The policy ran in 2021, on the 63 former provinces: the board opens on the demo history's day.
    defaultDate: COVID_BOARD_DAY,
    widgets: (f, regimeId) => [
      {
        id: 'nguoi-chi',
        type: 'kpi',
        title: { vi: 'Người lao động ngừng việc đã được chi trả', en: 'Workers who stopped work paid' },
        ...place(0, 0, 3, 2),
        query: query([f('B04', 'nguoi_chi')], 'day', 2),
      },
      {
        id: 'tien-chi',
        type: 'kpi',
        title: { vi: 'Số tiền đã chi trả (triệu đồng)', en: 'Amount paid (million VND)' },
        ...place(3, 0, 3, 2),
        query: query([f('B04', 'tien_chi')], 'day', 2),
      },
      {
        id: 'ho-kinh-doanh',
        type: 'kpi',
        title: { vi: 'Hộ kinh doanh đã được chi trả', en: 'Household businesses paid' },
        ...place(6, 0, 3, 2),
        query: query([f('B08', 'ho_chi')], 'day', 2),
      },
      {
        id: 'tuan-thu',
        type: 'compliance',
        title: { vi: 'Tình hình báo cáo hôm nay', en: 'Reporting today' },
        ...place(9, 0, 3, 2),
        regimeId,
      },
      {
        id: 'ban-do',
        type: 'map',
        title: { vi: 'Người được chi trả theo tỉnh', en: 'People paid by province' },
        ...place(0, 2, 6, 5),
        map: 'provinces-pre-2025',
        query: query([f('B04', 'nguoi_chi')], 'day', 1, 'province'),
      },
      {
        id: 'xu-huong',
        type: 'line',
        title: { vi: 'Diễn biến hằng ngày (90 ngày)', en: 'Daily trend (90 days)' },
        ...place(6, 2, 6, 3),
        query: query([f('B03', 'nguoi_chi'), f('B04', 'nguoi_chi'), f('B05', 'nguoi_chi')], 'day', 90),
      },
      {
        id: 'tinh-cao-nhat',
        type: 'bar',
        title: { vi: '10 tỉnh chi trả nhiều nhất', en: 'Top 10 provinces' },
        ...place(6, 5, 3, 4),
        rank: { order: 'top', limit: 10 },
        query: query([f('B04', 'tien_chi')], 'day', 1, 'province'),
      },
      {
        id: 'tinh-thap-nhat',
        type: 'bar',
        title: { vi: '10 tỉnh chi trả ít nhất', en: 'Bottom 10 provinces' },
        ...place(9, 5, 3, 4),
        rank: { order: 'bottom', limit: 10 },
        query: query([f('B04', 'tien_chi')], 'day', 1, 'province'),
      },
      {
        id: 'theo-chinh-sach',
        type: 'pie',
        title: { vi: 'Người được chi trả theo chính sách', en: 'People paid by policy' },
        ...place(0, 7, 6, 3),
        query: query([f('B03', 'nguoi_chi'), f('B04', 'nguoi_chi'), f('B05', 'nguoi_chi')], 'day', 1),
      },
      {
        id: 'kiem-tra-cheo',
        type: 'crosscheck',
        title: { vi: 'Sai lệch giữa Kho bạc và đơn vị chi trả', en: 'Treasury vs. paying agencies' },
        ...place(6, 9, 6, 3),
        regimeId,
      },
    ],
  },
  {
    key: 'ktxh-monthly',
    regimeCode: 'KTXH-HANG-THANG',
    ownerUnitCode: 'VPCP',
    title: { vi: 'Tình hình kinh tế – xã hội hằng tháng', en: 'Monthly socio-economic situation' },
    widgets: (f, regimeId) => [
      {
        id: 'thu-ngan-sach',
        type: 'kpi',
        title: { vi: 'Thu ngân sách', en: 'Budget revenue' },
        ...place(0, 0, 3, 2),
        query: query([f('KTXH02', 'thu_ngan_sach')], 'month', 3),
      },
      {
        id: 'ban-le',
        type: 'kpi',
        title: { vi: 'Tổng mức bán lẻ hàng hóa', en: 'Retail sales' },
        ...place(3, 0, 3, 2),
        query: query([f('KTXH02', 'tong_muc_ban_le')], 'month', 3),
      },
      {
        id: 'doanh-nghiep-moi',
        type: 'kpi',
        title: { vi: 'Doanh nghiệp thành lập mới', en: 'New enterprises' },
        ...place(6, 0, 3, 2),
        query: query([f('KTXH02', 'dn_thanh_lap_moi')], 'month', 3),
      },
      {
        id: 'tuan-thu',
        type: 'compliance',
        title: { vi: 'Tình hình báo cáo tháng', en: 'Reporting this month' },
        ...place(9, 0, 3, 2),
        regimeId,
      },
      {
        id: 'thu-12-thang',
        type: 'line',
        title: { vi: 'Thu ngân sách 12 tháng', en: 'Budget revenue, 12 months' },
        ...place(0, 2, 6, 4),
        query: query([f('KTXH02', 'thu_ngan_sach')], 'month', 12),
      },
      {
        id: 'ban-do',
        type: 'map',
        title: { vi: 'Hồ sơ trực tuyến theo tỉnh', en: 'Online applications by province' },
        ...place(6, 2, 6, 4),
        map: 'provinces-2025',
        query: query([f('KTXH01', 'hs_truc_tuyen')], 'month', 3, 'province'),
      },
      {
        id: 'an-sinh',
        type: 'pivot',
        title: { vi: 'An sinh xã hội theo tỉnh', en: 'Social protection by province' },
        ...place(0, 6, 12, 4),
        pivot: { rows: 'unit', columns: 'field' },
        query: query(
          [f('KTXH01', 'ho_ngheo'), f('KTXH01', 'ho_can_ngheo'), f('KTXH01', 'nguoi_tro_cap')],
          'month',
          3,
          'province',
        ),
      },
      {
        id: 'nhiem-vu',
        type: 'tasks',
        title: { vi: 'Nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao', en: 'Tasks assigned by the Government' },
        ...place(0, 10, 12, 5),
        tasks: { by: 'unit' },
        rank: { order: 'top', limit: 10 },
      },
    ],
  },
];

/** Widgets a preset gained after it first shipped: added to its board while nobody has edited it. */
const LATER_WIDGETS: Record<string, string[]> = { 'ktxh-monthly': ['nhiem-vu'] };

/** Adds a preset's later widgets to its board made before them and never edited since (version 1). */
async function addLaterWidgets(db: Db, preset: Preset, definition: DashboardDefinition): Promise<boolean> {
  const later = LATER_WIDGETS[preset.key] ?? [];
  if (later.length === 0) return false;
  const board = await db
    .selectFrom('dashboards')
    .select(['id', 'unitId', 'definition', 'version'])
    .where('preset', '=', preset.key)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (board?.version !== 1) return false;
  const current = board.definition as DashboardDefinition;
  const added = definition.widgets.filter((w) => later.includes(w.id) && !current.widgets.some((c) => c.id === w.id));
  const next: DashboardDefinition = { ...current, widgets: [...current.widgets, ...added] };
  if (added.length === 0 || dashboardProblems(next).length > 0) return false;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('dashboards')
      .set({ definition: JSON.stringify(next), version: sql`version + 1`, updatedAt: sql`now()` })
      .where('id', '=', board.id)
      .where('version', '=', 1)
      .execute();
    await recordAudit(tx, null, [
      {
        action: 'dashboard.update',
        objectType: 'dashboard',
        objectId: board.id,
        unitId: board.unitId,
        before: { preset: preset.key, widgets: current.widgets.length },
        after: { preset: preset.key, widgets: next.widgets.length, added: added.map((w) => w.id) },
      },
    ]);
  });
  return true;
}

/**
 * The preset boards whose regime is loaded and that were never made, and the later widgets of
 * untouched preset boards; returns the keys made (and `key (+widget)` for a board upgraded).
 */
export async function loadPresetDashboards(db: Db): Promise<string[]> {
  const made: string[] = [];
  for (const preset of presets) {
    const exists = await presetExists(db, preset.key);
    if (exists && !LATER_WIDGETS[preset.key]) continue;
    const regime = await db.selectFrom('regimes').select('id').where('code', '=', preset.regimeCode).executeTakeFirst();
    const owner = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', preset.ownerUnitCode)
      .orderBy('validFrom')
      .executeTakeFirst();
    if (!regime || !owner) continue;
    const forms = await db.selectFrom('forms').select(['id', 'code']).where('regimeId', '=', regime.id).execute();
    const formIds = new Map(forms.map((form) => [form.code, form.id]));
    const missing: string[] = [];
    const field: FieldOf = (form, code) => {
      const id = formIds.get(form);
      if (id === undefined) missing.push(form);
      return `${id ?? 1}:${code}`;
    };
    const definition: DashboardDefinition = {
      widgets: preset.widgets(field, regime.id),
      ...(preset.defaultDate ? { defaultDate: preset.defaultDate } : {}),
    };
    if (missing.length > 0) continue;
    if (exists) {
      if (await addLaterWidgets(db, preset, definition)) made.push(`${preset.key} (+${LATER_WIDGETS[preset.key]})`);
      continue;
    }
    // Shown to everyone: shared with every unit at the top of a hierarchy.
    const roots = await sql<{ id: number }>`
      SELECT u.id FROM units u WHERE u.valid_to IS NULL
        AND NOT EXISTS (SELECT 1 FROM unit_closure c WHERE c.descendant_id = u.id AND c.ancestor_id <> u.id)
      ORDER BY u.id LIMIT 100`.execute(db);
    await db.transaction().execute(async (tx) => {
      const id = await insertDashboard(tx, {
        unitId: owner.id,
        title: preset.title,
        definition,
        preset: preset.key,
        createdBy: null,
      });
      const shares = roots.rows.map((r) => ({ unitId: r.id, role: null }));
      await replaceShares(tx, id, shares);
      await recordAudit(tx, null, [
        {
          action: 'dashboard.create',
          objectType: 'dashboard',
          objectId: id,
          unitId: owner.id,
          after: { preset: preset.key, title: preset.title, widgets: definition.widgets.length, shares },
        },
      ]);
    });
    made.push(preset.key);
  }
  return made;
}
