import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import { growSeries } from './grow-series.ts';
import { buildLinkModel, encodeRecords } from './link-model.ts';
import { learnWeights, seriesPairs } from './link-weights.ts';
import { createRng } from './rng.ts';
import { scoreAgainstSeries, seriesCohesion, seriesWeights } from './series-finder.ts';
import { topK } from './top-k.ts';

const history = generateBurglaries(createRng(11), { series: 40, background: 600 }).records;
const model = buildLinkModel(history);
const table = encodeRecords(model, history);
const seriesOf = history.map((r) => r.seriesId);
const all = history.map((_, i) => i);

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
