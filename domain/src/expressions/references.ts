import { type Ast, type FieldNode, type FieldReference, fieldReferenceKey } from './ast';
import { ExpressionError, expressionMessages } from './expression-error';

/**
 * The fields a form has: a set of field codes, or a map from field code to its disaggregation
 * option codes (then options are checked too; an empty set means the field has no options).
 */
export type KnownFields = ReadonlySet<string> | ReadonlyMap<string, ReadonlySet<string>>;

/** The other forms of the regime: a set of form codes, or a map from form code to its fields (then those are checked too). */
export type KnownForms = ReadonlySet<string> | ReadonlyMap<string, KnownFields>;

/**
 * The distinct fields an expression reads, in order of first appearance. `#{a}` and `#{a.nu}` are
 * distinct: one is the field's total, the other one of its options.
 */
export function referencedFields(ast: Ast): FieldReference[] {
  const seen = new Map<string, FieldReference>();
  for (const node of fieldNodes(ast)) {
    const key = fieldReferenceKey(node.ref);
    if (!seen.has(key)) seen.set(key, { ...node.ref });
  }
  return [...seen.values()];
}

/**
 * Every field reference node of an expression, in source order, with its position.
 */
export function fieldNodes(ast: Ast): FieldNode[] {
  const found: FieldNode[] = [];
  const stack: Ast[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop() as Ast;
    switch (node.kind) {
      case 'field':
        found.push(node);
        break;
      case 'unary':
        stack.push(node.operand);
        break;
      case 'binary':
        stack.push(node.right, node.left);
        break;
      case 'call':
        for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i] as Ast);
        break;
      default:
        break;
    }
  }
  return found;
}

/**
 * Checks that every reference names a known field (`EXPR_UNKNOWN_FIELD`), a known option of it
 * when options are given (`EXPR_UNKNOWN_OPTION`) and, for `#{FORM:code}`, a known form
 * (`EXPR_UNKNOWN_FORM`) and a field of it. One error per offending reference, at its position.
 * Field, form and option codes are case-sensitive.
 *
 * @param knownFields the fields of the expression's own form.
 * @param knownForms the other forms of the regime. Omit it to leave cross-form references
 *   unchecked; pass an empty set to forbid them.
 */
export function validateReferences(ast: Ast, knownFields: KnownFields, knownForms?: KnownForms): ExpressionError[] {
  const errors: ExpressionError[] = [];
  for (const node of fieldNodes(ast)) {
    const { form, field, option } = node.ref;
    let fields: KnownFields = knownFields;
    if (form !== undefined) {
      if (knownForms === undefined) continue;
      const formFields = isMap(knownForms) ? knownForms.get(form) : undefined;
      if (!knownForms.has(form)) {
        errors.push(new ExpressionError('EXPR_UNKNOWN_FORM', node.span, expressionMessages.unknownForm(form)));
        continue;
      }
      if (formFields === undefined) continue;
      fields = formFields;
    }
    if (!fields.has(field)) {
      const text =
        form === undefined
          ? expressionMessages.unknownField(field)
          : expressionMessages.unknownFieldOfForm(form, field);
      errors.push(new ExpressionError('EXPR_UNKNOWN_FIELD', node.span, text));
      continue;
    }
    const options = isMap(fields) ? fields.get(field) : undefined;
    if (option !== undefined && options !== undefined && !options.has(option)) {
      errors.push(
        new ExpressionError('EXPR_UNKNOWN_OPTION', node.span, expressionMessages.unknownOption(field, option)),
      );
    }
  }
  return errors;
}

function isMap<V>(known: ReadonlySet<string> | ReadonlyMap<string, V>): known is ReadonlyMap<string, V> {
  return typeof (known as ReadonlyMap<string, V>).get === 'function';
}
