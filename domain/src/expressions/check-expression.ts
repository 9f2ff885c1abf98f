import type { ExpressionError } from './expression-error';
import { tryParse } from './parser';
import { type KnownFields, type KnownForms, validateReferences } from './references';
import { type FieldTypeLookup, typeCheck } from './type-check';

export interface CheckExpressionOptions {
  /** The fields of the expression's own form; omit to leave references unchecked. */
  knownFields?: KnownFields;
  /** The other forms of the regime; see {@link validateReferences}. */
  knownForms?: KnownForms;
  fieldType?: FieldTypeLookup;
  /** `number` for a computed field, `boolean` for a validation rule written as one condition. */
  expected?: 'number' | 'string' | 'boolean';
}

/**
 * Everything wrong with an expression, for a form designer to show before a form version is
 * published: the syntax error if it does not parse, otherwise the unknown references and the type
 * errors, in that order. An empty list means the expression is fit to publish.
 */
export function checkExpression(source: string, options: CheckExpressionOptions = {}): ExpressionError[] {
  const parsed = tryParse(source);
  if (!parsed.ok) return [parsed.error];
  const referenceErrors =
    options.knownFields === undefined ? [] : validateReferences(parsed.ast, options.knownFields, options.knownForms);
  return [...referenceErrors, ...typeCheck(parsed.ast, { fieldType: options.fieldType, expected: options.expected })];
}
