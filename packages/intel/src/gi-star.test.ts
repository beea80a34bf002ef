import { describe, expect, it } from 'vitest';
import { getisOrdGiStar } from './gi-star.ts';

describe('Getis-Ord Gi*', () => {
  it('on a 3×3 grid by hand: a single 9 in the centre', () => {
    // n = 9, mean 1, S = √8. Corner: W = 4, Σ = 9 → (9 − 4)/(√8 · √((36 − 16)/8)) = √5/2.
    // Edge: W = 6 → (9 − 6)/(√8 · √((54 − 36)/8)) = 1/√2. Centre: W = n, variance term 0 → z = 0.
    const { z, p } = getisOrdGiStar([0, 0, 0, 0, 9, 0, 0, 0, 0], 3, 3);
    expect(z[0]).toBeCloseTo(Math.sqrt(5) / 2, 9);
    expect(z[1]).toBeCloseTo(Math.SQRT1_2, 9);
    expect(z[4]).toBe(0);
    expect(p[0]).toBeCloseTo(0.2636, 3);
  });

  it('is zero everywhere on a flat grid', () => {
    expect([...getisOrdGiStar([2, 2, 2, 2], 2, 2).z]).toEqual([0, 0, 0, 0]);
  });
});
