import { LINK_FEATURE_COUNT, type LinkWeights } from './link-features.ts';
import type { LinkModel, LinkTable } from './link-model.ts';
import { pairSimilarities } from './pair-similarity.ts';
import { seriesWeights } from './series-finder.ts';

export interface GrowOptions {
  /** Stop when adding the best candidate would bring the series' cohesion below this. */
  readonly minCohesion: number;
  readonly maxSize?: number;
}

export interface GrowStep {
  readonly index: number;
  /** Candidate's score against the series when it was added. */
  readonly score: number;
  /** Cohesion of the series after adding it. */
  readonly cohesion: number;
}

/**
 * Grow a series from seed incidents (Series Finder): repeatedly add the record that scores best against
 * the current series (with its series-specific weights), as long as the series' cohesion — mean
 * λ-weighted pairwise similarity — stays at or above the threshold. Per-candidate similarity sums are
 * kept, so each step is one pass over the table.
 */
export function growSeries(
  model: LinkModel,
  table: LinkTable,
  seeds: readonly number[],
  lambda: LinkWeights,
  options: GrowOptions,
): { members: number[]; steps: GrowStep[] } {
  const d = LINK_FEATURE_COUNT;
  const members = [...new Set(seeds)];
  const inSeries = new Uint8Array(table.n);
  const sums = new Float64Array(table.n * d);
  const s = new Float64Array(d);
  let pairSum = 0;
  const addMember = (m: number) => {
    for (let j = 0; j < table.n; j++) {
      pairSimilarities(model, table, m, table, j, s);
      for (let k = 0; k < d; k++) sums[j * d + k] = (sums[j * d + k] as number) + (s[k] as number);
    }
    inSeries[m] = 1;
  };
  members.forEach((m, idx) => {
    for (let a = 0; a < idx; a++) {
      pairSimilarities(model, table, m, table, members[a] as number, s);
      for (let k = 0; k < d; k++) pairSum += (lambda[k] as number) * (s[k] as number);
    }
    addMember(m);
  });
  const steps: GrowStep[] = [];
  const maxSize = options.maxSize ?? 50;
  while (members.length < maxSize && members.length < table.n) {
    const eta = seriesWeights(model, table, members, lambda);
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < table.n; j++) {
      if (inSeries[j]) continue;
      let score = 0;
      for (let k = 0; k < d; k++)
        score += (lambda[k] as number) * (eta[k] as number) * (sums[j * d + k] as number);
      score /= members.length;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best < 0) break;
    let added = 0;
    for (let k = 0; k < d; k++) added += (lambda[k] as number) * (sums[best * d + k] as number);
    const n = members.length + 1;
    const cohesion = (pairSum + added) / ((n * (n - 1)) / 2);
    if (cohesion < options.minCohesion) break;
    pairSum += added;
    members.push(best);
    addMember(best);
    steps.push({ index: best, score: bestScore, cohesion });
  }
  return { members, steps };
}
