/**
 * Similarity of two sets of 作案特点 codes: a Jaccard index where each code weighs −ln f(code), so
 * sharing a rare trait (gloves, disabled camera) says more than sharing a common one (ransacked).
 * Sets are bit masks for speed; the 32 most frequent codes are kept, rarer ones beyond that are dropped.
 */
export interface FeatureSetModel {
  readonly bits: ReadonlyMap<string, number>;
  /** Weight of each bit. */
  readonly weights: Float64Array;
}

export const MAX_FEATURE_CODES = 32;

export function buildFeatureSetModel(sets: readonly (readonly string[])[]): FeatureSetModel {
  const counts = new Map<string, number>();
  for (const s of sets) for (const f of s) counts.set(f, (counts.get(f) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.slice(0, MAX_FEATURE_CODES);
  const n = Math.max(sets.length, 1);
  const weights = new Float64Array(MAX_FEATURE_CODES);
  const bits = new Map<string, number>();
  kept.forEach(([code, count], bit) => {
    bits.set(code, bit);
    weights[bit] = -Math.log(count / n);
  });
  return { bits, weights };
}

export function featureMask(model: FeatureSetModel, codes: readonly string[]): number {
  let mask = 0;
  for (const c of codes) {
    const bit = model.bits.get(c);
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask >>> 0;
}

export function maskWeight(model: FeatureSetModel, mask: number): number {
  let w = 0;
  let m = mask >>> 0;
  while (m !== 0) {
    const bit = 31 - Math.clz32(m);
    w += model.weights[bit] ?? 0;
    m = (m ^ (1 << bit)) >>> 0;
  }
  return w;
}

/** Weighted Jaccard of two masks with precomputed total weights; 0 when neither has weighted codes. */
export function maskSimilarity(model: FeatureSetModel, a: number, wa: number, b: number, wb: number): number {
  const inter = maskWeight(model, a & b);
  const union = wa + wb - inter;
  return union > 0 ? inter / union : 0;
}
