import type { Translate } from '../i18n/i18n-context.tsx';
import { ApiError } from './api-error.ts';

/**
 * The sentence to show a user for a failed request. The server's own problem text comes first (it
 * says what to fix); our dictionary covers failures that never reached a Ronghui handler.
 */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  if (error.status === 0) return t('error.network');
  if (error.isProblem) {
    const fields = error.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
    const main = error.detail ?? error.title;
    return fields.length > 0 ? `${main} (${fields.join('; ')})` : main;
  }
  if (error.status === 401) return t('error.unauthorized');
  if (error.status === 403) return t('error.forbidden');
  return t('error.server', { status: error.status });
}
