import type { CrimeRecord } from './crime-record.ts';
import { LINK_FEATURE_COUNT, type LinkWeights } from './link-features.ts';
import type { LinkModel, LinkTable } from './link-model.ts';
import { concatPairs, type LabelledPairs, learnWeights } from './link-weights.ts';
import { pairSimilarities } from './pair-similarity.ts';

/** An analyst's verdict on a suggested link between two crimes (by id). */
export interface LinkFeedback {
  readonly a: string;
  readonly b: string;
  readonly verdict: 'confirm' | 'reject';
}

/** Confirmed links become positive pairs, rejected ones negative; feedback naming unknown ids is skipped. */
export function feedbackPairs(
  model: LinkModel,
  table: LinkTable,
  records: readonly CrimeRecord[],
  feedback: readonly LinkFeedback[],
): LabelledPairs {
  const index = new Map(records.map((r, i) => [r.id, i]));
  const usable = feedback.flatMap((f) => {
    const i = index.get(f.a);
    const j = index.get(f.b);
    return i === undefined || j === undefined || i === j
      ? []
      : [{ i, j, label: f.verdict === 'confirm' ? 1 : 0 }];
  });
  const x = new Float64Array(usable.length * LINK_FEATURE_COUNT);
  const y = new Uint8Array(usable.length);
  usable.forEach(({ i, j, label }, r) => {
    pairSimilarities(model, table, i, table, j, x, r * LINK_FEATURE_COUNT);
    y[r] = label;
  });
  return { x, y };
}

/** Re-learn λ from analyst feedback, on top of the pairs from solved series when given. */
export function learnWeightsFromFeedback(
  model: LinkModel,
  table: LinkTable,
  records: readonly CrimeRecord[],
  feedback: readonly LinkFeedback[],
  base?: LabelledPairs,
): LinkWeights {
  const fromFeedback = feedbackPairs(model, table, records, feedback);
  return learnWeights(base ? concatPairs(base, fromFeedback) : fromFeedback);
}
