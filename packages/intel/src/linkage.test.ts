import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import type { CrimeRecord } from './crime-record.ts';
import { growSeries } from './grow-series.ts';
import { evaluateLinkage } from './link-eval.ts';
import { explainLink } from './link-explain.ts';
import { equalWeights, LINK_FEATURES } from './link-features.ts';
import { feedbackPairs, learnWeightsFromFeedback } from './link-feedback.ts';
import { buildLinkModel, encodeRecords } from './link-model.ts';
import { linkNewIncident, rankSeriesForIncident } from './link-incident.ts';
import { learnWeights, seriesPairs } from './link-weights.ts';
import { createRng } from './rng.ts';
import { scoreAgainstSeries, seriesCohesion, seriesWeights } from './series-finder.ts';
import { topK } from './top-k.ts';

const history = generateBurglaries(createRng(11), { series: 40, background: 600 }).records;
const model = buildLinkModel(history);
const table = encodeRecords(model, history);
const seriesOf = history.map((r) => r.seriesId);
const all = history.map((_, i) => i);

describe('learning general weights λ', () => {
  it('are non-negative, sum to 1 and favour what separates series from background', () => {
    const pairs = seriesPairs(model, table, seriesOf, all, createRng(1));
    expect(pairs.y.some((v) => v === 1)).toBe(true);
    const w = learnWeights(pairs);
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    for (const v of w) expect(v).toBeGreaterThanOrEqual(0);
    // Offenders keep to a hunting area: distance must matter more than day of week.
    expect(w[LINK_FEATURES.indexOf('distance')]).toBeGreaterThan(
      w[LINK_FEATURES.indexOf('dayOfWeek')] as number,
    );
  });

  it('never use records outside the eligible list', () => {
    const eligible = all.filter((i) => seriesOf[i] !== 'S0001');
    const pairs = seriesPairs(model, table, seriesOf, eligible, createRng(2));
    const withAll = seriesPairs(model, table, seriesOf, all, createRng(2));
    expect(pairs.y.filter((v) => v === 1).length).toBeLessThan(withAll.y.filter((v) => v === 1).length);
  });
});

describe('series-specific weights and growing a series', () => {
  const members = all.filter((i) => seriesOf[i] === 'S0003');
  const lambda = learnWeights(seriesPairs(model, table, seriesOf, all, createRng(3)));

  it('η is 1 for a single crime and averages to about 1 under λ', () => {
    expect([...seriesWeights(model, table, [members[0] as number], lambda)]).toEqual(new Array(8).fill(1));
    const eta = seriesWeights(model, table, members, lambda);
    const avg = lambda.reduce((s, l, k) => s + l * (eta[k] as number), 0);
    expect(avg).toBeCloseTo(1, 9);
  });

  it('other members of the series rank near the top against the series', () => {
    const scores = scoreAgainstSeries(model, table, members.slice(0, 2), lambda);
    const ranked = topK(scores, 20, (j) => members.slice(0, 2).includes(j));
    const found = ranked.filter((r) => seriesOf[r.index] === 'S0003').length;
    expect(found).toBeGreaterThanOrEqual(Math.min(2, members.length - 2));
  });

  it('grows from two seeds while cohesion holds, and stops below the threshold', () => {
    // The most cohesive series of six or more: the case where growing should recover most members.
    const ids = [...new Set(seriesOf.filter((s): s is string => s !== undefined))];
    const candidates = ids
      .map((id) => all.filter((i) => seriesOf[i] === id))
      .filter((m) => m.length >= 6)
      .map((m) => ({ m, c: seriesCohesion(model, table, m, lambda) }))
      .sort((a, b) => b.c - a.c);
    const { m: series, c: cohesion } = candidates[0] as { m: number[]; c: number };
    const id = seriesOf[series[0] as number];
    const seeds = series.slice(0, 2);
    const grown = growSeries(model, table, seeds, lambda, { minCohesion: cohesion * 0.95, maxSize: 30 });
    const correct = grown.members.filter((m) => seriesOf[m] === id).length;
    expect(correct).toBeGreaterThan(4);
    expect(correct / grown.members.length).toBeGreaterThan(0.8);
    for (const step of grown.steps) expect(step.cohesion).toBeGreaterThanOrEqual(cohesion * 0.95);
    const none = growSeries(model, table, seeds, lambda, { minCohesion: 2 });
    expect(none.members).toEqual(seeds);
  });
});

describe('analyst feedback', () => {
  it('becomes labelled pairs and moves the weights toward what the analyst confirmed', () => {
    const a = history[0] as CrimeRecord;
    const near = history.map((r, i) => ({ r, i })).filter(({ r }) => Math.hypot(r.x - a.x, r.y - a.y) < 400);
    const far = history.filter((r) => Math.hypot(r.x - a.x, r.y - a.y) > 5000);
    const feedback = [
      ...near.slice(1, 20).map(({ r }) => ({ a: a.id, b: r.id, verdict: 'confirm' as const })),
      ...far.slice(0, 20).map((r) => ({ a: a.id, b: r.id, verdict: 'reject' as const })),
      { a: a.id, b: 'missing', verdict: 'confirm' as const },
    ];
    const pairs = feedbackPairs(model, table, history, feedback);
    expect(pairs.y.length).toBe(feedback.length - 1);
    const w = learnWeightsFromFeedback(model, table, history, feedback);
    expect(w[LINK_FEATURES.indexOf('distance')]).toBeGreaterThan(0.3);
  });
});

describe('explanation', () => {
  it('says in Chinese and English what a series has in common', () => {
    const base = Date.UTC(2026, 2, 1, 18, 10); // 02:10 Shanghai
    const mk = (id: string, dayOffset: number, x: number): CrimeRecord => ({
      id,
      occurredFrom: base + dayOffset * 86_400_000,
      occurredTo: base + dayOffset * 86_400_000 + 170 * 60_000,
      x,
      y: 0,
      category: '050101',
      premise: '0101',
      method: '0101',
      features: ['0101', '0301'],
    });
    const e = explainLink([mk('a', 0, 0), mk('b', 3, 300), mk('c', 9, 500)]);
    expect(e.zh).toContain('作案时间均在02:10–05:00');
    expect(e.zh).toContain('处所均为背街小巷自建房');
    expect(e.zh).toContain('均戴口罩');
    expect(e.zh).toContain('手段均为撬锁');
    expect(e.en).toContain('all between 02:10–05:00');
    expect(e.en).toContain('wore a mask');
  });
});

describe('link evaluation on generated data', () => {
  it('reaches pairs AUC ≥ 0.9 and recall@50 ≥ 0.85 with cross-validation by series', () => {
    const r = evaluateLinkage(history, { rng: createRng(4), folds: 4, ks: [10, 50] });
    expect(r.folds).toBe(4);
    expect(r.weights).toHaveLength(4);
    expect(r.pairs_auc).toBeGreaterThanOrEqual(0.9);
    expect(r.recall[50]).toBeGreaterThanOrEqual(0.85);
    expect(r.recall[10]).toBeLessThanOrEqual(r.recall[50] as number);
  });

  it('scores no better than chance with weights that ignore everything informative', () => {
    // Sanity: equal weights on shuffled series labels give AUC near 0.5.
    const shuffled = history.map((rec, i) => ({ ...rec, seriesId: seriesOf[(i * 7919) % history.length] }));
    const r = evaluateLinkage(shuffled, { rng: createRng(5), folds: 3 });
    expect(Math.abs(r.pairs_auc - 0.5)).toBeLessThan(0.1);
    expect(equalWeights().length).toBe(8);
  });
});

describe('linking a new incident', () => {
  const lambda = learnWeights(seriesPairs(model, table, seriesOf, all, createRng(6)));
  // A new crime by the offender behind the first series member: a copy of it a few days later, nearby.
  const member = history.find((r) => r.seriesId !== undefined) as CrimeRecord;
  const incident: CrimeRecord = {
    ...member,
    id: 'NEW',
    occurredFrom: member.occurredFrom + 3 * 86_400_000,
    occurredTo: member.occurredTo + 3 * 86_400_000,
    x: member.x + 150,
    seriesId: undefined,
  };

  it('ranks history records with similarities and reasons', () => {
    const ranked = linkNewIncident(model, table, history, incident, lambda, 5);
    expect(ranked).toHaveLength(5);
    expect(ranked[0]?.id).toBe(member.id);
    expect(ranked[0]?.similarities.distance).toBeCloseTo(Math.exp(-150 / 1000), 9);
    expect(ranked[0]?.explanation.zh).toContain('彼此相距不超过200米');
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i]?.score).toBeLessThanOrEqual(ranked[i - 1]?.score as number);
  });

  it('finds the series it most resembles', () => {
    const series = rankSeriesForIncident(model, table, history, incident, lambda, 3);
    expect(series).toHaveLength(3);
    expect(series[0]?.seriesId).toBe(member.seriesId);
  });
});
