/**
 * Checks the values of a report against its form: types, bounds, required cells
 * (or their comment when a missing value needs one) and the form's validation
 * rules. Used identically by the entry page as the officer types and by the
 * server on submit. Errors block a submission; warnings do not.
 */
import { compileForm, computeFields } from '../aggregation/aggregate';
import { evaluateRule, parseExpression, referencedFields, resolverFromRecord } from '../expressions/index';
import { isNumericType } from './form-cells';
import type { CellValue, CellValues, FieldDefinition, FormDefinition } from './form-definition';

export interface ValueIssue {
  /** The cell key, or `rule:<code>` for a rule. */
  target: string;
  severity: 'error' | 'warning';
  code: 'type' | 'min' | 'max' | 'required' | 'comment' | 'rule' | 'unknown_cell' | 'outlier';
  message: { vi: string; en: string };
}

function typeProblem(
  field: FieldDefinition,
  value: CellValue,
  form: FormDefinition,
): { vi: string; en: string } | null {
  if (value === null) return null;
  if (isNumericType(field.type)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return { vi: 'Phải là số.', en: 'Must be a number.' };
    if (field.type === 'integer' && !Number.isInteger(value))
      return { vi: 'Phải là số nguyên.', en: 'Must be a whole number.' };
    return null;
  }
  if (field.type === 'boolean')
    return typeof value === 'boolean' ? null : { vi: 'Phải là Có hoặc Không.', en: 'Must be yes or no.' };
  if (field.type === 'date')
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? null
      : { vi: 'Phải là ngày (yyyy-mm-dd).', en: 'Must be a date (yyyy-mm-dd).' };
  if (field.type === 'choice') {
    const set = form.optionSets.find((s) => s.code === field.optionSet);
    return typeof value === 'string' && (!set || set.options.some((o) => o.code === value))
      ? null
      : { vi: 'Không có trong danh sách lựa chọn.', en: 'Not one of the options.' };
  }
  if (typeof value !== 'string') return { vi: 'Phải là văn bản.', en: 'Must be text.' };
  return value.length > 20_000 ? { vi: 'Văn bản quá dài.', en: 'The text is too long.' } : null;
}

const formatNumber = (n: number) => n.toLocaleString('vi-VN');

const rulesReadComputed = new WeakMap<FormDefinition, boolean>();

/**
 * Whether a rule of the form (one checked here: not cross-form) reads a computed field. When
 * none does, the computed fields need not be evaluated to check the rules: an import validates
 * thousands of reports of one form, and evaluating them was most of `validateValues`' time.
 * A rule side that does not parse counts as reading them (it is then evaluated as before).
 */
function readsComputed(form: FormDefinition): boolean {
  let reads = rulesReadComputed.get(form);
  if (reads !== undefined) return reads;
  const computed = new Set(compileForm(form).computed.map((c) => c.key));
  reads = false;
  if (computed.size > 0)
    for (const rule of form.rules) {
      if (rule.left.includes(':') || rule.right.includes(':')) continue;
      for (const side of [rule.left, rule.right]) {
        try {
          if (referencedFields(parseExpression(side)).some((ref) => computed.has(ref.field))) reads = true;
        } catch {
          reads = true;
        }
      }
    }
  rulesReadComputed.set(form, reads);
  return reads;
}

/** Every problem of `values` (entered cells only; computed cells are recomputed here). */
export function validateValues(
  form: FormDefinition,
  values: CellValues,
  comments: Readonly<Record<string, string>> = {},
  options: { isNil?: boolean } = {},
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  const { inputCells, inputKeys } = compileForm(form);
  for (const key of Object.keys(values))
    if (!inputKeys.has(key))
      issues.push({
        target: key,
        severity: 'error',
        code: 'unknown_cell',
        message: { vi: `Không có ô “${key}” trong biểu mẫu.`, en: `The form has no cell “${key}”.` },
      });
  for (const { key, field } of inputCells) {
    const value = values[key] ?? null;
    const problem = typeProblem(field, value, form);
    if (problem) {
      issues.push({ target: key, severity: 'error', code: 'type', message: problem });
      continue;
    }
    if (typeof value === 'number') {
      if (field.min !== undefined && value < field.min)
        issues.push({
          target: key,
          severity: 'error',
          code: 'min',
          message: { vi: `Không được nhỏ hơn ${formatNumber(field.min)}.`, en: `Must be at least ${field.min}.` },
        });
      if (field.max !== undefined && value > field.max)
        issues.push({
          target: key,
          severity: 'error',
          code: 'max',
          message: { vi: `Không được lớn hơn ${formatNumber(field.max)}.`, en: `Must be at most ${field.max}.` },
        });
    }
    if (value === null && !options.isNil) {
      if (field.commentWhenMissing && !(comments[key] ?? '').trim())
        issues.push({
          target: key,
          severity: 'error',
          code: 'comment',
          message: { vi: 'Ô để trống cần có ghi chú giải thích.', en: 'A missing value needs a comment.' },
        });
      else if (field.required && !field.commentWhenMissing)
        issues.push({
          target: key,
          severity: 'error',
          code: 'required',
          message: { vi: 'Bắt buộc nhập.', en: 'Required.' },
        });
    }
  }
  if (issues.some((i) => i.code === 'type') || options.isNil || form.rules.length === 0) return issues;
  const full = readsComputed(form) ? computeFields(form, values) : values;
  const resolver = resolverFromRecord(full);
  for (const rule of form.rules) {
    // Cross-form references (#{FORM:code}) are checked where the other forms' data is at hand.
    if (rule.left.includes(':') || rule.right.includes(':')) continue;
    try {
      const result = evaluateRule(rule, resolver);
      if (result.status === 'fail')
        issues.push({ target: `rule:${rule.code}`, severity: rule.severity, code: 'rule', message: rule.message });
    } catch {
      // A rule whose operands have the wrong type for these values cannot be evaluated; skipped.
    }
  }
  return issues;
}
