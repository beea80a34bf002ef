import type { CategoricalModel } from './categorical-similarity.ts';
import { DAY_MINUTES, expectedCircularDistance, WEEK_MINUTES } from './circular-time.ts';
import { maskSimilarity } from './feature-set-similarity.ts';
import type { LinkWeights } from './link-features.ts';
import type { LinkModel, LinkTable } from './link-model.ts';
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
  // The same arithmetic as pairSimilarities, with everything that depends only on the query hoisted
  // out of the loop (its rows of the code similarity matrices, its window, its feature weights).
  const w = Float64Array.from(weights);
  const row = (m: CategoricalModel, id: number) => {
    const r = new Float64Array(m.size + 1);
    if (id >= 0) r.set(m.sim.subarray(id * m.size, (id + 1) * m.size), 1);
    return r; // r[code id + 1]; r[0] = 0 for empty or unknown codes
  };
  const catRow = row(model.category, query.category[qi] as number);
  const premRow = row(model.premise, query.premise[qi] as number);
  const methRow = row(model.method, query.method[qi] as number);
  const qMask = query.featureMask[qi] as number;
  const qMaskW = query.featureWeight[qi] as number;
  const qx = query.x[qi] as number;
  const qy = query.y[qi] as number;
  const qDay = query.midDay[qi] as number;
  const qTod = query.todStart[qi] as number;
  const qWeek = query.weekStart[qi] as number;
  const qLen = query.lengthMin[qi] as number;
  const invDist = 1 / model.options.distanceScaleM;
  const invDays = 1 / model.options.daysScale;
  const halfDay = DAY_MINUTES / 2;
  const halfWeek = WEEK_MINUTES / 2;
  const {
    category,
    premise,
    method,
    featureMask,
    featureWeight,
    x,
    y,
    midDay,
    todStart,
    weekStart,
    lengthMin,
  } = history;
  const fm = model.features;
  for (let j = 0; j < history.n; j++) {
    const len = lengthMin[j] as number;
    let score =
      (w[0] as number) * (catRow[(category[j] as number) + 1] as number) +
      (w[1] as number) * (premRow[(premise[j] as number) + 1] as number) +
      (w[2] as number) * (methRow[(method[j] as number) + 1] as number);
    const mask = featureMask[j] as number;
    if ((mask & qMask) !== 0) {
      score += (w[3] as number) * maskSimilarity(fm, qMask, qMaskW, mask, featureWeight[j] as number);
    }
    const dTod = expectedCircularDistance(qTod, qLen, todStart[j] as number, len, DAY_MINUTES, 1);
    const dWeek = expectedCircularDistance(qWeek, qLen, weekStart[j] as number, len, WEEK_MINUTES, 1);
    const dx = qx - (x[j] as number);
    const dy = qy - (y[j] as number);
    score +=
      (w[4] as number) * (1 - dTod / halfDay) +
      (w[5] as number) * (1 - dWeek / halfWeek) +
      (w[6] as number) * Math.exp(-Math.sqrt(dx * dx + dy * dy) * invDist) +
      (w[7] as number) * Math.exp(-Math.abs(qDay - (midDay[j] as number)) * invDays);
    out[j] = score;
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
