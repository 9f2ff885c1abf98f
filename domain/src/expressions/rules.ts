import type { Ast, ComparisonOperator, ExpressionValue } from './ast';
import { evaluate, type FieldResolver, tidyNumber } from './evaluator';
import { ExpressionError, expressionMessages, typeNames } from './expression-error';
import { parseExpression } from './parser';

/**
 * A validation rule or cross-check: `left operator right`, e.g. the total equals the sum of its
 * parts, or the amount the treasury disbursed equals the amount the commune reports paid.
 */
export interface ComparisonRule {
  left: string | Ast;
  operator: ComparisonOperator;
  right: string | Ast;
  severity: 'error' | 'warning';
  /**
   * The absolute difference still accepted, for cross-checks between sources that round differently.
   * Missing, negative or non-finite means 0.
   */
  tolerance?: number;
}

/** `skipped` when a side is null: the rule could not be evaluated, which is neither a pass nor a failure. */
export type RuleEvaluationStatus = 'pass' | 'fail' | 'skipped';

export interface RuleEvaluation {
  status: RuleEvaluationStatus;
  severity: 'error' | 'warning';
  leftValue: ExpressionValue;
  rightValue: ExpressionValue;
  /** left − right when both are numbers, for showing how far apart they are. */
  difference: number | null;
}

/** Rule sides parsed once: a form's rules are evaluated for every report checked (an import checks thousands). */
const parsedSides = new Map<string, Ast>();
const MAX_PARSED_SIDES = 10_000;

function parsedSide(source: string): Ast {
  let ast = parsedSides.get(source);
  if (ast === undefined) {
    ast = parseExpression(source);
    if (parsedSides.size >= MAX_PARSED_SIDES) parsedSides.clear();
    parsedSides.set(source, ast);
  }
  return ast;
}

/**
 * Evaluates a rule. With a tolerance t and d = left − right: `=` passes when |d| ≤ t, `!=` when
 * |d| > t, `<` when d < t, `<=` when d ≤ t, `>` when d > −t, `>=` when d ≥ −t, so the tolerance
 * always gives the benefit of the doubt. Text and true/false values may only be compared with `=`
 * and `!=` (exactly, after NFC normalisation).
 *
 * @throws {@link ExpressionError} for a syntax error in a side given as text, or `EXPR_TYPE` when
 *   the sides are of different types or ordered comparisons meet non-numbers.
 */
export function evaluateRule(rule: ComparisonRule, resolver: FieldResolver): RuleEvaluation {
  const left = typeof rule.left === 'string' ? parsedSide(rule.left) : rule.left;
  const right = typeof rule.right === 'string' ? parsedSide(rule.right) : rule.right;
  const leftValue = evaluate(left, resolver);
  const rightValue = evaluate(right, resolver);
  const result = (status: RuleEvaluationStatus, difference: number | null = null): RuleEvaluation => ({
    status,
    severity: rule.severity,
    leftValue,
    rightValue,
    difference,
  });
  if (leftValue === null || rightValue === null) return result('skipped');

  const { operator } = rule;
  const leftType = valueType(leftValue);
  const rightType = valueType(rightValue);
  if (leftType !== rightType) {
    const text = expressionMessages.mismatchedComparison(operator, typeNames[leftType], typeNames[rightType]);
    throw new ExpressionError('EXPR_TYPE', right.span, text);
  }
  if (typeof leftValue !== 'number' || typeof rightValue !== 'number') {
    if (operator !== '=' && operator !== '!=') {
      const text = expressionMessages.operandType(operator, typeNames.number, typeNames[leftType]);
      throw new ExpressionError('EXPR_TYPE', left.span, text);
    }
    const equal =
      typeof leftValue === 'string'
        ? leftValue.normalize('NFC') === String(rightValue).normalize('NFC')
        : leftValue === rightValue;
    return result(equal === (operator === '=') ? 'pass' : 'fail');
  }

  const tolerance =
    rule.tolerance !== undefined && Number.isFinite(rule.tolerance) && rule.tolerance > 0 ? rule.tolerance : 0;
  const difference = tidyNumber(leftValue - rightValue);
  if (difference === null) return result('skipped');
  const passes: Record<ComparisonOperator, boolean> = {
    '=': Math.abs(difference) <= tolerance,
    '!=': Math.abs(difference) > tolerance,
    '<': difference < tolerance,
    '<=': difference <= tolerance,
    '>': difference > -tolerance,
    '>=': difference >= -tolerance,
  };
  return result(passes[operator] ? 'pass' : 'fail', difference);
}

/**
 * Evaluates a rule written as one true/false expression, e.g. `#{tong} = #{nam} + #{nu}` or
 * `isNull(#{a}) or #{a} >= 0`: true passes, false fails, null is `skipped` (not evaluated).
 *
 * @throws {@link ExpressionError} for a syntax error, or `EXPR_TYPE` when the result is not true/false.
 */
export function evaluateCondition(
  expression: string | Ast,
  resolver: FieldResolver,
): { status: RuleEvaluationStatus; value: boolean | null } {
  const ast = typeof expression === 'string' ? parseExpression(expression) : expression;
  const value = evaluate(ast, resolver);
  if (value === null) return { status: 'skipped', value };
  if (typeof value !== 'boolean') {
    throw new ExpressionError(
      'EXPR_TYPE',
      ast.span,
      expressionMessages.resultType(typeNames.boolean, typeNames[valueType(value)]),
    );
  }
  return { status: value ? 'pass' : 'fail', value };
}

function valueType(value: number | string | boolean): 'number' | 'string' | 'boolean' {
  return typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'boolean';
}
