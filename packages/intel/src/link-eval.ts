import type { CrimeRecord } from './crime-record.ts';
import type { LinkOptions, LinkWeights } from './link-features.ts';
import { buildLinkModel, encodeRecords } from './link-model.ts';
import { scoreAgainstAll } from './link-scan.ts';
import { learnWeights, seriesPairs } from './link-weights.ts';
import { type Rng, shuffleInPlace } from './rng.ts';
import { rocAuc, tprAtFpr } from './roc.ts';
import { topK } from './top-k.ts';

export interface LinkEvalOptions {
  readonly ks?: readonly number[];
  readonly folds?: number;
  readonly rng: Rng;
  readonly linkOptions?: Partial<LinkOptions>;
  readonly negativesPerPositive?: number;
}

export interface LinkEvalResult {
  readonly pairs_auc: number;
  /** recall_at_k for each k asked. */
  readonly recall: Readonly<Record<number, number>>;
  readonly tpr_at_fpr_5: number;
  readonly folds: number;
  readonly incidents: number;
  readonly solved: number;
  readonly series: number;
  readonly positive_pairs: number;
  readonly negative_pairs: number;
  /** λ learned in each fold (order of LINK_FEATURES). */
  readonly weights: readonly LinkWeights[];
}

/**
 * Evaluate series linkage with cross-validation by series: the series ids are split into folds, and
 * the weights that score an incident of fold f were learned without any label of fold f's series.
 * pairs_auc: ROC-AUC over all pairs of solved incidents (same series = positive; a pair is scored with
 * the weights of its lower-indexed member's fold). recall_at_k: share of incidents of series with two or
 * more members that have another member among the k best of all other incidents in the file.
 */
export function evaluateLinkage(records: readonly CrimeRecord[], options: LinkEvalOptions): LinkEvalResult {
  const ks = [...(options.ks ?? [10, 50])].sort((a, b) => a - b);
  const maxK = ks[ks.length - 1] ?? 0;
  const model = buildLinkModel(records, options.linkOptions);
  const table = encodeRecords(model, records);
  const seriesOf = records.map((r) => r.seriesId);
  const seriesIds = [...new Set(records.flatMap((r) => (r.seriesId ? [r.seriesId] : [])))].sort();
  shuffleInPlace(options.rng, seriesIds);
  const folds = Math.max(2, Math.min(options.folds ?? 5, seriesIds.length));
  const foldOf = new Map(seriesIds.map((s, i) => [s, i % folds]));
  const sizeOf = new Map<string, number>();
  for (const s of seriesOf) if (s) sizeOf.set(s, (sizeOf.get(s) ?? 0) + 1);

  const weights: LinkWeights[] = [];
  for (let f = 0; f < folds; f++) {
    const eligible: number[] = [];
    for (let i = 0; i < records.length; i++) {
      const s = seriesOf[i];
      if (s === undefined || foldOf.get(s) !== f) eligible.push(i);
    }
    const pairs = seriesPairs(model, table, seriesOf, eligible, options.rng, {
      negativesPerPositive: options.negativesPerPositive ?? 10,
    });
    weights.push(learnWeights(pairs));
  }

  const solved = records.flatMap((r, i) => (r.seriesId ? [i] : []));
  const positives: number[] = [];
  const negatives: number[] = [];
  const hits = new Map(ks.map((k) => [k, 0]));
  let queries = 0;
  const scores = new Float64Array(records.length);
  for (let a = 0; a < solved.length; a++) {
    const i = solved[a] as number;
    const s = seriesOf[i] as string;
    const w = weights[foldOf.get(s) ?? 0] as LinkWeights;
    scoreAgainstAll(model, table, table, i, w, scores);
    for (let b = a + 1; b < solved.length; b++) {
      const j = solved[b] as number;
      (seriesOf[j] === s ? positives : negatives).push(scores[j] as number);
    }
    if ((sizeOf.get(s) ?? 0) < 2) continue;
    queries++;
    const ranked = topK(scores, maxK, (j) => j === i);
    for (const k of ks) {
      if (ranked.slice(0, k).some((r) => seriesOf[r.index] === s)) hits.set(k, (hits.get(k) ?? 0) + 1);
    }
  }
  const recall: Record<number, number> = {};
  for (const k of ks) recall[k] = queries > 0 ? (hits.get(k) ?? 0) / queries : Number.NaN;
  return {
    pairs_auc: rocAuc(positives, negatives),
    recall,
    tpr_at_fpr_5: tprAtFpr(positives, negatives, 0.05),
    folds,
    incidents: records.length,
    solved: solved.length,
    series: seriesIds.length,
    positive_pairs: positives.length,
    negative_pairs: negatives.length,
    weights,
  };
}
