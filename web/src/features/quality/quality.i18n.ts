import type { Strings } from '../../i18n/strings';

// The strings of the data-quality page and of outliers on the report page (section `quality`).

export const qualityVi = {
  title: 'Chất lượng số liệu',
  description:
    'Số liệu bất thường so với lịch sử của chính đơn vị, vi phạm quy tắc kiểm tra, chênh lệch giữa các nguồn, và tính kịp thời, đầy đủ của báo cáo trong kỳ.',
  picker: {
    regime: 'Chế độ báo cáo',
    unit: 'Phạm vi (đơn vị)',
    period: 'Kỳ báo cáo',
    noRegimes: 'Chưa có chế độ báo cáo nào đang áp dụng.',
  },
  figures: {
    completeness: 'Đầy đủ',
    completenessHint: '{{reported}}/{{expected}} đơn vị đã gửi',
    onTime: 'Đúng hạn',
    onTimeHint: '{{onTime}} đúng hạn, {{late}} muộn',
    missing: 'Chưa gửi',
    checked: 'Báo cáo đã kiểm tra',
  },
  tabs: {
    outliers: 'Số liệu bất thường ({{count}})',
    rules: 'Vi phạm quy tắc ({{count}})',
    discrepancies: 'Chênh lệch giữa các nguồn ({{count}})',
  },
  columns: {
    unit: 'Đơn vị',
    form: 'Biểu',
    cell: 'Chỉ tiêu',
    value: 'Giá trị',
    history: 'Lịch sử (trung vị; khoảng)',
    comment: 'Ghi chú xác nhận',
    rule: 'Quy tắc',
    message: 'Nội dung',
    left: 'Số liệu',
    right: 'Đối chiếu',
    difference: 'Chênh lệch',
    open: 'Mở báo cáo',
  },
  high: 'Cao bất thường',
  low: 'Thấp bất thường',
  historyOf: 'trung vị {{median}}; {{min}}–{{max}} ({{count}} kỳ)',
  truncated: 'Hiển thị {{shown}} trên tổng số {{total}}.',
  none: {
    outliers: 'Không có số liệu bất thường nào trong kỳ.',
    rules: 'Không có báo cáo nào vi phạm quy tắc kiểm tra.',
    discrepancies: 'Các nguồn số liệu khớp nhau (hoặc chưa đủ nguồn để đối chiếu).',
  },
  entry: {
    unconfirmed: 'Chưa xác nhận: bấm biểu tượng ghi chú ở ô này và ghi rõ lý do.',
    confirmed: 'Đã xác nhận: “{{comment}}”',
    flagsTitle: 'Số liệu bất thường đã được xác nhận',
    flagsHint: 'Cán bộ nhập liệu đã xác nhận các số liệu khác xa lịch sử của đơn vị khi gửi báo cáo.',
    flagValue: 'Giá trị {{value}} — {{history}}',
    noComment: '(không có ghi chú)',
  },
};

export const qualityEn: Strings<typeof qualityVi> = {
  title: 'Data quality',
  description:
    'Figures far from the unit’s own history, broken validation rules, discrepancies between sources, and how timely and complete the period’s reports are.',
  picker: {
    regime: 'Report regime',
    unit: 'Scope (unit)',
    period: 'Period',
    noRegimes: 'No report regime is in force yet.',
  },
  figures: {
    completeness: 'Completeness',
    completenessHint: '{{reported}}/{{expected}} units sent',
    onTime: 'On time',
    onTimeHint: '{{onTime}} on time, {{late}} late',
    missing: 'Not sent',
    checked: 'Reports checked',
  },
  tabs: {
    outliers: 'Outliers ({{count}})',
    rules: 'Rule violations ({{count}})',
    discrepancies: 'Discrepancies between sources ({{count}})',
  },
  columns: {
    unit: 'Unit',
    form: 'Form',
    cell: 'Item',
    value: 'Value',
    history: 'History (median; range)',
    comment: 'Confirming comment',
    rule: 'Rule',
    message: 'Message',
    left: 'Figure',
    right: 'Compared with',
    difference: 'Difference',
    open: 'Open the report',
  },
  high: 'Unusually high',
  low: 'Unusually low',
  historyOf: 'median {{median}}; {{min}}–{{max}} ({{count}} periods)',
  truncated: 'Showing {{shown}} of {{total}}.',
  none: {
    outliers: 'No outliers in this period.',
    rules: 'No report breaks a validation rule.',
    discrepancies: 'The sources agree (or not enough of them have reported to compare).',
  },
  entry: {
    unconfirmed: 'Not confirmed: click this cell’s comment icon and give the reason.',
    confirmed: 'Confirmed: “{{comment}}”',
    flagsTitle: 'Confirmed outliers',
    flagsHint: 'The entry officer confirmed these figures, far from the unit’s history, when submitting.',
    flagValue: 'Value {{value}} — {{history}}',
    noComment: '(no comment)',
  },
};
