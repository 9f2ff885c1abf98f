/**
 * The cells of a form: its fields in layout order and their cell keys (`field`, or `field.option`
 * for a disaggregated field). Apart from the TypeBox schemas of form-definition.ts so that code
 * reading values (the web's entry page, aggregation, checks) does not bring those schemas and
 * TypeBox with it: the web app downloads only what it imports.
 */
import type { FieldDefinition, FieldType, FormDefinition } from './form-definition';

/** All fields of a form, in layout order. */
export function formFields(form: FormDefinition): FieldDefinition[] {
  return form.sections.flatMap((section) => section.fields);
}

/** The cell keys of a field: the code itself, or one `code.option` per disaggregation option. */
export function fieldCellKeys(form: FormDefinition, field: FieldDefinition): string[] {
  if (!field.disaggregation) return [field.code];
  const set = form.optionSets.find((s) => s.code === field.disaggregation);
  return set ? set.options.map((o) => `${field.code}.${o.code}`) : [field.code];
}

/** Every cell key of a form, in layout order. */
export function formCellKeys(form: FormDefinition): string[] {
  return formFields(form).flatMap((field) => fieldCellKeys(form, field));
}

export function isNumericType(type: FieldType): boolean {
  return type === 'integer' || type === 'decimal' || type === 'money' || type === 'percent';
}
