import type { Rng } from '@ronghui/geo';

export type XY = readonly [number, number];

/**
 * A winding road between two points (planar metres): the straight line pushed sideways by a sum of
 * seeded sine waves that fades out at both ends, with the amplitude searched so that the road is
 * `ratio` times the straight distance (mountain roads run 1.2–1.6×). Points are `stepM` apart or closer.
 */
export function meander(a: XY, b: XY, ratio: number, rng: Rng, stepM = 80): XY[] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const straight = Math.hypot(dx, dy);
  const n = Math.max(4, Math.ceil((straight * ratio) / stepM));
  if (straight === 0) return [a, b];
  const nx = -dy / straight;
  const ny = dx / straight;
  // Bends roughly every 0.6–1.5 km, at least one.
  const bends = Math.max(1, Math.round(straight / (600 + 900 * rng.next())));
  const waves = [1, 2, 3].map((k) => ({
    freq: bends * k,
    phase: rng.next() * 2 * Math.PI,
    weight: 1 / (k * (0.6 + 0.8 * rng.next())),
  }));
  const shape = (t: number) => {
    let s = 0;
    for (const w of waves) s += w.weight * Math.sin(Math.PI * w.freq * t + w.phase);
    return s * Math.sin(Math.PI * t);
  };
  const build = (amplitude: number): XY[] => {
    const pts: XY[] = [];
    for (let i = 0; i <= n; i++) {
      const t = i / n;
      const off = amplitude * shape(t);
      pts.push([a[0] + dx * t + nx * off, a[1] + dy * t + ny * off]);
    }
    pts[0] = a;
    pts[n] = b;
    return pts;
  };
  if (ratio <= 1) return build(0);
  let lo = 0;
  let hi = straight;
  while (polylineLength(build(hi)) < straight * ratio && hi < straight * 20) hi *= 2;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (polylineLength(build(mid)) < straight * ratio) lo = mid;
    else hi = mid;
  }
  return build((lo + hi) / 2);
}

export function polylineLength(pts: readonly XY[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++)
    s += Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]);
  return s;
}
