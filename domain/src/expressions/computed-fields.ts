import { type Ast, type SourceSpan, sourceStartSpan } from './ast';
import { ExpressionError, expressionMessages } from './expression-error';
import { tryParse } from './parser';
import { fieldNodes } from './references';

/** A computed field of a form: its code and the expression (source text or parsed) that computes it. */
export interface ComputedFieldDefinition {
  code: string;
  expression: string | Ast;
}

/** The outcome of {@link computedFieldOrder}. */
export type ComputedFieldOrder = { ok: true; order: string[] } | { ok: false; errors: ExpressionError[] };

/**
 * Orders computed fields so that each comes after the computed fields its expression reads, keeping
 * the given order where dependencies allow. Only same-form references (`#{code}`, `#{code.option}`)
 * to other computed fields are dependencies; everything else is an input.
 *
 * Fails with every problem found, each labelled with the field it belongs to (`error.field`): a syntax
 * error in an expression, `EXPR_DUPLICATE_FIELD` for a code defined twice, and `EXPR_CYCLE` for each
 * cycle, with `error.cycle` naming its fields (each reads the next, the last reads the first) and
 * the position of the reference in the first field's expression that leads into the cycle.
 */
export function computedFieldOrder(definitions: readonly ComputedFieldDefinition[]): ComputedFieldOrder {
  const errors: ExpressionError[] = [];
  const asts = new Map<string, Ast | undefined>();
  for (const { code, expression } of definitions) {
    if (asts.has(code)) {
      errors.push(
        new ExpressionError('EXPR_DUPLICATE_FIELD', sourceStartSpan, expressionMessages.duplicateField(code), {
          field: code,
        }),
      );
      continue;
    }
    if (typeof expression !== 'string') {
      asts.set(code, expression);
      continue;
    }
    const parsed = tryParse(expression);
    if (!parsed.ok) errors.push(parsed.error.forField(code));
    asts.set(code, parsed.ok ? parsed.ast : undefined);
  }

  // code → the computed fields it reads → where it first reads each.
  const dependencies = new Map<string, Map<string, SourceSpan>>();
  for (const [code, ast] of asts) {
    const reads = new Map<string, SourceSpan>();
    for (const node of ast === undefined ? [] : fieldNodes(ast)) {
      if (node.ref.form === undefined && asts.has(node.ref.field) && !reads.has(node.ref.field)) {
        reads.set(node.ref.field, node.span);
      }
    }
    dependencies.set(code, reads);
  }

  const order: string[] = [];
  const reported = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of asts.keys()) {
    if (state.has(root)) continue;
    // Depth-first, iteratively so that a long chain of fields cannot overflow the stack.
    const stack: { code: string; pending: string[] }[] = [
      { code: root, pending: [...dependencyCodes(dependencies, root)] },
    ];
    state.set(root, 'visiting');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const next = frame.pending.shift();
      if (next === undefined) {
        state.set(frame.code, 'done');
        order.push(frame.code);
        stack.pop();
      } else if (!state.has(next)) {
        state.set(next, 'visiting');
        stack.push({ code: next, pending: [...dependencyCodes(dependencies, next)] });
      } else if (state.get(next) === 'visiting') {
        const cycle = stack.slice(stack.findIndex((f) => f.code === next)).map((f) => f.code);
        const key = [...cycle].sort().join('\u0000');
        if (!reported.has(key)) {
          reported.add(key);
          const first = cycle[0] ?? next;
          const span = dependencies.get(first)?.get(cycle[1] ?? first) ?? sourceStartSpan;
          errors.push(
            new ExpressionError('EXPR_CYCLE', span, expressionMessages.cycle(cycle), { field: first, cycle }),
          );
        }
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, order };
}

function dependencyCodes(dependencies: Map<string, Map<string, SourceSpan>>, code: string): Iterable<string> {
  return dependencies.get(code)?.keys() ?? [];
}
