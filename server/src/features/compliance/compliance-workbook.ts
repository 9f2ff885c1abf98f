/** The compliance board as a spreadsheet (ExcelJS): a heading with the progress, then one row per unit. */
import {
  type ComplianceBoard,
  complianceStatusLabels,
  formatDelay,
  formatVietnamDateTime,
  type Language,
} from '@baocao/domain';
import ExcelJS from 'exceljs';

const HEADINGS = {
  vi: [
    'STT',
    'Mã',
    'Đơn vị',
    'Cấp',
    'Đơn vị cấp trên',
    'Trạng thái',
    'Thời điểm gửi',
    'Hạn gửi',
    'Muộn',
    'Số biểu đã gửi',
    'Ghi chú',
  ],
  en: ['No.', 'Code', 'Unit', 'Level', 'Parent', 'Status', 'Sent at', 'Due', 'Late by', 'Forms sent', 'Note'],
};
const LEVELS: Record<string, { vi: string; en: string }> = {
  central: { vi: 'Trung ương', en: 'Central' },
  province: { vi: 'Tỉnh', en: 'Province' },
  district: { vi: 'Huyện', en: 'District' },
  commune: { vi: 'Xã', en: 'Commune' },
};

const instant = (value: string | null) => (value ? formatVietnamDateTime(Date.parse(value)) : '');

export async function boardWorkbook(board: ComplianceBoard, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Baocao';
  const sheet = workbook.addWorksheet(language === 'vi' ? 'Tình hình báo cáo' : 'Compliance');
  const vi = language === 'vi';
  sheet.addRow([vi ? 'TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO' : 'COMPLIANCE WITH THE REPORTING REGIME']).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([`${vi ? 'Chế độ báo cáo' : 'Regime'}: ${board.regime.name[language] || board.regime.name.vi}`]);
  sheet.addRow([`${vi ? 'Kỳ báo cáo' : 'Period'}: ${board.period.label[language]}`]);
  sheet.addRow([`${vi ? 'Phạm vi' : 'Scope'}: ${board.root.name}`]);
  const { totals } = board;
  sheet.addRow([
    vi
      ? `Đã gửi ${totals.reported}/${totals.expected}, trong đó muộn ${totals.counts.late}; không gửi ${totals.counts.missing}; quá hạn chưa gửi ${totals.counts.overdue}`
      : `Sent ${totals.reported}/${totals.expected}, ${totals.counts.late} late; ${totals.counts.missing} missing; ${totals.counts.overdue} overdue`,
  ]);
  sheet.addRow([`${vi ? 'Số liệu tại' : 'As of'}: ${formatVietnamDateTime(board.asOf)}`]);
  sheet.addRow([]);
  const header = sheet.addRow(HEADINGS[language]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  board.rows.forEach((row, i) => {
    sheet.addRow([
      i + 1,
      row.unit.code,
      row.unit.name,
      LEVELS[row.unit.level]?.[language] ?? row.unit.level,
      row.parent?.name ?? '',
      complianceStatusLabels[row.status][language],
      instant(row.submittedAt),
      instant(row.dueAt),
      formatDelay(row.minutesLate, language),
      `${row.sent}/${row.forms}`,
      row.exemptionReason ?? '',
    ]);
  });
  const widths = [6, 12, 42, 10, 36, 18, 18, 18, 16, 12, 30];
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.views = [{ state: 'frozen', ySplit: 8 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
