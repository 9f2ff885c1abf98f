import { tryParse } from '../expressions/parser';
import { fieldNodes } from '../expressions/references';
import type { FormDefinition } from './form-definition';

/**
 * Rewrites a source text's references to field `from` of its own form — `#{from}` and
 * `#{from.option}` — as references to `to`, leaving everything else as typed. A text that does
 * not parse is returned unchanged (its references cannot be told apart safely).
 */
export function renameReferencesIn(source: string, from: string, to: string): { text: string; count: number } {
  const parsed = tryParse(source);
  if (!parsed.ok) return { text: source, count: 0 };
  const hits = fieldNodes(parsed.ast)
    .filter((node) => node.ref.form === undefined && node.ref.field === from)
    .sort((a, b) => b.span.start.offset - a.span.start.offset);
  let text = source;
  for (const node of hits) {
    const replacement = `#{${to}${node.ref.option === undefined ? '' : `.${node.ref.option}`}}`;
    text = text.slice(0, node.span.start.offset) + replacement + text.slice(node.span.end.offset);
  }
  return { text, count: hits.length };
}

/**
 * After a field's code changed from `from` to `to`, rewrites the computed fields' expressions and
 * the rules of the form that referred to it, and says how many references were rewritten.
 */
export function renameFieldReferences(
  form: FormDefinition,
  from: string,
  to: string,
): { form: FormDefinition; count: number } {
  if (from === to) return { form, count: 0 };
  let count = 0;
  const rename = (source: string) => {
    const result = renameReferencesIn(source, from, to);
    count += result.count;
    return result.text;
  };
  const sections = form.sections.map((section) => ({
    ...section,
    fields: section.fields.map((field) =>
      field.expression === undefined ? field : { ...field, expression: rename(field.expression) },
    ),
  }));
  const rules = form.rules.map((rule) => ({ ...rule, left: rename(rule.left), right: rename(rule.right) }));
  return { form: count === 0 ? form : { ...form, sections, rules }, count };
}
