import { describe, expect, it } from 'vitest';
import type { ComparisonOperator, ExpressionValue } from './ast';
import { resolverFromRecord } from './evaluator';
import { ExpressionError } from './expression-error';
import { type ComparisonRule, evaluateCondition, evaluateRule } from './rules';

const resolver = resolverFromRecord({
  tong: 100,
  nam: 45,
  nu: 55,
  blank: null,
  ten: 'Ba Vì',
  'KBNN:giai_ngan': 1_000_000_000.5,
  'UBND:da_chi': 999_999_000,
});

function rule(left: string, operator: ComparisonOperator, right: string, tolerance?: number): ComparisonRule {
  return { left, operator, right, severity: 'error', tolerance };
}

describe('evaluateRule', () => {
  it('passes and fails each operator', () => {
    const cases: [string, ComparisonOperator, string, 'pass' | 'fail'][] = [
      ['#{tong}', '=', '#{nam} + #{nu}', 'pass'],
      ['#{tong}', '=', '#{nam}', 'fail'],
      ['#{tong}', '!=', '#{nam}', 'pass'],
      ['#{tong}', '!=', '100', 'fail'],
      ['#{nam}', '<', '#{nu}', 'pass'],
      ['#{nu}', '<', '#{nu}', 'fail'],
      ['#{nu}', '<=', '#{nu}', 'pass'],
      ['#{tong}', '<=', '#{nu}', 'fail'],
      ['#{nu}', '>', '#{nam}', 'pass'],
      ['#{nu}', '>', '#{nu}', 'fail'],
      ['#{nu}', '>=', '#{nu}', 'pass'],
      ['#{nam}', '>=', '#{nu}', 'fail'],
      ['0.1 + 0.2', '=', '0.3', 'pass'],
    ];
    for (const [left, operator, right, status] of cases) {
      expect(evaluateRule(rule(left, operator, right), resolver).status, `${left} ${operator} ${right}`).toBe(status);
    }
  });

  it('returns both values, the difference and the severity', () => {
    expect(evaluateRule({ ...rule('#{tong}', '=', '#{nam}'), severity: 'warning' }, resolver)).toEqual({
      status: 'fail',
      severity: 'warning',
      leftValue: 100,
      rightValue: 45,
      difference: 55,
    });
  });

  it('skips the rule when a side is null', () => {
    expect(evaluateRule(rule('#{blank}', '=', '#{tong}'), resolver)).toEqual({
      status: 'skipped',
      severity: 'error',
      leftValue: null,
      rightValue: 100,
      difference: null,
    });
    expect(evaluateRule(rule('#{tong}', '>=', '#{missing} + 1'), resolver).status).toBe('skipped');
    expect(evaluateRule(rule('#{tong} / 0', '=', '1'), resolver).status).toBe('skipped');
  });

  it('accepts a difference within the tolerance for a cross-check between sources', () => {
    const crossCheck = (operator: ComparisonOperator, tolerance?: number) =>
      evaluateRule(rule('#{KBNN:giai_ngan}', operator, '#{UBND:da_chi}', tolerance), resolver).status;
    expect(crossCheck('=')).toBe('fail');
    expect(crossCheck('=', 1000)).toBe('fail');
    expect(crossCheck('=', 1000.5)).toBe('pass');
    expect(crossCheck('!=', 1000.5)).toBe('fail');
    expect(crossCheck('<')).toBe('fail');
    expect(crossCheck('<', 1001)).toBe('pass');
    expect(crossCheck('<=', 1000.5)).toBe('pass');
    expect(evaluateRule(rule('5', '>', '6', 1.5), resolver).status).toBe('pass');
    expect(evaluateRule(rule('5', '>=', '6', 1), resolver).status).toBe('pass');
    expect(evaluateRule(rule('5', '>=', '6', 0.5), resolver).status).toBe('fail');
    expect(evaluateRule(rule('5', '=', '6', -3), resolver).status).toBe('fail');
    expect(evaluateRule(rule('5', '=', '6', Number.NaN), resolver).status).toBe('fail');
  });

  it('compares text and true/false values for equality only', () => {
    expect(evaluateRule(rule('#{ten}', '=', '"Ba Vì"'), resolver).status).toBe('pass');
    expect(evaluateRule(rule('#{ten}', '!=', '"Ba Vì"'), resolver).status).toBe('fail');
    expect(evaluateRule(rule('#{tong} > 1', '=', 'true'), resolver).status).toBe('pass');
    expect(() => evaluateRule(rule('#{ten}', '<', '"C"'), resolver)).toThrow(ExpressionError);
    expect(() => evaluateRule(rule('#{ten}', '=', '1'), resolver)).toThrow(/Cannot compare text with a number/);
  });

  it('throws the syntax error of a side', () => {
    expect(() => evaluateRule(rule('#{tong} +', '=', '1'), resolver)).toThrow(ExpressionError);
    // A side that failed to parse is not remembered as parsed: it fails again.
    expect(() => evaluateRule(rule('#{tong} +', '=', '1'), resolver)).toThrow(ExpressionError);
  });

  it('gives the same answers when a side parsed once is evaluated on other values', () => {
    const r = rule('#{nam}', '<', '#{nu}');
    expect(evaluateRule(r, resolver).status).toBe('pass');
    expect(evaluateRule(r, resolverFromRecord({ nam: 60, nu: 40 })).status).toBe('fail');
    expect(evaluateRule(r, resolverFromRecord({ nam: null, nu: 40 })).status).toBe('skipped');
    expect(evaluateRule(r, resolver)).toMatchObject({ status: 'pass', leftValue: 45, rightValue: 55 });
  });
});

describe('evaluateCondition', () => {
  it.each<[string, 'pass' | 'fail' | 'skipped', ExpressionValue]>([
    ['#{tong} = #{nam} + #{nu}', 'pass', true],
    ['#{tong} < #{nam}', 'fail', false],
    ['#{blank} > 0', 'skipped', null],
    ['isNull(#{blank}) or #{blank} > 0', 'pass', true],
  ])('%s is %s', (source, status, value) => {
    expect(evaluateCondition(source, resolver)).toEqual({ status, value });
  });

  it('throws when the result is not true/false', () => {
    expect(() => evaluateCondition('#{tong} + 1', resolver)).toThrow(
      'The expression must give true/false but gives a number.',
    );
  });
});
