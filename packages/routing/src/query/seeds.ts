import type { RoadGraph } from '../graph/road-graph.ts';
import type { SnappedPoint } from './snap-index.ts';

/** Marks a closed edge in a weight array: searches never relax it. */
export const CLOSED = 0xffffffff;

/** A node where a search starts or ends, with the cost (deciseconds) between it and the snapped point. */
export interface Seed {
  readonly node: number;
  readonly cost: number;
  /** The edge the point lies on, in the direction used, and the point's fraction along it; -1 when the point is the node itself. */
  readonly edge: number;
  readonly fraction: number;
}

/** Starting from a point part-way along an edge: drive to its head, or back along its twin to its tail. */
export function sourceSeeds(g: RoadGraph, weights: Uint32Array, p: SnappedPoint): Seed[] {
  const seeds: Seed[] = [];
  const w = weights[p.edge]!;
  if (w !== CLOSED)
    seeds.push({ node: g.head[p.edge]!, cost: (1 - p.fraction) * w, edge: p.edge, fraction: p.fraction });
  const t = g.twin[p.edge]!;
  if (t >= 0 && weights[t] !== CLOSED) {
    seeds.push({ node: g.tail[p.edge]!, cost: p.fraction * weights[t]!, edge: t, fraction: 1 - p.fraction });
  }
  return withEndNodes(g, p, seeds);
}

/** Arriving at a point part-way along an edge: from its tail, or from its head along the twin. */
export function targetSeeds(g: RoadGraph, weights: Uint32Array, p: SnappedPoint): Seed[] {
  const seeds: Seed[] = [];
  const w = weights[p.edge]!;
  if (w !== CLOSED)
    seeds.push({ node: g.tail[p.edge]!, cost: p.fraction * w, edge: p.edge, fraction: p.fraction });
  const t = g.twin[p.edge]!;
  if (t >= 0 && weights[t] !== CLOSED) {
    seeds.push({
      node: g.head[p.edge]!,
      cost: (1 - p.fraction) * weights[t]!,
      edge: t,
      fraction: 1 - p.fraction,
    });
  }
  return withEndNodes(g, p, seeds);
}

const AT_NODE = 1e-9;

/** A point on a junction is at that junction even when the edge it snapped to is closed. */
function withEndNodes(g: RoadGraph, p: SnappedPoint, seeds: Seed[]): Seed[] {
  if (p.fraction <= AT_NODE) seeds.push({ node: g.tail[p.edge]!, cost: 0, edge: -1, fraction: 0 });
  if (p.fraction >= 1 - AT_NODE) seeds.push({ node: g.head[p.edge]!, cost: 0, edge: -1, fraction: 0 });
  return seeds;
}

/** Both points on the same road segment: the direct drive along it, if its direction allows. */
export function directLeg(
  g: RoadGraph,
  weights: Uint32Array,
  from: SnappedPoint,
  to: SnappedPoint,
): { cost: number; edge: number; fromFraction: number; toFraction: number } | undefined {
  if (from.edge !== to.edge) return undefined;
  const e = from.edge;
  if (to.fraction >= from.fraction && weights[e] !== CLOSED) {
    return {
      cost: (to.fraction - from.fraction) * weights[e]!,
      edge: e,
      fromFraction: from.fraction,
      toFraction: to.fraction,
    };
  }
  const t = g.twin[e]!;
  if (to.fraction <= from.fraction && t >= 0 && weights[t] !== CLOSED) {
    return {
      cost: (from.fraction - to.fraction) * weights[t]!,
      edge: t,
      fromFraction: 1 - from.fraction,
      toFraction: 1 - to.fraction,
    };
  }
  return undefined;
}
