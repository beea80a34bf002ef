import { MinHeap } from '../graph/min-heap.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { CLOSED, type Seed } from './seeds.ts';

/**
 * Plain Dijkstra over the road graph: the reference every faster query is checked against, and the
 * search used when live road state changes weights. Arrays are allocated once per graph and reset
 * by an epoch stamp, so a query allocates nothing proportional to the graph.
 */
export class DijkstraSearch {
  readonly dist: Float64Array;
  /** Edge by which each node was reached, -1 for a seed. */
  readonly parent: Int32Array;
  private readonly stamp: Uint32Array;
  private epoch = 0;
  private readonly heap: MinHeap;
  /** Nodes settled by the last search, in order. */
  readonly settled: Int32Array;
  settledCount = 0;

  private readonly first: Uint32Array;
  private readonly edgeAt: Uint32Array | undefined;
  private readonly next: Uint32Array;
  private readonly prev: Uint32Array;

  /**
   * `reverse` searches against the direction of travel (costs to reach the seeds), over an in-edge
   * index built once here.
   */
  constructor(
    g: RoadGraph,
    readonly reverse = false,
  ) {
    if (reverse) {
      const inFirst = new Uint32Array(g.nodeCount + 1);
      for (let e = 0; e < g.edgeCount; e++) inFirst[g.head[e]! + 1]!++;
      for (let v = 0; v < g.nodeCount; v++) inFirst[v + 1]! += inFirst[v]!;
      const fill = inFirst.slice(0, g.nodeCount);
      const inEdge = new Uint32Array(g.edgeCount);
      for (let e = 0; e < g.edgeCount; e++) inEdge[fill[g.head[e]!]!++] = e;
      this.first = inFirst;
      this.edgeAt = inEdge;
      this.next = g.tail;
      this.prev = g.head;
    } else {
      this.first = g.firstOut;
      this.edgeAt = undefined;
      this.next = g.head;
      this.prev = g.tail;
    }
    this.dist = new Float64Array(g.nodeCount);
    this.parent = new Int32Array(g.nodeCount);
    this.stamp = new Uint32Array(g.nodeCount);
    this.heap = new MinHeap(g.nodeCount);
    this.settled = new Int32Array(g.nodeCount);
  }

  distanceOf(node: number): number {
    return this.stamp[node] === this.epoch ? this.dist[node]! : Number.POSITIVE_INFINITY;
  }

  /**
   * Search from the seeds. Stops once every node up to `maxCost` is settled, or once the best arrival
   * at a target seed can no longer improve. Returns the best target cost and the target seed index.
   */
  run(
    weights: Uint32Array,
    sources: readonly Seed[],
    targets: readonly Seed[] = [],
    maxCost = Number.POSITIVE_INFINITY,
  ): { cost: number; target: number } {
    const { dist, stamp, heap, first, edgeAt, next } = this;
    this.epoch++;
    heap.clear();
    this.settledCount = 0;
    for (const s of sources) this.relax(s.node, s.cost, -1);
    let best = Number.POSITIVE_INFINITY;
    let bestTarget = -1;
    while (!heap.isEmpty()) {
      const d = heap.minKey();
      if (d > maxCost || d >= best) break;
      const u = heap.pop();
      this.settled[this.settledCount++] = u;
      for (let i = 0; i < targets.length; i++) {
        const t = targets[i]!;
        if (t.node === u && d + t.cost < best) {
          best = d + t.cost;
          bestTarget = i;
        }
      }
      for (let i = first[u]!; i < first[u + 1]!; i++) {
        const e = edgeAt === undefined ? i : edgeAt[i]!;
        const w = weights[e]!;
        if (w === CLOSED) continue;
        const v = next[e]!;
        const nd = d + w;
        if (stamp[v] !== this.epoch || nd < dist[v]!) this.relax(v, nd, e);
      }
    }
    return { cost: best, target: bestTarget };
  }

  /** Edges from a seed to `node` in search order, and the seed node reached first. */
  pathTo(node: number): { edges: number[]; seedNode: number } {
    const edges: number[] = [];
    let v = node;
    while (this.stamp[v] === this.epoch && this.parent[v]! >= 0) {
      const e = this.parent[v]!;
      edges.push(e);
      v = this.prev[e]!;
    }
    if (!this.reverse) edges.reverse();
    return { edges, seedNode: v };
  }

  private relax(v: number, d: number, via: number): void {
    if (this.stamp[v] === this.epoch && this.dist[v]! <= d) return;
    this.stamp[v] = this.epoch;
    this.dist[v] = d;
    this.parent[v] = via;
    this.heap.push(v, d);
  }
}
