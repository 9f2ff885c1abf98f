/**
 * Cross-source checks: rules of a form that compare its figures with another
 * form's of the same regime (`#{FORM:code}`), e.g. what the treasury disbursed
 * for a policy against what the labour office reports paid. They cannot be
 * checked where one unit enters one form; they are checked where both sources
 * meet — at the consolidating unit, on the consolidated figures of each form.
 */
import { computeFields } from '../aggregation/aggregate';
import type { ExpressionValue } from '../expressions/ast';
import { resolverFromRecord, tidyNumber } from '../expressions/evaluator';
import { tryParse } from '../expressions/parser';
import { fieldNodes } from '../expressions/references';
import { evaluateRule, type RuleEvaluationStatus } from '../expressions/rules';
import type { CellValues, FormDefinition, ValidationRuleDefinition } from './form-definition';

export interface CrossCheck {
  code: string;
  severity: 'error' | 'warning';
  message: { vi: string; en: string };
  /** `skipped` when a side has no figure yet (a source has not reported). */
  status: RuleEvaluationStatus;
  left: ExpressionValue;
  right: ExpressionValue;
  /** left − right when both are numbers. */
  difference: number | null;
  tolerance: number;
  /** The other forms the rule reads. */
  forms: string[];
}

/** The forms other than its own that a rule reads; empty for an in-form rule. */
export function crossFormsOf(rule: ValidationRuleDefinition): string[] {
  const forms = new Set<string>();
  for (const side of [rule.left, rule.right]) {
    const parsed = tryParse(side);
    if (!parsed.ok) continue;
    for (const node of fieldNodes(parsed.ast)) if (node.ref.form !== undefined) forms.add(node.ref.form);
  }
  return [...forms];
}

/**
 * Evaluates a form's cross-source rules on its figures (`own`) and the other
 * forms' figures (`others`, by form code; computed fields are filled in for the
 * own form, and taken as stored for the others).
 */
export function evaluateCrossChecks(
  form: FormDefinition,
  own: CellValues,
  others: ReadonlyMap<string, CellValues>,
): CrossCheck[] {
  const record: Record<string, ExpressionValue> = { ...computeFields(form, own) };
  for (const [code, values] of others)
    for (const [key, value] of Object.entries(values)) record[`${code}:${key}`] = value;
  const resolver = resolverFromRecord(record);
  const checks: CrossCheck[] = [];
  for (const rule of form.rules) {
    const forms = crossFormsOf(rule);
    if (forms.length === 0) continue;
    const base = {
      code: rule.code,
      severity: rule.severity,
      message: rule.message,
      tolerance: rule.tolerance ?? 0,
      forms,
    };
    try {
      const result = evaluateRule(rule, resolver);
      checks.push({
        ...base,
        status: result.status,
        left: result.leftValue,
        right: result.rightValue,
        // 120.3 − 120 is 0.3 to the reader, not 0.29999999999999716.
        difference:
          result.difference === null
            ? null
            : tidyNumber(
                result.difference,
                Math.max(Math.abs(Number(result.leftValue)), Math.abs(Number(result.rightValue))),
              ),
      });
    } catch {
      // Operands of the wrong type for these figures: the check cannot be made.
      checks.push({ ...base, status: 'skipped', left: null, right: null, difference: null });
    }
  }
  return checks;
}
