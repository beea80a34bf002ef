import { LINK_FEATURE_COUNT, type LinkWeights } from './link-features.ts';
import type { LinkModel, LinkTable } from './link-model.ts';
import { pairSimilarities } from './pair-similarity.ts';
import { type Ranked, topK } from './top-k.ts';

/**
 * Score record `qi` of `query` against every record of `history`: Σ_j λ_j s_j. No prefilter: the full
 * scan of 100,000 records is fast enough, so no true link is lost to a candidate cut-off.
 */
export function scoreAgainstAll(
  model: LinkModel,
  history: LinkTable,
  query: LinkTable,
  qi: number,
  weights: LinkWeights,
  out: Float64Array = new Float64Array(history.n),
): Float64Array {
  const s = new Float64Array(LINK_FEATURE_COUNT);
  const w0 = weights[0] as number;
  const w1 = weights[1] as number;
  const w2 = weights[2] as number;
  const w3 = weights[3] as number;
  const w4 = weights[4] as number;
  const w5 = weights[5] as number;
  const w6 = weights[6] as number;
  const w7 = weights[7] as number;
  for (let j = 0; j < history.n; j++) {
    pairSimilarities(model, query, qi, history, j, s);
    out[j] =
      w0 * (s[0] as number) +
      w1 * (s[1] as number) +
      w2 * (s[2] as number) +
      w3 * (s[3] as number) +
      w4 * (s[4] as number) +
      w5 * (s[5] as number) +
      w6 * (s[6] as number) +
      w7 * (s[7] as number);
  }
  return out;
}

/** The k history records most similar to one incident, best first. */
export function rankCandidates(
  model: LinkModel,
  history: LinkTable,
  query: LinkTable,
  qi: number,
  weights: LinkWeights,
  k: number,
  exclude?: (index: number) => boolean,
): Ranked[] {
  return topK(scoreAgainstAll(model, history, query, qi, weights), k, exclude);
}
