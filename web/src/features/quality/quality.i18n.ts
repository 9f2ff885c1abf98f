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

// English is in quality.i18n-en.ts, a chunk of its own fetched only when English is chosen.
