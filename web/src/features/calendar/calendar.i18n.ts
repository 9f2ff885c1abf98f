import type { Strings } from '../../i18n/strings';

// The strings of the holiday calendar page (section `calendar`).

export const calendarVi = {
  title: 'Ngày nghỉ lễ, Tết',
  description:
    'Các ngày nghỉ theo quy định (và ngày nghỉ bù) không tính là ngày làm việc: hạn nộp tính theo ngày làm việc bỏ qua các ngày này cùng thứ Bảy, Chủ nhật.',
  year: 'Năm',
  add: 'Thêm ngày nghỉ',
  edit: 'Sửa',
  remove: 'Bỏ',
  removeConfirm: 'Coi ngày {{date}} là ngày làm việc?',
  date: 'Ngày',
  weekday: 'Thứ',
  nameVi: 'Tên ngày nghỉ',
  nameEn: 'Tên tiếng Anh',
  kind: 'Loại',
  kinds: { statutory: 'Theo Bộ luật Lao động', compensatory: 'Nghỉ bù', custom: 'Bổ sung' },
  count: '{{count}} ngày nghỉ',
  empty: 'Chưa có ngày nghỉ nào trong năm này.',
  editTitle: 'Sửa ngày nghỉ {{date}}',
  addTitle: 'Thêm ngày nghỉ',
  saved: 'Đã lưu ngày nghỉ {{date}}.',
  removed: 'Ngày {{date}} đã là ngày làm việc.',
  dateRequired: 'Chọn ngày.',
  nameRequired: 'Nhập tên ngày nghỉ.',
  readOnly: 'Chỉ quản trị hệ thống sửa được lịch ngày nghỉ.',
};

export const calendarEn: Strings<typeof calendarVi> = {
  title: 'Public holidays',
  description:
    'Statutory days off (and compensatory days) are not working days: deadlines counted in working days skip them, as they skip Saturdays and Sundays.',
  year: 'Year',
  add: 'Add a day off',
  edit: 'Edit',
  remove: 'Remove',
  removeConfirm: 'Make {{date}} a working day?',
  date: 'Date',
  weekday: 'Day',
  nameVi: 'Name (Vietnamese)',
  nameEn: 'Name (English)',
  kind: 'Kind',
  kinds: { statutory: 'Labour Code', compensatory: 'Compensatory', custom: 'Added' },
  count: '{{count}} days off',
  empty: 'No days off in this year yet.',
  editTitle: 'Edit the day off {{date}}',
  addTitle: 'Add a day off',
  saved: 'Day off {{date}} saved.',
  removed: '{{date}} is a working day again.',
  dateRequired: 'Choose a date.',
  nameRequired: 'Enter the name of the day off.',
  readOnly: 'Only system administrators can edit the holiday calendar.',
};
