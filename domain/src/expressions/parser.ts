/**
 * The expression language of computed fields, validation rules and cross-checks. Source is split
 * into tokens by a hand-written tokenizer and read by a recursive-descent parser, one function per
 * precedence level below; nothing is ever handed to `eval` or `Function`, so an expression can only
 * compute, never run code. The grammar, loosest binding first:
 *
 * ```ebnf
 * expression     = or ;
 * or             = and , { ( "or" | "||" ) , and } ;
 * and            = comparison , { ( "and" | "&&" ) , comparison } ;
 * comparison     = additive , [ comparator , additive ] ;          (* a < b < c is an error *)
 * comparator     = "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=" ;
 * additive       = multiplicative , { ( "+" | "-" ) , multiplicative } ;
 * multiplicative = unary , { ( "*" | "/" | "%" ) , unary } ;
 * unary          = ( "-" | "+" | "not" | "!" ) , unary | primary ;
 * primary        = number | string | "true" | "false" | "null" | field
 *                | name , "(" , [ expression , { "," , expression } ] , ")"
 *                | "(" , expression , ")" ;
 * field          = "#{" , [ form , ":" ] , code , [ "." , code ] , "}" ;     (* no spaces inside *)
 * code           = code char , { code char } ;               (* a field or option code, ASCII *)
 * code char      = letter | digit | "_" ;
 * form           = ( code char | "-" ) , { code char | "-" } ;
 * name           = ( letter | "_" ) , { letter | digit | "_" } ;
 * number         = ( digits , [ "." , digits ] | "." , digits ) , [ ( "e" | "E" ) , [ "+" | "-" ] , digits ] ;
 * string         = '"' , { character | escape } , '"' | "'" , { character | escape } , "'" ;
 * escape         = "\" , ( "\" | '"' | "'" | "n" | "r" | "t" ) ;
 * ```
 *
 * Letters are ASCII. Keywords and function names are case-insensitive; field, form and option codes
 * are not. Binary operators associate to the left. `not` binds as tightly as unary minus, as `!` does
 * in most languages, so a negated comparison is written `not (a > b)`. Whitespace (any Unicode space) may separate tokens. A source is
 * at most {@link maxExpressionLength} characters and nests parentheses, calls and unary operators at
 * most {@link maxExpressionDepth} deep, so hostile input ends in an error, never a stack overflow.
 * Unknown functions and wrong argument counts are reported here, at the function's name.
 */
import {
  type Ast,
  type BinaryOperator,
  type ComparisonOperator,
  fieldReferenceKey,
  positionLookup,
  type SourcePosition,
  type SourceSpan,
} from './ast';
import {
  type BilingualText,
  ExpressionError,
  expressionMessages,
  maxExpressionDepth,
  maxExpressionLength,
} from './expression-error';
import { expressionFunctions, findExpressionFunction } from './functions';
import { type Punctuation, type Token, tokenize } from './tokenizer';

/** The outcome of {@link tryParse}. */
export type ParseResult = { ok: true; ast: Ast } | { ok: false; error: ExpressionError };

/**
 * Parses an expression into its syntax tree.
 *
 * @throws {@link ExpressionError} with code `EXPR_SYNTAX`, `EXPR_TOO_LONG`, `EXPR_TOO_DEEP`,
 *   `EXPR_UNKNOWN_FUNCTION` or `EXPR_ARITY`, positioned at the offending token.
 */
export function parseExpression(source: string): Ast {
  if (source.length > maxExpressionLength) {
    // Positions of the part within the limit only: a huge input costs nothing more.
    const where = positionLookup(source.slice(0, maxExpressionLength))(maxExpressionLength);
    throw new ExpressionError('EXPR_TOO_LONG', { start: where, end: where }, expressionMessages.tooLong(source.length));
  }
  const at = positionLookup(source);
  return new Parser(tokenize(source, at), at).parseWhole();
}

/** Like {@link parseExpression}, but returns the error instead of throwing it. */
export function tryParse(source: string): ParseResult {
  try {
    return { ok: true, ast: parseExpression(source) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error };
    throw error;
  }
}

const comparators = new Map<Punctuation, ComparisonOperator>([
  ['=', '='],
  ['==', '='],
  ['!=', '!='],
  ['<>', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
]);
const functionNames = expressionFunctions.map((f) => f.name);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly at: (offset: number) => SourcePosition,
  ) {}

  parseWhole(): Ast {
    if (this.peek().kind === 'end') throw this.error(this.peek(), expressionMessages.empty());
    const ast = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') throw this.error(next, expressionMessages.trailingToken(describe(next)));
    return ast;
  }

  private parseOr(): Ast {
    let left = this.parseAnd();
    while (this.isKeyword('or') || this.isSymbol('||')) {
      this.index++;
      left = this.binary('or', left, this.parseAnd());
    }
    return left;
  }

  private parseAnd(): Ast {
    let left = this.parseComparison();
    while (this.isKeyword('and') || this.isSymbol('&&')) {
      this.index++;
      left = this.binary('and', left, this.parseComparison());
    }
    return left;
  }

  private parseComparison(): Ast {
    const left = this.parseAdditive();
    const operator = this.comparator();
    if (operator === undefined) return left;
    this.index++;
    const comparison = this.binary(operator, left, this.parseAdditive());
    if (this.comparator() !== undefined) throw this.error(this.peek(), expressionMessages.chainedComparison());
    return comparison;
  }

  private parseAdditive(): Ast {
    let left = this.parseMultiplicative();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'punctuation' || (token.symbol !== '+' && token.symbol !== '-')) return left;
      this.index++;
      left = this.binary(token.symbol, left, this.parseMultiplicative());
    }
  }

  private parseMultiplicative(): Ast {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'punctuation' || (token.symbol !== '*' && token.symbol !== '/' && token.symbol !== '%')) {
        return left;
      }
      this.index++;
      left = this.binary(token.symbol, left, this.parseUnary());
    }
  }

  private parseUnary(): Ast {
    const token = this.peek();
    const operator =
      token.kind === 'punctuation' && (token.symbol === '-' || token.symbol === '+')
        ? token.symbol
        : this.isKeyword('not') || this.isSymbol('!')
          ? 'not'
          : undefined;
    if (operator === undefined) return this.parsePrimary();
    this.index++;
    this.enter(token);
    const operand = this.parseUnary();
    this.depth--;
    return { kind: 'unary', operator, operand, span: { start: this.at(token.start), end: operand.span.end } };
  }

  private parsePrimary(): Ast {
    const token = this.next();
    const span = this.spanOf(token, token);
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value, span };
      case 'string':
        return { kind: 'string', value: token.value, span };
      case 'field':
        return { kind: 'field', ref: token.ref, span };
      case 'identifier': {
        const keyword = token.name.toLowerCase();
        if (keyword === 'true' || keyword === 'false') return { kind: 'boolean', value: keyword === 'true', span };
        if (keyword === 'null') return { kind: 'null', span };
        if (keyword === 'and' || keyword === 'or' || keyword === 'not') break;
        if (this.isSymbol('(')) return this.parseCall(token);
        throw this.error(token, expressionMessages.unknownName(token.name));
      }
      case 'punctuation':
        if (token.symbol !== '(') break;
        this.enter(token);
        {
          const inner = this.parseOr();
          this.expect(')');
          this.depth--;
          return inner;
        }
      case 'end':
        break;
    }
    throw this.error(token, expressionMessages.unexpectedToken(describe(token)));
  }

  private parseCall(name: Token & { kind: 'identifier' }): Ast {
    const definition = findExpressionFunction(name.name);
    if (definition === undefined) {
      throw new ExpressionError(
        'EXPR_UNKNOWN_FUNCTION',
        this.spanOf(name, name),
        expressionMessages.unknownFunction(name.name, functionNames),
      );
    }
    const open = this.next();
    this.enter(open);
    const args: Ast[] = [];
    if (!this.isSymbol(')')) {
      args.push(this.parseOr());
      while (this.isSymbol(',')) {
        this.index++;
        args.push(this.parseOr());
      }
    }
    const close = this.expect(')');
    this.depth--;
    const span = this.spanOf(name, close);
    if (args.length < definition.minArgs || args.length > definition.maxArgs) {
      throw new ExpressionError(
        'EXPR_ARITY',
        span,
        expressionMessages.arity(definition.name, definition.minArgs, definition.maxArgs, args.length),
      );
    }
    return { kind: 'call', name: definition.name, args, span };
  }

  private binary(operator: BinaryOperator, left: Ast, right: Ast): Ast {
    return { kind: 'binary', operator, left, right, span: { start: left.span.start, end: right.span.end } };
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > maxExpressionDepth)
      throw new ExpressionError('EXPR_TOO_DEEP', this.spanOf(token, token), expressionMessages.tooDeep());
  }

  private comparator(): ComparisonOperator | undefined {
    const token = this.peek();
    return token.kind === 'punctuation' ? comparators.get(token.symbol) : undefined;
  }

  private expect(symbol: Punctuation): Token {
    const token = this.next();
    if (token.kind === 'punctuation' && token.symbol === symbol) return token;
    throw this.error(token, expressionMessages.expected(symbol, describe(token)));
  }

  private isSymbol(symbol: Punctuation): boolean {
    const token = this.peek();
    return token.kind === 'punctuation' && token.symbol === symbol;
  }

  private isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.name.toLowerCase() === keyword;
  }

  private peek(): Token {
    // The token list always ends with an `end` token, and the index never moves past it.
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private spanOf(first: Token, last: Token): SourceSpan {
    return { start: this.at(first.start), end: this.at(last.end) };
  }

  private error(token: Token, text: BilingualText): ExpressionError {
    return new ExpressionError('EXPR_SYNTAX', this.spanOf(token, token), text);
  }
}

function describe(token: Token): BilingualText {
  switch (token.kind) {
    case 'number':
      return { vi: `số ${token.value}`, en: `number ${token.value}` };
    case 'string':
      return { vi: 'chuỗi ký tự', en: 'string' };
    case 'field':
      return {
        vi: `tham chiếu #{${fieldReferenceKey(token.ref)}}`,
        en: `field reference #{${fieldReferenceKey(token.ref)}}`,
      };
    case 'identifier':
      return { vi: `'${token.name}'`, en: `'${token.name}'` };
    case 'punctuation':
      return { vi: `'${token.symbol}'`, en: `'${token.symbol}'` };
    case 'end':
      return { vi: 'kết thúc biểu thức', en: 'end of expression' };
  }
}
