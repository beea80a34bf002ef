/**
 * ROC-AUC from scores of positives and negatives: the probability that a random positive outscores a
 * random negative (ties count half), by one sort — O((P + N) log(P + N)).
 */
export function rocAuc(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  const p = positives.length;
  const n = negatives.length;
  if (p === 0 || n === 0) return Number.NaN;
  const all = new Float64Array(p + n);
  for (let i = 0; i < p; i++) all[i] = positives[i] as number;
  for (let i = 0; i < n; i++) all[p + i] = negatives[i] as number;
  const order = Array.from({ length: p + n }, (_, i) => i).sort(
    (a, b) => (all[a] as number) - (all[b] as number),
  );
  // Mann–Whitney U with mid-ranks for ties.
  let rankSumPos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    const v = all[order[i] as number] as number;
    while (j + 1 < order.length && all[order[j + 1] as number] === v) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if ((order[k] as number) < p) rankSumPos += midRank;
    i = j + 1;
  }
  return (rankSumPos - (p * (p + 1)) / 2) / (p * n);
}

/** Share of positives scoring strictly above the (1 − fpr) quantile of the negatives. */
export function tprAtFpr(positives: ArrayLike<number>, negatives: ArrayLike<number>, fpr: number): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  const sorted = Float64Array.from(negatives).sort();
  // Nearest-rank quantile: at most `fpr` of negatives lie strictly above the threshold.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((1 - fpr) * sorted.length) - 1));
  const threshold = sorted[rank] as number;
  let above = 0;
  for (let i = 0; i < positives.length; i++) if ((positives[i] as number) > threshold) above++;
  return above / positives.length;
}
