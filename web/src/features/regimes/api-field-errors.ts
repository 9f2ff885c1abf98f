import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client';

type NamePath = (string | number)[];

interface FieldProblem {
  field: string;
  message: string | { vi: string; en: string };
}

const samePath = (a: NamePath, b: NamePath) => a.length === b.length && a.every((part, i) => part === b[i]);
const startsWith = (path: NamePath, prefix: NamePath) =>
  prefix.length <= path.length && prefix.every((part, i) => part === path[i]);

/**
 * Puts the problems an API error names (`field`, and every one of `details.problems` when the
 * server lists them all) next to the matching inputs of an Ant Design form. A dotted path such as
 * `definition.schedules.0.due.time` becomes the form name `['schedules', 0, 'due', 'time']`
 * after removing `stripPrefix` (a unique constraint's name is first mapped by `aliases`); a path naming a group (`schedules.0.due`) lands on its first
 * input, a path inside a multi-value input (`recipientUnitCodes.1`) on that input. Returns
 * whether at least one problem was placed; else the caller shows the error as an alert.
 */
export function placeApiFieldErrors(
  form: FormInstance,
  error: unknown,
  language: string,
  stripPrefix = 'definition.',
  aliases: Readonly<Record<string, string>> = {},
): boolean {
  if (!isApiError(error)) return false;
  const details = error.details as { problems?: FieldProblem[] } | undefined;
  const problems: FieldProblem[] =
    Array.isArray(details?.problems) && details.problems.every((p) => typeof p?.field === 'string')
      ? details.problems
      : error.field
        ? [{ field: error.field, message: error.message }]
        : [];
  const registered = form.getFieldsError().map((entry) => entry.name as NamePath);
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  for (const problem of problems) {
    const field = aliases[problem.field] ?? problem.field;
    const dotted = field.startsWith(stripPrefix) ? field.slice(stripPrefix.length) : field;
    const path: NamePath = dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const target =
      registered.find((name) => samePath(name, path)) ??
      registered.filter((name) => startsWith(path, name)).sort((a, b) => b.length - a.length)[0] ??
      registered.find((name) => startsWith(name, path));
    if (!target) continue;
    const text =
      typeof problem.message === 'string'
        ? problem.message
        : language === 'en'
          ? problem.message.en
          : problem.message.vi;
    const key = JSON.stringify(target);
    const entry = placed.get(key) ?? { name: target, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    placed.set(key, entry);
  }
  const entries = [...placed.values()];
  if (entries.length === 0) return false;
  form.setFields(entries);
  form.scrollToField(entries[0]!.name, { block: 'center' });
  return true;
}
