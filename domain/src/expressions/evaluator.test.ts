import { describe, expect, it } from 'vitest';
import type { ExpressionValue, FieldReference } from './ast';
import { evaluate, evaluateExpression, tidyNumber } from './evaluator';
import { ExpressionError } from './expression-error';
import { parseExpression } from './parser';

const values = { a: 10, b: 4, zero: 0, blank: null, name: 'Hà Nội', yes: true, no: false, 'a.nu': 6, 'B02:chi': 7 };

function run(source: string, record: Record<string, ExpressionValue | undefined> = values): ExpressionValue {
  return evaluateExpression(source, record);
}

function typeErrorOf(source: string): ExpressionError {
  try {
    run(source);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('evaluate: operators', () => {
  it.each([
    ['1 + 2', 3],
    ['#{a} - #{b}', 6],
    ['#{a} * #{b}', 40],
    ['#{a} / #{b}', 2.5],
    ['#{a} % #{b}', 2],
    ['-7 % 3', -1],
    ['7 % -3', 1],
    ['7.5 % 2', 1.5],
    ['5.5 % 0.1', 0],
    ['1e300 % 7', 1e300 % 7],
    ['-#{a}', -10],
    ['+#{a}', 10],
    ['--#{a}', 10],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['10 - 4 - 3', 3],
    ['2 * -3', -6],
    ['1.5e3 + .5', 1500.5],
    ['#{a} = 10', true],
    ['#{a} == 10', true],
    ['#{a} != 10', false],
    ['#{a} <> 9', true],
    ['#{a} < 10', false],
    ['#{a} <= 10', true],
    ['#{a} > 9.99', true],
    ['#{a} >= 11', false],
    ['#{a} > 5 and #{b} > 5', false],
    ['#{a} > 5 && #{b} < 5', true],
    ['#{a} > 50 or #{b} > 3', true],
    ['#{no} || #{no}', false],
    ['not #{yes}', false],
    ['!#{no}', true],
    ['#{name} = "Hà Nội"', true],
    ["#{name} != 'Huế'", true],
    ['#{yes} = true', true],
    ['#{a.nu} + #{B02:chi}', 13],
  ])('%s = %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('compares text after Unicode normalisation', () => {
    expect(run('#{x} = "Hà Nội"', { x: 'Ha\u0300 Nô\u0323i' })).toBe(true);
  });

  it('removes binary noise from + - * but keeps ratios precise', () => {
    expect(run('0.1 + 0.2')).toBe(0.3);
    expect(run('0.3 - 0.1')).toBe(0.2);
    expect(run('1.1 * 1.1')).toBe(1.21);
    expect(run('0.1 * 3 = 0.3')).toBe(true);
    expect(run('sum(0.1, 0.2, 0.3)')).toBe(0.6);
    expect(run('1 / 3')).toBe(1 / 3);
    expect(run('2 / 3 * 3')).toBe(2);
    // A national budget in đồng keeps its last digit and its hào.
    expect(run('1700000000000.5 + 0.25')).toBe(1700000000000.75);
    expect(run('1234567890123 + 1')).toBe(1234567890124);
  });

  it('tidies to 15 significant digits, to units from 1e15, not at all past 2^53', () => {
    expect(tidyNumber(0.30000000000000004)).toBe(0.3);
    expect(tidyNumber(1e-20 / 3)).toBe(3.33333333333333e-21);
    expect(tidyNumber(-0.1 - 0.2)).toBe(-0.3);
    // The noise of a difference is the noise of its operands, however small the difference.
    expect(6818.8 - 7571.36).not.toBe(-752.56);
    expect(tidyNumber(6818.8 - 7571.36, 7571.36)).toBe(-752.56);
    expect(run('6818.8 - 7571.36')).toBe(-752.56);
    expect(tidyNumber(2e15 + 0.5)).toBe(2e15 + 1);
    expect(tidyNumber(-(2e15 + 0.5))).toBe(-(2e15 + 1));
    expect(tidyNumber(2 ** 60)).toBe(2 ** 60);
    expect(tidyNumber(-0)).toBe(0);
    expect(Object.is(tidyNumber(-0), 0)).toBe(true);
    expect(tidyNumber(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('evaluate: functions', () => {
  it.each([
    ['if(#{a} > 5, "lớn", "nhỏ")', 'lớn'],
    ['if(#{a} < 5, "lớn", "nhỏ")', 'nhỏ'],
    ['if(#{blank} > 5, 1, 2)', null],
    ['isNull(#{blank})', true],
    ['isNull(#{a})', false],
    ['isNull(#{missing})', true],
    ['isNull(1 / 0)', true],
    ['coalesce(#{blank}, #{missing}, 0)', 0],
    ['coalesce(#{a}, 0)', 10],
    ['coalesce(#{blank}, null)', null],
    ['sum(1, 2, 3.5)', 6.5],
    ['sum(#{a}, #{blank}, #{b})', 14],
    ['sum(#{blank}, #{missing})', null],
    ['min(3, #{blank}, -1, 2)', -1],
    ['max(3, #{blank}, -1, 2)', 3],
    ['min(#{blank})', null],
    ['max(#{blank}, null)', null],
    ['abs(-2.5)', 2.5],
    ['abs(#{blank})', null],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(2.4)', 2],
    ['round(1.005, 2)', 1.01],
    ['round(1.255, 2)', 1.26],
    ['round(-1.005, 2)', -1.01],
    ['round(1234.5678, 1)', 1234.6],
    ['round(1234.5678, -2)', 1200],
    ['round(1 / 3, 4)', 0.3333],
    ['round(2.5, 0.9)', 3],
    ['round(#{blank}, 2)', null],
    ['round(2.5, #{blank})', null],
    ['round(1e300, 15)', 1e300],
    ['round(-0.4)', 0],
  ])('%s = %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('evaluates only the branch of if that is taken, and stops and/or early', () => {
    expect(run('if(true, 1, "x" + 1)')).toBe(1);
    expect(run('isNull(#{blank}) or #{blank} > 0')).toBe(true);
    expect(run('not isNull(#{blank}) and #{blank} + "x" > 0')).toBe(false);
  });
});

describe('evaluate: null semantics', () => {
  it.each([
    ['#{blank} + 1', null],
    ['1 - #{missing}', null],
    ['#{blank} * 0', null],
    ['#{blank} / 2', null],
    ['-#{blank}', null],
    ['#{blank} = #{blank}', null],
    ['#{blank} = 1', null],
    ['#{blank} != 1', null],
    ['#{blank} < 1', null],
    ['not #{blank}', null],
    ['null', null],
    // Three-valued logic.
    ['#{blank} > 0 and false', false],
    ['false and #{blank} > 0', false],
    ['#{blank} > 0 and true', null],
    ['#{blank} > 0 or true', true],
    ['true or #{blank} > 0', true],
    ['#{blank} > 0 or false', null],
  ])('%s = %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('gives null for division or remainder by zero, and for overflow', () => {
    expect(run('#{a} / #{zero}')).toBeNull();
    expect(run('#{a} / 0')).toBeNull();
    expect(run('0 / 0')).toBeNull();
    expect(run('#{a} % 0')).toBeNull();
    expect(run('1e308 * 10')).toBeNull();
    expect(run('1e308 + 1e308')).toBeNull();
  });

  it('treats a non-finite or undefined field value as null', () => {
    expect(run('isNull(#{x})', { x: Number.NaN })).toBe(true);
    expect(run('isNull(#{x})', { x: Number.POSITIVE_INFINITY })).toBe(true);
    expect(run('isNull(#{x})', { x: undefined })).toBe(true);
  });

  it('never gives negative zero', () => {
    expect(Object.is(run('-0'), 0)).toBe(true);
    expect(Object.is(run('0 / -5'), 0)).toBe(true);
    expect(Object.is(run('min(0, -0)'), 0)).toBe(true);
    expect(Object.is(run('-1 * 0'), 0)).toBe(true);
  });
});

describe('evaluate: types and resolvers', () => {
  it.each([
    ['#{name} + 1', "Operator '+' needs a number but got text.", 0],
    ['1 + #{yes}', "Operator '+' needs a number but got true/false.", 4],
    ['-#{name}', "Operator '-' needs a number but got text.", 1],
    ['not #{a}', "Operator 'not' needs true/false but got a number.", 4],
    ['#{a} and true', "Operator 'and' needs true/false but got a number.", 0],
    ['#{name} < "Huế"', "Operator '<' needs a number but got text.", 0],
    ['#{a} = "10"', "Cannot compare a number with text using '='.", 0],
    ['if(#{a}, 1, 2)', 'Function if needs true/false as argument but got a number.', 3],
    ['sum(1, #{name})', 'Function sum needs a number as argument but got text.', 7],
    ['round(1, "2")', 'Function round needs a number as argument but got text.', 9],
  ])('%s throws EXPR_TYPE', (source, en, offset) => {
    const error = typeErrorOf(source);
    expect(error.code).toBe('EXPR_TYPE');
    expect(error.en).toBe(en);
    expect(error.position.offset).toBe(offset);
    expect(error.vi).toMatch(/cần|Không thể so sánh/);
  });

  it('passes each reference to the resolver', () => {
    const seen: FieldReference[] = [];
    const result = evaluate(parseExpression('#{a} + #{a.nu} + #{F1:a} + #{F1:a.nu}'), (ref) => {
      seen.push(ref);
      return 1;
    });
    expect(result).toBe(4);
    expect(seen).toEqual([
      { field: 'a' },
      { field: 'a', option: 'nu' },
      { form: 'F1', field: 'a' },
      { form: 'F1', field: 'a', option: 'nu' },
    ]);
  });

  it('rejects a resolver value of an unsupported type', () => {
    const ast = parseExpression('1 + #{a}');
    const error = (() => {
      try {
        evaluate(ast, () => ({}) as unknown as number);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({ code: 'EXPR_TYPE', position: { offset: 4 } });
  });

  it('reads only own keys of a value record', () => {
    expect(run('isNull(#{constructor})', {})).toBe(true);
    expect(run('isNull(#{__proto__})', {})).toBe(true);
    expect(run('isNull(#{toString})', {})).toBe(true);
    expect(run('#{constructor} + 1', { constructor: 1 })).toBe(2);
  });
});
