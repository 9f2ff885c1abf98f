import { type Language, type MessageRef, renderMessageRef } from './error-messages';

/**
 * The one catalogue of error codes. Each maps to an HTTP status and a message in
 * Vietnamese and English; `satisfies` makes the compiler check every entry.
 */
export interface ErrorDefinition {
  status: number;
  vi: string;
  en: string;
}

export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is invalid.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung JSON không đúng cú pháp.', en: 'The request body is not valid JSON.' },
  MALFORMED_MULTIPART: {
    status: 400,
    vi: 'Nội dung tải lên (multipart) không đúng định dạng.',
    en: 'The uploaded multipart body is malformed.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Kiểu nội dung không được hỗ trợ.',
    en: 'The content type is not supported.',
  },
  BODY_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The user name or password is incorrect.',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    vi: 'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
    en: 'Too many failed sign-ins: the account is temporarily locked. Try again later.',
  },
  TOO_MANY_REMINDERS: {
    status: 429,
    vi: 'Các đơn vị này vừa được nhắc; vui lòng chờ trước khi nhắc lại.',
    en: 'These units were reminded recently; wait before reminding them again.',
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    vi: 'Quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau.',
    en: 'Too many sign-in attempts from this address. Try again later.',
  },
  TOTP_REQUIRED: {
    status: 401,
    vi: 'Cần nhập mã xác thực hai lớp.',
    en: 'A two-factor authentication code is required.',
  },
  TOTP_INVALID: { status: 401, vi: 'Mã xác thực hai lớp không đúng.', en: 'The two-factor code is incorrect.' },
  TOTP_ENROLMENT_REQUIRED: {
    status: 403,
    vi: 'Vai trò của bạn bắt buộc bật xác thực hai lớp trước khi tiếp tục.',
    en: 'Your role requires two-factor authentication to be enabled first.',
  },
  PASSWORD_EXPIRED: {
    status: 403,
    vi: 'Mật khẩu đã hết hạn, vui lòng đổi mật khẩu.',
    en: 'Your password has expired; please change it.',
  },
  ACCOUNT_DISABLED: { status: 401, vi: 'Tài khoản đã bị vô hiệu hóa.', en: 'The account is disabled.' },
  PASSWORD_SIGN_IN_DISABLED: {
    status: 403,
    vi: 'Đăng nhập bằng mật khẩu đã bị tắt trên hệ thống này; hãy đăng nhập qua nhà cung cấp định danh.',
    en: 'Password sign-in is turned off on this installation; sign in with the identity provider.',
  },
  OIDC_NOT_CONFIGURED: {
    status: 404,
    vi: 'Hệ thống chưa được cấu hình đăng nhập qua nhà cung cấp định danh.',
    en: 'Sign-in with an identity provider is not configured on this installation.',
  },
  OIDC_UNAVAILABLE: {
    status: 503,
    vi: 'Không kết nối được nhà cung cấp định danh. Vui lòng thử lại sau.',
    en: 'The identity provider cannot be reached. Try again later.',
  },
  OIDC_FAILED: {
    status: 401,
    vi: 'Đăng nhập qua nhà cung cấp định danh không thành công hoặc đã hết hạn; vui lòng đăng nhập lại.',
    en: 'The sign-in with the identity provider failed or expired; please sign in again.',
  },
  OIDC_CLAIM_INVALID: {
    status: 401,
    vi: 'Nhà cung cấp định danh không gửi thông tin dùng được để nhận diện tài khoản của bạn.',
    en: 'The identity provider did not send the information that identifies your account.',
  },
  OIDC_ACCOUNT_UNKNOWN: {
    status: 403,
    vi: 'Chưa có tài khoản Baocao nào ứng với danh tính của bạn; hãy đề nghị quản trị đơn vị tạo tài khoản.',
    en: 'No Baocao account matches your identity; ask your unit administrator to create one.',
  },
  OIDC_ACCOUNT_CONFLICT: {
    status: 409,
    vi: 'Danh tính của bạn không gắn được với một tài khoản duy nhất; hãy liên hệ quản trị hệ thống.',
    en: 'Your identity cannot be linked to exactly one account; contact the system administrator.',
  },
  CSRF_FAILED: {
    status: 403,
    vi: 'Yêu cầu thiếu mã chống giả mạo (CSRF).',
    en: 'The request is missing a valid anti-forgery (CSRF) token.',
  },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy đối tượng.', en: 'Not found.' },
  NOT_DIRECT_REVIEWER: {
    status: 403,
    vi: 'Chỉ đơn vị tổng hợp trực tiếp (với báo cáo gửi lên cấp cao nhất: cơ quan nhận báo cáo) được tiếp nhận hoặc trả lại báo cáo này.',
    en: 'Only the unit that directly consolidates this report (for a report sent to the top: the receiving agency) may accept or return it.',
  },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không có đường dẫn API này.', en: 'No such API route.' },
  ALREADY_EXISTS: { status: 409, vi: 'Đối tượng đã tồn tại.', en: 'It already exists.' },
  CONFLICT: {
    status: 409,
    vi: 'Dữ liệu đã bị người khác thay đổi; vui lòng tải lại.',
    en: 'Someone else changed this data; reload it.',
  },
  WEAK_PASSWORD: {
    status: 400,
    vi: 'Mật khẩu không đạt yêu cầu về độ mạnh.',
    en: 'The password does not meet the password policy.',
  },
  ROLE_NOT_GRANTABLE: {
    status: 403,
    vi: 'Bạn chỉ có thể cấp các vai trò mà chính bạn đang có.',
    en: 'You can only grant roles you hold yourself.',
  },
  IMPORT_FAILED: {
    status: 422,
    vi: 'Tệp nhập có lỗi; không có dòng nào được lưu.',
    en: 'The import file has errors; no row was saved.',
  },
  INVALID_STATE: {
    status: 409,
    vi: 'Thao tác không hợp lệ ở trạng thái hiện tại.',
    en: 'This action is not allowed in the current state.',
  },
  HIERARCHY_CYCLE: {
    status: 422,
    vi: 'Liên kết cha-con tạo thành vòng lặp.',
    en: 'The parent link would create a cycle.',
  },
  REGIME_DEFINITION_INVALID: {
    status: 422,
    vi: 'Định nghĩa chế độ báo cáo có lỗi.',
    en: 'The report regime definition has errors.',
  },
  FORM_DEFINITION_INVALID: {
    status: 422,
    vi: 'Định nghĩa biểu mẫu có lỗi; chưa thể công bố.',
    en: 'The form definition has errors; it cannot be published.',
  },
  VERSION_PUBLISHED: {
    status: 409,
    vi: 'Phiên bản biểu mẫu đã công bố thì không được sửa; hãy tạo phiên bản mới.',
    en: 'A published form version cannot change; create a new version instead.',
  },
  TEMPLATE_UNRECOGNIZED: {
    status: 422,
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra, hoặc phần thông tin ẩn của mẫu đã bị sửa.',
    en: 'The Excel file is not a template made by this system, or its hidden metadata was altered.',
  },
  // Analytics
  ANALYTICS_UNKNOWN_FIELD: {
    status: 422,
    vi: 'Không có chỉ tiêu này để phân tích.',
    en: 'There is no such field to analyse.',
  },
  ANALYTICS_UNKNOWN_UNIT: { status: 422, vi: 'Không có đơn vị này.', en: 'There is no such unit.' },
  ANALYTICS_BAD_PERIODS: {
    status: 422,
    vi: 'Các kỳ báo cáo được chọn không hợp lệ.',
    en: 'The periods chosen are not valid.',
  },
  ANALYTICS_QUERY_TOO_BIG: {
    status: 422,
    vi: 'Truy vấn quá lớn; hãy thu hẹp chỉ tiêu, đơn vị hoặc khoảng thời gian.',
    en: 'The query is too big; narrow the fields, units or periods.',
  },
  OUTLIER_UNCONFIRMED: {
    status: 422,
    vi: 'Báo cáo có số liệu bất thường chưa được xác nhận: hãy kiểm tra lại hoặc ghi chú xác nhận vào từng ô.',
    en: 'The report has unconfirmed outliers: check them, or confirm each with a comment on its cell.',
  },
  DASHBOARD_DEFINITION_INVALID: {
    status: 422,
    vi: 'Định nghĩa bảng điều khiển có lỗi.',
    en: 'The dashboard definition has errors.',
  },
  INTERNAL: { status: 500, vi: 'Lỗi hệ thống.', en: 'Internal error.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tạm thời không phục vụ được.',
    en: 'The service is temporarily unavailable.',
  },
  IMPORT_REJECTED: {
    status: 422,
    vi: 'Dữ liệu nhập có lỗi; chưa lưu gì.',
    en: 'The import has errors; nothing was saved.',
  },
  RATE_LIMITED: {
    status: 429,
    vi: 'Quá nhiều yêu cầu; vui lòng thử lại sau.',
    en: 'Too many requests; try again later.',
  },
  DOCUMENT_TEMPLATE_INVALID: {
    status: 422,
    vi: 'Mẫu báo cáo tổng hợp có lỗi; chưa lưu gì.',
    en: 'The report template has errors; nothing was saved.',
  },
  // Indicators (issue 12 §1)
  INDICATOR_INVALID: {
    status: 422,
    vi: 'Định nghĩa chỉ tiêu không hợp lệ.',
    en: 'The indicator definition is not valid.',
  },
  INDICATOR_VALUE_INVALID: {
    status: 422,
    vi: 'Giá trị chỉ tiêu không hợp lệ; chưa lưu gì.',
    en: 'An indicator value is not valid; nothing was saved.',
  },
  INDICATOR_NOT_DIRECT_ENTRY: {
    status: 409,
    vi: 'Chỉ tiêu này không nhập trực tiếp (số liệu đến từ công thức, kết nối hoặc hệ thống khác).',
    en: 'This indicator is not entered directly (its values come from a formula, a connector or another system).',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every error response. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  field: string | null;
  requestId: string;
  details?: unknown;
}

/** What a {@link DomainError} may say besides its code: the field, details, and a specific message. */
export type DomainErrorOptions = { field?: string | null; details?: unknown } & (
  | MessageRef
  | { message?: undefined; params?: undefined }
);

/**
 * A domain error the HTTP layer turns into an {@link ApiErrorBody}. Its message is its code's,
 * or a more specific one from the message catalogue (`error-messages.ts`) with its parameters.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;
  readonly details: unknown;
  readonly specific: MessageRef | undefined;

  constructor(code: ErrorCode, options: DomainErrorOptions = {}) {
    const { field = null, details, ...message } = options;
    const specific = message.message === undefined ? undefined : (message as MessageRef);
    super(specific ? renderMessageRef('en', specific) : errorCatalogue[code].en);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
    this.details = details;
    this.specific = specific;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  messageIn(language: Language): string {
    return this.specific ? renderMessageRef(language, this.specific) : errorCatalogue[this.code][language];
  }

  /** The same error about another field (e.g. a password check reused for `newPassword`). */
  withField(field: string | null): DomainError {
    const options = { field, details: this.details, ...this.specific } as DomainErrorOptions;
    return new DomainError(this.code, options);
  }
}
