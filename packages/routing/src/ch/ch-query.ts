import { MinHeap } from '../graph/min-heap.ts';
import type { Seed } from '../query/seeds.ts';
import { type ContractionHierarchy, unpackArc } from './contraction-hierarchy.ts';

export interface ChResult {
  /** Deciseconds, Infinity when unreachable. */
  readonly cost: number;
  readonly sourceSeed: number;
  readonly targetSeed: number;
  /** Original edges between the chosen seeds' nodes, in driving order. */
  readonly edges: number[];
}

/**
 * Bidirectional CH query with stall-on-demand. Both searches only climb the hierarchy; a node is
 * stalled (not expanded) when a higher node already reached offers a shorter way to it. One instance
 * per graph: arrays are reused across queries via an epoch stamp.
 */
export class ChQuery {
  private readonly distF: Float64Array;
  private readonly distB: Float64Array;
  private readonly parentF: Int32Array;
  private readonly parentB: Int32Array;
  private readonly stampF: Uint32Array;
  private readonly stampB: Uint32Array;
  private readonly heapF: MinHeap;
  private readonly heapB: MinHeap;
  private epoch = 0;
  private readonly unpackStack: number[] = [];

  constructor(private readonly ch: ContractionHierarchy) {
    const n = ch.nodeCount;
    this.distF = new Float64Array(n);
    this.distB = new Float64Array(n);
    this.parentF = new Int32Array(n);
    this.parentB = new Int32Array(n);
    this.stampF = new Uint32Array(n);
    this.stampB = new Uint32Array(n);
    this.heapF = new MinHeap(n);
    this.heapB = new MinHeap(n);
  }

  /** Shortest cost between seed sets; `withPath` unpacks the original edges. */
  run(sources: readonly Seed[], targets: readonly Seed[], withPath = true): ChResult {
    const { ch, distF, distB, stampF, stampB, parentF, parentB, heapF, heapB } = this;
    const epoch = ++this.epoch;
    heapF.clear();
    heapB.clear();
    for (const s of sources) {
      if (stampF[s.node] === epoch && distF[s.node]! <= s.cost) continue;
      stampF[s.node] = epoch;
      distF[s.node] = s.cost;
      parentF[s.node] = -1;
      heapF.push(s.node, s.cost);
    }
    for (const t of targets) {
      if (stampB[t.node] === epoch && distB[t.node]! <= t.cost) continue;
      stampB[t.node] = epoch;
      distB[t.node] = t.cost;
      parentB[t.node] = -1;
      heapB.push(t.node, t.cost);
    }
    let best = Number.POSITIVE_INFINITY;
    let meet = -1;
    const { upFirst, upHead, upWeight, downFirst, downTail, downWeight } = ch;
    for (;;) {
      const minF = heapF.minKey();
      const minB = heapB.minKey();
      if (Math.min(minF, minB) >= best) break;
      if (minF <= minB) {
        const u = heapF.pop();
        const d = distF[u]!;
        if (stampB[u] === epoch && d + distB[u]! < best) {
          best = d + distB[u]!;
          meet = u;
        }
        let stalled = false;
        for (let i = downFirst[u]!; i < downFirst[u + 1]!; i++) {
          const x = downTail[i]!;
          if (stampF[x] === epoch && distF[x]! + downWeight[i]! < d) {
            stalled = true;
            break;
          }
        }
        if (stalled) continue;
        for (let i = upFirst[u]!; i < upFirst[u + 1]!; i++) {
          const v = upHead[i]!;
          const nd = d + upWeight[i]!;
          if (stampF[v] !== epoch || nd < distF[v]!) {
            stampF[v] = epoch;
            distF[v] = nd;
            parentF[v] = i;
            heapF.push(v, nd);
          }
        }
      } else {
        const u = heapB.pop();
        const d = distB[u]!;
        if (stampF[u] === epoch && d + distF[u]! < best) {
          best = d + distF[u]!;
          meet = u;
        }
        let stalled = false;
        for (let i = upFirst[u]!; i < upFirst[u + 1]!; i++) {
          const x = upHead[i]!;
          if (stampB[x] === epoch && distB[x]! + upWeight[i]! < d) {
            stalled = true;
            break;
          }
        }
        if (stalled) continue;
        for (let i = downFirst[u]!; i < downFirst[u + 1]!; i++) {
          const v = downTail[i]!;
          const nd = d + downWeight[i]!;
          if (stampB[v] !== epoch || nd < distB[v]!) {
            stampB[v] = epoch;
            distB[v] = nd;
            parentB[v] = i;
            heapB.push(v, nd);
          }
        }
      }
    }
    if (meet < 0) return { cost: Number.POSITIVE_INFINITY, sourceSeed: -1, targetSeed: -1, edges: [] };

    // Walk back to the seeds; slots index the packed up/down arrays.
    const forwardArcs: number[] = [];
    let v = meet;
    while (parentF[v]! >= 0) {
      const slot = parentF[v]!;
      forwardArcs.push(ch.upArc[slot]!);
      v = this.tailOfUpSlot(slot);
    }
    const sourceNode = v;
    const backwardArcs: number[] = [];
    v = meet;
    while (parentB[v]! >= 0) {
      const slot = parentB[v]!;
      backwardArcs.push(ch.downArc[slot]!);
      v = this.headOfDownSlot(slot);
    }
    const targetNode = v;
    const edges: number[] = [];
    if (withPath) {
      for (let i = forwardArcs.length - 1; i >= 0; i--) this.unpack(forwardArcs[i]!, edges);
      for (const a of backwardArcs) this.unpack(a, edges);
    }
    return {
      cost: best,
      sourceSeed: bestSeed(sources, sourceNode, distF[sourceNode]!),
      targetSeed: bestSeed(targets, targetNode, distB[targetNode]!),
      edges,
    };
  }

  private unpack(arc: number, out: number[]): void {
    const before = out.length;
    unpackArc(this.ch, arc, out, this.unpackStack);
    if (out.length === before) throw new Error(`arc ${arc} unpacks to nothing`);
  }

  private tailOfUpSlot(slot: number): number {
    return upperBound(this.ch.upFirst, slot);
  }

  private headOfDownSlot(slot: number): number {
    return upperBound(this.ch.downFirst, slot);
  }
}

function bestSeed(seeds: readonly Seed[], node: number, cost: number): number {
  for (let i = 0; i < seeds.length; i++) if (seeds[i]!.node === node && seeds[i]!.cost === cost) return i;
  return seeds.findIndex((s) => s.node === node);
}

/** The node u with first[u] ≤ slot < first[u+1]. */
function upperBound(first: Uint32Array, slot: number): number {
  let lo = 0;
  let hi = first.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (first[mid]! <= slot) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
