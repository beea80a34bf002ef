export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** The delay never grows beyond this. */
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Delay before the next try after `failures` consecutive failures (≥ 1): exponential, capped, and jittered
 * ("equal jitter": between half and all of the capped delay) so that many phones coming back online together
 * do not all call at the same moment. `random` returns a number in [0, 1).
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, failures - 1);
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(capped / 2 + (capped / 2) * random());
}
