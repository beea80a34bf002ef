import { ApiError } from '../../api/api-error.ts';
import { describeError } from '../../api/describe-error.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import type { Translate } from '../../i18n/i18n-context.tsx';

/** What to tell someone whose sign-in failed: how many tries are left, or until when they wait. */
export function loginErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 401) {
    const remaining = error.numberExtension('remainingAttempts');
    const base =
      remaining === undefined
        ? t('login.wrongPassword')
        : t('login.wrongPasswordRemaining', { n: remaining });
    // The server's own sentence may say more (e.g. the account is disabled); show it unless it repeats ours.
    return error.detail && remaining === undefined ? error.detail : base;
  }
  if (error instanceof ApiError && error.status === 423) {
    const until = error.stringExtension('lockedUntil');
    return until ? t('login.locked', { until: formatDateTime(until) }) : t('login.lockedNoTime');
  }
  return describeError(error, t);
}
