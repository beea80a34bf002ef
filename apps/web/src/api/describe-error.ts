import type { Translate } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { ApiError } from './api-error.ts';

function sentenceFor(status: number): MessageKey | undefined {
  if (status === 400 || status === 422) return 'error.validation';
  if (status === 401) return 'error.unauthorized';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.notFoundResource';
  if (status === 409) return 'error.conflict';
  if (status === 429) return 'error.rateLimited';
  return undefined;
}

/**
 * The sentence to show a user for a failed request: our own words for the kind of failure, in the
 * user's language, followed by the server's specific reason (which says what exactly to fix).
 */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  if (error.status === 0) return t('error.network');
  if (error.status >= 500) return t('error.server', { status: error.status });
  const key = sentenceFor(error.status);
  const fields = error.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const reason = fields.length > 0 ? fields.join('; ') : error.isProblem ? (error.detail ?? error.title) : '';
  if (!key) return reason || t('error.unknown');
  return reason ? t('error.withReason', { message: t(key), reason }) : t(key);
}
