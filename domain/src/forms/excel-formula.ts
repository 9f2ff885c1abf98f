import type { Ast } from '../expressions/ast';

/** Excel text literal. */
const excelString = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * Translates an expression to an Excel formula over the template's cells, or null when it reads
 * something the sheet does not have (another form, a missing cell).
 */
export function excelFormula(ast: Ast, addressOf: (key: string) => string | undefined): string | null {
  const go = (node: Ast): string | null => {
    switch (node.kind) {
      case 'number':
        return Number.isFinite(node.value) ? String(node.value) : null;
      case 'string':
        return excelString(node.value);
      case 'boolean':
        return node.value ? 'TRUE' : 'FALSE';
      case 'null':
        return '""';
      case 'field': {
        if (node.ref.form !== undefined) return null;
        return (
          addressOf(node.ref.option === undefined ? node.ref.field : `${node.ref.field}.${node.ref.option}`) ?? null
        );
      }
      case 'unary': {
        const operand = go(node.operand);
        if (operand === null) return null;
        return node.operator === 'not' ? `NOT(${operand})` : `(${node.operator}${operand})`;
      }
      case 'binary': {
        const left = go(node.left);
        const right = go(node.right);
        if (left === null || right === null) return null;
        switch (node.operator) {
          case 'and':
            return `AND(${left},${right})`;
          case 'or':
            return `OR(${left},${right})`;
          case '%':
            // The remainder of truncated division, as the evaluator computes it.
            return `(${left}-${right}*TRUNC(${left}/${right}))`;
          case '!=':
            return `(${left}<>${right})`;
          default:
            return `(${left}${node.operator}${right})`;
        }
      }
      case 'call': {
        const args = node.args.map(go);
        if (args.some((a) => a === null)) return null;
        const list = args as string[];
        switch (node.name) {
          case 'if':
            return `IF(${list.join(',')})`;
          case 'isNull':
            return `(${list[0]}="")`;
          case 'coalesce':
            return list.reduceRight((rest, arg) => `IF(${arg}<>"",${arg},${rest})`, '""');
          case 'sum':
          case 'min':
          case 'max':
          case 'abs':
            return `${node.name.toUpperCase()}(${list.join(',')})`;
          case 'round':
            return `ROUND(${list[0]},${list[1] ?? '0'})`;
          default:
            return null;
        }
      }
    }
  };
  return go(ast);
}
