import type { Strings } from '../../i18n/strings';

// The strings of sectoral hierarchies on the unit pages (section `hierarchies`).

export const hierarchiesVi = {
  picker: 'Hệ thống',
  create: 'Tạo hệ thống ngành',
  createHint:
    'Hệ thống ngành (ví dụ Kho bạc Nhà nước: kho bạc huyện → kho bạc tỉnh → Kho bạc Nhà nước) tồn tại song song với hệ thống hành chính. Chế độ báo cáo chọn hệ thống mà số liệu đi theo.',
  code: 'Mã hệ thống',
  codeHint: 'Chữ thường không dấu, số, “_” và “-”, bắt đầu bằng chữ; ví dụ: kbnn. Không đổi được sau khi tạo.',
  codeInvalid: 'Từ 2 đến 41 ký tự: chữ thường không dấu, số, “_” và “-”, bắt đầu bằng chữ.',
  nameVi: 'Tên hệ thống',
  nameEn: 'Tên tiếng Anh',
  description: 'Mô tả',
  required: 'Vui lòng nhập thông tin này.',
  created: 'Đã tạo hệ thống “{{name}}”.',
  edit: 'Sửa tên',
  editTitle: 'Sửa tên hệ thống “{{code}}”',
  saved: 'Đã lưu hệ thống “{{name}}”.',
  place: 'Đặt vào hệ thống',
  placeTitle: 'Đặt “{{unit}}” vào hệ thống',
  placeHint:
    'Đơn vị trực thuộc đơn vị cấp trên đã chọn trong hệ thống này từ ngày hiệu lực; vị trí trước đó của đơn vị trong cùng hệ thống (nếu có) kết thúc vào ngày liền trước.',
  hierarchy: 'Hệ thống',
  parent: 'Đơn vị cấp trên trong hệ thống',
  parentRequired: 'Chọn đơn vị cấp trên.',
  validFrom: 'Có hiệu lực từ ngày',
  validFromRequired: 'Chọn ngày hiệu lực.',
  placed: 'Đã đặt “{{unit}}” vào {{hierarchy}} từ ngày {{date}}.',
};

export const hierarchiesEn: Strings<typeof hierarchiesVi> = {
  picker: 'Hierarchy',
  create: 'Create a sectoral hierarchy',
  createHint:
    'A sectoral hierarchy (e.g. the State Treasury: district treasuries → provincial treasury → central treasury) runs beside the administrative one. A regime chooses the hierarchy its data flows along.',
  code: 'Code',
  codeHint:
    'Lower-case letters without accents, digits, “_” and “-”, starting with a letter; e.g. kbnn. Cannot change later.',
  codeInvalid: '2 to 41 characters: lower-case letters without accents, digits, “_” and “-”, starting with a letter.',
  nameVi: 'Name (Vietnamese)',
  nameEn: 'Name (English)',
  description: 'Description',
  required: 'Please fill this in.',
  created: 'Created the hierarchy “{{name}}”.',
  edit: 'Rename',
  editTitle: 'Rename the hierarchy “{{code}}”',
  saved: 'Saved the hierarchy “{{name}}”.',
  place: 'Place in a hierarchy',
  placeTitle: 'Place “{{unit}}” in a hierarchy',
  placeHint:
    'The unit belongs to the chosen parent in this hierarchy from the effective date; its previous placement in the same hierarchy, if any, ends the day before.',
  hierarchy: 'Hierarchy',
  parent: 'Parent unit in the hierarchy',
  parentRequired: 'Choose the parent unit.',
  validFrom: 'Effective from',
  validFromRequired: 'Choose the effective date.',
  placed: 'Placed “{{unit}}” in {{hierarchy}} from {{date}}.',
};
