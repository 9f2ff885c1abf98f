import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ast, BinaryOperator, ExpressionValue, FieldReference, SourceSpan, UnaryOperator } from './ast';
import { evaluate, evaluateExpression } from './evaluator';
import { ExpressionError, maxExpressionLength } from './expression-error';
import { expressionFunctions } from './functions';
import { parseExpression, tryParse } from './parser';
import { printExpression } from './printer';
import { referencedFields } from './references';
import { type ExpressionType, inferType } from './type-check';

const noSpan: SourceSpan = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
const binaryOperators: BinaryOperator[] = ['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', 'and', 'or'];
const unaryOperators: UnaryOperator[] = ['-', '+', 'not'];
const canary = '__pwned';

function withoutSpans(ast: Ast): unknown {
  return JSON.parse(JSON.stringify(ast, (key, value) => (key === 'span' ? undefined : value)));
}

/** Random syntax trees over the given leaves, every function called with an allowed number of arguments. */
function treeOf(leaf: fc.Arbitrary<Ast>, maxDepth: number): fc.Arbitrary<Ast> {
  return fc.letrec<{ tree: Ast; unary: Ast; binary: Ast; call: Ast }>((tie) => ({
    tree: fc.oneof({ maxDepth, depthSize: 'small' }, leaf, tie('unary'), tie('binary'), tie('call')),
    unary: fc
      .tuple(fc.constantFrom(...unaryOperators), tie('tree'))
      .map(([operator, operand]): Ast => ({ kind: 'unary', operator, operand, span: noSpan })),
    binary: fc
      .tuple(fc.constantFrom(...binaryOperators), tie('tree'), tie('tree'))
      .map(([operator, left, right]): Ast => ({ kind: 'binary', operator, left, right, span: noSpan })),
    call: fc
      .constantFrom(...expressionFunctions)
      .chain((f) =>
        fc
          .array(tie('tree'), { minLength: f.minArgs, maxLength: Math.min(f.maxArgs, f.minArgs + 2) })
          .map((args): Ast => ({ kind: 'call', name: f.name, args, span: noSpan })),
      ),
  })).tree;
}

const code = fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/);
const reference: fc.Arbitrary<FieldReference> = fc.record(
  { form: fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/), field: code, option: code },
  { requiredKeys: ['field'] },
);
const anyLeaf: fc.Arbitrary<Ast> = fc.oneof(
  fc
    .oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }))
    .map((value): Ast => ({ kind: 'number', value: value + 0, span: noSpan })),
  fc.string({ unit: 'binary', maxLength: 6 }).map((value): Ast => ({ kind: 'string', value, span: noSpan })),
  fc.boolean().map((value): Ast => ({ kind: 'boolean', value, span: noSpan })),
  fc.constant<Ast>({ kind: 'null', span: noSpan }),
  reference.map((ref): Ast => ({ kind: 'field', ref, span: noSpan })),
);
const anyValue: fc.Arbitrary<ExpressionValue> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
);

const pieces = [
  ...['#{a}', '#{F-1:b.c}', '#{', '}', '#', ':', '.', '1', '0', '2.5e3', '.5', '1e999', '"s"', "'t'", '"', "'", '\\'],
  ...['(', ')', ',', '+', '-', '*', '/', '%', '=', '==', '!=', '<>', '<', '<=', '>', '>=', '!', '&&', '||', '&'],
  ...['and', 'or', 'not', 'true', 'NULL', 'if', 'isNull', 'sum', 'ROUND', 'coalesce', 'foo', 'constructor'],
  ...['__proto__', 'globalThis', 'eval', ' ', '\n', '\u00a0', 'đ', '😀'],
];
const tokenSoup = fc
  .array(fc.constantFrom(...pieces), { maxLength: 40 })
  .chain((parts) => fc.constantFrom(parts.join(''), parts.join(' ')));
const hostile = [
  "constructor.constructor('globalThis.__pwned=1')()",
  'constructor.constructor("globalThis.__pwned=1")()',
  "Function('globalThis.__pwned=1')()",
  "eval('globalThis.__pwned=1')",
  'globalThis.__pwned = 1',
  `\`$\{globalThis.__pwned = 1}\``,
  "sum.constructor('globalThis.__pwned=1')()",
  "if(true, 1, 2).constructor('globalThis.__pwned=1')()",
  "#{constructor}.constructor('globalThis.__pwned=1')()",
  "__proto__.constructor.constructor('globalThis.__pwned=1')()",
  "toString() + valueOf() + hasOwnProperty('x')",
  'import("node:fs")',
  'require("child_process").execSync("touch /tmp/pwned")',
  '#{__proto__} + #{constructor} + #{prototype}',
];
const anySource = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ maxLength: 60 }),
  tokenSoup,
  fc.constantFrom(...hostile),
  treeOf(anyLeaf, 3).map(printExpression),
);

describe('parser robustness', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[canary];
  });

  it('never throws anything but ExpressionError, never runs code, and round-trips what it accepts', () => {
    fc.assert(
      fc.property(anySource, fc.func(anyValue), (source, resolve) => {
        let parsed: Ast | undefined;
        try {
          parsed = parseExpression(source);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
          const { position } = error as ExpressionError;
          expect(position.offset).toBeGreaterThanOrEqual(0);
          expect(position.offset).toBeLessThanOrEqual(source.length);
          expect(position.line).toBeGreaterThanOrEqual(1);
          expect(position.column).toBeGreaterThanOrEqual(1);
        }
        expect(tryParse(source).ok).toBe(parsed !== undefined);
        if (parsed !== undefined) {
          expect(withoutSpans(parseExpression(printExpression(parsed)))).toEqual(withoutSpans(parsed));
          referencedFields(parsed);
          inferType(parsed);
          try {
            const value = evaluate(parsed, resolve);
            expect(value === null || ['number', 'string', 'boolean'].includes(typeof value)).toBe(true);
            expect(typeof value === 'number' && !Number.isFinite(value)).toBe(false);
          } catch (error) {
            expect(error).toBeInstanceOf(ExpressionError);
          }
        }
        expect((globalThis as Record<string, unknown>)[canary]).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('treats code-like input as data', () => {
    for (const source of hostile) {
      if (source.startsWith('#{__proto__}')) {
        expect(evaluateExpression(source, {})).toBeNull();
      } else {
        expect(tryParse(source).ok, source).toBe(false);
        expect(() => evaluateExpression(source, {})).toThrow(ExpressionError);
      }
    }
    expect((globalThis as Record<string, unknown>)[canary]).toBeUndefined();
  });
});

describe('printExpression', () => {
  it('prints any tree so that it parses back to the same tree', () => {
    fc.assert(
      fc.property(treeOf(anyLeaf, 5), (tree) => {
        const printed = printExpression(tree);
        fc.pre(printed.length <= maxExpressionLength);
        const reparsed = parseExpression(printed);
        expect(withoutSpans(reparsed)).toEqual(withoutSpans(tree));
        expect(printExpression(reparsed)).toBe(printed);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('typeCheck', () => {
  const types: Record<string, ExpressionType> = { n0: 'number', n1: 'number', s0: 'string', b0: 'boolean' };
  const typedLeaf: fc.Arbitrary<Ast> = fc.oneof(
    fc.integer({ min: 0, max: 5 }).map((value): Ast => ({ kind: 'number', value, span: noSpan })),
    fc.constantFrom('x', 'y').map((value): Ast => ({ kind: 'string', value, span: noSpan })),
    fc.boolean().map((value): Ast => ({ kind: 'boolean', value, span: noSpan })),
    fc.constant<Ast>({ kind: 'null', span: noSpan }),
    fc.constantFrom(...Object.keys(types)).map((field): Ast => ({ kind: 'field', ref: { field }, span: noSpan })),
  );
  const valueOfType = (type: ExpressionType | undefined) =>
    type === 'number'
      ? fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(null))
      : type === 'string'
        ? fc.constantFrom('x', 'y', null)
        : fc.constantFrom(true, false, null);

  it('is sound: an expression without type errors never fails with EXPR_TYPE on values of the declared types', () => {
    let sound = 0;
    fc.assert(
      fc.property(
        treeOf(typedLeaf, 4),
        fc.record(Object.fromEntries(Object.entries(types).map(([field, type]) => [field, valueOfType(type)]))),
        (tree, values) => {
          if (inferType(tree, (ref) => types[ref.field]).errors.length > 0) return;
          sound++;
          evaluate(tree, (ref) => values[ref.field] as ExpressionValue);
        },
      ),
      { numRuns: 3000 },
    );
    expect(sound).toBeGreaterThan(300);
  });
});

/** Exact rational arithmetic, the reference the evaluator's floating point is held to. */
interface Rational {
  n: bigint;
  d: bigint;
}

function rational(n: bigint, d: bigint): Rational {
  const sign = d < 0n ? -1n : 1n;
  let a = n < 0n ? -n : n;
  let b = d < 0n ? -d : d;
  while (b !== 0n) [a, b] = [b, a % b];
  const divisor = a === 0n ? 1n : a;
  return { n: (sign * n) / divisor, d: (sign * d) / divisor };
}

const toNumber = (q: Rational) => Number(q.n) / Number(q.d);
const compare = (p: Rational, q: Rational) => p.n * q.d - q.n * p.d;

type Arithmetic =
  | { kind: 'leaf'; hundredths: number | null; viaField: boolean }
  | { kind: 'binary'; operator: '+' | '-' | '*'; left: Arithmetic; right: Arithmetic }
  | { kind: 'divide'; left: Arithmetic; right: Arithmetic & { kind: 'leaf' } }
  | { kind: 'call'; name: 'sum' | 'min' | 'max'; args: Arithmetic[] }
  | { kind: 'unary'; name: 'neg' | 'abs'; operand: Arithmetic };

const arithmeticLeaf = fc.record({
  kind: fc.constant('leaf' as const),
  hundredths: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -100_000, max: 100_000 }) },
    { weight: 2, arbitrary: fc.integer({ min: -10, max: 10 }).map((n) => n * 100) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  viaField: fc.boolean(),
});

const arithmetic = fc.letrec<{ node: Arithmetic }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 5, depthSize: 'small' },
    arithmeticLeaf,
    fc.record({
      kind: fc.constant('binary' as const),
      operator: fc.constantFrom('+' as const, '-' as const, '*' as const),
      left: tie('node'),
      right: tie('node'),
    }),
    fc.record({ kind: fc.constant('divide' as const), left: tie('node'), right: arithmeticLeaf }),
    fc.record({
      kind: fc.constant('call' as const),
      name: fc.constantFrom('sum' as const, 'min' as const, 'max' as const),
      args: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('unary' as const),
      name: fc.constantFrom('neg' as const, 'abs' as const),
      operand: tie('node'),
    }),
  ),
})).node;

/** Writes the tree as fully parenthesised source, independently of printExpression, collecting field values. */
function sourceOf(tree: Arithmetic, values: Record<string, ExpressionValue>): string {
  switch (tree.kind) {
    case 'leaf': {
      const value = tree.hundredths === null ? null : tree.hundredths / 100;
      if (tree.viaField) {
        const key = `v${Object.keys(values).length}`;
        values[key] = value;
        return `#{${key}}`;
      }
      return value === null ? 'null' : `(${value})`;
    }
    case 'binary':
      return `(${sourceOf(tree.left, values)} ${tree.operator} ${sourceOf(tree.right, values)})`;
    case 'divide':
      return `(${sourceOf(tree.left, values)} / ${sourceOf(tree.right, values)})`;
    case 'call':
      return `${tree.name}(${tree.args.map((arg) => sourceOf(arg, values)).join(', ')})`;
    case 'unary':
      return tree.name === 'neg' ? `-(${sourceOf(tree.operand, values)})` : `abs(${sourceOf(tree.operand, values)})`;
  }
}

/** The documented semantics over exact rationals; `scale` records the largest magnitude met. */
function exactValue(tree: Arithmetic, scale: { max: number }): Rational | null {
  const result = ((): Rational | null => {
    switch (tree.kind) {
      case 'leaf':
        return tree.hundredths === null ? null : rational(BigInt(tree.hundredths), 100n);
      case 'binary': {
        const left = exactValue(tree.left, scale);
        const right = exactValue(tree.right, scale);
        if (left === null || right === null) return null;
        if (tree.operator === '*') return rational(left.n * right.n, left.d * right.d);
        const sign = tree.operator === '+' ? 1n : -1n;
        return rational(left.n * right.d + sign * right.n * left.d, left.d * right.d);
      }
      case 'divide': {
        const left = exactValue(tree.left, scale);
        const right = exactValue(tree.right, scale);
        if (left === null || right === null || right.n === 0n) return null;
        return rational(left.n * right.d, left.d * right.n);
      }
      case 'call': {
        const present = tree.args.map((arg) => exactValue(arg, scale)).filter((q): q is Rational => q !== null);
        if (present.length === 0) return null;
        return present.reduce((acc, q) => {
          if (tree.name === 'sum') return rational(acc.n * q.d + q.n * acc.d, acc.d * q.d);
          const smaller = compare(q, acc) < 0;
          return (tree.name === 'min') === smaller ? q : acc;
        });
      }
      case 'unary': {
        const operand = exactValue(tree.operand, scale);
        if (operand === null) return null;
        return tree.name === 'neg' || operand.n < 0n ? rational(-operand.n, operand.d) : operand;
      }
    }
  })();
  if (result !== null) scale.max = Math.max(scale.max, Math.abs(toNumber(result)));
  return result;
}

function decimalText(scaled: bigint, decimals: number): string {
  const sign = scaled < 0n ? '-' : '';
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

describe('evaluate', () => {
  it('agrees with exact rational arithmetic under the documented null and division rules', () => {
    fc.assert(
      fc.property(arithmetic, (tree) => {
        const values: Record<string, ExpressionValue> = {};
        const source = sourceOf(tree, values);
        fc.pre(source.length <= maxExpressionLength);
        const scale = { max: 1 };
        const expected = exactValue(tree, scale);
        const actual = evaluateExpression(source, values);
        if (expected === null) {
          expect(actual).toBeNull();
        } else {
          expect(typeof actual).toBe('number');
          expect(Math.abs((actual as number) - toNumber(expected))).toBeLessThanOrEqual(1e-9 * scale.max);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('adds money amounts with two decimals exactly, with no binary noise', () => {
    const cents = fc.bigInt({ min: -100_000_000_000n, max: 100_000_000_000n });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 20 }), (amounts) => {
        const texts = amounts.map((c) => String(Number(c) / 100));
        const exact = Number(
          decimalText(
            amounts.reduce((a, b) => a + b, 0n),
            2,
          ),
        );
        expect(evaluateExpression(texts.join(' + '), {})).toBe(exact);
        expect(evaluateExpression(`sum(${texts.join(', ')})`, {})).toBe(exact);
      }),
    );
  });

  it('multiplies and subtracts amounts with two decimals exactly', () => {
    const cents = fc.bigInt({ min: -1_000_000n, max: 1_000_000n });
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const [x, y] = [String(Number(a) / 100), String(Number(b) / 100)];
        expect(evaluateExpression(`${x} * ${y}`, {})).toBe(Number(decimalText(a * b, 4)));
        expect(evaluateExpression(`${x} - ${y}`, {})).toBe(Number(decimalText(a - b, 2)));
      }),
    );
  });
});
