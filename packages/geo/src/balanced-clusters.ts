import type { Position } from './geojson.ts';

export interface BalancedClusters {
  readonly centers: Position[];
  /** Cluster index of each point; every cluster keeps at least one point. */
  readonly assignment: number[];
  /** Largest cluster weight divided by the mean cluster weight (1 = perfectly even). */
  readonly imbalance: number;
}

/**
 * Evens out the total weight (e.g. population) of k clusters in the plane, starting from given
 * centres (say, k-means). A point goes to the centre with the smallest scaled distance
 * `distance × scale[c]`; a cluster heavier than the mean grows its scale and so gives up its outer
 * points to lighter neighbours (a multiplicatively weighted Voronoi diagram, as used for districting).
 * Deterministic; the most even assignment seen is returned. Points are indivisible, so a single heavy
 * point can keep the result uneven.
 */
export function balanceClusters(
  points: readonly Position[],
  weights: readonly number[],
  initialCenters: readonly Position[],
  iterations = 60,
): BalancedClusters {
  const k = initialCenters.length;
  if (k < 1 || k > points.length) throw new RangeError(`need 1..${points.length} centres, got ${k}`);
  if (weights.length !== points.length) throw new RangeError('one weight per point');
  const mean = weights.reduce((s, w) => s + w, 0) / k;
  const centers = initialCenters.map((c) => [c[0], c[1]] as Position);
  const scale = new Array<number>(k).fill(1);
  let best: BalancedClusters | undefined;

  for (let it = 0; it <= iterations; it++) {
    const assignment = points.map((p) => {
      let bestC = 0;
      let bestD = Infinity;
      centers.forEach((c, ci) => {
        const d = Math.hypot(p[0] - c[0], p[1] - c[1]) * scale[ci]!;
        if (d < bestD) {
          bestD = d;
          bestC = ci;
        }
      });
      return bestC;
    });
    keepEveryClusterNonEmpty(points, centers, assignment);
    const load = new Array<number>(k).fill(0);
    assignment.forEach((c, i) => {
      load[c]! += weights[i]!;
    });
    const imbalance = Math.max(...load) / mean;
    if (!best || imbalance < best.imbalance)
      best = { centers: centers.map((c) => [c[0], c[1]] as Position), assignment, imbalance };

    for (let c = 0; c < k; c++) scale[c]! *= (load[c]! / mean) ** 0.25;
    const sx = new Array<number>(k).fill(0);
    const sy = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      const c = assignment[i]!;
      sx[c]! += p[0] * weights[i]!;
      sy[c]! += p[1] * weights[i]!;
    });
    for (let c = 0; c < k; c++) if (load[c]! > 0) centers[c] = [sx[c]! / load[c]!, sy[c]! / load[c]!];
  }
  return best!;
}

/** An empty cluster takes the point nearest its centre from a cluster that has more than one. */
function keepEveryClusterNonEmpty(
  points: readonly Position[],
  centers: readonly Position[],
  assignment: number[],
) {
  for (let c = 0; c < centers.length; c++) {
    const sizes = new Array<number>(centers.length).fill(0);
    for (const a of assignment) sizes[a]!++;
    if (sizes[c]! > 0) continue;
    let pick = -1;
    let pickD = Infinity;
    points.forEach((p, i) => {
      const d = Math.hypot(p[0] - centers[c]![0], p[1] - centers[c]![1]);
      if (sizes[assignment[i]!]! > 1 && d < pickD) {
        pick = i;
        pickD = d;
      }
    });
    assignment[pick] = c;
  }
}
