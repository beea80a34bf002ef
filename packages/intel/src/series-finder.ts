import { LINK_FEATURE_COUNT, type LinkWeights } from './link-features.ts';
import type { LinkModel, LinkTable } from './link-model.ts';
import { pairSimilarities } from './pair-similarity.ts';

/**
 * Series-specific weights η_j: how consistent a series is on feature j (mean within-series similarity),
 * relative to its λ-weighted average consistency, shrunk toward 1 when the series has few pairs.
 * A series that always strikes at night but varies its entry method weighs time up and method down.
 */
export function seriesWeights(
  model: LinkModel,
  table: LinkTable,
  members: readonly number[],
  lambda: LinkWeights,
) {
  const eta = new Float64Array(LINK_FEATURE_COUNT).fill(1);
  const pairs = (members.length * (members.length - 1)) / 2;
  if (pairs === 0) return eta;
  const mean = new Float64Array(LINK_FEATURE_COUNT);
  const s = new Float64Array(LINK_FEATURE_COUNT);
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      pairSimilarities(model, table, members[a] as number, table, members[b] as number, s);
      for (let k = 0; k < LINK_FEATURE_COUNT; k++) mean[k] = (mean[k] as number) + (s[k] as number) / pairs;
    }
  }
  let weighted = 0;
  let total = 0;
  for (let k = 0; k < LINK_FEATURE_COUNT; k++) {
    weighted += (lambda[k] as number) * (mean[k] as number);
    total += lambda[k] as number;
  }
  if (weighted <= 0) return eta;
  const shrink = pairs / (pairs + 3);
  for (let k = 0; k < LINK_FEATURE_COUNT; k++) {
    const raw = ((mean[k] as number) * total) / weighted;
    eta[k] = 1 - shrink + shrink * raw;
  }
  return eta;
}

/**
 * Score of every record of `table` as a candidate for the series: Σ_j λ_j η_j s̄_j, where s̄_j is the
 * candidate's mean similarity to the members. Members themselves are scored too; callers skip them.
 */
export function scoreAgainstSeries(
  model: LinkModel,
  table: LinkTable,
  members: readonly number[],
  lambda: LinkWeights,
  eta: Float64Array = seriesWeights(model, table, members, lambda),
): Float64Array {
  const out = new Float64Array(table.n);
  const s = new Float64Array(LINK_FEATURE_COUNT);
  const w = new Float64Array(LINK_FEATURE_COUNT);
  for (let k = 0; k < LINK_FEATURE_COUNT; k++)
    w[k] = ((lambda[k] as number) * (eta[k] as number)) / members.length;
  for (const m of members) {
    for (let j = 0; j < table.n; j++) {
      pairSimilarities(model, table, m, table, j, s);
      let sum = 0;
      for (let k = 0; k < LINK_FEATURE_COUNT; k++) sum += (w[k] as number) * (s[k] as number);
      out[j] = (out[j] as number) + sum;
    }
  }
  return out;
}

/** Mean λ-weighted similarity over all pairs of members (1 for a single record). */
export function seriesCohesion(
  model: LinkModel,
  table: LinkTable,
  members: readonly number[],
  lambda: LinkWeights,
): number {
  if (members.length < 2) return 1;
  const s = new Float64Array(LINK_FEATURE_COUNT);
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      pairSimilarities(model, table, members[a] as number, table, members[b] as number, s);
      for (let k = 0; k < LINK_FEATURE_COUNT; k++) sum += (lambda[k] as number) * (s[k] as number);
      pairs++;
    }
  }
  return sum / pairs;
}
