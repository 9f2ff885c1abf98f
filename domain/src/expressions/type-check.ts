import type { Ast, FieldReference } from './ast';
import { type BilingualText, ExpressionError, expressionMessages, typeNames } from './expression-error';

/** The static type of an expression; `unknown` when it depends on a field of unknown type. */
export type ExpressionType = 'number' | 'string' | 'boolean' | 'null' | 'unknown';

/** The type of a field's values, or undefined when not known (then anything is allowed). */
export type FieldTypeLookup = (ref: FieldReference) => ExpressionType | undefined;

export interface TypeCheckOptions {
  fieldType?: FieldTypeLookup;
  /** The type the whole expression must have: `number` for a computed field, `boolean` for a rule. */
  expected?: 'number' | 'string' | 'boolean';
}

/**
 * Infers the type of an expression and finds every operator or function applied to a value of the
 * wrong type, e.g. `#{name} + 1` where `name` is text, or `not #{a} > 5` (which reads as
 * `(not #{a}) > 5`). A `null` literal fits every type; an `unknown` one is never an error.
 */
export function inferType(ast: Ast, fieldType?: FieldTypeLookup): { type: ExpressionType; errors: ExpressionError[] } {
  const errors: ExpressionError[] = [];
  const type = new TypeInference(errors, fieldType).infer(ast);
  return { type, errors };
}

/**
 * Checks the types in an expression and, with `options.expected`, the type of its result.
 * Returns the errors (code `EXPR_TYPE`) with positions; an empty list when the expression is sound.
 */
export function typeCheck(ast: Ast, options: TypeCheckOptions = {}): ExpressionError[] {
  const { type, errors } = inferType(ast, options.fieldType);
  if (options.expected !== undefined && !fits(type, options.expected)) {
    errors.push(
      new ExpressionError(
        'EXPR_TYPE',
        ast.span,
        expressionMessages.resultType(typeNames[options.expected], typeNames[type]),
      ),
    );
  }
  return errors;
}

function fits(type: ExpressionType, wanted: ExpressionType): boolean {
  return type === wanted || type === 'unknown' || type === 'null';
}

class TypeInference {
  constructor(
    private readonly errors: ExpressionError[],
    private readonly fieldType: FieldTypeLookup | undefined,
  ) {}

  infer(node: Ast): ExpressionType {
    switch (node.kind) {
      case 'number':
      case 'string':
      case 'boolean':
      case 'null':
        return node.kind;
      case 'field':
        return this.fieldType?.(node.ref) ?? 'unknown';
      case 'unary':
        return node.operator === 'not'
          ? this.require(node.operand, 'boolean', node.operator, false)
          : this.require(node.operand, 'number', node.operator, false);
      case 'binary': {
        const { operator } = node;
        if (operator === 'and' || operator === 'or') {
          this.require(node.left, 'boolean', operator, false);
          this.require(node.right, 'boolean', operator, false);
          return 'boolean';
        }
        if (operator === '=' || operator === '!=') {
          const left = this.infer(node.left);
          const right = this.infer(node.right);
          if (isConcrete(left) && isConcrete(right) && left !== right) {
            this.errors.push(
              new ExpressionError(
                'EXPR_TYPE',
                node.span,
                expressionMessages.mismatchedComparison(operator, typeNames[left], typeNames[right]),
              ),
            );
          }
          return 'boolean';
        }
        this.require(node.left, 'number', operator, false);
        this.require(node.right, 'number', operator, false);
        return operator === '<' || operator === '<=' || operator === '>' || operator === '>=' ? 'boolean' : 'number';
      }
      case 'call':
        switch (node.name) {
          case 'if': {
            const [condition, whenTrue, whenFalse] = node.args;
            if (condition !== undefined) this.require(condition, 'boolean', node.name, true);
            return this.join(node, [whenTrue, whenFalse]);
          }
          case 'isNull':
            for (const arg of node.args) this.infer(arg);
            return 'boolean';
          case 'coalesce':
            return this.join(node, node.args);
          case 'sum':
          case 'min':
          case 'max':
          case 'abs':
          case 'round':
            for (const arg of node.args) this.require(arg, 'number', node.name, true);
            return 'number';
        }
    }
  }

  /** Infers `node`, reports it unless it fits `wanted`, and returns `wanted` so one mistake is reported once. */
  private require(node: Ast, wanted: ExpressionType, operator: string, isFunction: boolean): ExpressionType {
    const type = this.infer(node);
    if (!fits(type, wanted)) {
      const expected: BilingualText = typeNames[wanted];
      const text = isFunction
        ? expressionMessages.argumentType(operator, expected, typeNames[type])
        : expressionMessages.operandType(operator, expected, typeNames[type]);
      this.errors.push(new ExpressionError('EXPR_TYPE', node.span, text));
    }
    return wanted;
  }

  /** The common type of the values a call may return (branches of `if`, arguments of `coalesce`). */
  private join(call: Ast & { kind: 'call' }, nodes: readonly (Ast | undefined)[]): ExpressionType {
    let joined: ExpressionType = 'null';
    for (const node of nodes) {
      if (node === undefined) continue;
      const type = this.infer(node);
      if (type === 'null' || type === joined) continue;
      if (joined === 'null') joined = type;
      else if (type === 'unknown' || joined === 'unknown') joined = 'unknown';
      else {
        this.errors.push(
          new ExpressionError(
            'EXPR_TYPE',
            node.span,
            expressionMessages.mismatchedBranches(call.name, typeNames[joined], typeNames[type]),
          ),
        );
        joined = 'unknown';
      }
    }
    return joined;
  }
}

function isConcrete(type: ExpressionType): boolean {
  return type !== 'unknown' && type !== 'null';
}
