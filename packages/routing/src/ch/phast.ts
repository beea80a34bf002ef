import { MinHeap } from '../graph/min-heap.ts';
import type { Seed } from '../query/seeds.ts';
import type { ContractionHierarchy } from './contraction-hierarchy.ts';

/**
 * One-to-all and all-to-one costs with PHAST: one upward search from the seeds, then a single sweep
 * over all nodes from the highest rank down. Serves "every unit to one incident" in one pass instead
 * of one query per unit.
 */
export class Phast {
  readonly dist: Float64Array;
  private readonly heap: MinHeap;

  constructor(private readonly ch: ContractionHierarchy) {
    this.dist = new Float64Array(ch.nodeCount);
    this.heap = new MinHeap(ch.nodeCount);
  }

  /** `dist[v]` becomes the cost from v to the target seeds. */
  toTarget(targets: readonly Seed[]): Float64Array {
    const { ch, dist } = this;
    this.upward(targets, ch.downFirst, ch.downTail, ch.downWeight);
    const { order, upFirst, upHead, upWeight } = ch;
    for (let r = ch.nodeCount - 1; r >= 0; r--) {
      const v = order[r]!;
      let d = dist[v]!;
      for (let i = upFirst[v]!; i < upFirst[v + 1]!; i++) {
        const c = upWeight[i]! + dist[upHead[i]!]!;
        if (c < d) d = c;
      }
      dist[v] = d;
    }
    return dist;
  }

  /** `dist[v]` becomes the cost from the source seeds to v. */
  fromSource(sources: readonly Seed[]): Float64Array {
    const { ch, dist } = this;
    this.upward(sources, ch.upFirst, ch.upHead, ch.upWeight);
    const { order, downFirst, downTail, downWeight } = ch;
    for (let r = ch.nodeCount - 1; r >= 0; r--) {
      const v = order[r]!;
      let d = dist[v]!;
      for (let i = downFirst[v]!; i < downFirst[v + 1]!; i++) {
        const c = dist[downTail[i]!]! + downWeight[i]!;
        if (c < d) d = c;
      }
      dist[v] = d;
    }
    return dist;
  }

  private upward(seeds: readonly Seed[], first: Uint32Array, other: Uint32Array, weight: Uint32Array): void {
    const { dist, heap } = this;
    dist.fill(Number.POSITIVE_INFINITY);
    heap.clear();
    for (const s of seeds) {
      if (s.cost < dist[s.node]!) {
        dist[s.node] = s.cost;
        heap.push(s.node, s.cost);
      }
    }
    while (!heap.isEmpty()) {
      const u = heap.pop();
      const d = dist[u]!;
      for (let i = first[u]!; i < first[u + 1]!; i++) {
        const v = other[i]!;
        const nd = d + weight[i]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(v, nd);
        }
      }
    }
  }
}
