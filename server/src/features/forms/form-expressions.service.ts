import {
  type Ast,
  type ComparisonOperator,
  checkExpression,
  DomainError,
  ExpressionError,
  type ExpressionEvaluate,
  type ExpressionType,
  evaluate,
  evaluateRule,
  type FieldReference,
  type FieldType,
  isNumericType,
  type KnownFields,
  resolverFromRecord,
  tryParse,
} from '@baocao/domain';

function errorJson(part: string, error: ExpressionError) {
  return { code: error.code, part, position: error.position, span: error.span, vi: error.vi, en: error.en };
}

/**
 * Evaluates an expression or a rule against sample values. Problems in the expression (syntax,
 * unknown fields when the form's fields are given, types) come back as positioned errors with
 * `ok: false`, not as a failed request.
 */
export function evaluateSample(input: ExpressionEvaluate) {
  if ((input.expression === undefined) === (input.rule === undefined)) {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'expression',
      message: 'EXPRESSION_OR_RULE',
    });
  }
  let knownFields: KnownFields | undefined;
  let fieldType: ((ref: FieldReference) => ExpressionType | undefined) | undefined;
  if (input.fields) {
    knownFields = new Map(input.fields.map((f) => [f.code, new Set(f.options ?? [])]));
    const types = new Map(input.fields.map((f) => [f.code, f.type]));
    fieldType = (ref) => {
      if (ref.form !== undefined) return undefined;
      const type = types.get(ref.field);
      if (type === undefined) return undefined;
      return isNumericType(type as FieldType) ? 'number' : type === 'boolean' ? 'boolean' : 'string';
    };
  }
  const parts: [string, string][] = input.rule
    ? [
        ['left', input.rule.left],
        ['right', input.rule.right],
      ]
    : [['expression', input.expression!]];
  const errors = parts.flatMap(([part, source]) =>
    checkExpression(source, { knownFields, fieldType }).map((e) => errorJson(part, e)),
  );
  if (errors.length > 0) return { ok: false, errors };
  const resolver = resolverFromRecord(input.values);
  try {
    if (input.rule) {
      const result = evaluateRule(
        {
          left: input.rule.left,
          operator: input.rule.operator as ComparisonOperator,
          right: input.rule.right,
          severity: 'error',
          tolerance: input.rule.tolerance,
        },
        resolver,
      );
      return {
        ok: true,
        status: result.status,
        leftValue: result.leftValue,
        rightValue: result.rightValue,
        difference: result.difference,
        errors: [],
      };
    }
    const parsed = tryParse(input.expression!);
    return { ok: true, value: evaluate((parsed as { ast: Ast }).ast, resolver), errors: [] };
  } catch (error) {
    if (error instanceof ExpressionError)
      return { ok: false, errors: [errorJson(input.rule ? 'rule' : 'expression', error)] };
    throw error;
  }
}
