import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import { evaluateLinkage } from './link-eval.ts';
import { createRng } from './rng.ts';

const history = generateBurglaries(createRng(11), { series: 40, background: 600 }).records;
const seriesOf = history.map((r) => r.seriesId);

describe('link evaluation on generated data', () => {
  it('reaches pairs AUC ≥ 0.9 and recall@50 ≥ 0.85 with cross-validation by series', () => {
    const r = evaluateLinkage(history, { rng: createRng(4), folds: 4, ks: [10, 50] });
    expect(r.folds).toBe(4);
    expect(r.weights).toHaveLength(4);
    expect(r.pairs_auc).toBeGreaterThanOrEqual(0.9);
    expect(r.recall[50]).toBeGreaterThanOrEqual(0.85);
    expect(r.recall[10]).toBeLessThanOrEqual(r.recall[50] as number);
  });

  it('finds nothing when the series labels are shuffled (no leak from labels into scores)', () => {
    const shuffled = history.map((rec, i) => ({ ...rec, seriesId: seriesOf[(i * 7919) % history.length] }));
    const r = evaluateLinkage(shuffled, { rng: createRng(5), folds: 3 });
    expect(Math.abs(r.pairs_auc - 0.5)).toBeLessThan(0.1);
  });
});
