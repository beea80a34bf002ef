/**
 * Expected circular distance between two moments known only as windows, each uniform on its window.
 * Exact and O(1): the density of the difference of two uniforms is a trapezoid (four ramps), and the
 * integral of a ramp against the circular-distance "triangle wave" has a closed form (G2 below).
 */

/** Second antiderivative of the triangle wave of period p, up to a linear term (which cancels). */
function g2(z: number, p: number): number {
  let u = z % p;
  if (u < 0) u += p;
  if (u > p / 2) u = p - u;
  return (p * z * z) / 8 + (u * u * u) / 6 - (p * u * u) / 8;
}

/** Shortest distance around a circle of period p. */
export function circularDistance(a: number, b: number, p: number): number {
  let d = Math.abs(a - b) % p;
  if (d > p / 2) d = p - d;
  return d;
}

/**
 * E|X − Y| on a circle of period p, X ~ U[a, a + la), Y ~ U[b, b + lb). Zero-length windows are
 * treated as `minLength` long (default one minute of a day) so the formula stays defined and
 * numerically stable; the result is symmetric in (a, la)/(b, lb).
 */
export function expectedCircularDistance(
  a: number,
  la: number,
  b: number,
  lb: number,
  p: number,
  minLength = p / 1440,
): number {
  const l1 = Math.max(la, minLength);
  const l2 = Math.max(lb, minLength);
  // Shift so both windows start near zero: keeps the cubic terms small and precise.
  let d = (b - a) % p;
  if (d < 0) d += p;
  const c0 = d - l1;
  const c1 = d;
  const c2 = d + l2 - l1;
  const c3 = d + l2;
  const e = (g2(c0, p) - g2(c1, p) - g2(c2, p) + g2(c3, p)) / (l1 * l2);
  // Guard against rounding just outside the possible range.
  return Math.min(Math.max(e, 0), p / 2);
}

/** Minutes in a day and in a week; the week starts Monday 00:00 local time (周一). */
export const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 10_080;
/** 1970-01-01 was a Thursday: three days after a Monday. */
const EPOCH_WEEK_SHIFT_MIN = 3 * DAY_MINUTES;

/** Local minute of the day of an instant. */
export function minuteOfDay(ms: number, offsetMs: number): number {
  const m = Math.floor((ms + offsetMs) / 60_000) % DAY_MINUTES;
  return m < 0 ? m + DAY_MINUTES : m;
}

/** Local minute of the week (0 = Monday 00:00) of an instant. */
export function minuteOfWeek(ms: number, offsetMs: number): number {
  const m = (Math.floor((ms + offsetMs) / 60_000) + EPOCH_WEEK_SHIFT_MIN) % WEEK_MINUTES;
  return m < 0 ? m + WEEK_MINUTES : m;
}
