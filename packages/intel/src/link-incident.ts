import type { CrimeRecord } from './crime-record.ts';
import { LINK_FEATURE_COUNT, LINK_FEATURES, type LinkFeature, type LinkWeights } from './link-features.ts';
import { explainLink, type LinkExplanation } from './link-explain.ts';
import { encodeRecords, type LinkModel, type LinkTable } from './link-model.ts';
import { rankCandidates } from './link-scan.ts';
import { pairSimilarities } from './pair-similarity.ts';
import { seriesWeights } from './series-finder.ts';

export interface LinkCandidate {
  readonly id: string;
  readonly index: number;
  readonly score: number;
  readonly seriesId?: string;
  /** The per-feature similarities behind the score. */
  readonly similarities: Readonly<Record<LinkFeature, number>>;
  readonly explanation: LinkExplanation;
}

/**
 * The k history records most likely to be in the same series as a new incident (which need not be in
 * the history), best first, each with its per-feature similarities and a plain-language explanation.
 */
export function linkNewIncident(
  model: LinkModel,
  history: LinkTable,
  historyRecords: readonly CrimeRecord[],
  incident: CrimeRecord,
  weights: LinkWeights,
  k: number,
  offsetMs = model.options.offsetMs,
): LinkCandidate[] {
  const query = encodeRecords(model, [incident]);
  const s = new Float64Array(LINK_FEATURE_COUNT);
  return rankCandidates(
    model,
    history,
    query,
    0,
    weights,
    k,
    (j) => historyRecords[j]?.id === incident.id,
  ).map((r) => {
    const record = historyRecords[r.index] as CrimeRecord;
    pairSimilarities(model, query, 0, history, r.index, s);
    return {
      id: record.id,
      index: r.index,
      score: r.score,
      ...(record.seriesId ? { seriesId: record.seriesId } : {}),
      similarities: Object.fromEntries(LINK_FEATURES.map((f, i) => [f, s[i] as number])) as Record<
        LinkFeature,
        number
      >,
      explanation: explainLink([incident, record], offsetMs),
    };
  });
}

export interface SeriesMatch {
  readonly seriesId: string;
  /** Σ_j λ_j η_j s̄_j of the incident against the series. */
  readonly score: number;
  readonly explanation: LinkExplanation;
}

/**
 * Which known series a new incident most resembles: its Series Finder score against every series in
 * the history (series-specific weights included), best first.
 */
export function rankSeriesForIncident(
  model: LinkModel,
  history: LinkTable,
  historyRecords: readonly CrimeRecord[],
  incident: CrimeRecord,
  weights: LinkWeights,
  k: number,
  offsetMs = model.options.offsetMs,
): SeriesMatch[] {
  const query = encodeRecords(model, [incident]);
  const bySeries = new Map<string, number[]>();
  historyRecords.forEach((r, i) => {
    if (!r.seriesId || r.id === incident.id) return;
    const list = bySeries.get(r.seriesId);
    if (list) list.push(i);
    else bySeries.set(r.seriesId, [i]);
  });
  const s = new Float64Array(LINK_FEATURE_COUNT);
  const matches: SeriesMatch[] = [];
  for (const [seriesId, members] of bySeries) {
    const eta = seriesWeights(model, history, members, weights);
    let score = 0;
    for (const m of members) {
      pairSimilarities(model, query, 0, history, m, s);
      for (let f = 0; f < LINK_FEATURE_COUNT; f++)
        score += ((weights[f] as number) * (eta[f] as number) * (s[f] as number)) / members.length;
    }
    matches.push({ seriesId, score, explanation: emptyExplanation });
  }
  matches.sort((a, b) => b.score - a.score || (a.seriesId < b.seriesId ? -1 : 1));
  // Explanations only for the matches returned.
  return matches.slice(0, k).map((m) => ({
    ...m,
    explanation: explainLink(
      [...(bySeries.get(m.seriesId) ?? []).map((i) => historyRecords[i] as CrimeRecord), incident],
      offsetMs,
    ),
  }));
}

const emptyExplanation: LinkExplanation = { zh: '', en: '', clauses: [] };
