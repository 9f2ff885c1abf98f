import { describe, expect, it } from 'vitest';
import { checkExpression } from './check-expression';
import { parseExpression } from './parser';
import { type ExpressionType, inferType, typeCheck } from './type-check';

const types: Record<string, ExpressionType> = { so: 'number', ten: 'string', co: 'boolean' };
const fieldType = (ref: { field: string }) => types[ref.field];

function check(source: string, expected?: 'number' | 'string' | 'boolean') {
  return typeCheck(parseExpression(source), { fieldType, expected }).map((e) => [e.code, e.position.offset, e.en]);
}

describe('inferType', () => {
  it.each([
    ['1 + #{so}', 'number'],
    ['#{so} > 1 and #{co}', 'boolean'],
    ['#{ten}', 'string'],
    ['#{unknown}', 'unknown'],
    ['null', 'null'],
    ['if(#{co}, 1, null)', 'number'],
    ['if(#{co}, null, "x")', 'string'],
    ['if(#{co}, #{unknown}, 1)', 'unknown'],
    ['coalesce(null, #{so}, 0)', 'number'],
    ['isNull(#{ten})', 'boolean'],
    ['round(#{so}, 2)', 'number'],
    ['-#{unknown}', 'number'],
  ])('%s is %s', (source, type) => {
    expect(inferType(parseExpression(source), fieldType)).toEqual({ type, errors: [] });
  });
});

describe('typeCheck', () => {
  it('finds operands of the wrong type, at the operand', () => {
    expect(check('#{ten} + 1')).toEqual([['EXPR_TYPE', 0, "Operator '+' needs a number but got text."]]);
    expect(check('1 + "a" * 2')).toEqual([['EXPR_TYPE', 4, "Operator '*' needs a number but got text."]]);
    expect(check('not #{so} > 5')).toEqual([
      ['EXPR_TYPE', 4, "Operator 'not' needs true/false but got a number."],
      ['EXPR_TYPE', 0, "Operator '>' needs a number but got true/false."],
    ]);
    expect(check('#{so} and #{co}')).toEqual([['EXPR_TYPE', 0, "Operator 'and' needs true/false but got a number."]]);
    expect(check('#{ten} < "b"')).toEqual([
      ['EXPR_TYPE', 0, "Operator '<' needs a number but got text."],
      ['EXPR_TYPE', 9, "Operator '<' needs a number but got text."],
    ]);
  });

  it('finds equality between different types', () => {
    expect(check('#{so} = #{ten}')).toEqual([['EXPR_TYPE', 0, "Cannot compare a number with text using '='."]]);
    expect(check('#{so} = null')).toEqual([]);
    expect(check('#{ten} != #{unknown}')).toEqual([]);
  });

  it('checks function arguments and branches', () => {
    expect(check('sum(1, #{ten}, #{co})').map((e) => e[1])).toEqual([7, 15]);
    expect(check('if(#{so}, 1, 2)')).toEqual([
      ['EXPR_TYPE', 3, 'Function if needs true/false as argument but got a number.'],
    ]);
    expect(check('if(#{co}, 1, "x")')).toEqual([
      ['EXPR_TYPE', 13, 'The branches of if must have the same type, but are a number and text.'],
    ]);
    expect(check('coalesce(#{so}, "0")').map((e) => e[1])).toEqual([16]);
  });

  it('checks the type of the result when asked', () => {
    expect(check('#{so} + 1', 'boolean')).toEqual([
      ['EXPR_TYPE', 0, 'The expression must give true/false but gives a number.'],
    ]);
    expect(check('#{so} + 1', 'number')).toEqual([]);
    expect(check('#{unknown}', 'boolean')).toEqual([]);
    expect(check('null', 'number')).toEqual([]);
  });

  it('allows anything of a field whose type is not known', () => {
    expect(typeCheck(parseExpression('#{x} + 1 > #{y} and #{z}'))).toEqual([]);
  });
});

describe('checkExpression', () => {
  it('returns the syntax error alone', () => {
    expect(checkExpression('#{a} + * 2').map((e) => [e.code, e.position.column])).toEqual([['EXPR_SYNTAX', 8]]);
  });

  it('returns unknown references, then type errors', () => {
    const errors = checkExpression('#{ten} + #{khac}', {
      knownFields: new Set(['so', 'ten', 'co']),
      fieldType,
      expected: 'number',
    });
    expect(errors.map((e) => [e.code, e.position.offset])).toEqual([
      ['EXPR_UNKNOWN_FIELD', 9],
      ['EXPR_TYPE', 0],
    ]);
  });

  it('is empty for a sound expression', () => {
    expect(checkExpression('sum(#{so}, 1)', { knownFields: new Set(['so']), fieldType, expected: 'number' })).toEqual(
      [],
    );
  });
});
