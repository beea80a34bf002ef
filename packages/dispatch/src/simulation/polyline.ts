import { localDistance } from '@ronghui/geo';
/** Travel along a road geometry: where a vehicle is after driving `distanceM` metres, and which way it faces. */
export interface Track {
  points: readonly (readonly [number, number])[];
  /** Cumulative metres at each point. */
  cumulative: Float64Array;
  lengthM: number;
}

const RAD = Math.PI / 180;

export function track(points: readonly (readonly [number, number])[]): Track {
  const cumulative = new Float64Array(points.length);
  for (let i = 1; i < points.length; i++)
    cumulative[i] = cumulative[i - 1]! + localDistance(points[i - 1]!, points[i]!);
  return { points, cumulative, lengthM: points.length ? cumulative[points.length - 1]! : 0 };
}

/** Bearing in degrees clockwise from north. */
export function bearing(a: readonly [number, number], b: readonly [number, number]): number {
  const y = Math.sin((b[0] - a[0]) * RAD) * Math.cos(b[1] * RAD);
  const x =
    Math.cos(a[1] * RAD) * Math.sin(b[1] * RAD) -
    Math.sin(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.cos((b[0] - a[0]) * RAD);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

export function positionAt(
  t: Track,
  distanceM: number,
): { lon: number; lat: number; heading: number; done: boolean } {
  const n = t.points.length;
  if (n === 0) throw new RangeError('empty track');
  if (n === 1 || distanceM <= 0) {
    const p = t.points[0]!;
    return { lon: p[0], lat: p[1], heading: n > 1 ? bearing(p, t.points[1]!) : 0, done: n === 1 };
  }
  if (distanceM >= t.lengthM) {
    const p = t.points[n - 1]!;
    return { lon: p[0], lat: p[1], heading: bearing(t.points[n - 2]!, p), done: true };
  }
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t.cumulative[mid]! <= distanceM) lo = mid;
    else hi = mid;
  }
  const a = t.points[lo]!;
  const b = t.points[hi]!;
  const span = t.cumulative[hi]! - t.cumulative[lo]!;
  const f = span > 0 ? (distanceM - t.cumulative[lo]!) / span : 0;
  return {
    lon: a[0] + (b[0] - a[0]) * f,
    lat: a[1] + (b[1] - a[1]) * f,
    heading: bearing(a, b),
    done: false,
  };
}
