import type { Position } from './geojson.ts';
import type { Rng } from './rng.ts';

export interface KMeansResult {
  readonly centers: Position[];
  /** Cluster index of each input point. Every cluster has at least one point. */
  readonly assignment: number[];
}

const d2 = (a: Position, b: Position) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/**
 * Lloyd's k-means in the plane (project lon/lat first), seeded with k-means++ from `rng` so a seed
 * reproduces the clustering. Needs 1 ≤ k ≤ points.length.
 */
export function kMeans(points: readonly Position[], k: number, rng: Rng, maxIterations = 50): KMeansResult {
  if (!Number.isInteger(k) || k < 1 || k > points.length)
    throw new RangeError(`k must be in 1..${points.length}, got ${k}`);
  const centers: Position[] = [points[rng.int(points.length)]!];
  const nearest = points.map((p) => d2(p, centers[0]!));
  while (centers.length < k) {
    const total = nearest.reduce((s, d) => s + d, 0);
    let pick = 0;
    if (total > 0) {
      let r = rng.next() * total;
      while (pick < points.length - 1 && r >= nearest[pick]!) r -= nearest[pick++]!;
    } else pick = centers.length;
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
      sx[c]! += p[0];
      sy[c]! += p[1];
      n[c]!++;
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
