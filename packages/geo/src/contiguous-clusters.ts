/**
 * Makes each cluster a connected set in a neighbour graph (e.g. Voronoi adjacency of villages): a
 * detached piece of a cluster joins the neighbouring cluster it touches most; the piece with the most
 * weight stays. Pieces with no neighbouring cluster stay where they are. Returns a new assignment;
 * no cluster is emptied.
 */
export function makeClustersContiguous(
  assignment: readonly number[],
  neighbours: readonly (readonly number[])[],
  weights: readonly number[],
  maxRounds = 20,
): number[] {
  const result = [...assignment];
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (const cluster of new Set(result)) {
      const pieces = componentsOf(cluster, result, neighbours);
      if (pieces.length < 2) continue;
      const weightOf = (piece: number[]) => piece.reduce((s, i) => s + weights[i]!, 0);
      const keep = pieces.reduce((best, p) => (weightOf(p) > weightOf(best) ? p : best));
      for (const piece of pieces) {
        if (piece === keep) continue;
        const target = mostTouchedCluster(piece, cluster, result, neighbours);
        if (target === undefined) continue;
        for (const i of piece) result[i] = target;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return result;
}

/** Connected pieces of one cluster, each a list of point indices (breadth-first, in index order). */
function componentsOf(
  cluster: number,
  assignment: readonly number[],
  neighbours: readonly (readonly number[])[],
) {
  const seen = new Set<number>();
  const pieces: number[][] = [];
  assignment.forEach((c, start) => {
    if (c !== cluster || seen.has(start)) return;
    const piece = [start];
    seen.add(start);
    for (let q = 0; q < piece.length; q++) {
      for (const n of neighbours[piece[q]!] ?? []) {
        if (assignment[n] === cluster && !seen.has(n)) {
          seen.add(n);
          piece.push(n);
        }
      }
    }
    pieces.push(piece);
  });
  return pieces;
}

function mostTouchedCluster(
  piece: readonly number[],
  own: number,
  assignment: readonly number[],
  neighbours: readonly (readonly number[])[],
): number | undefined {
  const touches = new Map<number, number>();
  for (const i of piece) {
    for (const n of neighbours[i] ?? []) {
      const c = assignment[n]!;
      if (c !== own && c >= 0) touches.set(c, (touches.get(c) ?? 0) + 1);
    }
  }
  let best: number | undefined;
  for (const [c, count] of [...touches].sort((a, b) => a[0] - b[0])) {
    if (best === undefined || count > touches.get(best)!) best = c;
  }
  return best;
}
