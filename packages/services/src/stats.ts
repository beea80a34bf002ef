/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p% of
 * the values at or below it, so the answer is always an observed value. null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, not ${p}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('percentile of a non-finite value');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** num ÷ den as a fraction; null when there is nothing to divide by. */
export function rate(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/** 好差评: 4 满意 and 5 非常满意. */
export function satisfied(level: number): boolean {
  return level === 4 || level === 5;
}

/** 好差评: 1 非常不满意 and 2 不满意 are bad reviews, each owed a callback. */
export function isBadReview(level: number): boolean {
  return level === 1 || level === 2;
}
