import { topK } from './top-k.ts';

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

function topCells(values: ArrayLike<number>, cells: readonly number[] | undefined, k: number): number[] {
  // Ties are broken by cell index, so the flagged set never depends on sort stability.
  if (!cells) return topK(values, k).map((r) => r.index);
  const sub = Float64Array.from(cells, (c) => values[c] as number);
  return topK(sub, k).map((r) => cells[r.index] as number);
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
  const A = study ? study.length : risk.length;
  const a = Math.max(1, Math.round(areaShare * A));
  const flagged = topCells(risk, study, a);
  let n = 0;
  for (const c of flagged) n += testCounts[c] as number;
  let N = 0;
  if (study) for (const c of study) N += testCounts[c] as number;
  else for (let c = 0; c < testCounts.length; c++) N += testCounts[c] as number;
  let nStar = 0;
  for (const c of topCells(testCounts, study, a)) nStar += testCounts[c] as number;
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
