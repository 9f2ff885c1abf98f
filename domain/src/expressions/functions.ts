import type { ExpressionFunctionName } from './ast';
import type { BilingualText } from './expression-error';

/** A built-in function as the parser and a formula editor see it. */
export interface ExpressionFunction {
  name: ExpressionFunctionName;
  minArgs: number;
  /** `Infinity` for a variadic function. */
  maxArgs: number;
  /** How it is written, for help text. */
  usage: string;
  description: BilingualText;
}

/** The built-in functions, in the order a formula editor should list them. */
export const expressionFunctions: readonly ExpressionFunction[] = [
  {
    name: 'if',
    minArgs: 3,
    maxArgs: 3,
    usage: 'if(điều_kiện, a, b)',
    description: {
      vi: 'Cho a nếu điều kiện đúng, b nếu sai, rỗng nếu điều kiện rỗng.',
      en: 'a when the condition is true, b when false, null when the condition is null.',
    },
  },
  {
    name: 'isNull',
    minArgs: 1,
    maxArgs: 1,
    usage: 'isNull(x)',
    description: { vi: 'Đúng nếu x rỗng (chưa nhập).', en: 'True when x is null (not entered).' },
  },
  {
    name: 'coalesce',
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    usage: 'coalesce(x, mặc_định)',
    description: { vi: 'Giá trị đầu tiên không rỗng.', en: 'The first value that is not null.' },
  },
  {
    name: 'sum',
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    usage: 'sum(a, b, …)',
    description: {
      vi: 'Tổng, bỏ qua các giá trị rỗng; rỗng nếu tất cả đều rỗng.',
      en: 'The total, skipping nulls; null when all are null.',
    },
  },
  {
    name: 'min',
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    usage: 'min(a, b, …)',
    description: {
      vi: 'Giá trị nhỏ nhất, bỏ qua các giá trị rỗng.',
      en: 'The smallest value, skipping nulls.',
    },
  },
  {
    name: 'max',
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    usage: 'max(a, b, …)',
    description: { vi: 'Giá trị lớn nhất, bỏ qua các giá trị rỗng.', en: 'The largest value, skipping nulls.' },
  },
  {
    name: 'round',
    minArgs: 1,
    maxArgs: 2,
    usage: 'round(x, số_chữ_số)',
    description: {
      vi: 'Làm tròn x đến số chữ số thập phân (mặc định 0), nửa làm tròn ra xa số 0.',
      en: 'Rounds x to the given decimal digits (default 0), halves away from zero.',
    },
  },
  {
    name: 'abs',
    minArgs: 1,
    maxArgs: 1,
    usage: 'abs(x)',
    description: { vi: 'Giá trị tuyệt đối.', en: 'The absolute value.' },
  },
];

const byLowerCaseName = new Map(expressionFunctions.map((f) => [f.name.toLowerCase(), f]));

/** Finds a built-in function by name, ignoring case. A Map lookup, so `constructor` or `__proto__` find nothing. */
export function findExpressionFunction(name: string): ExpressionFunction | undefined {
  return byLowerCaseName.get(name.toLowerCase());
}
