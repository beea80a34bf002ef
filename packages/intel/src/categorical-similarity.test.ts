import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCategoricalModel, categoricalSimilarity } from './categorical-similarity.ts';
import { buildFeatureSetModel, featureMask, maskSimilarity, maskWeight } from './feature-set-similarity.ts';
import { PREMISE_CODES } from './mo-codes.ts';

describe('categorical similarity', () => {
  const model = buildCategoricalModel(['0101', '0101', '0102', '0201'], 'premise', 0.5);
  it('scores a match 1 − f², a sibling partial × (1 − f(parent)²), anything else 0', () => {
    expect(categoricalSimilarity(model, '0101', '0101')).toBeCloseTo(0.75, 12);
    expect(categoricalSimilarity(model, '0102', '0102')).toBeCloseTo(1 - 1 / 16, 12);
    expect(categoricalSimilarity(model, '0101', '0102')).toBeCloseTo(0.5 * (1 - 9 / 16), 12);
    expect(categoricalSimilarity(model, '0101', '0201')).toBe(0);
    expect(categoricalSimilarity(model, '0101', '')).toBe(0);
    expect(categoricalSimilarity(model, '0104', '0104')).toBe(0);
  });

  it('is symmetric and within [0, 1]', () => {
    const codes = PREMISE_CODES.map((c) => c.code);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...codes), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (vals, i, j) => {
          const m = buildCategoricalModel(vals, 'premise', 0.5);
          const a = vals[i % vals.length] as string;
          const b = vals[j % vals.length] as string;
          const s = categoricalSimilarity(m, a, b);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          expect(s).toBe(categoricalSimilarity(m, b, a));
        },
      ),
    );
  });
});

describe('feature-set similarity', () => {
  const model = buildFeatureSetModel([['a'], ['a', 'b'], ['c'], ['a']]);
  const sim = (x: string[], y: string[]) => {
    const mx = featureMask(model, x);
    const my = featureMask(model, y);
    return maskSimilarity(model, mx, maskWeight(model, mx), my, maskWeight(model, my));
  };
  it('is a Jaccard index weighted by −ln f', () => {
    const wa = -Math.log(3 / 4);
    const wb = Math.log(4);
    expect(sim(['a', 'b'], ['a'])).toBeCloseTo(wa / (wa + wb), 12);
    expect(sim(['b'], ['b'])).toBe(1);
    expect(sim(['b'], ['c'])).toBe(0);
    expect(sim([], [])).toBe(0);
  });

  it('is symmetric and within [0, 1]', () => {
    const pool = ['a', 'b', 'c'];
    fc.assert(
      fc.property(fc.subarray(pool), fc.subarray(pool), (x, y) => {
        const s = sim(x, y);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBeCloseTo(sim(y, x), 12);
      }),
    );
  });
});
