import { MinHeap } from '../graph/min-heap.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { ContractionHierarchy } from './contraction-hierarchy.ts';

export interface ContractOptions {
  /** Nodes a witness search may settle before giving up (and adding the shortcut anyway). */
  readonly witnessSettleLimit?: number;
  /** The smaller limit used while only estimating a node's priority. */
  readonly simulateSettleLimit?: number;
}

/**
 * Build a contraction hierarchy over the given weights (deciseconds). Node order: lazy updates of
 * priority = 2·edge difference + contracted neighbours + level, with neighbours re-evaluated after
 * every contraction. Witness searches are bounded, which can only add superfluous shortcuts, never
 * wrong answers.
 */
export function contract(
  g: RoadGraph,
  weights: Uint32Array = g.weight,
  options: ContractOptions = {},
): ContractionHierarchy {
  const n = g.nodeCount;
  const witnessLimit = options.witnessSettleLimit ?? 400;
  const simulateLimit = options.simulateSettleLimit ?? 60;

  const arcTail: number[] = [];
  const arcHead: number[] = [];
  const arcW: number[] = [];
  const arcFirst: number[] = [];
  const arcSecond: number[] = [];
  const outArcs: number[][] = Array.from({ length: n }, () => []);
  const inArcs: number[][] = Array.from({ length: n }, () => []);

  const findArc = (u: number, x: number) => {
    for (const a of outArcs[u]!) if (arcHead[a] === x) return a;
    return -1;
  };
  const addArc = (u: number, x: number, w: number, first: number, second: number) => {
    const existing = findArc(u, x);
    if (existing >= 0 && arcW[existing]! <= w) return;
    const a = arcTail.length;
    arcTail.push(u);
    arcHead.push(x);
    arcW.push(w);
    arcFirst.push(first);
    arcSecond.push(second);
    if (existing >= 0) {
      const outs = outArcs[u]!;
      outs[outs.indexOf(existing)] = a;
      const ins = inArcs[x]!;
      ins[ins.indexOf(existing)] = a;
    } else {
      outArcs[u]!.push(a);
      inArcs[x]!.push(a);
    }
  };
  for (let e = 0; e < g.edgeCount; e++) {
    const u = g.tail[e]!;
    const v = g.head[e]!;
    if (u !== v && weights[e] !== 0xffffffff) addArc(u, v, weights[e]!, -1, e);
  }

  const contracted = new Uint8Array(n);
  const dist = new Float64Array(n);
  const stamp = new Uint32Array(n);
  let epoch = 0;
  const heap = new MinHeap(n);

  const targetStamp = new Uint32Array(n);
  let targetEpoch = 0;

  /**
   * Bounded Dijkstra from u that avoids `skip` and contracted nodes; stops early once all `targets`
   * (nodes marked with the current target epoch) are settled.
   */
  const witness = (u: number, skip: number, maxW: number, limit: number, targets: number) => {
    epoch++;
    heap.clear();
    stamp[u] = epoch;
    dist[u] = 0;
    heap.push(u, 0);
    let settled = 0;
    let left = targets;
    while (!heap.isEmpty() && settled < limit && left > 0) {
      const d = heap.minKey();
      if (d > maxW) break;
      const x = heap.pop();
      settled++;
      if (targetStamp[x] === targetEpoch) left--;
      for (const a of outArcs[x]!) {
        const y = arcHead[a]!;
        if (y === skip || contracted[y]) continue;
        const nd = d + arcW[a]!;
        if (stamp[y] !== epoch || nd < dist[y]!) {
          stamp[y] = epoch;
          dist[y] = nd;
          heap.push(y, nd);
        }
      }
    }
  };
  const distOf = (x: number) => (stamp[x] === epoch ? dist[x]! : Number.POSITIVE_INFINITY);

  /** Shortcuts that contracting v needs; adds them when `apply`, else only counts. */
  const shortcuts = (v: number, apply: boolean, limit: number) => {
    let count = 0;
    const ins = inArcs[v]!;
    const outs = outArcs[v]!;
    // Adding shortcuts changes other nodes' lists, never v's own: no copies needed.
    for (const a of ins) {
      const u = arcTail[a]!;
      let maxOut = 0;
      targetEpoch++;
      let targets = 0;
      for (const b of outs) {
        const x = arcHead[b]!;
        if (x === u) continue;
        if (arcW[b]! > maxOut) maxOut = arcW[b]!;
        if (targetStamp[x] !== targetEpoch) {
          targetStamp[x] = targetEpoch;
          targets++;
        }
      }
      if (targets === 0) continue;
      witness(u, v, arcW[a]! + maxOut, limit, targets);
      for (const b of outs) {
        const x = arcHead[b]!;
        if (x === u) continue;
        const w = arcW[a]! + arcW[b]!;
        if (distOf(x) <= w) continue;
        count++;
        if (apply) addArc(u, x, w, a, b);
      }
    }
    return count;
  };

  const deleted = new Uint32Array(n);
  const level = new Uint32Array(n);
  const priority = (v: number) => {
    const edgeDiff = shortcuts(v, false, simulateLimit) - inArcs[v]!.length - outArcs[v]!.length;
    return 2 * edgeDiff + deleted[v]! + level[v]!;
  };

  const queue = new MinHeap(n);
  for (let v = 0; v < n; v++) queue.push(v, priority(v));

  const rank = new Uint32Array(n);
  const order = new Uint32Array(n);
  const upLists: number[][] = new Array(n);
  const downLists: number[][] = new Array(n);
  let next = 0;
  while (!queue.isEmpty()) {
    const v = queue.pop();
    const p = priority(v);
    if (!queue.isEmpty() && p > queue.minKey()) {
      queue.push(v, p);
      continue;
    }
    shortcuts(v, true, witnessLimit);
    contracted[v] = 1;
    rank[v] = next;
    order[next++] = v;
    upLists[v] = outArcs[v]!;
    downLists[v] = inArcs[v]!;
    const neighbours = new Set<number>();
    for (const a of inArcs[v]!) {
      const u = arcTail[a]!;
      removeFrom(outArcs[u]!, a);
      neighbours.add(u);
    }
    for (const b of outArcs[v]!) {
      const x = arcHead[b]!;
      removeFrom(inArcs[x]!, b);
      neighbours.add(x);
    }
    for (const w of neighbours) {
      deleted[w]!++;
      if (level[w]! < level[v]! + 1) level[w] = level[v]! + 1;
      queue.push(w, priority(w));
    }
  }

  const up = pack(n, upLists, arcHead, arcW);
  const down = pack(n, downLists, arcTail, arcW);
  return {
    nodeCount: n,
    rank,
    order,
    upFirst: up.first,
    upHead: up.other,
    upWeight: up.weight,
    upArc: up.arc,
    downFirst: down.first,
    downTail: down.other,
    downWeight: down.weight,
    downArc: down.arc,
    arcFirst: Int32Array.from(arcFirst),
    arcSecond: Int32Array.from(arcSecond),
    shortcutCount: arcFirst.filter((f) => f >= 0).length,
  };
}

function removeFrom(list: number[], item: number): void {
  const i = list.indexOf(item);
  if (i >= 0) {
    list[i] = list[list.length - 1]!;
    list.pop();
  }
}

function pack(n: number, lists: number[][], other: number[], w: number[]) {
  const first = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) first[v + 1] = first[v]! + lists[v]!.length;
  const total = first[n]!;
  const otherOut = new Uint32Array(total);
  const weight = new Uint32Array(total);
  const arc = new Uint32Array(total);
  for (let v = 0; v < n; v++) {
    let i = first[v]!;
    for (const a of lists[v]!) {
      otherOut[i] = other[a]!;
      weight[i] = w[a]!;
      arc[i] = a;
      i++;
    }
  }
  return { first, other: otherOut, weight, arc };
}
