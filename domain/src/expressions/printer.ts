import { type Ast, type BinaryOperator, fieldReferenceKey } from './ast';

const precedence: Record<BinaryOperator, number> = {
  or: 1,
  and: 2,
  '=': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};
const comparisonLevel = 3;
const unaryLevel = 6;
const primaryLevel = 7;

/**
 * Prints a syntax tree back as canonical source: canonical operator spellings (`=`, `!=`, `and`,
 * `or`, `not`), canonical function names (`isNull`), double-quoted strings, single spaces around
 * binary operators, and only the parentheses the grouping needs. `parseExpression(printExpression(ast))`
 * gives back `ast` (apart from source positions). A non-finite number, which the parser never
 * produces, prints as `null`, the value it would evaluate to.
 */
export function printExpression(ast: Ast): string {
  switch (ast.kind) {
    case 'number':
      if (!Number.isFinite(ast.value)) return 'null';
      return ast.value < 0 ? `-${String(-ast.value)}` : String(ast.value);
    case 'string':
      return `"${ast.value.replace(/[\\"\n\r\t]/g, (c) => escapes[c] ?? c)}"`;
    case 'boolean':
      return String(ast.value);
    case 'null':
      return 'null';
    case 'field':
      return `#{${fieldReferenceKey(ast.ref)}}`;
    case 'unary': {
      const operand =
        level(ast.operand) < unaryLevel ? `(${printExpression(ast.operand)})` : printExpression(ast.operand);
      return ast.operator === 'not' ? `not ${operand}` : `${ast.operator}${operand}`;
    }
    case 'binary': {
      const own = precedence[ast.operator];
      const leftLevel = level(ast.left);
      const left =
        leftLevel < own || (own === comparisonLevel && leftLevel === own)
          ? parenthesize(ast.left)
          : printExpression(ast.left);
      const right = level(ast.right) <= own ? parenthesize(ast.right) : printExpression(ast.right);
      return `${left} ${ast.operator} ${right}`;
    }
    case 'call':
      return `${ast.name}(${ast.args.map(printExpression).join(', ')})`;
  }
}

const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function parenthesize(ast: Ast): string {
  return `(${printExpression(ast)})`;
}

function level(ast: Ast): number {
  if (ast.kind === 'binary') return precedence[ast.operator];
  if (ast.kind === 'unary' || (ast.kind === 'number' && ast.value < 0)) return unaryLevel;
  return primaryLevel;
}
