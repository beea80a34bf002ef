/**
 * A contraction hierarchy. Arcs are original edges or shortcuts; a shortcut `u → x` via `v` records
 * its two halves so paths unpack to original edges. Searches only climb: `up*` holds arcs from a
 * node to higher-ranked heads, `down*` holds, at each node, the arcs arriving from higher-ranked tails.
 */
export interface ContractionHierarchy {
  readonly nodeCount: number;
  /** Contraction order: `rank[node]`, and `order[rank]` the node. */
  readonly rank: Uint32Array;
  readonly order: Uint32Array;
  readonly upFirst: Uint32Array;
  readonly upHead: Uint32Array;
  readonly upWeight: Uint32Array;
  readonly upArc: Uint32Array;
  readonly downFirst: Uint32Array;
  /** The tail of each arriving arc (the higher node). */
  readonly downTail: Uint32Array;
  readonly downWeight: Uint32Array;
  readonly downArc: Uint32Array;
  /** For arc a: `arcFirst[a] = -1` and `arcSecond[a]` the original edge, or the two arcs of a shortcut. */
  readonly arcFirst: Int32Array;
  readonly arcSecond: Int32Array;
  readonly shortcutCount: number;
}

/** Append the original edges of arc `a` to `out`, in driving order. */
export function unpackArc(ch: ContractionHierarchy, a: number, out: number[], stack: number[] = []): void {
  stack.length = 0;
  stack.push(a);
  while (stack.length > 0) {
    const x = stack.pop()!;
    const first = ch.arcFirst[x]!;
    if (first < 0) out.push(ch.arcSecond[x]!);
    else stack.push(ch.arcSecond[x]!, first);
  }
}
