export interface Ranked {
  readonly index: number;
  readonly score: number;
}

/**
 * The k highest scores, best first (ties: lower index first), skipping excluded indices. A size-k
 * min-heap: O(n log k), no full sort of 100,000 scores.
 */
export function topK(scores: ArrayLike<number>, k: number, exclude?: (index: number) => boolean): Ranked[] {
  const heapIdx = new Int32Array(Math.max(k, 0));
  const heapScore = new Float64Array(Math.max(k, 0));
  let size = 0;
  // "worse" in heap order: lower score, or equal score with higher index.
  const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
  for (let i = 0; i < scores.length; i++) {
    if (k <= 0) break;
    const s = scores[i] as number;
    if (Number.isNaN(s) || exclude?.(i)) continue;
    if (size < k) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(s, i, heapScore[p] as number, heapIdx[p] as number)) break;
        heapScore[c] = heapScore[p] as number;
        heapIdx[c] = heapIdx[p] as number;
        c = p;
      }
      heapScore[c] = s;
      heapIdx[c] = i;
    } else if (worse(heapScore[0] as number, heapIdx[0] as number, s, i)) {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= size) break;
        const r = l + 1;
        let w = l;
        if (
          r < size &&
          worse(heapScore[r] as number, heapIdx[r] as number, heapScore[l] as number, heapIdx[l] as number)
        )
          w = r;
        if (!worse(heapScore[w] as number, heapIdx[w] as number, s, i)) break;
        heapScore[c] = heapScore[w] as number;
        heapIdx[c] = heapIdx[w] as number;
        c = w;
      }
      heapScore[c] = s;
      heapIdx[c] = i;
    }
  }
  const out: Ranked[] = [];
  for (let i = 0; i < size; i++) out.push({ index: heapIdx[i] as number, score: heapScore[i] as number });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
