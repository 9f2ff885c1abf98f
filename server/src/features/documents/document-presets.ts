/**
 * The generated reports of the demonstration: the monthly COVID-19 support summary (Resolution
 * 68, from the daily reports) and the monthly socio-economic report, defined on first start
 * (after the demo accounts), and one version of each generated from the demo history once it is
 * loaded (jobs/demo-history.job.ts). Fields are named by form and field code, so a regime that
 * is not loaded leaves its template out.
 */
import { type DocumentDefinition, periodForDate, permissionsOf } from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { hierarchyRoot } from '../../reporting/recipients';
import type { ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import { insertTemplate } from './documents.queries';
import { issueDocument, prepareDocument } from './documents.service';

type FieldOf = (form: string, field: string) => string;

interface Preset {
  code: string;
  name: string;
  regimeCode: string;
  authorUsername: string;
  recipientCodes: string[];
  definition(field: FieldOf): DocumentDefinition;
}

const presets: Preset[] = [
  {
    code: 'NQ68-TONG-HOP-THANG',
    name: 'Báo cáo tổng hợp tháng: hỗ trợ người lao động gặp khó khăn do COVID-19 (NQ 68)',
    regimeCode: 'NQ68-HANG-NGAY',
    authorUsername: 'tw.molisa',
    recipientCodes: ['VPCP'],
    definition: (f) => ({
      periodType: 'month',
      issuer: { governingBody: 'Bộ Lao động - Thương binh và Xã hội', agency: 'Cục Bảo trợ xã hội' },
      symbol: 'BC-BTXH',
      place: 'Hà Nội',
      title:
        'Tình hình thực hiện chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19 theo Nghị quyết số 68/NQ-CP, {ky_bao_cao}',
      narrative:
        'Thực hiện Nghị quyết số 68/NQ-CP ngày 01/7/2021 của Chính phủ và Quyết định số 23/2021/QĐ-TTg của Thủ tướng Chính phủ, Bộ Lao động - Thương binh và Xã hội báo cáo tình hình thực hiện {ky_bao_cao} như sau.\n\nTrong kỳ, các địa phương đã chi trả hỗ trợ cho {nguoi_ngung_viec} người lao động tạm hoãn thực hiện hợp đồng lao động, nghỉ việc không hưởng lương, ngừng việc, tăng {nguoi_ngung_viec_tang_giam_pct}% so với {ky_truoc}, với tổng số tiền {tien_ngung_viec} triệu đồng; hỗ trợ {ho_kinh_doanh} hộ kinh doanh phải tạm ngừng kinh doanh.\n\nVề thực hiện chế độ báo cáo, có {so_don_vi_dung_han}/{so_don_vi_phai_bao_cao} lượt báo cáo được gửi đúng hạn (đạt {ty_le_dung_han_pct}%), {so_don_vi_tre_han} lượt trễ hạn và {so_don_vi_chua_bao_cao} lượt chưa gửi.',
      values: [
        { key: 'nguoi_ngung_viec', field: f('B04', 'nguoi_chi'), label: 'Người lao động ngừng việc đã được chi trả' },
        { key: 'tien_ngung_viec', field: f('B04', 'tien_chi'), label: 'Số tiền chi trả cho người ngừng việc' },
        { key: 'ho_kinh_doanh', field: f('B08', 'ho_chi'), label: 'Hộ kinh doanh đã được chi trả' },
      ],
      tables: [
        {
          title: 'Kết quả chi trả theo địa phương',
          fields: [f('B04', 'nguoi_chi'), f('B04', 'tien_chi'), f('B08', 'ho_chi')],
          rows: 'children',
        },
      ],
      charts: [
        { title: 'Người lao động ngừng việc được chi trả, theo địa phương', type: 'bar', field: f('B04', 'nguoi_chi') },
      ],
      compliance: true,
      recipients: [
        { name: 'Thủ tướng Chính phủ (để báo cáo)' },
        { name: 'Văn phòng Chính phủ' },
        { name: 'Bộ Tài chính' },
        { name: 'UBND các tỉnh, thành phố trực thuộc Trung ương' },
      ],
      signer: { authority: 'KT. Bộ trưởng', position: 'Thứ trưởng', name: 'Lê Văn Thanh' },
    }),
  },
  {
    code: 'KTXH-BAO-CAO-THANG',
    name: 'Báo cáo tình hình kinh tế - xã hội hằng tháng',
    regimeCode: 'KTXH-HANG-THANG',
    authorUsername: 'tw.vpcp',
    recipientCodes: ['BLDTBXH'],
    definition: (f) => ({
      periodType: 'month',
      issuer: { governingBody: 'Chính phủ', agency: 'Văn phòng Chính phủ' },
      symbol: 'BC-VPCP',
      place: 'Hà Nội',
      title: 'Tình hình kinh tế - xã hội {ky_bao_cao}',
      narrative:
        'Văn phòng Chính phủ tổng hợp tình hình kinh tế - xã hội {ky_bao_cao} từ báo cáo của các địa phương như sau.\n\nThu ngân sách nhà nước trên địa bàn đạt {thu_ngan_sach} tỷ đồng, tăng {thu_ngan_sach_tang_giam_pct}% so với {ky_truoc}. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt {ban_le} tỷ đồng. Cả nước có {dn_moi} doanh nghiệp thành lập mới.\n\nVề an sinh xã hội, số hộ nghèo là {ho_ngheo} hộ; số hồ sơ thủ tục hành chính trực tuyến tiếp nhận là {hs_truc_tuyen}.',
      values: [
        { key: 'thu_ngan_sach', field: f('KTXH02', 'thu_ngan_sach'), label: 'Thu ngân sách nhà nước trên địa bàn' },
        {
          key: 'ban_le',
          field: f('KTXH02', 'tong_muc_ban_le'),
          label: 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ',
        },
        { key: 'dn_moi', field: f('KTXH02', 'dn_thanh_lap_moi'), label: 'Doanh nghiệp thành lập mới' },
        { key: 'ho_ngheo', field: f('KTXH01', 'ho_ngheo'), label: 'Hộ nghèo' },
        { key: 'hs_truc_tuyen', field: f('KTXH01', 'hs_truc_tuyen'), label: 'Hồ sơ trực tuyến tiếp nhận' },
      ],
      tables: [
        {
          title: 'Một số chỉ tiêu theo địa phương',
          fields: [f('KTXH02', 'thu_ngan_sach'), f('KTXH02', 'dn_thanh_lap_moi'), f('KTXH01', 'ho_ngheo')],
          rows: 'children',
        },
      ],
      charts: [{ title: 'Thu ngân sách 12 tháng', type: 'line', field: f('KTXH02', 'thu_ngan_sach') }],
      compliance: true,
      recipients: [{ name: 'Thủ tướng, các Phó Thủ tướng Chính phủ' }, { name: 'Các bộ, cơ quan ngang bộ' }],
      signer: { authority: 'KT. Bộ trưởng, Chủ nhiệm', position: 'Phó Chủ nhiệm', name: 'Nguyễn Văn Nam' },
    }),
  },
];

/** Defines the demo templates whose regime and author are loaded and that were never made; returns their codes. */
export async function loadDemoTemplates(db: Db): Promise<string[]> {
  const made: string[] = [];
  for (const preset of presets) {
    const exists = await db
      .selectFrom('documentTemplates')
      .select('id')
      .where('code', '=', preset.code)
      .executeTakeFirst();
    if (exists) continue;
    const regime = await db
      .selectFrom('regimes')
      .select(['id', 'definition'])
      .where('code', '=', preset.regimeCode)
      .executeTakeFirst();
    const author = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', preset.authorUsername)
      .executeTakeFirst();
    if (!regime || !author) continue;
    const hierarchy = (regime.definition as { hierarchy: string }).hierarchy;
    const root = await hierarchyRoot(db, hierarchy, '2025-07-01');
    if (!root) continue;
    const forms = await db.selectFrom('forms').select(['id', 'code']).where('regimeId', '=', regime.id).execute();
    const ids = new Map(forms.map((f) => [f.code, f.id]));
    let missing = false;
    const field: FieldOf = (form, code) => {
      if (!ids.has(form)) missing = true;
      return `${ids.get(form) ?? 1}:${code}`;
    };
    const definition = preset.definition(field);
    if (missing) continue;
    const recipients = await db
      .selectFrom('units')
      .select(['id', 'code', 'name'])
      .where('code', 'in', preset.recipientCodes)
      .execute();
    definition.recipients = [...recipients.map((r) => ({ unitId: r.id, name: r.name })), ...definition.recipients];
    await db.transaction().execute(async (tx) => {
      const id = await insertTemplate(tx, {
        code: preset.code,
        name: preset.name,
        regimeId: regime.id,
        unitId: root.id,
        scheduleDay: null,
        active: true,
        definition,
        createdBy: author.id,
        isDemo: true,
      });
      await recordAudit(tx, null, [
        {
          action: 'document_template.create',
          objectType: 'document_template',
          objectId: id,
          unitId: root.id,
          after: { code: preset.code, demo: true },
        },
      ]);
    });
    made.push(preset.code);
  }
  return made;
}

/** The system, reading everything, for the demonstration's versions. */
const systemContext = (userId: number): RequestContext => ({
  actor: {
    userId,
    username: 'system',
    displayName: 'Hệ thống',
    unitId: 0,
    roles: ['system_admin'],
    permissions: permissionsOf(['system_admin']),
    captureRoots: [],
    viewRoots: [],
    isSystemAdmin: true,
    via: 'session',
    sessionHash: null,
    tokenId: null,
  },
  ip: '',
  userAgent: 'baocao-demo',
  requestId: 'demo-documents',
});

/**
 * Generates one version of each demo template that has none, for the newest month of the demo
 * history (the month of the daily history for Resolution 68). Returns how many were issued.
 */
export async function generateDemoDocuments(db: Db, reports: ReportCatalog, now = Date.now()): Promise<number> {
  const templates = await db
    .selectFrom('documentTemplates as t')
    .innerJoin('regimes as r', 'r.id', 't.regimeId')
    .select(['t.id', 't.createdBy', 'r.id as regimeId', 'r.definition'])
    .where('t.isDemo', '=', true)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('documents as d').select('d.id').whereRef('d.templateId', '=', 't.id'))),
    )
    .execute();
  let issued = 0;
  for (const template of templates) {
    const newest = await db
      .selectFrom('demoHistoryPeriods')
      .select('periodId')
      .where('regimeId', '=', template.regimeId)
      .where('loadedAt', 'is not', null)
      .orderBy('periodId', 'desc')
      .executeTakeFirst();
    if (!newest) continue;
    const day =
      newest.periodId.length === 8
        ? `${newest.periodId.slice(0, 4)}-${newest.periodId.slice(4, 6)}-${newest.periodId.slice(6, 8)}`
        : `${newest.periodId.slice(0, 4)}-${newest.periodId.slice(4, 6)}-01`;
    const period = periodForDate('month', day);
    const context = systemContext(template.createdBy);
    const prepared = await prepareDocument(db, reports, context, template.id, { periodId: period.id }, now);
    await db.transaction().execute((tx) => issueDocument(tx, null, prepared, 'demo'));
    issued += 1;
  }
  return issued;
}
