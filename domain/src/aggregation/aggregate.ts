/**
 * Aggregation of report values over the unit hierarchy. Each field aggregates by
 * its own method: sums for counts and money; min, max, first, last; average;
 * none for text. Computed fields (ratios, totals) are never aggregated: they are
 * evaluated again from the aggregated parts at every level, so a share is
 * recomputed from summed numerators and denominators, never averaged.
 */
import {
  type Ast,
  computedFieldOrder,
  evaluate,
  parseExpression,
  resolverFromRecord,
  tidyNumber,
} from '../expressions/index';
import { fieldCellKeys, formFields, isNumericType } from '../forms/form-cells';
import type {
  AggregationMethod,
  CellValue,
  CellValues,
  FieldDefinition,
  FormDefinition,
} from '../forms/form-definition';

/** Combines the values of one cell by `method`; nulls and non-numbers are skipped for numeric methods. */
export function aggregateValues(method: AggregationMethod, values: readonly CellValue[]): CellValue {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (method === 'none') return null;
  if (method === 'first') return present[0] ?? null;
  if (method === 'last') return present.at(-1) ?? null;
  const numbers = present.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length === 0) return null;
  switch (method) {
    case 'sum': {
      let total = 0;
      let scale = 0;
      for (const n of numbers) {
        total += n;
        scale = Math.max(scale, Math.abs(n), Math.abs(total));
      }
      return tidyNumber(total, scale);
    }
    case 'average':
      return tidyNumber(numbers.reduce((a, b) => a + b, 0) / numbers.length);
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
  }
}

interface CompiledForm {
  fields: FieldDefinition[];
  inputCells: { key: string; field: FieldDefinition }[];
  /** The input cells' keys (an import validates thousands of reports of one form). */
  inputKeys: ReadonlySet<string>;
  computed: { key: string; ast: Ast }[];
}

const compiled = new WeakMap<FormDefinition, CompiledForm>();

/** Parses a form's computed fields once and orders them so each is evaluated after what it reads. */
export function compileForm(form: FormDefinition): CompiledForm {
  const cached = compiled.get(form);
  if (cached) return cached;
  const fields = formFields(form);
  const computedFields = fields.filter((f) => f.expression);
  const order = computedFieldOrder(computedFields.map((f) => ({ code: f.code, expression: f.expression! })));
  const ordered = order.ok ? order.order : computedFields.map((f) => f.code);
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const inputCells = fields
    .filter((f) => !f.expression)
    .flatMap((field) => fieldCellKeys(form, field).map((key) => ({ key, field })));
  const result: CompiledForm = {
    fields,
    inputCells,
    inputKeys: new Set(inputCells.map((c) => c.key)),
    computed: ordered
      .filter((code) => byCode.get(code)?.expression)
      .map((code) => ({ key: code, ast: parseExpression(byCode.get(code)!.expression!) })),
  };
  compiled.set(form, result);
  return result;
}

/** Fills the computed fields of `values` (in place order-safe: returns a new record). */
export function computeFields(form: FormDefinition, values: CellValues): CellValues {
  const { computed } = compileForm(form);
  const result: CellValues = { ...values };
  // One resolver over the record being filled: each computed field sees those before it.
  const resolver = resolverFromRecord(result);
  for (const { key, ast } of computed) {
    try {
      const value = evaluate(ast, resolver);
      result[key] = typeof value === 'number' ? tidyNumber(value) : value;
    } catch {
      result[key] = null;
    }
  }
  return result;
}

/**
 * The consolidated values of a unit: its children's values and its own entries
 * aggregated cell by cell, plus explicit adjustments, then computed fields
 * evaluated on the result.
 */
export function consolidate(
  form: FormDefinition,
  parts: readonly CellValues[],
  adjustments: Readonly<Record<string, number>> = {},
): CellValues {
  const { inputCells } = compileForm(form);
  const result: CellValues = {};
  for (const { key, field } of inputCells) {
    let value = aggregateValues(
      field.aggregation.hierarchy,
      parts.map((p) => p[key] ?? null),
    );
    const delta = adjustments[key];
    if (delta !== undefined && isNumericType(field.type)) value = tidyNumber(((value as number | null) ?? 0) + delta);
    if (value !== null) result[key] = value;
  }
  return computeFields(form, result);
}
