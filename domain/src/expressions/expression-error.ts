import type { SourcePosition, SourceSpan } from './ast';

/** Every way an expression can be wrong. */
export type ExpressionErrorCode =
  /** The text does not follow the grammar. */
  | 'EXPR_SYNTAX'
  /** Longer than {@link maxExpressionLength} characters. */
  | 'EXPR_TOO_LONG'
  /** Parentheses, calls or unary operators nested deeper than {@link maxExpressionDepth}. */
  | 'EXPR_TOO_DEEP'
  | 'EXPR_UNKNOWN_FUNCTION'
  /** A function called with too few or too many arguments. */
  | 'EXPR_ARITY'
  /** A value of the wrong type for an operator or function, found by the type check or at evaluation. */
  | 'EXPR_TYPE'
  | 'EXPR_UNKNOWN_FIELD'
  | 'EXPR_UNKNOWN_FORM'
  /** A disaggregation option the field does not have. */
  | 'EXPR_UNKNOWN_OPTION'
  /** Computed fields that depend on each other in a circle; see {@link ExpressionError.cycle}. */
  | 'EXPR_CYCLE'
  /** Two computed-field definitions with the same code. */
  | 'EXPR_DUPLICATE_FIELD';

/** A message in both languages of the system. */
export interface BilingualText {
  vi: string;
  en: string;
}

/** The plain-object form of an {@link ExpressionError}, e.g. for an API response. */
export interface ExpressionErrorJson {
  code: ExpressionErrorCode;
  position: SourcePosition;
  span: SourceSpan;
  vi: string;
  en: string;
  field?: string;
  cycle?: string[];
}

/** The longest expression source accepted, in UTF-16 units. */
export const maxExpressionLength = 2000;

/** How deeply parentheses, function calls and unary operators may nest. */
export const maxExpressionDepth = 64;

/**
 * An error in an expression, with where it is and what is wrong in Vietnamese and English. Parsing
 * throws it; the checks return lists of it; evaluation throws it for a value of the wrong type.
 */
export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  /** Where the problem starts: the same as `span.start`. */
  readonly position: SourcePosition;
  readonly span: SourceSpan;
  readonly vi: string;
  readonly en: string;
  /** The computed field or rule whose expression this is, when the caller checked several at once. */
  readonly field: string | undefined;
  /** For `EXPR_CYCLE`: the field codes in the cycle, each depending on the next and the last on the first. */
  readonly cycle: string[] | undefined;

  constructor(
    code: ExpressionErrorCode,
    span: SourceSpan,
    text: BilingualText,
    extra: { field?: string | undefined; cycle?: string[] | undefined } = {},
  ) {
    super(`${text.en} (line ${span.start.line}, column ${span.start.column})`);
    this.name = 'ExpressionError';
    this.code = code;
    this.position = span.start;
    this.span = span;
    this.vi = text.vi;
    this.en = text.en;
    this.field = extra.field;
    this.cycle = extra.cycle;
  }

  /** The same error, labelled as belonging to the expression of `field`. */
  forField(field: string): ExpressionError {
    return new ExpressionError(this.code, this.span, { vi: this.vi, en: this.en }, { field, cycle: this.cycle });
  }

  toJSON(): ExpressionErrorJson {
    const json: ExpressionErrorJson = {
      code: this.code,
      position: this.position,
      span: this.span,
      vi: this.vi,
      en: this.en,
    };
    if (this.field !== undefined) json.field = this.field;
    if (this.cycle !== undefined) json.cycle = this.cycle;
    return json;
  }
}

/** The names of value types in messages. */
export const typeNames: Record<'number' | 'string' | 'boolean' | 'null' | 'unknown', BilingualText> = {
  number: { vi: 'số', en: 'a number' },
  string: { vi: 'chuỗi ký tự', en: 'text' },
  boolean: { vi: 'giá trị đúng/sai', en: 'true/false' },
  null: { vi: 'rỗng (null)', en: 'null' },
  unknown: { vi: 'giá trị chưa rõ kiểu', en: 'a value of unknown type' },
};

const referenceForms = '#{mã}, #{mã.phân_tổ}, #{BIỂU:mã}, #{BIỂU:mã.phân_tổ}';
const referenceFormsEn = '#{code}, #{code.option}, #{FORM:code}, #{FORM:code.option}';

/** Every message text, in one place so the two languages stay side by side. */
export const expressionMessages = {
  empty: (): BilingualText => ({ vi: 'Biểu thức rỗng.', en: 'The expression is empty.' }),
  tooLong: (length: number): BilingualText => ({
    vi: `Biểu thức quá dài (${length} ký tự, tối đa ${maxExpressionLength}).`,
    en: `The expression is too long (${length} characters, at most ${maxExpressionLength}).`,
  }),
  tooDeep: (): BilingualText => ({
    vi: `Biểu thức lồng nhau quá sâu (tối đa ${maxExpressionDepth} cấp).`,
    en: `The expression is nested too deeply (at most ${maxExpressionDepth} levels).`,
  }),
  unexpectedCharacter: (character: string): BilingualText => ({
    vi: `Ký tự không hợp lệ '${character}'.`,
    en: `Unexpected character '${character}'.`,
  }),
  singleAmpersandOrBar: (character: string): BilingualText => ({
    vi: `Ký tự không hợp lệ '${character}'; có phải ý bạn là '${character}${character}'?`,
    en: `Unexpected character '${character}'; did you mean '${character}${character}'?`,
  }),
  badNumber: (): BilingualText => ({
    vi: 'Số viết không đúng: dùng dấu chấm cho phần thập phân, ví dụ 1234.5 hoặc 1.2e3.',
    en: 'Malformed number: use a point for decimals, e.g. 1234.5 or 1.2e3.',
  }),
  numberTooLarge: (): BilingualText => ({ vi: 'Số quá lớn.', en: 'The number is too large.' }),
  unterminatedString: (quote: string): BilingualText => ({
    vi: `Chuỗi ký tự chưa được đóng (thiếu dấu ${quote}).`,
    en: `Unterminated string (missing the closing ${quote}).`,
  }),
  badEscape: (sequence: string): BilingualText => ({
    vi: `Ký tự thoát không hợp lệ '${sequence}' trong chuỗi; chỉ dùng \\\\, \\", \\', \\n, \\r, \\t.`,
    en: `Invalid escape '${sequence}' in a string; only \\\\, \\", \\', \\n, \\r, \\t are allowed.`,
  }),
  badReference: (): BilingualText => ({
    vi: `Tham chiếu trường không hợp lệ; viết theo dạng ${referenceForms}.`,
    en: `Malformed field reference; write one of ${referenceFormsEn}.`,
  }),
  unknownName: (name: string): BilingualText => ({
    vi: `Tên '${name}' không xác định; tham chiếu trường viết dạng #{${name}}.`,
    en: `Unknown name '${name}'; write a field reference as #{${name}}.`,
  }),
  unexpectedToken: (found: BilingualText): BilingualText => ({
    vi: `Không mong đợi ${found.vi} ở đây.`,
    en: `Unexpected ${found.en}.`,
  }),
  expected: (what: string, found: BilingualText): BilingualText => ({
    vi: `Cần '${what}' nhưng gặp ${found.vi}.`,
    en: `Expected '${what}' but found ${found.en}.`,
  }),
  trailingToken: (found: BilingualText): BilingualText => ({
    vi: `Không mong đợi ${found.vi}; có thiếu toán tử không?`,
    en: `Unexpected ${found.en}; is an operator missing?`,
  }),
  chainedComparison: (): BilingualText => ({
    vi: "Không thể so sánh nối tiếp (như a < b < c); hãy tách bằng 'and'.",
    en: "Comparisons cannot be chained (as in a < b < c); combine them with 'and'.",
  }),
  unknownFunction: (name: string, known: readonly string[]): BilingualText => ({
    vi: `Không có hàm '${name}'. Các hàm có thể dùng: ${known.join(', ')}.`,
    en: `Unknown function '${name}'. Available functions: ${known.join(', ')}.`,
  }),
  arity: (name: string, min: number, max: number, got: number): BilingualText => {
    const vi = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `ít nhất ${min}` : `${min} đến ${max}`;
    const en = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
    return {
      vi: `Hàm ${name} cần ${vi} đối số nhưng nhận được ${got}.`,
      en: `Function ${name} takes ${en} argument${max === 1 && min === 1 ? '' : 's'} but got ${got}.`,
    };
  },
  operandType: (operator: string, expected: BilingualText, got: BilingualText): BilingualText => ({
    vi: `Phép '${operator}' cần ${expected.vi} nhưng nhận được ${got.vi}.`,
    en: `Operator '${operator}' needs ${expected.en} but got ${got.en}.`,
  }),
  argumentType: (name: string, expected: BilingualText, got: BilingualText): BilingualText => ({
    vi: `Hàm ${name} cần đối số là ${expected.vi} nhưng nhận được ${got.vi}.`,
    en: `Function ${name} needs ${expected.en} as argument but got ${got.en}.`,
  }),
  mismatchedComparison: (operator: string, left: BilingualText, right: BilingualText): BilingualText => ({
    vi: `Không thể so sánh '${operator}' giữa ${left.vi} và ${right.vi}.`,
    en: `Cannot compare ${left.en} with ${right.en} using '${operator}'.`,
  }),
  mismatchedBranches: (name: string, left: BilingualText, right: BilingualText): BilingualText => ({
    vi: `Các nhánh của hàm ${name} phải cùng kiểu, nhưng có ${left.vi} và ${right.vi}.`,
    en: `The branches of ${name} must have the same type, but are ${left.en} and ${right.en}.`,
  }),
  resultType: (expected: BilingualText, got: BilingualText): BilingualText => ({
    vi: `Biểu thức phải cho kết quả là ${expected.vi} nhưng cho ${got.vi}.`,
    en: `The expression must give ${expected.en} but gives ${got.en}.`,
  }),
  unsupportedFieldValue: (key: string): BilingualText => ({
    vi: `Giá trị của trường #{${key}} có kiểu không được hỗ trợ.`,
    en: `The value of field #{${key}} has an unsupported type.`,
  }),
  unknownField: (field: string): BilingualText => ({
    vi: `Biểu mẫu không có chỉ tiêu '${field}'.`,
    en: `The form has no field '${field}'.`,
  }),
  unknownFieldOfForm: (form: string, field: string): BilingualText => ({
    vi: `Biểu mẫu '${form}' không có chỉ tiêu '${field}'.`,
    en: `Form '${form}' has no field '${field}'.`,
  }),
  unknownForm: (form: string): BilingualText => ({
    vi: `Chế độ báo cáo không có biểu mẫu '${form}'.`,
    en: `The report regime has no form '${form}'.`,
  }),
  unknownOption: (field: string, option: string): BilingualText => ({
    vi: `Chỉ tiêu '${field}' không có phân tổ '${option}'.`,
    en: `Field '${field}' has no disaggregation option '${option}'.`,
  }),
  cycle: (cycle: readonly string[]): BilingualText => {
    const path = [...cycle, cycle[0] ?? ''].join(' → ');
    return {
      vi: `Các trường tính toán phụ thuộc vòng tròn: ${path}.`,
      en: `Computed fields depend on each other in a cycle: ${path}.`,
    };
  },
  duplicateField: (code: string): BilingualText => ({
    vi: `Trường tính toán '${code}' được khai báo nhiều lần.`,
    en: `Computed field '${code}' is defined more than once.`,
  }),
};
