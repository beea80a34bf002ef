import type { FormInstance } from 'antd';
import { ApiError, fieldErrorsByName } from './api-error.ts';

/**
 * Puts the server's validation messages under the fields they belong to. Returns true when at
 * least one message found its field, so the caller need not repeat it in a toast.
 */
export function applyFieldErrors(form: FormInstance, fields: readonly string[], error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const byName = fieldErrorsByName(error);
  const known = [...byName].filter(([name]) => fields.includes(name));
  form.setFields(known.map(([name, errors]) => ({ name, errors })));
  return known.length > 0;
}
