/** Why an AVL position was refused; counted per reason, reported to the sender. */
export type AvlRejection =
  | 'out-of-range'
  | 'outside-area'
  | 'future-time'
  | 'too-old'
  | 'unknown-unit'
  | 'not-permitted'
  | 'malformed';

export interface AvlBounds {
  /** [minLon, minLat, maxLon, maxLat] of the county, already widened by the allowed margin. */
  bbox: readonly [number, number, number, number];
  /** Clock skew tolerated for device timestamps ahead of the server. */
  maxFutureMs: number;
  /** Positions older than this are history, not live AVL. */
  maxAgeMs: number;
}

export interface AvlFix {
  lon: number;
  lat: number;
  /** Epoch milliseconds of the fix. */
  at: number;
}

/** Checks one fix; `undefined` means accepted. Pure: the caller passes "now" and the bounds. */
export function checkFix(fix: AvlFix, bounds: AvlBounds, now: number): AvlRejection | undefined {
  if (
    !Number.isFinite(fix.lon) ||
    !Number.isFinite(fix.lat) ||
    Math.abs(fix.lon) > 180 ||
    Math.abs(fix.lat) > 90
  ) {
    return 'out-of-range';
  }
  const [minLon, minLat, maxLon, maxLat] = bounds.bbox;
  if (fix.lon < minLon || fix.lon > maxLon || fix.lat < minLat || fix.lat > maxLat) return 'outside-area';
  if (!Number.isFinite(fix.at)) return 'malformed';
  if (fix.at > now + bounds.maxFutureMs) return 'future-time';
  if (fix.at < now - bounds.maxAgeMs) return 'too-old';
  return undefined;
}

/** Widens a bbox by `km` kilometres on every side (at the bbox's mean latitude). */
export function widenBBox(
  bbox: readonly [number, number, number, number],
  km: number,
): [number, number, number, number] {
  const dLat = km / 111.32;
  const midLat = ((bbox[1] + bbox[3]) / 2) * (Math.PI / 180);
  const dLon = km / (111.32 * Math.max(0.01, Math.cos(midLat)));
  return [bbox[0] - dLon, bbox[1] - dLat, bbox[2] + dLon, bbox[3] + dLat];
}
