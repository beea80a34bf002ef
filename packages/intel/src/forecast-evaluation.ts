/** Forecast quality of a hotspot map for a flagged share of the study area. */
export interface HotspotEvaluation {
  /** Prediction Accuracy Index (n/N)/(a/A). */
  readonly pai: number;
  /** Predictive Efficiency Index n/n*. */
  readonly pei: number;
  /** Crimes of the test period inside the flagged cells, and in the whole study area. */
  readonly n: number;
  readonly N: number;
  /** Flagged cells and study-area cells (multiply by the cell area for m²). */
  readonly a: number;
  readonly A: number;
  /** Most crimes any a cells could have captured. */
  readonly nStar: number;
  /** Indices of the flagged cells. */
  readonly flagged: Int32Array;
}

function topCells(values: ArrayLike<number>, cells: readonly number[], k: number): number[] {
  // Ties broken by cell index so the result never depends on sort stability.
  return [...cells].sort((a, b) => (values[b] as number) - (values[a] as number) || a - b).slice(0, k);
}

/**
 * Flag the `areaShare` of the study area with the highest risk and score it against the crimes of the
 * test period: PAI = (n/N)/(a/A), PEI = n/n*. `study` lists the cells of the study area (default all).
 */
export function evaluateHotspots(
  risk: ArrayLike<number>,
  testCounts: ArrayLike<number>,
  areaShare: number,
  study?: readonly number[],
): HotspotEvaluation {
  if (!(areaShare > 0 && areaShare <= 1))
    throw new RangeError(`area share must be in (0, 1], got ${areaShare}`);
  const cells = study ?? Array.from({ length: risk.length }, (_, i) => i);
  const A = cells.length;
  const a = Math.max(1, Math.round(areaShare * A));
  const flagged = topCells(risk, cells, a);
  let n = 0;
  for (const c of flagged) n += testCounts[c] as number;
  let N = 0;
  for (const c of cells) N += testCounts[c] as number;
  let nStar = 0;
  for (const c of topCells(testCounts, cells, a)) nStar += testCounts[c] as number;
  return {
    pai: N > 0 ? n / N / (a / A) : Number.NaN,
    pei: nStar > 0 ? n / nStar : Number.NaN,
    n,
    N,
    a,
    A,
    nStar,
    flagged: Int32Array.from(flagged),
  };
}
