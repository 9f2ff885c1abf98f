import {
  type Ast,
  type BinaryNode,
  type CallNode,
  type ExpressionValue,
  type FieldReference,
  fieldReferenceKey,
} from './ast';
import { type BilingualText, ExpressionError, expressionMessages, typeNames } from './expression-error';
import { parseExpression } from './parser';

/**
 * Gives the value of a referenced cell. `undefined` counts as `null`; a non-finite number counts as
 * `null`; any other type than number, string, boolean makes evaluation throw `EXPR_TYPE`.
 */
export type FieldResolver = (ref: FieldReference) => ExpressionValue | undefined;

/** Values keyed as in {@link fieldReferenceKey}: `code`, `code.option`, `FORM:code`, `FORM:code.option`. */
export type FieldValueRecord = Readonly<Record<string, ExpressionValue | undefined>>;

/**
 * Evaluates a syntax tree. The rules, chosen so a blank cell never turns into a made-up number:
 *
 * - `null` propagates: an arithmetic operator, a comparison, `abs` or `round` with a null operand
 *   gives null; `not null` is null.
 * - `sum`, `min` and `max` skip nulls; with only nulls they give null (not 0: "nothing entered" must
 *   stay distinguishable from "entered zero").
 * - `and` / `or` use three-valued logic: `false and null` is false, `true or null` is true, other
 *   mixes with null are null. The right side is not evaluated when the left decides.
 * - `if(c, a, b)` evaluates only the branch taken, and gives null when `c` is null.
 * - Division or `%` by zero gives null, never Infinity; so does an overflow.
 * - Results of `+`, `-`, `*`, `%` and `sum` are rounded to 15 significant digits (Excel's precision)
 *   of their largest operand, which removes binary noise such as 0.1 + 0.2 = 0.30000000000000004 and
 *   keeps every digit of an amount up to 1e13 with two decimals; from 1e15 they are rounded to whole
 *   units. Division is not rounded, so ratios keep full precision; `round()` rounds explicitly (halves
 *   away from zero). See {@link tidyNumber}.
 * - `%` is the remainder of truncated division (sign of the dividend), so 5.5 % 0.1 is 0.
 * - Strings compare with `=` / `!=` after Unicode NFC normalisation; `<`, `>` need numbers.
 *
 * @throws {@link ExpressionError} `EXPR_TYPE` when an operator or function gets a value of the wrong
 *   type (e.g. text in arithmetic), positioned at the offending operand.
 */
export function evaluate(ast: Ast, resolver: FieldResolver): ExpressionValue {
  const value = evaluateNode(ast, resolver);
  return value === 0 ? 0 : value;
}

/** A {@link FieldResolver} reading a flat record; keys absent from the record resolve to null. */
export function resolverFromRecord(values: FieldValueRecord): FieldResolver {
  return (ref) => {
    const key = fieldReferenceKey(ref);
    // Own keys only: `#{constructor}` must not find Object.prototype.constructor.
    return Object.hasOwn(values, key) ? values[key] : null;
  };
}

/**
 * Parses and evaluates `source` against a flat record of values, e.g.
 * `evaluateExpression('#{a} + #{b.nu}', { a: 1, 'b.nu': 2 })` gives 3.
 *
 * @throws {@link ExpressionError} for a syntax error or a type error.
 */
export function evaluateExpression(source: string, values: FieldValueRecord): ExpressionValue {
  return evaluate(parseExpression(source), resolverFromRecord(values));
}

function evaluateNode(node: Ast, resolver: FieldResolver): ExpressionValue {
  switch (node.kind) {
    case 'number':
      return Number.isFinite(node.value) ? node.value : null;
    case 'string':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
    case 'field':
      return fieldValue(node.ref, resolver, node);
    case 'unary': {
      const operand = evaluateNode(node.operand, resolver);
      if (node.operator === 'not') {
        const value = expectBoolean(operand, node.operand, node.operator);
        return value === null ? null : !value;
      }
      const value = expectNumber(operand, node.operand, node.operator);
      if (value === null) return null;
      return node.operator === '-' ? 0 - value : value;
    }
    case 'binary':
      return evaluateBinary(node, resolver);
    case 'call':
      return evaluateCall(node, resolver);
  }
}

function evaluateBinary(node: BinaryNode, resolver: FieldResolver): ExpressionValue {
  const { operator } = node;
  if (operator === 'and' || operator === 'or') {
    const decisive = operator === 'or';
    const left = expectBoolean(evaluateNode(node.left, resolver), node.left, operator);
    if (left === decisive) return decisive;
    const right = expectBoolean(evaluateNode(node.right, resolver), node.right, operator);
    if (right === decisive) return decisive;
    return left === null || right === null ? null : !decisive;
  }
  const leftValue = evaluateNode(node.left, resolver);
  const rightValue = evaluateNode(node.right, resolver);
  if (operator === '=' || operator === '!=') {
    if (leftValue === null || rightValue === null) return null;
    if (typeof leftValue !== typeof rightValue) {
      throw new ExpressionError(
        'EXPR_TYPE',
        node.span,
        expressionMessages.mismatchedComparison(operator, nameOf(leftValue), nameOf(rightValue)),
      );
    }
    const equal =
      typeof leftValue === 'string'
        ? leftValue.normalize('NFC') === String(rightValue).normalize('NFC')
        : leftValue === rightValue;
    return operator === '=' ? equal : !equal;
  }
  const left = expectNumber(leftValue, node.left, operator);
  const right = expectNumber(rightValue, node.right, operator);
  if (left === null || right === null) return null;
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '+':
      return tidyNumber(left + right, Math.max(Math.abs(left), Math.abs(right)));
    case '-':
      return tidyNumber(left - right, Math.max(Math.abs(left), Math.abs(right)));
    case '*':
      return tidyNumber(left * right);
    case '/':
      return right === 0 ? null : finite(left / right);
    case '%':
      return right === 0 ? null : remainder(left, right);
  }
}

function evaluateCall(node: CallNode, resolver: FieldResolver): ExpressionValue {
  const { args, name } = node;
  const argument = (index: number): Ast => {
    const arg = args[index];
    // The parser checks the argument count; a hand-built tree with too few arguments gets null.
    return arg ?? { kind: 'null', span: node.span };
  };
  switch (name) {
    case 'if': {
      const condition = expectBoolean(evaluateNode(argument(0), resolver), argument(0), name, true);
      if (condition === null) return null;
      return evaluateNode(argument(condition ? 1 : 2), resolver);
    }
    case 'isNull':
      return evaluateNode(argument(0), resolver) === null;
    case 'coalesce':
      for (const arg of args) {
        const value = evaluateNode(arg, resolver);
        if (value !== null) return value;
      }
      return null;
    case 'sum':
    case 'min':
    case 'max': {
      let result: number | null = null;
      for (const arg of args) {
        const value = expectNumber(evaluateNode(arg, resolver), arg, name, true);
        if (value === null) continue;
        if (result === null) result = value;
        else if (name === 'sum') result = tidyNumber(result + value, Math.max(Math.abs(result), Math.abs(value)));
        else result = name === 'min' ? Math.min(result, value) : Math.max(result, value);
      }
      return result;
    }
    case 'abs': {
      const value = expectNumber(evaluateNode(argument(0), resolver), argument(0), name, true);
      return value === null ? null : Math.abs(value);
    }
    case 'round': {
      const value = expectNumber(evaluateNode(argument(0), resolver), argument(0), name, true);
      const digits = args.length > 1 ? expectNumber(evaluateNode(argument(1), resolver), argument(1), name, true) : 0;
      if (value === null || digits === null) return null;
      return roundHalfAwayFromZero(value, Math.max(-15, Math.min(15, Math.trunc(digits))));
    }
  }
}

function fieldValue(ref: FieldReference, resolver: FieldResolver, node: Ast): ExpressionValue {
  const value: unknown = resolver(ref);
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw new ExpressionError('EXPR_TYPE', node.span, expressionMessages.unsupportedFieldValue(fieldReferenceKey(ref)));
}

function expectNumber(value: ExpressionValue, node: Ast, operator: string, isFunction = false): number | null {
  if (value === null || typeof value === 'number') return value;
  throw typeError(node, operator, isFunction, typeNames.number, value);
}

function expectBoolean(value: ExpressionValue, node: Ast, operator: string, isFunction = false): boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  throw typeError(node, operator, isFunction, typeNames.boolean, value);
}

function typeError(
  node: Ast,
  operator: string,
  isFunction: boolean,
  expected: BilingualText,
  got: ExpressionValue,
): ExpressionError {
  const text = isFunction
    ? expressionMessages.argumentType(operator, expected, nameOf(got))
    : expressionMessages.operandType(operator, expected, nameOf(got));
  return new ExpressionError('EXPR_TYPE', node.span, text);
}

function nameOf(value: ExpressionValue): BilingualText {
  if (value === null) return typeNames.null;
  if (typeof value === 'number') return typeNames.number;
  if (typeof value === 'string') return typeNames.string;
  return typeNames.boolean;
}

function finite(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/**
 * Rounds away binary floating-point noise: keeps 15 significant digits (Excel's precision) of
 * `scale` — the largest operand of an addition or subtraction, since the noise of `a - b` is as large
 * as the noise of `a` even when the difference is small — or of the value itself when no scale is
 * given. From 1e15 up to 2^53 it rounds to whole units; beyond, every double is already whole.
 * Non-finite values give null.
 */
export function tidyNumber(value: number, scale = 0): number | null {
  if (!Number.isFinite(value)) return null;
  // An integer is already tidy whatever the scale (every branch below gives it back unchanged,
  // -0 aside); figures are mostly whole counts and sums of money, so skip the string round trip.
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  const magnitude = Math.max(Math.abs(value), Math.abs(scale));
  let tidied = value;
  if (magnitude >= 2 ** 53 || magnitude === 0) {
    tidied = value;
  } else if (magnitude >= 1e15) {
    tidied = Math.sign(value) * Math.round(Math.abs(value));
  } else {
    const decimals = 14 - Math.floor(Math.log10(magnitude));
    tidied = decimals <= 100 ? Number(value.toFixed(decimals)) : Number(value.toPrecision(15));
  }
  return tidied === 0 ? 0 : tidied;
}

/**
 * The remainder of truncated division (its sign is the dividend's, as in JavaScript), taken from the
 * tidied quotient so that 5.5 % 0.1 is 0 as on paper, not 0.09999999999999973.
 */
function remainder(left: number, right: number): number | null {
  const quotient = tidyNumber(left / right);
  if (quotient === null) return null;
  if (Math.abs(quotient) >= 2 ** 53) return tidyNumber(left % right);
  return tidyNumber(left - right * Math.trunc(quotient), Math.abs(left));
}

/**
 * Rounds to `digits` decimal places (negative: to tens, hundreds…), halves away from zero, working on
 * the decimal text so that round(1.005, 2) is 1.01 as a person expects, not 1.00.
 */
function roundHalfAwayFromZero(value: number, digits: number): number {
  const shifted = shiftDecimal(Math.abs(value), digits);
  if (!Number.isFinite(shifted)) return value;
  const rounded = Math.sign(value) * shiftDecimal(Math.round(shifted), -digits);
  return rounded === 0 ? 0 : rounded;
}

function shiftDecimal(value: number, places: number): number {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}
