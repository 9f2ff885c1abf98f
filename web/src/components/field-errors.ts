import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/**
 * Puts an API error next to the form field it names. The server names input
 * fields (`email`, `roles.0`) or, for unique violations, a constraint
 * (`users_username_unique`); both are matched to the form's own field names.
 * Returns whether the error was placed on a field (else show it as an alert).
 */
export function showFieldError(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): boolean {
  if (!isApiError(error) || !error.field) return false;
  const field = aliases[error.field] ?? error.field;
  const head = field.split('.')[0] ?? field;
  const name =
    fields.find((f) => f === field || f === head) ??
    [...fields].sort((a, b) => b.length - a.length).find((f) => field.includes(f));
  if (!name) return false;
  form.setFields([{ name, errors: [error.message] }]);
  form.scrollToField(name);
  return true;
}

/**
 * Runs `onValid` with the form's values when they pass its rules. When they do
 * not, antd already shows the messages beside the fields; the rejected
 * promise is handled here so it does not surface as an uncaught error.
 */
export function whenValid<T>(form: FormInstance<T>, onValid: (values: T) => void): void {
  form.validateFields().then(onValid, () => {});
}
