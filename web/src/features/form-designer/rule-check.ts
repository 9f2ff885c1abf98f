import {
  type CellValues,
  checkExpression,
  ExpressionError,
  evaluateRule,
  type FormDefinition,
  fieldReferenceKey,
  formFields,
  type RuleEvaluation,
  referencedFields,
  resolverFromRecord,
  tryParse,
  type ValidationRuleDefinition,
} from '@baocao/domain';
import { fieldTypeLookup, knownFieldsOf } from './definition-editing';

export interface RuleCheck {
  left: ExpressionError[];
  right: ExpressionError[];
  result: RuleEvaluation | null;
  /** An error only evaluation finds (a value of the wrong type). */
  runtime: ExpressionError | null;
}

/** A rule checked and evaluated against the sample values, the way entry will evaluate it. */
export function checkRule(form: FormDefinition, rule: ValidationRuleDefinition, values: CellValues): RuleCheck {
  const options = { knownFields: knownFieldsOf(form), fieldType: fieldTypeLookup(form) };
  const left = rule.left.trim() ? checkExpression(rule.left, options) : [];
  const right = rule.right.trim() ? checkExpression(rule.right, options) : [];
  if (left.length > 0 || right.length > 0 || !rule.left.trim() || !rule.right.trim())
    return { left, right, result: null, runtime: null };
  try {
    return { left, right, result: evaluateRule(rule, resolverFromRecord(values)), runtime: null };
  } catch (error) {
    if (error instanceof ExpressionError) return { left, right, result: null, runtime: error };
    throw error;
  }
}

/** The entered cells a rule reads, directly or through computed fields. */
export function inputKeysOf(form: FormDefinition, rule: ValidationRuleDefinition): string[] {
  const fields = new Map(formFields(form).map((f) => [f.code, f]));
  const keys: string[] = [];
  const seen = new Set<string>();
  const visit = (source: string) => {
    const parsed = tryParse(source);
    if (!parsed.ok) return;
    for (const ref of referencedFields(parsed.ast)) {
      if (ref.form !== undefined) continue;
      const key = fieldReferenceKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      const field = fields.get(ref.field);
      if (field?.expression !== undefined) visit(field.expression);
      else keys.push(key);
    }
  };
  visit(rule.left);
  visit(rule.right);
  return keys;
}
