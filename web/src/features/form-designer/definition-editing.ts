/**
 * Pure helpers of the form designer: immutable edits of a form definition, new items with codes
 * that do not clash, the tidying that turns what the inputs hold into a definition the API
 * accepts, and sample-value evaluation that survives a half-written expression.
 */
import {
  type AggregationMethod,
  type CellValues,
  computedFieldOrder,
  evaluate,
  type FieldDefinition,
  type FieldType,
  type FormDefinition,
  type FormProblem,
  fieldCellKeys,
  formFields,
  isNumericType,
  type KnownFields,
  type LocalizedText,
  resolverFromRecord,
  type SectionDefinition,
  tidyNumber,
  tryParse,
  type ValidationRuleDefinition,
} from '@baocao/domain';

export type Language = 'vi' | 'en';

/** The item a definition path points at, for showing a problem where it is. */
export type ProblemTarget =
  | { kind: 'form'; property: string }
  | { kind: 'section'; section: number; property: string }
  | { kind: 'field'; section: number; field: number; property: string }
  | { kind: 'rule'; rule: number; property: string }
  | { kind: 'optionSet'; optionSet: number; property: string };

/** `sections.1.fields.3.expression` → the field at (1, 3), property `expression`. */
export function problemTarget(path: string): ProblemTarget {
  const parts = path.split('.');
  const index = (i: number) => Number(parts[i]);
  if (parts[0] === 'sections' && parts.length >= 2 && Number.isInteger(index(1))) {
    if (parts[2] === 'fields' && Number.isInteger(index(3)))
      return { kind: 'field', section: index(1), field: index(3), property: parts.slice(4).join('.') };
    return { kind: 'section', section: index(1), property: parts.slice(2).join('.') };
  }
  if (parts[0] === 'rules' && Number.isInteger(index(1)))
    return { kind: 'rule', rule: index(1), property: parts.slice(2).join('.') };
  if (parts[0] === 'optionSets' && Number.isInteger(index(1)))
    return { kind: 'optionSet', optionSet: index(1), property: parts.slice(2).join('.') };
  return { kind: 'form', property: path };
}

/** The problems whose path is `prefix` or lies under it. */
export function problemsUnder(problems: readonly FormProblem[], prefix: string): FormProblem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`));
}

/** A copy of `list` with the item at `index` moved by `delta` places (clamped to the list). */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, index + delta));
  const copy = [...list];
  if (index < 0 || index >= list.length || target === index) return copy;
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

/** A copy of `list` with the item at `index` replaced. */
export function replaceItem<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current));
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** `base`, or `base_2`, `base_3`… whichever is not taken; always a valid code (letter first, ≤ 40). */
export function uniqueCode(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = (base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '') || 'ma').slice(0, 34);
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A new item for a list of coded, labelled items (options, rows, columns): `prefix` + its position, kept unique. */
export function newLabelledItem(prefix: string, existing: readonly { code: string }[], labelVi: string) {
  return {
    code: uniqueCode(
      `${prefix}${existing.length + 1}`,
      existing.map((item) => item.code),
    ),
    label: { vi: labelVi, en: '' },
  };
}

export function defaultAggregation(type: FieldType): FieldDefinition['aggregation'] {
  return isNumericType(type) ? { hierarchy: 'sum', time: 'sum' } : { hierarchy: 'last', time: 'last' };
}

/** Aggregation methods that fit a type: text, dates, yes/no and choices cannot be summed or averaged. */
export function aggregationMethodsFor(type: FieldType, all: readonly AggregationMethod[]): AggregationMethod[] {
  return isNumericType(type) ? [...all] : all.filter((m) => m !== 'sum' && m !== 'average');
}

/** The field with a new type, dropping what the new type cannot have. */
export function withFieldType(field: FieldDefinition, type: FieldType): FieldDefinition {
  const next: FieldDefinition = { ...field, type };
  if (!isNumericType(type)) {
    delete next.min;
    delete next.max;
    const fits = (m: AggregationMethod) => m !== 'sum' && m !== 'average';
    next.aggregation = {
      hierarchy: fits(field.aggregation.hierarchy) ? field.aggregation.hierarchy : 'last',
      time: fits(field.aggregation.time) ? field.aggregation.time : 'last',
    };
  }
  if (type !== 'choice') delete next.optionSet;
  return next;
}

/** The first (row, column) cell of a table section that no field occupies yet. */
export function firstFreeCell(
  form: FormDefinition,
  section: SectionDefinition,
): { row: string; column: string } | null {
  const taken = new Set<string>();
  for (const field of section.fields) {
    if (field.column === undefined) continue;
    if (field.disaggregation) {
      for (const key of fieldCellKeys(form, field)) taken.add(`${key.slice(field.code.length + 1)}|${field.column}`);
    } else if (field.row !== undefined) taken.add(`${field.row}|${field.column}`);
  }
  for (const row of section.rows ?? [])
    for (const column of section.columns ?? [])
      if (!taken.has(`${row.code}|${column.code}`)) return { row: row.code, column: column.code };
  return null;
}

const allFieldCodes = (form: FormDefinition) => formFields(form).map((f) => f.code);

/** A new field for a section: an entered whole number, or a computed one; placed on a free table cell. */
export function newField(
  form: FormDefinition,
  sectionIndex: number,
  options: { computed?: boolean; label: LocalizedText },
): FieldDefinition {
  const section = form.sections[sectionIndex]!;
  const computed = !!options.computed;
  const code = uniqueCode(computed ? 'chi_tieu_tinh' : 'chi_tieu', allFieldCodes(form));
  const field: FieldDefinition = {
    code,
    label: options.label,
    type: computed ? 'decimal' : 'integer',
    // A computed field is evaluated again at every level and period, never added up.
    aggregation: computed ? { hierarchy: 'none', time: 'none' } : defaultAggregation('integer'),
    ...(computed ? { expression: '' } : { min: 0 }),
  };
  if (section.layout === 'table') {
    const cell = firstFreeCell(form, section);
    if (cell) Object.assign(field, cell);
  }
  if (section.layout === 'narrative') {
    field.type = 'text';
    field.aggregation = defaultAggregation('text');
    delete field.min;
  }
  return field;
}

export function newSection(form: FormDefinition, title: LocalizedText): SectionDefinition {
  return {
    code: uniqueCode(
      `phan_${form.sections.length + 1}`,
      form.sections.map((s) => s.code),
    ),
    title,
    layout: 'list',
    fields: [],
  };
}

export function newRule(form: FormDefinition, message: LocalizedText): ValidationRuleDefinition {
  const numeric = formFields(form).filter((f) => isNumericType(f.type));
  const left = numeric[1] ?? numeric[0];
  const right = numeric[0];
  return {
    code: uniqueCode(
      `qt_${form.rules.length + 1}`,
      form.rules.map((r) => r.code),
    ),
    left: left ? `#{${left.code}}` : '0',
    operator: '<=',
    right: right ? `#{${right.code}}` : '0',
    severity: 'error',
    message,
  };
}

const trimmed = (text: string | undefined) => (text ?? '').trim();

function tidyLabel(label: LocalizedText): LocalizedText {
  return { vi: label.vi, en: label.en ?? '' };
}

/** An optional label is left out when both languages are blank (a blank Vietnamese label is invalid). */
function optionalLabel(label: LocalizedText | undefined): LocalizedText | undefined {
  if (!label || (!trimmed(label.vi) && !trimmed(label.en))) return undefined;
  return tidyLabel(label);
}

function tidyField(field: FieldDefinition): FieldDefinition {
  const next: FieldDefinition = { ...field, label: tidyLabel(field.label) };
  const drop = <K extends keyof FieldDefinition>(key: K, when: boolean) => {
    if (when) delete next[key];
  };
  drop('unit', !trimmed(field.unit));
  drop('min', field.min === undefined || field.min === null || !Number.isFinite(field.min));
  drop('max', field.max === undefined || field.max === null || !Number.isFinite(field.max));
  drop('optionSet', !field.optionSet);
  drop('disaggregation', !field.disaggregation);
  drop('row', !field.row);
  drop('column', !field.column);
  drop('required', !field.required);
  drop('commentWhenMissing', !field.commentWhenMissing);
  const help = optionalLabel(field.help);
  if (help) next.help = help;
  else delete next.help;
  return next;
}

/**
 * What the inputs hold, as a definition the API accepts: blank optional values left out (a cleared
 * number, an empty unit, help or instructions with no text). A computed field keeps its expression
 * even while blank, so the checks say it is missing rather than silently making it an input.
 */
export function tidyDefinition(form: FormDefinition): FormDefinition {
  const next: FormDefinition = {
    ...form,
    title: tidyLabel(form.title),
    sections: form.sections.map((section) => {
      const tidy: SectionDefinition = { ...section, fields: section.fields.map(tidyField) };
      if (section.layout !== 'table' && (section.rows ?? []).length === 0) delete tidy.rows;
      if (section.layout !== 'table' && (section.columns ?? []).length === 0) delete tidy.columns;
      return tidy;
    }),
  };
  const instructions = optionalLabel(form.instructions);
  if (instructions) next.instructions = instructions;
  else delete next.instructions;
  return next;
}

/** The fields an expression may read: each field's code with its disaggregation options. */
export function knownFieldsOf(form: FormDefinition): KnownFields {
  const sets = new Map(form.optionSets.map((set) => [set.code, new Set(set.options.map((o) => o.code))]));
  return new Map(
    formFields(form).map((field) => [
      field.code,
      field.disaggregation ? (sets.get(field.disaggregation) ?? new Set<string>()) : new Set<string>(),
    ]),
  );
}

export function expressionTypeOf(type: FieldType): 'number' | 'string' | 'boolean' {
  if (isNumericType(type)) return 'number';
  return type === 'boolean' ? 'boolean' : 'string';
}

/** Looks up the expression type of a field reference (`#{code}` or `#{code.option}`). */
export function fieldTypeLookup(form: FormDefinition) {
  const types = new Map(formFields(form).map((f) => [f.code, expressionTypeOf(f.type)]));
  return (ref: { form?: string; field: string }) => (ref.form === undefined ? types.get(ref.field) : undefined);
}

/**
 * The sample values with every computed field evaluated, in dependency order. A computed field
 * whose expression does not parse (or that sits in a cycle) is blank rather than stopping the
 * others, since the designer shows a definition while it is being written.
 */
export function computeSampleValues(form: FormDefinition, samples: CellValues): CellValues {
  const parseable = formFields(form).filter((f) => f.expression !== undefined && tryParse(f.expression).ok);
  const definitions = (fields: FieldDefinition[]) => fields.map((f) => ({ code: f.code, expression: f.expression! }));
  let order = computedFieldOrder(definitions(parseable));
  if (!order.ok) {
    const inCycle = new Set(order.errors.flatMap((e) => e.cycle ?? []));
    order = computedFieldOrder(definitions(parseable.filter((f) => !inCycle.has(f.code))));
  }
  const codes = order.ok ? order.order : [];
  const byCode = new Map(parseable.map((f) => [f.code, f]));
  const values: CellValues = { ...samples };
  for (const field of formFields(form)) if (field.expression !== undefined) values[field.code] = null;
  for (const code of codes) {
    const field = byCode.get(code);
    const parsed = field ? tryParse(field.expression!) : null;
    if (!parsed?.ok) continue;
    try {
      const value = evaluate(parsed.ast, resolverFromRecord(values));
      values[code] = typeof value === 'number' ? tidyNumber(value) : value;
    } catch {
      values[code] = null;
    }
  }
  return values;
}
