import type { Position } from './geojson.ts';
import type { Rng } from './rng.ts';

export interface KMeansResult {
  readonly centers: Position[];
  /** Cluster index of each input point. Every cluster has at least one point. */
  readonly assignment: number[];
}

const d2 = (a: Position, b: Position) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

export interface KMeansOptions {
  /** Positive weight per point (e.g. population): centres move towards heavy points. Default 1 each. */
  readonly weights?: readonly number[];
  readonly maxIterations?: number;
}

/** Index drawn with probability proportional to `mass`; the first index when all mass is zero. */
function drawIndex(mass: readonly number[], rng: Rng): number {
  const total = mass.reduce((s, m) => s + m, 0);
  if (!(total > 0)) return 0;
  let r = rng.next() * total;
  let i = 0;
  while (i < mass.length - 1 && r >= mass[i]!) r -= mass[i++]!;
  return i;
}

/**
 * Lloyd's k-means in the plane (project lon/lat first), optionally weighted, seeded with k-means++
 * from `rng` so a seed reproduces the clustering. Needs 1 ≤ k ≤ points.length.
 */
export function kMeans(
  points: readonly Position[],
  k: number,
  rng: Rng,
  options: KMeansOptions = {},
): KMeansResult {
  if (!Number.isInteger(k) || k < 1 || k > points.length)
    throw new RangeError(`k must be in 1..${points.length}, got ${k}`);
  const w = options.weights ?? points.map(() => 1);
  if (w.length !== points.length || w.some((x) => !(x > 0)))
    throw new RangeError('weights must be positive, one per point');
  const maxIterations = options.maxIterations ?? 50;
  const centers: Position[] = [points[drawIndex(w, rng)]!];
  const nearest = points.map((p) => d2(p, centers[0]!));
  while (centers.length < k) {
    const mass = nearest.map((d, i) => d * w[i]!);
    // All remaining points coincide with centres: take the next unused one in order.
    const pick = mass.some((m) => m > 0) ? drawIndex(mass, rng) : centers.length;
    const c = points[pick]!;
    centers.push(c);
    points.forEach((p, i) => {
      nearest[i] = Math.min(nearest[i]!, d2(p, c));
    });
  }

  const assignment = points.map(() => 0);
  const assign = (): boolean => {
    let changed = false;
    points.forEach((p, i) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (d2(p, centers[c]!) < d2(p, centers[best]!)) best = c;
      if (assignment[i] !== best) changed = true;
      assignment[i] = best;
    });
    return changed;
  };
  const update = () => {
    const sx = new Array<number>(k).fill(0);
    const sy = new Array<number>(k).fill(0);
    const n = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      const c = assignment[i]!;
      sx[c]! += p[0] * w[i]!;
      sy[c]! += p[1] * w[i]!;
      n[c]! += w[i]!;
    });
    for (let c = 0; c < k; c++) if (n[c]! > 0) centers[c] = [sx[c]! / n[c]!, sy[c]! / n[c]!];
  };

  for (let it = 0; it < maxIterations && (assign() || it === 0); it++) update();
  fillEmptyClusters(points, centers, assignment);
  return { centers, assignment };
}

/** Gives each empty cluster the point farthest from its own centre in a cluster that can spare one. */
function fillEmptyClusters(points: readonly Position[], centers: Position[], assignment: number[]): void {
  for (let c = 0; c < centers.length; c++) {
    const sizes = new Array<number>(centers.length).fill(0);
    for (const a of assignment) sizes[a]!++;
    if (sizes[c]! > 0) continue;
    let far = -1;
    let farD = -1;
    points.forEach((p, i) => {
      const own = assignment[i]!;
      const d = d2(p, centers[own]!);
      if (sizes[own]! > 1 && d > farD) {
        far = i;
        farD = d;
      }
    });
    assignment[far] = c;
    centers[c] = points[far]!;
  }
}
