/**
 * The specific messages an error may carry instead of its code's general one, and the texts of
 * the problems listed in an error's details (rows of an import, cells of an upload, fields of a
 * regime). Each is a Vietnamese and an English template whose `{name}` placeholders are filled
 * from named parameters; the compiler derives the parameters a message needs from its templates,
 * and a unit test checks that both languages use the same ones.
 */

/** The languages of every message. */
export type Language = 'vi' | 'en';

/** A text in both languages. */
export interface LocalizedMessage {
  vi: string;
  en: string;
}

export interface MessageTemplate {
  vi: string;
  en: string;
}

export const messageCatalogue = {
  // Requests
  INVALID_DATA: { vi: 'Dữ liệu không hợp lệ: {reason}.', en: 'Invalid data: {reason}.' },
  INVALID_FIELD_DATA: {
    vi: 'Dữ liệu không hợp lệ ở trường “{field}”: {reason}.',
    en: 'Invalid data in “{field}”: {reason}.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  /** The first of the problems listed in the error's details, each already in both languages. */
  FIRST_PROBLEM: { vi: '{problem}', en: '{problem}' },

  // Passwords and accounts
  PASSWORD_PROBLEMS: { vi: '{problems}', en: '{problems}' },
  PASSWORD_TOO_SHORT: {
    vi: 'Mật khẩu phải có ít nhất {minLength} ký tự.',
    en: 'The password must have at least {minLength} characters.',
  },
  PASSWORD_NOT_MIXED: {
    vi: 'Mật khẩu phải có chữ thường, chữ hoa và chữ số.',
    en: 'The password must mix lower case, upper case and digits.',
  },
  PASSWORD_CONTAINS_USERNAME: {
    vi: 'Mật khẩu không được chứa tên đăng nhập.',
    en: 'The password must not contain the user name.',
  },
  PASSWORD_TOO_COMMON: {
    vi: 'Mật khẩu này quá phổ biến, dễ bị đoán.',
    en: 'This password is too common and easy to guess.',
  },
  TOKENS_FOR_SERVICE_ACCOUNTS_ONLY: {
    vi: 'Chỉ tài khoản dịch vụ mới có mã truy cập API.',
    en: 'Only service accounts have API tokens.',
  },

  // User import
  EXCEL_UNREADABLE: { vi: 'Không đọc được tệp Excel.', en: 'The Excel file cannot be read.' },
  IMPORT_CSV_OR_XLSX_ONLY: { vi: 'Chỉ nhận tệp .csv hoặc .xlsx.', en: 'Only .csv or .xlsx files are accepted.' },
  IMPORT_NO_ROWS: { vi: 'Tệp không có dữ liệu.', en: 'The file has no rows.' },
  IMPORT_MISSING_COLUMN: { vi: 'Thiếu cột {column}.', en: 'Missing column {column}.' },
  IMPORT_UNKNOWN_UNIT: { vi: 'Không có đơn vị mã “{code}”.', en: 'No unit with code “{code}”.' },
  IMPORT_UNKNOWN_ROLE: { vi: 'Vai trò không hợp lệ: {role}.', en: 'Unknown role: {role}.' },
  IMPORT_DUPLICATE_USERNAME: {
    vi: 'Trùng tên đăng nhập với dòng {row}.',
    en: 'Same user name as row {row}.',
  },
  IMPORT_INVALID_VALUE: { vi: 'Giá trị không hợp lệ: {reason}.', en: 'Invalid value: {reason}.' },
  IMPORT_USERNAME_EXISTS: {
    vi: 'Tên đăng nhập “{username}” đã tồn tại.',
    en: 'User name “{username}” already exists.',
  },

  // Dates, times and periods
  DATE_INVALID: {
    vi: 'Ngày "{value}" không hợp lệ; cần dạng YYYY-MM-DD, ví dụ 2021-07-15.',
    en: '"{value}" is not a valid date; expected YYYY-MM-DD, e.g. 2021-07-15.',
  },
  TIME_INVALID: {
    vi: 'Giờ "{time}" không hợp lệ; cần dạng HH:MM từ 00:00 đến 23:59.',
    en: '"{time}" is not a valid time; expected HH:MM from 00:00 to 23:59.',
  },
  INSTANT_INVALID: { vi: 'Thời điểm không hợp lệ.', en: 'The instant is invalid.' },
  PERIOD_ID_MALFORMED: {
    vi: 'Mã kỳ báo cáo "{id}" không đúng định dạng. Các dạng hợp lệ: 20210715 (ngày), 2021W28 (tuần ISO), 202107 (tháng), 2021Q3 (quý), 2021S1/2021S2 (6 tháng), 2021N9 (9 tháng), 2021 (năm).',
    en: '"{id}" is not a period id. Valid forms: 20210715 (day), 2021W28 (ISO week), 202107 (month), 2021Q3 (quarter), 2021S1/2021S2 (half-year), 2021N9 (nine months), 2021 (year).',
  },
  PERIOD_YEAR_OUT_OF_RANGE: {
    vi: 'Kỳ báo cáo "{id}": năm phải từ {min} đến {max}.',
    en: 'Period "{id}": the year must be between {min} and {max}.',
  },
  PERIOD_MONTH_OUT_OF_RANGE: {
    vi: 'Kỳ báo cáo "{id}": tháng phải từ 01 đến 12.',
    en: 'Period "{id}": the month must be 01 to 12.',
  },
  PERIOD_DAY_NOT_IN_CALENDAR: {
    vi: 'Kỳ báo cáo "{id}": ngày {day}/{month}/{year} không có trong lịch.',
    en: 'Period "{id}": {year}-{month}-{day} is not a calendar date.',
  },
  PERIOD_WEEK_OUT_OF_RANGE: {
    vi: 'Kỳ báo cáo "{id}": tuần phải từ 1 đến {weeks} (năm {year} có {weeks} tuần ISO).',
    en: 'Period "{id}": the week must be 1 to {weeks} ({year} has {weeks} ISO weeks).',
  },
  PERIOD_QUARTER_OUT_OF_RANGE: {
    vi: 'Kỳ báo cáo "{id}": quý phải từ 1 đến 4.',
    en: 'Period "{id}": the quarter must be 1 to 4.',
  },
  PERIOD_HALF_OUT_OF_RANGE: {
    vi: 'Kỳ báo cáo "{id}": nửa năm phải là S1 hoặc S2.',
    en: 'Period "{id}": the half-year must be S1 or S2.',
  },
  DATE_IN_NO_NINE_MONTHS: {
    vi: 'Ngày {date} không thuộc kỳ 9 tháng nào (kỳ 9 tháng là từ tháng 1 đến tháng 9).',
    en: '{date} is in no nine-month period (nine months run January to September).',
  },
  ISO_INTERVAL_INVALID: {
    vi: 'Khoảng thời gian "{value}" không hợp lệ; cần dạng ngày-bắt-đầu/thời-lượng, ví dụ 2021-07-01/P1M.',
    en: '"{value}" is not a supported ISO 8601 period; expected start/duration, e.g. 2021-07-01/P1M.',
  },
  ISO_INTERVAL_NINE_MONTHS_START: {
    vi: 'Khoảng thời gian "{value}": kỳ 9 tháng phải bắt đầu ngày 1 tháng 1.',
    en: '"{value}": a nine-month period must start on 1 January.',
  },
  ISO_INTERVAL_NOT_A_PERIOD: {
    vi: 'Khoảng thời gian "{value}" không trùng với một kỳ báo cáo (kỳ chứa ngày này bắt đầu từ {start}).',
    en: '"{value}" is not a reporting period (the period containing that day starts on {start}).',
  },
  LUNAR_YEAR_OUT_OF_RANGE: {
    vi: 'Chỉ chuyển đổi âm lịch cho các năm từ {min} đến {max}.',
    en: 'Lunar conversion is only available for years {min} to {max}.',
  },
  LUNAR_DATE_MISSING: {
    vi: 'Ngày âm lịch {day}/{month}/{year} không tồn tại.',
    en: 'The lunar date {day}/{month}/{year} does not exist.',
  },
  LUNAR_LEAP_DATE_MISSING: {
    vi: 'Ngày âm lịch {day}/{month} (nhuận)/{year} không tồn tại.',
    en: 'The lunar date {day}/{month} (leap)/{year} does not exist.',
  },
  HOLIDAY_YEARS_OUT_OF_RANGE: {
    vi: 'Khoảng năm {from}–{to} không hợp lệ; chỉ tính được ngày nghỉ lễ cho các năm {min}–{max}.',
    en: 'The years {from}–{to} are invalid; default holidays are available for {min}–{max}.',
  },
  WORKING_DAYS_NOT_INTEGER: {
    vi: 'Số ngày làm việc phải là số nguyên.',
    en: 'The number of working days must be an integer.',
  },

  // Schedules ({offset} is the opening, the due time or the closing)
  SCHEDULE_ANCHOR_INVALID: {
    vi: 'Mốc tính thời điểm {offset} phải là đầu kỳ, cuối kỳ hoặc ngày chốt số liệu.',
    en: 'The {offset} anchor must be period_start, period_end or window_end.',
  },
  SCHEDULE_DAYS_INVALID: {
    vi: 'Số ngày của thời điểm {offset} phải là số nguyên từ -{max} đến {max}.',
    en: 'The {offset} days must be a whole number from -{max} to {max}.',
  },
  SCHEDULE_TIME_INVALID: {
    vi: 'Giờ {offset} "{time}" không hợp lệ; cần dạng HH:MM từ 00:00 đến 23:59.',
    en: 'The {offset} time "{time}" is invalid; expected HH:MM from 00:00 to 23:59.',
  },
  SCHEDULE_DUE_BEFORE_OPENING: {
    vi: 'Kỳ {period}: hạn nộp ({due}) sớm hơn thời điểm mở nhập ({opens}).',
    en: 'Period {period}: the due time ({due}) is before the opening ({opens}).',
  },
  SCHEDULE_CLOSING_BEFORE_DUE: {
    vi: 'Kỳ {period}: thời điểm đóng nhập ({closes}) sớm hơn hạn nộp ({due}).',
    en: 'Period {period}: the closing ({closes}) is before the due time ({due}).',
  },

  // Regimes
  REGIME_VALID_TO_BEFORE_VALID_FROM: {
    vi: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.',
    en: 'The end of validity must come after its start.',
  },
  REGIME_UNKNOWN_OWNER: {
    vi: 'Không có đơn vị mã “{code}” để làm cơ quan chủ trì.',
    en: 'There is no unit coded “{code}” to own the regime.',
  },
  REGIME_UNKNOWN_RECIPIENT: {
    vi: 'Không có đơn vị nhận báo cáo mã “{code}”.',
    en: 'There is no recipient unit coded “{code}”.',
  },
  REGIME_UNKNOWN_HIERARCHY: {
    vi: 'Không có hệ thống đơn vị “{hierarchy}”.',
    en: 'There is no hierarchy “{hierarchy}”.',
  },
  UNKNOWN_UNIT_KIND: { vi: 'Không có loại đơn vị “{kind}”.', en: 'There is no unit kind “{kind}”.' },
  UNKNOWN_HIERARCHY: {
    vi: 'Không có hệ thống đơn vị “{hierarchy}”; hãy tạo hệ thống trước khi đặt đơn vị vào đó.',
    en: 'There is no hierarchy “{hierarchy}”; create the hierarchy before placing units in it.',
  },
  HIERARCHY_CODE_TAKEN: {
    vi: 'Đã có hệ thống đơn vị mã “{hierarchy}”.',
    en: 'A hierarchy coded “{hierarchy}” already exists.',
  },
  HIERARCHY_SYSTEM_ADMIN_ONLY: {
    vi: 'Chỉ quản trị hệ thống được tạo hoặc đổi tên hệ thống đơn vị.',
    en: 'Only system administrators create or rename hierarchies.',
  },
  PLACEMENT_OUTSIDE_VALIDITY: {
    vi: 'Ngày {date} nằm ngoài thời gian hiệu lực của đơn vị “{unit}”.',
    en: '{date} lies outside the validity of the unit “{unit}”.',
  },
  PLACEMENT_NOT_AFTER_CURRENT: {
    vi: 'Vị trí mới phải bắt đầu sau ngày {date}, ngày bắt đầu vị trí hiện tại của đơn vị trong hệ thống này.',
    en: 'The new placement must start after {date}, when the unit’s current placement in this hierarchy began.',
  },
  PLACEMENT_UNCHANGED: {
    vi: 'Đơn vị đã trực thuộc đơn vị cấp trên này trong hệ thống này.',
    en: 'The unit is already placed under this parent in this hierarchy.',
  },
  REGIME_FREQUENCY_FIXED: {
    vi: 'Không thể đổi tần suất hoặc cách chốt số liệu của chế độ báo cáo đã ban hành: các kỳ của số liệu đã có sẽ không còn khớp. Hãy tạo chế độ báo cáo mới.',
    en: 'The frequency and data window of a regime in force cannot change: the periods of existing data would no longer fit. Create a new regime instead.',
  },
  REGIME_AMENDMENT_REQUIRED: {
    vi: 'Chế độ báo cáo đã ban hành chỉ được sửa bằng một phiên bản mới: hãy nhập ngày hiệu lực và căn cứ pháp lý của văn bản sửa đổi.',
    en: 'A regime in force is changed only by a new version: give the effective date and the legal basis of the amendment.',
  },
  REGIME_AMENDMENT_FOR_DRAFT: {
    vi: 'Chế độ báo cáo còn là dự thảo nên được sửa trực tiếp, không cần ngày hiệu lực và căn cứ pháp lý.',
    en: 'A draft regime is edited in place and takes no effective date or legal basis.',
  },
  REGIME_EFFECTIVE_NOT_PERIOD_START: {
    vi: 'Ngày hiệu lực phải là ngày đầu của một kỳ báo cáo (ví dụ {example}).',
    en: 'The effective date must be the first day of a reporting period (for example {example}).',
  },
  REGIME_EFFECTIVE_NOT_AFTER_LATEST: {
    vi: 'Ngày hiệu lực phải sau ngày hiệu lực của phiên bản mới nhất ({latest}): các phiên bản không được chồng lên nhau.',
    en: 'The effective date must come after the newest version’s ({latest}): versions cannot overlap.',
  },
  REGIME_EFFECTIVE_IN_PAST: {
    vi: 'Ngày hiệu lực không được trước kỳ hiện tại (bắt đầu {current}): các kỳ đã qua vẫn được đánh giá theo phiên bản cũ.',
    en: 'The effective date cannot be before the current period (starting {current}): past periods keep the version they were judged by.',
  },
  REGIME_VERSION_NOT_FOUND: {
    vi: 'Không có phiên bản {number} của chế độ báo cáo.',
    en: 'The regime has no version {number}.',
  },
  REGIME_ALREADY_ACTIVE: { vi: 'Chế độ báo cáo đã đang có hiệu lực.', en: 'The regime is already in force.' },
  REGIME_ALREADY_RETIRED: { vi: 'Chế độ báo cáo đã ngừng áp dụng.', en: 'The regime is already retired.' },
  REGIME_HAS_NO_FORM: {
    vi: 'Chế độ báo cáo chưa có biểu mẫu nào nên chưa thể ban hành.',
    en: 'The regime has no form yet, so it cannot be put in force.',
  },
  REGIME_FORMS_UNPUBLISHED: {
    vi: 'Các biểu mẫu chưa có phiên bản công bố: {forms}.',
    en: 'These forms have no published version: {forms}.',
  },
  REGIME_RETIRED_NO_NEW_FORM: {
    vi: 'Chế độ báo cáo đã ngừng áp dụng nên không thể thêm biểu mẫu.',
    en: 'The regime is retired, so no form can be added.',
  },
  FORM_ORDER_INCOMPLETE: {
    vi: 'Danh sách phải gồm đúng tất cả biểu mẫu của chế độ báo cáo, mỗi biểu một lần.',
    en: 'The list must name every form of the regime exactly once.',
  },

  // Forms and their versions
  FORM_CODE_MISMATCH: {
    vi: 'Mã biểu mẫu trong định nghĩa (“{given}”) phải trùng với mã biểu mẫu (“{expected}”).',
    en: "The definition's form code (“{given}”) must equal the form code (“{expected}”).",
  },
  VERSION_PUBLISHED_IMMUTABLE: {
    vi: 'Phiên bản {number} của biểu mẫu đã được công bố nên không thể sửa hay xóa. Hãy tạo phiên bản nháp mới (sao chép từ bản đang công bố) rồi sửa bản nháp đó.',
    en: 'Version {number} of the form is published and cannot be changed or deleted. Create a new draft version (a copy of the published one) and edit that instead.',
  },
  VERSION_SUPERSEDED_IMMUTABLE: {
    vi: 'Phiên bản {number} của biểu mẫu đã bị thay thế nên không thể sửa hay xóa. Hãy tạo phiên bản nháp mới (sao chép từ bản đang công bố) rồi sửa bản nháp đó.',
    en: 'Version {number} of the form is superseded and cannot be changed or deleted. Create a new draft version (a copy of the published one) and edit that instead.',
  },
  FORM_HAS_DRAFT: {
    vi: 'Biểu mẫu đã có bản nháp (phiên bản {number}); hãy sửa bản nháp đó.',
    en: 'The form already has a draft (version {number}); edit that one.',
  },
  FORM_ONLY_VERSION: {
    vi: 'Đây là phiên bản duy nhất của biểu mẫu nên không thể xóa.',
    en: 'This is the form’s only version, so it cannot be deleted.',
  },
  FORM_UNPUBLISHABLE_ONE_ERROR: {
    vi: 'Biểu mẫu còn 1 lỗi nên chưa thể công bố. Lỗi đầu tiên: {first}',
    en: 'The form has 1 error and cannot be published. First: {first}',
  },
  FORM_UNPUBLISHABLE: {
    vi: 'Biểu mẫu còn {count} lỗi nên chưa thể công bố. Lỗi đầu tiên: {first}',
    en: 'The form has {count} errors and cannot be published. First: {first}',
  },
  EXPRESSION_OR_RULE: {
    vi: 'Cần gửi đúng một trong hai: “expression” hoặc “rule”.',
    en: 'Send exactly one of “expression” and “rule”.',
  },

  // Excel templates
  TEMPLATE_FILE_UNREADABLE: {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra: không đọc được tệp (cần tệp .xlsx).',
    en: 'The Excel file is not a template made by this system: the file cannot be read (an .xlsx file is needed).',
  },
  TEMPLATE_METADATA_SHEET_MISSING: {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra: thiếu trang thông tin ẩn “{sheet}”.',
    en: 'The Excel file is not a template made by this system: the hidden “{sheet}” sheet is missing.',
  },
  TEMPLATE_METADATA_WRONG: {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra: thông tin “{key}” bị thiếu hoặc sai.',
    en: 'The Excel file is not a template made by this system: “{key}” is missing or wrong.',
  },
  TEMPLATE_METADATA_MISSING: {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra: thông tin “{key}” bị thiếu.',
    en: 'The Excel file is not a template made by this system: “{key}” is missing.',
  },
  TEMPLATE_DATA_SHEET_MISSING: {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra: không có trang số liệu “{sheet}”.',
    en: 'The Excel file is not a template made by this system: the data sheet “{sheet}” is missing.',
  },
  TEMPLATE_CELL_MAP_MISSING: {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra: thiếu bảng vị trí các ô.',
    en: 'The Excel file is not a template made by this system: the cell map is missing.',
  },
  TEMPLATE_CELL_ADDRESS_INVALID: {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra: địa chỉ ô “{address}” không hợp lệ.',
    en: 'The Excel file is not a template made by this system: the cell address “{address}” is invalid.',
  },
  TEMPLATE_OF_OTHER_FORM: {
    vi: 'Tệp mẫu không khớp: đây là mẫu của biểu {form}.',
    en: 'The template does not match: it is the template of form {form}.',
  },
  TEMPLATE_OF_OTHER_UNIT: {
    vi: 'Tệp mẫu không khớp: mẫu này dành cho đơn vị {unit}.',
    en: 'The template does not match: it was made for unit {unit}.',
  },
  TEMPLATE_OF_OTHER_PERIOD: {
    vi: 'Tệp mẫu không khớp: mẫu này dành cho kỳ {period}.',
    en: 'The template does not match: it was made for period {period}.',
  },
  TEMPLATE_OF_OTHER_VERSION: {
    vi: 'Tệp mẫu không khớp: mẫu được tạo từ một phiên bản biểu mẫu khác; hãy tải mẫu mới.',
    en: 'The template does not match: it was made from another version of the form; download a new template.',
  },
  TEMPLATE_INVALID_CELLS: {
    vi: 'Tệp có {count} ô không hợp lệ; chưa lưu gì.',
    en: 'The file has {count} invalid cell(s); nothing was saved.',
  },
  CELL_PROBLEM: { vi: 'Ô {address}: {problem}', en: 'Cell {address}: {problem}' },
  CELL_NOT_A_NUMBER: { vi: '“{value}” không phải là số.', en: '“{value}” is not a number.' },
  CELL_NOT_A_WHOLE_NUMBER: { vi: '{value} không phải là số nguyên.', en: '{value} is not a whole number.' },
  CELL_NOT_YES_OR_NO: {
    vi: 'Chỉ nhập “Có” hoặc “Không”, không phải “{value}”.',
    en: 'Enter “Có” (yes) or “Không” (no), not “{value}”.',
  },
  CELL_NOT_AN_OPTION: {
    vi: '“{value}” không có trong danh sách lựa chọn.',
    en: '“{value}” is not one of the options.',
  },
  CELL_NOT_A_DATE: {
    vi: '“{value}” không phải là ngày (dd/mm/yyyy).',
    en: '“{value}” is not a date (dd/mm/yyyy).',
  },
  CELL_TEXT_TOO_LONG: { vi: 'Văn bản quá dài.', en: 'The text is too long.' },

  // Reports
  PERIOD_WRONG_FREQUENCY: {
    vi: 'Kỳ “{period}” không đúng tần suất của chế độ báo cáo ({frequency}).',
    en: "Period “{period}” does not match the regime's frequency ({frequency}).",
  },
  PERIOD_NOT_REGIME_FREQUENCY: {
    vi: 'Kỳ báo cáo không đúng tần suất của chế độ báo cáo.',
    en: 'The period does not match the regime’s frequency.',
  },
  PERIOD_OUTSIDE_REGIME_VALIDITY: {
    vi: 'Kỳ báo cáo nằm ngoài thời gian hiệu lực của chế độ.',
    en: 'The period is outside the regime’s validity.',
  },
  FORM_NOT_PUBLISHED: { vi: 'Biểu mẫu chưa được ban hành.', en: 'The form has no published version.' },
  UNIT_DOES_NOT_REPORT_FORM: {
    vi: 'Đơn vị này không báo cáo biểu mẫu này.',
    en: 'This unit does not report this form.',
  },
  UNIT_DOES_NOT_CONSOLIDATE: {
    vi: 'Đơn vị này không tổng hợp báo cáo này.',
    en: 'This unit does not consolidate this report.',
  },
  REVIEWED_BY_DIRECT_CONSOLIDATOR: {
    vi: 'Chỉ {reviewer} — đơn vị tổng hợp trực tiếp — được tiếp nhận hoặc trả lại báo cáo này.',
    en: 'Only {reviewer}, the unit that directly consolidates this report, may accept or return it.',
  },
  REVIEWED_BY_RECIPIENTS: {
    vi: 'Báo cáo này gửi lên {reviewer} và cơ quan nhận báo cáo ({recipients}); chỉ các đơn vị đó được tiếp nhận hoặc trả lại.',
    en: 'This report goes to {reviewer} and the receiving agencies ({recipients}); only they may accept or return it.',
  },
  PERIOD_LOCKED: { vi: 'Kỳ báo cáo đã bị khóa.', en: 'The period is locked.' },
  SUBMIT_CONTENDED: {
    vi: 'Báo cáo đang được gửi đồng thời từ nơi khác; vui lòng thử lại.',
    en: 'The report is being submitted concurrently elsewhere; please try again.',
  },
  REPORT_HAS_ERRORS: {
    vi: 'Báo cáo còn {count} lỗi cần sửa trước khi gửi.',
    en: 'The report has {count} error(s) to fix before submitting.',
  },
  ENTRY_NOT_OPEN: {
    vi: 'Chưa đến thời gian nhập báo cáo (mở lúc {opensAt}).',
    en: 'The entry window has not opened yet (opens {opensAt}).',
  },
  SUBMISSION_CLOSED: {
    vi: 'Đã hết thời gian gửi báo cáo (đóng lúc {closesAt}).',
    en: 'The submission window has closed (closed {closesAt}).',
  },
  TRANSITION_NOT_ALLOWED: {
    vi: 'Không thể {action} báo cáo đang ở trạng thái “{state}”.',
    en: 'Cannot {action} a report that is {state}.',
  },
  RETURN_REASON_REQUIRED: {
    vi: 'Cần nêu lý do trả lại báo cáo.',
    en: 'A reason is required to return a report.',
  },

  // Period locks
  PERIOD_OPEN: {
    vi: 'Kỳ báo cáo đang mở, không cần mở khóa.',
    en: 'The period is open; there is nothing to unlock.',
  },
  UNLOCK_REQUEST_PENDING: {
    vi: 'Đơn vị đã có một đề nghị mở khóa kỳ này đang chờ xử lý.',
    en: 'The unit already has a pending request to unlock this period.',
  },
  UNLOCK_REQUEST_DECIDED: { vi: 'Đề nghị này đã được xử lý.', en: 'This request has already been decided.' },

  // Compliance
  COMPLIANCE_RANGE_REVERSED: {
    vi: 'Kỳ đầu ({from}) phải không sau kỳ cuối ({to}).',
    en: 'The first period ({from}) must not come after the last ({to}).',
  },
  COMPLIANCE_RANGE_TOO_LONG: {
    vi: 'Chỉ thống kê được tối đa {max} kỳ trong một lần.',
    en: 'At most {max} periods can be counted at once.',
  },
  EXEMPTION_RANGE_REVERSED: {
    vi: 'Kỳ kết thúc miễn báo cáo ({to}) phải không trước kỳ bắt đầu ({from}).',
    en: 'The last exempt period ({to}) must not come before the first ({from}).',
  },
  // Notices: the texts of in-app notices and e-mails, rendered in both languages when created.
  NOTICE_REPORT_RETURNED: {
    vi: 'Báo cáo {form} kỳ {period} của {unit} bị trả lại',
    en: 'Report {form} for {period} of {unit} was returned',
  },
  NOTICE_REPORT_ACCEPTED: {
    vi: 'Báo cáo {form} kỳ {period} của {unit} đã được chấp nhận',
    en: 'Report {form} for {period} of {unit} was accepted',
  },
  NOTICE_REASON: { vi: 'Lý do: {reason}', en: 'Reason: {reason}' },
  NOTICE_PERIOD_LOCKED: {
    vi: 'Kỳ {period} của chế độ “{regime}” đã bị khóa',
    en: 'Period {period} of “{regime}” was locked',
  },
  NOTICE_PERIOD_UNLOCKED: {
    vi: 'Kỳ {period} của chế độ “{regime}” đã được mở khóa',
    en: 'Period {period} of “{regime}” was unlocked',
  },
  NOTICE_UNLOCK_REFUSED: {
    vi: 'Đề nghị mở khóa kỳ {period} của {unit} bị từ chối',
    en: 'The request to unlock {period} for {unit} was refused',
  },
  NOTICE_DEADLINE_REMINDER: {
    vi: 'Nhắc hạn: {unit} chưa gửi báo cáo “{regime}” kỳ {period}, hạn {due}',
    en: 'Reminder: {unit} has not sent “{regime}” for {period}, due {due}',
  },
  NOTICE_DEADLINE_LATE: {
    vi: 'Quá hạn: {unit} chưa gửi báo cáo “{regime}” kỳ {period} (hạn {due})',
    en: 'Overdue: {unit} has not sent “{regime}” for {period} (due {due})',
  },
  NOTICE_CHILDREN_LATE: {
    vi: '{missing}/{expected} đơn vị chưa gửi báo cáo “{regime}” kỳ {period} cho {unit} (hạn {due})',
    en: '{missing} of {expected} units have not sent “{regime}” for {period} to {unit} (due {due})',
  },
  NOTICE_ESCALATION: {
    vi: 'Báo cáo cấp trên: {missing}/{expected} đơn vị thuộc {unit} chưa gửi báo cáo “{regime}” kỳ {period} (đã đóng {closes})',
    en: 'Escalation: {missing} of {expected} units under {unit} have not sent “{regime}” for {period} (closed {closes})',
  },
  NOTICE_MANUAL_REMINDER: {
    vi: '{sender} nhắc {unit} gửi báo cáo “{regime}” kỳ {period} (hạn {due})',
    en: '{sender} reminds {unit} to send “{regime}” for {period} (due {due})',
  },
  NOTICE_CHILD_CHANGED: {
    vi: 'Số liệu của đơn vị cấp dưới đã thay đổi sau khi {unit} gửi báo cáo {form} kỳ {period}',
    en: 'Figures of lower units changed after {unit} sent report {form} for {period}',
  },
  NOTICE_CELLS_CHANGED: {
    vi: '{count} chỉ tiêu khác với số liệu đã gửi; xem và gửi lại báo cáo tổng hợp nếu cần.',
    en: '{count} figures differ from those sent; review and send the consolidation again if needed.',
  },
  NOTICE_UNITS_LISTED: { vi: 'Đơn vị chưa gửi: {units}', en: 'Units that have not sent: {units}' },
  NOTICE_EMAIL_FOOTER: {
    vi: 'Xem trên hệ thống: {link}',
    en: 'Open in the system: {link}',
  },
  LADDER_UNKNOWN_CHANNEL: {
    vi: 'Kênh thông báo “{channel}” không tồn tại (chỉ có: {known}).',
    en: 'Unknown notice channel “{channel}” (known: {known}).',
  },
  LADDER_REMINDER_BEFORE_OPENING: {
    vi: 'Giờ nhắc ({at}) phải sau giờ mở nhập ({opens}) và trước hạn nộp.',
    en: 'The reminder ({at}) must come after the window opens ({opens}) and before the due time.',
  },
  REMINDER_UNIT_NOT_LATE: {
    vi: 'Đơn vị {unit} không thuộc danh sách chưa gửi báo cáo.',
    en: 'Unit {unit} is not among the units that have not sent.',
  },
  // Analytics
  ANALYTICS_FIELD_UNKNOWN: {
    vi: 'Chỉ tiêu “{field}” không tồn tại hoặc bạn không được xem.',
    en: 'Field “{field}” does not exist or is not visible to you.',
  },
  ANALYTICS_OPTION_UNKNOWN: {
    vi: 'Chỉ tiêu “{field}” không có phân tổ “{option}”.',
    en: 'Field “{field}” has no disaggregation option “{option}”.',
  },
  ANALYTICS_UNIT_UNKNOWN: { vi: 'Không có đơn vị mã số {unit}.', en: 'There is no unit with id {unit}.' },
  ANALYTICS_UNITS_ONE_WAY: {
    vi: 'Hãy chọn đơn vị theo đúng một cách: một cấp (level), một danh sách (ids) hoặc một đơn vị và các đơn vị trực thuộc (childrenOf).',
    en: 'Choose units in exactly one way: a level, a list (ids) or a unit and its children (childrenOf).',
  },
  ANALYTICS_PERIODS_ONE_WAY: {
    vi: 'Hãy chọn kỳ theo đúng một cách: một khoảng (from, to) hoặc một danh sách (ids).',
    en: 'Choose periods in exactly one way: a range (from, to) or a list (ids).',
  },
  ANALYTICS_PERIOD_WRONG_TYPE: {
    vi: 'Kỳ “{period}” không phải loại kỳ “{type}” đã chọn; không được trộn các loại kỳ.',
    en: 'Period “{period}” is not of the chosen type “{type}”; period types cannot be mixed.',
  },
  ANALYTICS_PERIOD_RANGE_REVERSED: {
    vi: 'Kỳ bắt đầu phải trước kỳ kết thúc.',
    en: 'The first period must come before the last.',
  },
  ANALYTICS_PERIOD_TOO_FINE: {
    vi: 'Chỉ tiêu “{field}” được báo cáo theo {formType}; không thể xem theo {type}.',
    en: 'Field “{field}” is reported by {formType}; it cannot be shown by {type}.',
  },
  ANALYTICS_TOO_MANY_PERIODS: {
    vi: 'Truy vấn có {count} kỳ, quá giới hạn {limit} kỳ; hãy chọn loại kỳ dài hơn hoặc khoảng ngắn hơn.',
    en: 'The query has {count} periods, over the limit of {limit}; choose a longer period type or a shorter range.',
  },
  ANALYTICS_TOO_MANY_UNITS: {
    vi: 'Truy vấn có {count} đơn vị, quá giới hạn {limit}; hãy chọn cấp cao hơn hoặc một đơn vị gốc hẹp hơn.',
    en: 'The query has {count} units, over the limit of {limit}; choose a higher level or a narrower root.',
  },
  ANALYTICS_TOO_MANY_ROWS: {
    vi: 'Truy vấn phải đọc khoảng {count} giá trị, quá giới hạn {limit}; hãy bớt chỉ tiêu, đơn vị hoặc kỳ.',
    en: 'The query would read about {count} values, over the limit of {limit}; ask for fewer fields, units or periods.',
  },
  OUTLIER_UNCONFIRMED_CELLS: {
    vi: 'Số liệu bất thường chưa được xác nhận ở {count} ô ({cells}): kiểm tra lại hoặc ghi chú xác nhận vào từng ô.',
    en: 'Unconfirmed outliers in {count} cell(s) ({cells}): check them, or confirm each with a comment on its cell.',
  },
  // Directives and tasks
  TASK_DEADLINE_BEFORE_DIRECTIVE: {
    vi: 'Hạn hoàn thành ({deadline}) không được trước ngày ban hành văn bản ({issuedOn}).',
    en: 'The deadline ({deadline}) cannot be before the directive’s date ({issuedOn}).',
  },
  TASK_UNIT_UNKNOWN: {
    vi: 'Không có đơn vị mã số {id} đang hoạt động.',
    en: 'No active unit with id {id}.',
  },
  TASK_LEAD_ALSO_SUPPORTING: {
    vi: 'Đơn vị chủ trì không đồng thời là đơn vị phối hợp.',
    en: 'The lead unit cannot also be a supporting unit.',
  },
  TASK_UNIT_NOT_ASSIGNED: {
    vi: 'Đơn vị này không chủ trì hay phối hợp thực hiện nhiệm vụ.',
    en: 'This unit neither leads nor supports the task.',
  },
  TASK_DONE_BY_LEAD_ONLY: {
    vi: 'Chỉ đơn vị chủ trì báo cáo hoàn thành nhiệm vụ.',
    en: 'Only the lead unit reports the task done.',
  },
  TASK_ALREADY_DONE: {
    vi: 'Nhiệm vụ đã hoàn thành; không nhận thêm báo cáo tiến độ.',
    en: 'The task is done; no more progress reports are taken.',
  },
  ATTACHMENT_TYPE_REFUSED: {
    vi: 'Tệp “{fileName}” không được nhận: chỉ nhận PDF, Word (.docx), Excel (.xlsx), PNG, JPEG.',
    en: 'File “{fileName}” is refused: only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG are accepted.',
  },
  ATTACHMENT_TOO_LARGE: {
    vi: 'Tệp đính kèm lớn hơn {maxMb} MB.',
    en: 'The attachment is larger than {maxMb} MB.',
  },
  ATTACHMENTS_TOO_MANY: {
    vi: 'Mỗi báo cáo tiến độ có tối đa {max} tệp đính kèm.',
    en: 'A progress report has at most {max} attachments.',
  },
  IMPORT_TASK_DEADLINE: {
    vi: 'Hạn “{value}” không phải ngày (dd/mm/yyyy) hay “thường xuyên”.',
    en: 'Deadline “{value}” is neither a date (dd/mm/yyyy) nor “thường xuyên” (regular).',
  },
  IMPORT_TASK_TITLE: {
    vi: 'Thiếu nội dung nhiệm vụ (3 đến 1000 ký tự).',
    en: 'The task is missing (3 to 1000 characters).',
  },
  NOTICE_TASK_DUE_SOON: {
    vi: 'Nhiệm vụ sắp đến hạn ({deadline}): {task}',
    en: 'Task due soon ({deadline}): {task}',
  },
  NOTICE_TASK_OVERDUE: {
    vi: 'Nhiệm vụ đã quá hạn ({deadline}): {task}',
    en: 'Task overdue ({deadline}): {task}',
  },
  NOTICE_TASK_BODY: {
    vi: 'Theo {directive}; đơn vị chủ trì: {lead}. Vui lòng cập nhật tiến độ.',
    en: 'Under {directive}; lead unit: {lead}. Please report progress.',
  },
  // Imports and exports (features/imports)
  IMPORT_NOT_UTF8: {
    vi: 'Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {offset}); chưa nhập gì.',
    en: 'The file is not UTF-8 text (bad byte at offset {offset}); nothing was imported.',
  },
  IMPORT_MALFORMED: {
    vi: 'Tệp {format} không đọc được: {reason}; chưa nhập gì.',
    en: 'The {format} file cannot be read: {reason}; nothing was imported.',
  },
  IMPORT_EMPTY: { vi: 'Tệp không có giá trị nào để nhập.', en: 'The file has no values to import.' },
  IMPORT_TOO_MANY_ROWS: {
    vi: 'Tệp có hơn {max} giá trị; hãy chia nhỏ tệp.',
    en: 'The file has more than {max} values; split it.',
  },
  IMPORT_REJECTED_ROWS: {
    vi: 'Không nhập được: {count} dòng có lỗi (dòng đầu tiên: {row}); chưa lưu gì.',
    en: 'Nothing was imported: {count} row(s) have errors (first: row {row}).',
  },
  IMPORT_OUT_OF_SCOPE: {
    vi: 'Dòng {row}: đơn vị “{unit}” nằm ngoài phạm vi được nhập của bạn; chưa nhập gì.',
    en: 'Row {row}: unit “{unit}” is outside the scope you may change; nothing was imported.',
  },
  IMPORT_CONFLICT_UNKNOWN_FORM: { vi: 'Không có biểu mẫu “{form}”.', en: 'There is no form “{form}”.' },
  IMPORT_CONFLICT_UNKNOWN_UNIT: {
    vi: 'Không có đơn vị mã “{unit}” vào ngày {date}.',
    en: 'There is no unit with code “{unit}” on {date}.',
  },
  IMPORT_CONFLICT_UNIT_NOT_REPORTING: {
    vi: 'Đơn vị “{unit}” không báo cáo biểu mẫu này.',
    en: 'Unit “{unit}” does not report this form.',
  },
  IMPORT_CONFLICT_PERIOD: {
    vi: 'Kỳ “{period}” không thuộc chế độ báo cáo này.',
    en: 'Period “{period}” is not a period of this regime.',
  },
  IMPORT_CONFLICT_UNKNOWN_CELL: { vi: 'Biểu mẫu không có ô “{cell}”.', en: 'The form has no cell “{cell}”.' },
  IMPORT_CONFLICT_COMPUTED_CELL: {
    vi: 'Ô “{cell}” là ô tính toán: giá trị gửi lên bị bỏ qua, hệ thống tự tính.',
    en: 'Cell “{cell}” is computed: the value sent is ignored and computed instead.',
  },
  IMPORT_CONFLICT_VALUE: {
    vi: 'Giá trị “{value}” không hợp lệ: {problem}.',
    en: 'Value “{value}” is invalid: {problem}.',
  },
  IMPORT_CONFLICT_DUPLICATE: {
    vi: 'Trùng với dòng {first} (cùng đơn vị, kỳ và ô).',
    en: 'Duplicates row {first} (same unit, period and cell).',
  },
  IMPORT_CONFLICT_LOCKED: { vi: 'Kỳ báo cáo đã bị khóa.', en: 'The period is locked.' },
  IMPORT_CONFLICT_ACCEPTED: {
    vi: 'Báo cáo đã được chấp nhận; không thể thay đổi bằng nhập dữ liệu.',
    en: 'The report was accepted; an import cannot change it.',
  },
  IMPORT_CONFLICT_RULE: { vi: 'Báo cáo vi phạm kiểm tra: {problem}', en: 'The report fails a check: {problem}' },
  IMPORT_CONFLICT_MISSING: { vi: 'Thiếu {what}.', en: 'Missing {what}.' },
  IMPORTS_BUSY: {
    vi: 'Đang có {limit} lượt nhập dữ liệu chạy cùng lúc (mức tối đa); vui lòng thử lại sau {seconds} giây.',
    en: '{limit} imports are already running (the most at once); try again in {seconds} seconds.',
  },
  IMPORT_RATE_LIMITED: {
    vi: 'Quá nhiều yêu cầu; thử lại sau {seconds} giây.',
    en: 'Too many requests; try again in {seconds} seconds.',
  },
  // Events and webhooks
  WEBHOOK_URL_INVALID: {
    vi: 'Địa chỉ webhook phải là một URL http hoặc https hợp lệ.',
    en: 'The webhook address must be a valid http or https URL.',
  },
  WEBHOOK_UNIT_OUT_OF_SCOPE: {
    vi: 'Đơn vị {unitId} nằm ngoài phạm vi bạn được xem.',
    en: 'Unit {unitId} is outside the units you may read.',
  },
  WEBHOOK_DISABLED: {
    vi: 'Webhook đang tạm dừng; hãy bật lại trước khi gửi lại.',
    en: 'The webhook is disabled; enable it before redelivering.',
  },
  NOTICE_WEBHOOK_DISABLED: {
    vi: 'Webhook {url} đã bị tạm dừng sau {failures} lần gửi không thành công',
    en: 'Webhook {url} was disabled after {failures} failed attempts',
  },
  NOTICE_WEBHOOK_DISABLED_BODY: {
    vi: 'Kiểm tra máy nhận, rồi bật lại webhook và gửi lại các sự kiện chưa gửi được.',
    en: 'Check the receiver, then enable the webhook again and redeliver the events that failed.',
  },
  // Generated reports
  DOCUMENT_UNKNOWN_PLACEHOLDER: {
    vi: 'Trường giữ chỗ {name} không có trong số liệu của mẫu báo cáo.',
    en: 'The placeholder {name} is not one of the template’s figures.',
  },
  DOCUMENT_DUPLICATE_KEY: {
    vi: 'Tên số liệu "{name}" bị trùng.',
    en: 'The figure name "{name}" is used twice.',
  },
  DOCUMENT_FIELD_NOT_IN_REGIME: {
    vi: 'Chỉ tiêu {field} không thuộc chế độ báo cáo của mẫu.',
    en: 'The field {field} is not one of the template’s regime.',
  },
  DOCUMENT_PERIOD_TYPE: {
    vi: 'Kỳ {periodId} không phải kỳ {periodType} của mẫu báo cáo.',
    en: 'The period {periodId} is not a {periodType} period, as the template is.',
  },
  NOTICE_DOCUMENT_ISSUED: {
    vi: 'Báo cáo tổng hợp: {title}',
    en: 'Generated report: {title}',
  },
  NOTICE_DOCUMENT_ISSUED_BODY: {
    vi: 'Số {number} của {unit}, kỳ {period}, phiên bản {version}. Tải bản PDF hoặc XLSX từ kho báo cáo.',
    en: 'No. {number} of {unit}, period {period}, version {version}. Download the PDF or XLSX from the archive.',
  },
  NOTICE_DOCUMENT_FAILED: {
    vi: 'Không tạo được báo cáo tổng hợp "{name}" kỳ {period}',
    en: 'The generated report "{name}" for {period} failed',
  },
  NOTICE_DOCUMENT_FAILED_BODY: {
    vi: 'Đã thử {attempts} lần. Lỗi cuối: {error}',
    en: 'Tried {attempts} times. Last error: {error}',
  },
  // Digital signatures (features/signatures)
  SIGNING_UPLOAD_INCOMPLETE: {
    vi: 'Cần chứng thư số và khóa bí mật (PEM), hoặc một tệp PKCS#12 (.p12/.pfx) với mật khẩu của nó.',
    en: 'Send a certificate and its private key (PEM), or a PKCS#12 file (.p12/.pfx) with its password.',
  },
  SIGNING_CERTIFICATE_UNREADABLE: {
    vi: 'Không đọc được chứng thư số (cần chứng thư X.509 dạng PEM).',
    en: 'The certificate cannot be read (an X.509 certificate in PEM is expected).',
  },
  SIGNING_KEY_UNREADABLE: {
    vi: 'Không đọc được khóa bí mật (PEM PKCS#8, PKCS#1 hoặc SEC1), hoặc mật khẩu của khóa không đúng.',
    en: 'The private key cannot be read (PEM PKCS#8, PKCS#1 or SEC1), or its passphrase is wrong.',
  },
  SIGNING_KEY_UNSUPPORTED: {
    vi: 'Loại khóa không được hỗ trợ: cần khóa RSA hoặc ECDSA (P-256, P-384).',
    en: 'The key type is not supported: an RSA or ECDSA (P-256, P-384) key is needed.',
  },
  SIGNING_KEY_MISMATCH: {
    vi: 'Khóa bí mật không khớp với chứng thư số (khóa công khai trong chứng thư là của một khóa khác).',
    en: 'The private key does not match the certificate (the certificate holds another key’s public key).',
  },
  SIGNING_PKCS12_UNREADABLE: {
    vi: 'Không mở được tệp PKCS#12: sai mật khẩu, hoặc tệp mã hóa kiểu cũ (3DES/RC2) — hãy xuất lại với AES.',
    en: 'The PKCS#12 file cannot be opened: a wrong password, or legacy encryption (3DES/RC2) — export it again with AES.',
  },
  SIGNING_CERTIFICATE_IS_CA: {
    vi: 'Đây là chứng thư của tổ chức cung cấp dịch vụ chứng thực (CA), không dùng để ký báo cáo.',
    en: 'This is a certificate authority’s certificate, not one that signs reports.',
  },
  SIGNING_CERTIFICATE_EXPIRED: {
    vi: 'Chứng thư số đã hết hạn từ {date}.',
    en: 'The certificate expired on {date}.',
  },
  SIGNING_CERTIFICATE_NOT_YET_VALID: {
    vi: 'Chứng thư số chưa có hiệu lực (có hiệu lực từ {date}).',
    en: 'The certificate is not valid yet (valid from {date}).',
  },
  SIGNING_CERTIFICATE_REVOKED: {
    vi: 'Chứng thư số đã bị thu hồi lúc {date}.',
    en: 'The certificate was revoked on {date}.',
  },
  SIGNING_CERTIFICATE_EXISTS: {
    vi: 'Chứng thư số này đã được nạp vào hệ thống.',
    en: 'This certificate is already registered.',
  },
  SIGNING_CERTIFICATE_OTHER_UNIT: {
    vi: 'Chứng thư số này không thuộc đơn vị của báo cáo.',
    en: 'This certificate does not belong to the report’s unit.',
  },
  SIGNING_NO_CERTIFICATE: {
    vi: 'Đơn vị “{unit}” chưa có chứng thư số còn hiệu lực để ký.',
    en: 'Unit “{unit}” has no valid signing certificate.',
  },
  SIGNATURE_FILES_INCOMPLETE: {
    vi: 'Cần tệp dữ liệu và tệp chữ ký (.p7s), hoặc một tệp PDF đã ký số.',
    en: 'Send the data file and its signature (.p7s), or a signed PDF.',
  },
  SIGNATURE_UNREADABLE: {
    vi: 'Tệp chữ ký không phải chữ ký CMS/PKCS#7 đọc được.',
    en: 'The signature file is not a readable CMS/PKCS#7 signature.',
  },
  SIGNATURE_PDF_UNSIGNED: {
    vi: 'Tệp PDF không có chữ ký số đọc được.',
    en: 'The PDF carries no readable digital signature.',
  },
  // Indicators (issue 12 §1)
  INDICATOR_PERIOD_WRONG_FREQUENCY: {
    vi: 'Kỳ “{period}” không phải kỳ {frequency} của chỉ tiêu.',
    en: 'Period “{period}” is not a {frequency} period of the indicator.',
  },
  INDICATOR_OPTION_UNKNOWN: {
    vi: 'Chỉ tiêu không có phân tổ “{option}”.',
    en: 'The indicator has no disaggregation option “{option}”.',
  },
  INDICATOR_CODE_UNKNOWN: { vi: 'Không có chỉ tiêu mã “{code}”.', en: 'There is no indicator with code “{code}”.' },
  INDICATOR_UNIT_CODE_UNKNOWN: {
    vi: 'Không có đơn vị mã “{code}” vào ngày {date}.',
    en: 'There is no unit with code “{code}” on {date}.',
  },
  INDICATOR_UNIT_ONE_WAY: {
    vi: 'Cần đúng một trong hai: unitId hoặc unitCode.',
    en: 'Give exactly one of unitId and unitCode.',
  },
  INDICATOR_RELEASE_BEFORE_PERIOD: {
    vi: 'Ngày công bố {date} trước ngày bắt đầu kỳ {period}.',
    en: 'The release date {date} is before the start of period {period}.',
  },
  INDICATOR_VALUE_DUPLICATE: {
    vi: 'Giá trị này trùng với dòng {row} (cùng đơn vị, kỳ, phân tổ, loại số liệu và ngày công bố).',
    en: 'This value repeats row {row} (same unit, period, option, vintage and release date).',
  },
  INDICATOR_FORMULA_REQUIRED: {
    vi: 'Chỉ tiêu tính theo công thức cần có công thức; các nguồn khác thì không.',
    en: 'A formula indicator needs a formula; other sources must not have one.',
  },
  INDICATOR_FORMULA_BAD: { vi: 'Công thức không hợp lệ: {problem}', en: 'The formula is not valid: {problem}' },
  INDICATOR_FORMULA_FIELD_UNKNOWN: {
    vi: 'Biểu mẫu không có chỉ tiêu số “{field}”.',
    en: 'The form has no numeric field “{field}”.',
  },
  INDICATOR_FORMULA_FREQUENCY: {
    vi: 'Kỳ của chỉ tiêu ({frequency}) phải bằng hoặc dài hơn kỳ của biểu mẫu ({formFrequency}).',
    en: 'The indicator’s frequency ({frequency}) must equal or be coarser than the form’s ({formFrequency}).',
  },
  INDICATOR_AGENCY_DUPLICATE: {
    vi: 'Hai cơ quan chủ trì có cùng ngày hiệu lực {date}.',
    en: 'Two owning agencies start on the same date {date}.',
  },
  INDICATOR_DISAGGREGATION_DUPLICATE: {
    vi: 'Phân tổ “{code}” bị lặp.',
    en: 'Disaggregation “{code}” is repeated.',
  },
  // Connectors and federation
  CONNECTOR_ADMIN_ONLY: {
    vi: 'Chỉ quản trị hệ thống được quản lý kết nối dữ liệu.',
    en: 'Only system administrators manage data connectors.',
  },
  CONNECTOR_URL_INVALID: {
    vi: 'Địa chỉ phải là một URL http hoặc https hợp lệ.',
    en: 'The address must be a valid http or https URL.',
  },
  CONNECTOR_CODE_TAKEN: { vi: 'Mã kết nối “{code}” đã được dùng.', en: 'Connector code “{code}” is already used.' },
  CONNECTOR_MAPPING_PATH: {
    vi: 'Đường dẫn “{path}” không hợp lệ (ví dụ: $.data[0].ma hoặc tên cột CSV).',
    en: 'Path “{path}” is invalid (e.g. $.data[0].code, or a CSV column name).',
  },
  CONNECTOR_MAPPING_CELL: { vi: 'Biểu mẫu không có ô nhập “{cell}”.', en: 'The form has no input cell “{cell}”.' },
  CONNECTOR_MAPPING_SHAPE: {
    vi: 'Khai báo hoặc danh sách values (mỗi bản ghi nhiều ô), hoặc cặp cell và value (mỗi bản ghi một ô).',
    en: 'Give either a values list (several cells per record) or a cell and a value path (one cell per record).',
  },
  CONNECTOR_FEED_HTTP: { vi: 'Nguồn dữ liệu trả lời HTTP {status}.', en: 'The feed answered HTTP {status}.' },
  CONNECTOR_FEED_TOO_LARGE: {
    vi: 'Nguồn dữ liệu lớn hơn {mb} MB.',
    en: 'The feed is larger than {mb} MB.',
  },
  CONNECTOR_FEED_MALFORMED: {
    vi: 'Không đọc được nguồn dữ liệu {format}: {reason}',
    en: 'The {format} feed cannot be read: {reason}',
  },
  CONNECTOR_FEED_NO_RECORDS: {
    vi: 'Không tìm thấy danh sách bản ghi tại “{path}”.',
    en: 'No list of records at “{path}”.',
  },
  CONNECTOR_OWNER_GONE: {
    vi: 'Tài khoản tạo kết nối không còn quyền quản trị hệ thống.',
    en: 'The account that created the connector is no longer a system administrator.',
  },
  FEDERATION_ADMIN_ONLY: {
    vi: 'Chỉ quản trị hệ thống được quản lý liên thông giữa các hệ thống Baocao.',
    en: 'Only system administrators manage federation links.',
  },
  FEDERATION_NOTHING_FORWARDED: {
    vi: 'Chọn ít nhất một biểu mẫu hoặc một chỉ tiêu để chuyển tiếp.',
    en: 'Choose at least one form or indicator to forward.',
  },
  FEDERATION_LINK_INACTIVE: {
    vi: 'Liên kết đang tạm dừng; bật lại trước khi gửi.',
    en: 'The link is paused; enable it before sending.',
  },
  NOTICE_CONNECTOR_FAILING: {
    vi: 'Kết nối “{name}” lỗi {failures} lần liên tiếp',
    en: 'Connector “{name}” failed {failures} times in a row',
  },
  NOTICE_CONNECTOR_FAILING_BODY: {
    vi: 'Lỗi gần nhất: {error}',
    en: 'Last error: {error}',
  },
} as const satisfies Record<string, MessageTemplate>;

export type MessageKey = keyof typeof messageCatalogue;

/** The names of the `{name}` placeholders of a template. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

type PlaceholdersOf<K extends MessageKey> =
  | Placeholders<(typeof messageCatalogue)[K]['vi']>
  | Placeholders<(typeof messageCatalogue)[K]['en']>;

/** A parameter: the same in both languages, or a text of its own in each (another rendered message). */
export type MessageParam = string | number | LocalizedMessage;

/** The parameters of a message: exactly its placeholders. */
export type MessageParams<K extends MessageKey> = { [P in PlaceholdersOf<K>]: MessageParam };

/** `[params]` for a message with placeholders, `[]` for one without. */
export type MessageArgs<K extends MessageKey> = [PlaceholdersOf<K>] extends [never] ? [] : [params: MessageParams<K>];

/** A message and its parameters, as a {@link DomainError} takes them. */
export type MessageRef = {
  [K in MessageKey]: [PlaceholdersOf<K>] extends [never]
    ? { message: K; params?: undefined }
    : { message: K; params: MessageParams<K> };
}[MessageKey];

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a template, in order of appearance (for the catalogue's own test). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

function render(language: Language, key: MessageKey, params: Readonly<Record<string, MessageParam>> = {}): string {
  return messageCatalogue[key][language].replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[language] : String(value);
  });
}

/** A message in one language, its placeholders filled. */
export function renderMessage<K extends MessageKey>(language: Language, key: K, ...args: MessageArgs<K>): string {
  return render(language, key, args[0]);
}

/** A message in both languages, e.g. for a problem listed in an error's details. */
export function localize<K extends MessageKey>(key: K, ...args: MessageArgs<K>): LocalizedMessage {
  return { vi: render('vi', key, args[0]), en: render('en', key, args[0]) };
}

/** A reference rendered in one language (what {@link DomainError} does with the one it carries). */
export function renderMessageRef(language: Language, ref: MessageRef): string {
  return render(language, ref.message, ref.params);
}

/** Several texts joined into one, language by language. */
export function joinLocalized(texts: readonly LocalizedMessage[], separator = ' '): LocalizedMessage {
  return { vi: texts.map((t) => t.vi).join(separator), en: texts.map((t) => t.en).join(separator) };
}
