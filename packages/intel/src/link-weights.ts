import { LINK_FEATURE_COUNT, type LinkWeights } from './link-features.ts';
import type { LinkModel, LinkTable } from './link-model.ts';
import { fitLogistic } from './logistic-regression.ts';
import { pairSimilarities } from './pair-similarity.ts';
import type { Rng } from './rng.ts';

/** Pair similarity vectors (LINK_FEATURE_COUNT values per row) with a 0/1 "same series" label. */
export interface LabelledPairs {
  readonly x: Float64Array;
  readonly y: Uint8Array;
}

export interface SeriesPairOptions {
  readonly negativesPerPositive?: number;
  readonly maxPositives?: number;
}

/**
 * Labelled pairs from solved series for learning λ. Only the records listed in `eligible` are used,
 * so held-out series never contribute a label: positives are all pairs inside a series, negatives are
 * random pairs of a solved record with any other eligible record outside its series.
 */
export function seriesPairs(
  model: LinkModel,
  table: LinkTable,
  seriesOf: readonly (string | undefined)[],
  eligible: readonly number[],
  rng: Rng,
  options: SeriesPairOptions = {},
): LabelledPairs {
  const perPositive = options.negativesPerPositive ?? 10;
  const maxPositives = options.maxPositives ?? 20_000;
  const bySeries = new Map<string, number[]>();
  for (const i of eligible) {
    const s = seriesOf[i];
    if (s === undefined) continue;
    const list = bySeries.get(s);
    if (list) list.push(i);
    else bySeries.set(s, [i]);
  }
  const positives: [number, number][] = [];
  for (const members of bySeries.values()) {
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++)
        positives.push([members[a] as number, members[b] as number]);
  }
  while (positives.length > maxPositives) positives.splice(Math.floor(rng.next() * positives.length), 1);
  const solved = eligible.filter((i) => seriesOf[i] !== undefined);
  const negatives: [number, number][] = [];
  const wanted = positives.length * perPositive;
  for (let tries = 0; negatives.length < wanted && tries < wanted * 5 && solved.length > 0; tries++) {
    const i = solved[Math.floor(rng.next() * solved.length)] as number;
    const j = eligible[Math.floor(rng.next() * eligible.length)] as number;
    if (i === j || seriesOf[i] === seriesOf[j]) continue;
    negatives.push([i, j]);
  }
  const all = [...positives.map((p) => [...p, 1] as const), ...negatives.map((p) => [...p, 0] as const)];
  const x = new Float64Array(all.length * LINK_FEATURE_COUNT);
  const y = new Uint8Array(all.length);
  all.forEach(([i, j, label], r) => {
    pairSimilarities(model, table, i, table, j, x, r * LINK_FEATURE_COUNT);
    y[r] = label;
  });
  return { x, y };
}

export function concatPairs(a: LabelledPairs, b: LabelledPairs): LabelledPairs {
  const x = new Float64Array(a.x.length + b.x.length);
  x.set(a.x, 0);
  x.set(b.x, a.x.length);
  const y = new Uint8Array(a.y.length + b.y.length);
  y.set(a.y, 0);
  y.set(b.y, a.y.length);
  return { x, y };
}

/**
 * General weights λ_j from labelled pairs: logistic-regression coefficients, clipped at zero (a
 * similarity never counts against a link) and scaled to sum to 1 so scores stay in [0, 1].
 */
export function learnWeights(pairs: LabelledPairs, options: { l2?: number } = {}): LinkWeights {
  const fit = fitLogistic(pairs.x, pairs.y, LINK_FEATURE_COUNT, options);
  const w = new Float64Array(LINK_FEATURE_COUNT);
  let sum = 0;
  for (let k = 0; k < LINK_FEATURE_COUNT; k++) {
    w[k] = Math.max(0, fit.coef[k] as number);
    sum += w[k] as number;
  }
  if (sum === 0) return w.fill(1 / LINK_FEATURE_COUNT);
  for (let k = 0; k < LINK_FEATURE_COUNT; k++) w[k] = (w[k] as number) / sum;
  return w;
}
