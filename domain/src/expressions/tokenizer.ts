import type { FieldReference, SourcePosition } from './ast';
import { type BilingualText, ExpressionError, expressionMessages } from './expression-error';

export type Punctuation =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '('
  | ')'
  | ','
  | '='
  | '=='
  | '!='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '!'
  | '&&'
  | '||';

interface TokenBase {
  start: number;
  end: number;
}

export type Token =
  | (TokenBase & { kind: 'number'; value: number })
  | (TokenBase & { kind: 'string'; value: string })
  | (TokenBase & { kind: 'field'; ref: FieldReference })
  | (TokenBase & { kind: 'identifier'; name: string })
  | (TokenBase & { kind: 'punctuation'; symbol: Punctuation })
  | (TokenBase & { kind: 'end' });

const twoCharacterSymbols = new Set<string>(['==', '!=', '<>', '<=', '>=', '&&', '||']);
const oneCharacterSymbols = new Set<string>(['+', '-', '*', '/', '%', '(', ')', ',', '=', '<', '>', '!']);
const escapes = new Map([
  ['\\', '\\'],
  ['"', '"'],
  ["'", "'"],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

const codePattern = /[A-Za-z0-9_]/;
const formCodePattern = /[A-Za-z0-9_-]/;

/**
 * Splits `source` into tokens, ending with an `end` token. Throws an {@link ExpressionError} at the
 * first character that cannot start or continue a token.
 */
export function tokenize(source: string, at: (offset: number) => SourcePosition): Token[] {
  const tokens: Token[] = [];
  const fail = (start: number, end: number, text: BilingualText): never => {
    throw new ExpressionError('EXPR_SYNTAX', { start: at(start), end: at(end) }, text);
  };
  let i = 0;
  while (i < source.length) {
    const character = source[i] ?? '';
    if (/\s/.test(character)) {
      i++;
    } else if (isDigit(character) || (character === '.' && isDigit(source[i + 1]))) {
      i = readNumber(source, i, tokens, fail);
    } else if (character === '"' || character === "'") {
      i = readString(source, i, tokens, fail);
    } else if (character === '#') {
      i = readFieldReference(source, i, tokens, fail);
    } else if (/[A-Za-z_]/.test(character)) {
      const start = i;
      while (i < source.length && codePattern.test(source[i] ?? '')) i++;
      tokens.push({ kind: 'identifier', name: source.slice(start, i), start, end: i });
    } else if (twoCharacterSymbols.has(source.slice(i, i + 2))) {
      tokens.push({ kind: 'punctuation', symbol: source.slice(i, i + 2) as Punctuation, start: i, end: i + 2 });
      i += 2;
    } else if (oneCharacterSymbols.has(character)) {
      tokens.push({ kind: 'punctuation', symbol: character as Punctuation, start: i, end: i + 1 });
      i++;
    } else if (character === '&' || character === '|') {
      fail(i, i + 1, expressionMessages.singleAmpersandOrBar(character));
    } else {
      const whole = String.fromCodePoint(source.codePointAt(i) ?? 0xfffd);
      fail(i, i + whole.length, expressionMessages.unexpectedCharacter(whole));
    }
  }
  tokens.push({ kind: 'end', start: source.length, end: source.length });
  return tokens;
}

type Fail = (start: number, end: number, text: BilingualText) => never;

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

/** digits ["." digits] [("e" | "E") ["+" | "-"] digits], or "." digits [exponent]. */
function readNumber(source: string, start: number, tokens: Token[], fail: Fail): number {
  let i = start;
  while (isDigit(source[i])) i++;
  if (source[i] === '.') {
    i++;
    if (!isDigit(source[i])) fail(start, i, expressionMessages.badNumber());
    while (isDigit(source[i])) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    i++;
    if (source[i] === '+' || source[i] === '-') i++;
    if (!isDigit(source[i])) fail(start, i, expressionMessages.badNumber());
    while (isDigit(source[i])) i++;
  }
  // "1.2.3", "12abc" or "1,5" written as "1.5abc": say so here rather than as a confusing later error.
  if (source[i] === '.' || /[A-Za-z_]/.test(source[i] ?? '')) fail(start, i + 1, expressionMessages.badNumber());
  const value = Number(source.slice(start, i));
  if (!Number.isFinite(value)) fail(start, i, expressionMessages.numberTooLarge());
  tokens.push({ kind: 'number', value, start, end: i });
  return i;
}

function readString(source: string, start: number, tokens: Token[], fail: Fail): number {
  const quote = source[start] ?? '"';
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= source.length) fail(start, i, expressionMessages.unterminatedString(quote));
    const character = source[i] ?? '';
    if (character === quote) break;
    if (character === '\\') {
      const escaped = escapes.get(source[i + 1] ?? '');
      if (escaped === undefined)
        fail(i, Math.min(i + 2, source.length), expressionMessages.badEscape(source.slice(i, i + 2)));
      value += escaped;
      i += 2;
    } else {
      value += character;
      i++;
    }
  }
  tokens.push({ kind: 'string', value, start, end: i + 1 });
  return i + 1;
}

/** "#{" [form ":"] code ["." option] "}" with no spaces inside; errors point at the offending character. */
function readFieldReference(source: string, start: number, tokens: Token[], fail: Fail): number {
  const failAt = (offset: number): never =>
    fail(offset, Math.min(offset + 1, source.length), expressionMessages.badReference());
  if (source[start + 1] !== '{') failAt(start + 1);
  const readCode = (from: number, pattern: RegExp): number => {
    let i = from;
    while (i < source.length && pattern.test(source[i] ?? '')) i++;
    if (i === from) failAt(i);
    return i;
  };
  let i = start + 2;
  let form: string | undefined;
  let end = readCode(i, formCodePattern);
  if (source[end] === ':') {
    form = source.slice(i, end);
    i = end + 1;
    end = readCode(i, codePattern);
  } else if (source.slice(i, end).includes('-')) {
    failAt(source.indexOf('-', i));
  }
  const ref: FieldReference =
    form === undefined ? { field: source.slice(i, end) } : { form, field: source.slice(i, end) };
  if (source[end] === '.') {
    const optionStart = end + 1;
    end = readCode(optionStart, codePattern);
    ref.option = source.slice(optionStart, end);
  }
  if (source[end] !== '}') failAt(end);
  tokens.push({ kind: 'field', ref, start, end: end + 1 });
  return end + 1;
}
