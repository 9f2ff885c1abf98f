/** A place in an expression's source: `offset` counts UTF-16 units from 0; `line` and `column` count from 1. */
export interface SourcePosition {
  offset: number;
  line: number;
  /** Counted in Unicode code points, so a Vietnamese letter or an emoji is one column. */
  column: number;
}

/** The source range a node or an error covers; `end` is just past its last character. */
export interface SourceSpan {
  start: SourcePosition;
  end: SourcePosition;
}

/**
 * A reference to a cell: `#{code}`, `#{code.option}`, `#{FORM:code}` or `#{FORM:code.option}`.
 * `form` is set only for cross-form references (another form of the same regime); `option` only for
 * a disaggregation option (phân tổ) of the field.
 */
export interface FieldReference {
  form?: string;
  field: string;
  option?: string;
}

/** What an expression evaluates to. `null` means "no value" (blank cell, division by zero, unknown). */
export type ExpressionValue = number | string | boolean | null;

export type UnaryOperator = '-' | '+' | 'not';
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = 'and' | 'or';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator | LogicalOperator;

/** The canonical spelling of each built-in function; names are matched case-insensitively in source. */
export type ExpressionFunctionName = 'if' | 'isNull' | 'coalesce' | 'sum' | 'min' | 'max' | 'round' | 'abs';

export interface NumberNode {
  kind: 'number';
  /** Always finite and non-negative when produced by the parser: `-2` is a unary minus applied to `2`. */
  value: number;
  span: SourceSpan;
}

export interface StringNode {
  kind: 'string';
  value: string;
  span: SourceSpan;
}

export interface BooleanNode {
  kind: 'boolean';
  value: boolean;
  span: SourceSpan;
}

export interface NullNode {
  kind: 'null';
  span: SourceSpan;
}

export interface FieldNode {
  kind: 'field';
  ref: FieldReference;
  span: SourceSpan;
}

export interface UnaryNode {
  kind: 'unary';
  operator: UnaryOperator;
  operand: Ast;
  span: SourceSpan;
}

export interface BinaryNode {
  kind: 'binary';
  /** Aliases are normalised by the parser: `==` → `=`, `<>` → `!=`, `&&` → `and`, `||` → `or`. */
  operator: BinaryOperator;
  left: Ast;
  right: Ast;
  span: SourceSpan;
}

export interface CallNode {
  kind: 'call';
  name: ExpressionFunctionName;
  args: Ast[];
  span: SourceSpan;
}

/** The syntax tree of an expression. Parentheses leave no node: the tree's shape records the grouping. */
export type Ast = NumberNode | StringNode | BooleanNode | NullNode | FieldNode | UnaryNode | BinaryNode | CallNode;

/**
 * The key of a field reference in a flat record of values: `code`, `code.option`, `FORM:code` or
 * `FORM:code.option` — the same text as inside `#{…}`.
 */
export function fieldReferenceKey(ref: FieldReference): string {
  const field = ref.option === undefined ? ref.field : `${ref.field}.${ref.option}`;
  return ref.form === undefined ? field : `${ref.form}:${field}`;
}

/**
 * Builds a function that turns an offset into a line and column for `source`, precomputed in one
 * pass. Lines end at `\n`, `\r\n` or a lone `\r`; a surrogate pair counts as one column.
 */
export function positionLookup(source: string): (offset: number) => SourcePosition {
  const lines = new Uint32Array(source.length + 1);
  const columns = new Uint32Array(source.length + 1);
  let line = 1;
  let column = 1;
  for (let i = 0; i <= source.length; i++) {
    lines[i] = line;
    columns[i] = column;
    const code = source.charCodeAt(i);
    if (code === 10 || (code === 13 && source.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 1;
    } else if (!(isLowSurrogate(code) && isHighSurrogate(source.charCodeAt(i - 1)))) {
      column++;
    }
  }
  return (offset) => {
    const at = Math.max(0, Math.min(offset, source.length));
    return { offset, line: lines[at] ?? 1, column: columns[at] ?? 1 };
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** An empty span at the very start of a source, for errors that are not about one place in it. */
export const sourceStartSpan: SourceSpan = {
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};
