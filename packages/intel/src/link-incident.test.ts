import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import type { CrimeRecord } from './crime-record.ts';
import { buildLinkModel, encodeRecords } from './link-model.ts';
import { linkNewIncident, rankSeriesForIncident } from './link-incident.ts';
import { learnWeights, seriesPairs } from './link-weights.ts';
import { createRng } from './rng.ts';

const history = generateBurglaries(createRng(11), { series: 40, background: 600 }).records;
const model = buildLinkModel(history);
const table = encodeRecords(model, history);
const seriesOf = history.map((r) => r.seriesId);
const all = history.map((_, i) => i);

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
