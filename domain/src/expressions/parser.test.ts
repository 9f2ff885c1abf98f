import { describe, expect, it } from 'vitest';
import type { Ast } from './ast';
import { ExpressionError, maxExpressionDepth, maxExpressionLength } from './expression-error';
import { parseExpression, tryParse } from './parser';
import { printExpression } from './printer';

/** The canonical text of a parse, which shows its grouping. */
function canonical(source: string): string {
  return printExpression(parseExpression(source));
}

function errorOf(source: string): ExpressionError {
  const result = tryParse(source);
  if (result.ok) throw new Error(`expected ${JSON.stringify(source)} not to parse`);
  return result.error;
}

function withoutSpans(ast: Ast): unknown {
  return JSON.parse(JSON.stringify(ast, (key, value) => (key === 'span' ? undefined : value)));
}

describe('parseExpression', () => {
  it('reads literals', () => {
    expect(withoutSpans(parseExpression('1234.5'))).toEqual({ kind: 'number', value: 1234.5 });
    expect(withoutSpans(parseExpression('1.5e3'))).toEqual({ kind: 'number', value: 1500 });
    expect(withoutSpans(parseExpression('2E-2'))).toEqual({ kind: 'number', value: 0.02 });
    expect(withoutSpans(parseExpression('.5'))).toEqual({ kind: 'number', value: 0.5 });
    expect(withoutSpans(parseExpression('"Hà Nội"'))).toEqual({ kind: 'string', value: 'Hà Nội' });
    expect(withoutSpans(parseExpression("'it\\'s \"ok\"\\n'"))).toEqual({ kind: 'string', value: 'it\'s "ok"\n' });
    expect(withoutSpans(parseExpression('TRUE'))).toEqual({ kind: 'boolean', value: true });
    expect(withoutSpans(parseExpression('false'))).toEqual({ kind: 'boolean', value: false });
    expect(withoutSpans(parseExpression('Null'))).toEqual({ kind: 'null' });
  });

  it('reads the four forms of field reference', () => {
    const refs = ['#{a1}', '#{so_ho.nu}', '#{B01-LDTBXH:tong}', '#{B02:chi.ngan_sach}'].map((s) => parseExpression(s));
    expect(refs.map(withoutSpans)).toEqual([
      { kind: 'field', ref: { field: 'a1' } },
      { kind: 'field', ref: { field: 'so_ho', option: 'nu' } },
      { kind: 'field', ref: { form: 'B01-LDTBXH', field: 'tong' } },
      { kind: 'field', ref: { form: 'B02', field: 'chi', option: 'ngan_sach' } },
    ]);
  });

  it('gives * / % precedence over + -, over comparisons, over and, over or', () => {
    expect(canonical('1 + 2 * 3')).toBe('1 + 2 * 3');
    expect(canonical('(1 + 2) * 3')).toBe('(1 + 2) * 3');
    expect(withoutSpans(parseExpression('1 + 2 * 3'))).toMatchObject({
      operator: '+',
      right: { operator: '*' },
    });
    expect(withoutSpans(parseExpression('1 - 2 - 3'))).toMatchObject({ operator: '-', left: { operator: '-' } });
    expect(withoutSpans(parseExpression('8 / 4 % 3 * 2'))).toMatchObject({
      operator: '*',
      left: { operator: '%', left: { operator: '/' } },
    });
    expect(withoutSpans(parseExpression('#{a} + 1 > #{b} * 2 and #{c} or #{d}'))).toMatchObject({
      operator: 'or',
      left: { operator: 'and', left: { operator: '>', left: { operator: '+' }, right: { operator: '*' } } },
    });
    expect(withoutSpans(parseExpression('#{a} or #{b} and #{c}'))).toMatchObject({
      operator: 'or',
      right: { operator: 'and' },
    });
  });

  it('binds unary operators tightest', () => {
    expect(withoutSpans(parseExpression('-2 * 3'))).toMatchObject({ operator: '*', left: { kind: 'unary' } });
    expect(withoutSpans(parseExpression('- - +2'))).toMatchObject({
      kind: 'unary',
      operator: '-',
      operand: { operator: '-', operand: { operator: '+' } },
    });
    expect(withoutSpans(parseExpression('not #{a} and #{b}'))).toMatchObject({
      operator: 'and',
      left: { kind: 'unary', operator: 'not' },
    });
    expect(withoutSpans(parseExpression('!#{a}'))).toEqual(withoutSpans(parseExpression('NOT #{a}')));
  });

  it('normalises operator aliases', () => {
    expect(canonical('#{a} == 1 && #{b} <> 2 || !#{c}')).toBe('#{a} = 1 and #{b} != 2 or not #{c}');
    expect(canonical('#{a} AND #{b} Or #{c}')).toBe('#{a} and #{b} or #{c}');
    for (const operator of ['=', '!=', '<', '<=', '>', '>=']) {
      expect(canonical(`#{a} ${operator} 1`)).toBe(`#{a} ${operator} 1`);
    }
  });

  it('matches function names without regard to case and spells them canonically', () => {
    expect(canonical('IF(ISNULL(#{a}), 0, #{a})')).toBe('if(isNull(#{a}), 0, #{a})');
    expect(canonical('Sum(1, 2, 3) + MIN(1) + max(1, 2) + Round(1.5) + round(1.25, 1) + ABS(-1)')).toBe(
      'sum(1, 2, 3) + min(1) + max(1, 2) + round(1.5) + round(1.25, 1) + abs(-1)',
    );
    expect(canonical('coalesce(#{a}, #{b}, 0)')).toBe('coalesce(#{a}, #{b}, 0)');
  });

  it('accepts any whitespace, line breaks included', () => {
    expect(canonical('\u00a0#{a}\t+\r\n  #{b}\n')).toBe('#{a} + #{b}');
  });

  it('records where each node is', () => {
    const ast = parseExpression('1 +\n  sum(#{a}, 2)');
    expect(ast.kind === 'binary' && ast.right.span).toEqual({
      start: { offset: 6, line: 2, column: 3 },
      end: { offset: 18, line: 2, column: 15 },
    });
  });
});

describe('syntax errors', () => {
  it('points at the unexpected token, e.g. the * at column 8', () => {
    const error = errorOf('#{a} + * 2');
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error.code).toBe('EXPR_SYNTAX');
    expect(error.position).toEqual({ offset: 7, line: 1, column: 8 });
    expect(error.vi).toContain("'*'");
    expect(error.en).toBe("Unexpected '*'.");
    expect(error.message).toContain('line 1, column 8');
  });

  it('counts lines and columns in code points', () => {
    expect(errorOf('#{a} +\n  "Hà Nội" +\n @').position).toEqual({ offset: 21, line: 3, column: 2 });
    expect(errorOf('"😀" $').position).toEqual({ offset: 5, line: 1, column: 5 });
    expect(errorOf('1 +\r\n\r\n *').position).toEqual({ offset: 8, line: 3, column: 2 });
  });

  it.each([
    ['', 0, 'EXPR_SYNTAX'],
    ['   ', 3, 'EXPR_SYNTAX'],
    ['1 +', 3, 'EXPR_SYNTAX'],
    ['(1 + 2', 6, 'EXPR_SYNTAX'],
    ['1 + 2)', 5, 'EXPR_SYNTAX'],
    ['#{a} #{b}', 5, 'EXPR_SYNTAX'],
    ['1 < 2 < 3', 6, 'EXPR_SYNTAX'],
    ['#{a} = = 1', 7, 'EXPR_SYNTAX'],
    ['sum(1,)', 6, 'EXPR_SYNTAX'],
    ['sum(1 2)', 6, 'EXPR_SYNTAX'],
    ['a + 1', 0, 'EXPR_SYNTAX'],
    ['#{a} & #{b}', 5, 'EXPR_SYNTAX'],
    ['#{a} and', 8, 'EXPR_SYNTAX'],
    ['and #{a}', 0, 'EXPR_SYNTAX'],
    ['"open', 0, 'EXPR_SYNTAX'],
    ["'bad \\x escape'", 5, 'EXPR_SYNTAX'],
    ['1.2.3', 0, 'EXPR_SYNTAX'],
    ['1.', 0, 'EXPR_SYNTAX'],
    ['2e', 0, 'EXPR_SYNTAX'],
    ['12abc', 0, 'EXPR_SYNTAX'],
    ['1e400', 0, 'EXPR_SYNTAX'],
    ['#a', 1, 'EXPR_SYNTAX'],
    ['#{}', 2, 'EXPR_SYNTAX'],
    ['#{a b}', 3, 'EXPR_SYNTAX'],
    ['#{a', 3, 'EXPR_SYNTAX'],
    ['#{a.}', 4, 'EXPR_SYNTAX'],
    ['#{F:}', 4, 'EXPR_SYNTAX'],
    ['#{a-b}', 3, 'EXPR_SYNTAX'],
    ['#{F:a-b}', 5, 'EXPR_SYNTAX'],
    ['#{a.b.c}', 5, 'EXPR_SYNTAX'],
    ['#{mã}', 3, 'EXPR_SYNTAX'],
    ['1 ; 2', 2, 'EXPR_SYNTAX'],
    ['foo(1)', 0, 'EXPR_UNKNOWN_FUNCTION'],
    ['1 + constructor(1)', 4, 'EXPR_UNKNOWN_FUNCTION'],
    ['__proto__()', 0, 'EXPR_UNKNOWN_FUNCTION'],
    ['if(1, 2)', 0, 'EXPR_ARITY'],
    ['1 + round()', 4, 'EXPR_ARITY'],
    ['round(1, 2, 3)', 0, 'EXPR_ARITY'],
    ['abs(1, 2)', 0, 'EXPR_ARITY'],
    ['isNull()', 0, 'EXPR_ARITY'],
    ['coalesce(1)', 0, 'EXPR_ARITY'],
    ['sum()', 0, 'EXPR_ARITY'],
  ])('%j fails at offset %i with %s', (source, offset, code) => {
    const error = errorOf(source);
    expect(error.code).toBe(code);
    expect(error.position.offset).toBe(offset);
    expect(error.vi).not.toBe('');
    expect(error.en).not.toBe('');
  });

  it('names the unknown function and lists the available ones', () => {
    const error = errorOf('#{a} + avg(1, 2)');
    expect(error.en).toContain("'avg'");
    expect(error.vi).toContain('isNull');
    expect(error.span.end.offset).toBe(10);
  });

  it('says how many arguments a function takes', () => {
    expect(errorOf('if(true, 1)').en).toBe('Function if takes 3 arguments but got 2.');
    expect(errorOf('if(true, 1)').vi).toBe('Hàm if cần 3 đối số nhưng nhận được 2.');
    expect(errorOf('round(1, 2, 3)').en).toBe('Function round takes 1 to 2 arguments but got 3.');
    expect(errorOf('sum()').vi).toBe('Hàm sum cần ít nhất 1 đối số nhưng nhận được 0.');
  });

  it('rejects sources longer than the limit', () => {
    const long = `${'1 + '.repeat(maxExpressionLength / 4)}1`;
    expect(errorOf(long).code).toBe('EXPR_TOO_LONG');
    expect(tryParse(long.slice(4)).ok).toBe(true);
    expect(errorOf('x'.repeat(10_000_000))).toMatchObject({
      code: 'EXPR_TOO_LONG',
      position: { offset: maxExpressionLength, line: 1, column: maxExpressionLength + 1 },
    });
  });

  it('rejects nesting deeper than the limit without overflowing the stack', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}1${')'.repeat(depth)}`;
    expect(tryParse(nested(maxExpressionDepth)).ok).toBe(true);
    expect(errorOf(nested(maxExpressionDepth + 1))).toMatchObject({
      code: 'EXPR_TOO_DEEP',
      position: { offset: maxExpressionDepth },
    });
    expect(errorOf('('.repeat(1999)).code).toBe('EXPR_TOO_DEEP');
    expect(errorOf(`${'-'.repeat(1999)}1`).code).toBe('EXPR_TOO_DEEP');
    expect(errorOf(`${'abs('.repeat(300)}1${')'.repeat(300)}`).code).toBe('EXPR_TOO_DEEP');
  });

  it('parses a long flat chain, which nests only to the left', () => {
    const chain = Array.from({ length: 399 }, () => '#{a}').join('+');
    expect(chain.length).toBeLessThanOrEqual(maxExpressionLength);
    expect(tryParse(chain).ok).toBe(true);
  });

  it('serialises to JSON with both messages', () => {
    expect(JSON.parse(JSON.stringify(errorOf('1 +')))).toEqual({
      code: 'EXPR_SYNTAX',
      position: { offset: 3, line: 1, column: 4 },
      span: { start: { offset: 3, line: 1, column: 4 }, end: { offset: 3, line: 1, column: 4 } },
      vi: 'Không mong đợi kết thúc biểu thức ở đây.',
      en: 'Unexpected end of expression.',
    });
  });

  it('throws from parseExpression and returns from tryParse', () => {
    expect(() => parseExpression('1 +')).toThrow(ExpressionError);
    expect(tryParse('1 +')).toMatchObject({ ok: false, error: { code: 'EXPR_SYNTAX' } });
    expect(tryParse('1 + 1')).toMatchObject({ ok: true, ast: { kind: 'binary' } });
  });
});

describe('printExpression', () => {
  it.each([
    ['1 - (2 - 3)', '1 - (2 - 3)'],
    ['(1 - 2) - 3', '1 - 2 - 3'],
    ['2 * (3 + 4)', '2 * (3 + 4)'],
    ['-(1 + 2)', '-(1 + 2)'],
    ['- -2', '--2'],
    ['not (#{a} and #{b})', 'not (#{a} and #{b})'],
    ['(#{a} < 1) = true', '(#{a} < 1) = true'],
    ['#{a} = (1 < 2)', '#{a} = (1 < 2)'],
    ['(#{a} or #{b}) and #{c}', '(#{a} or #{b}) and #{c}'],
    ['\'say "hi"\\t\\\\\'', '"say \\"hi\\"\\t\\\\"'],
    ['1e21 + 1e-7 + 0.5', '1e+21 + 1e-7 + 0.5'],
  ])('prints %j as %j', (source, printed) => {
    expect(canonical(source)).toBe(printed);
    expect(withoutSpans(parseExpression(printed))).toEqual(withoutSpans(parseExpression(source)));
  });
});
