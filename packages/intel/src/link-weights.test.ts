import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import { LINK_FEATURES } from './link-features.ts';
import { buildLinkModel, encodeRecords } from './link-model.ts';
import { learnWeights, seriesPairs } from './link-weights.ts';
import { createRng } from './rng.ts';

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
