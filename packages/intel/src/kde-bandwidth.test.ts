import { describe, expect, it } from 'vitest';
import { ruleOfThumbBandwidth } from './kde-bandwidth.ts';

describe('rule-of-thumb bandwidth', () => {
  it('by hand on four points at the corners of a square', () => {
    // Mean centre (0, 0); every point √2 away: SD = √2, Dm = √2, √(1/ln 2)·√2 > √2 → min = √2.
    const h = ruleOfThumbBandwidth([1, -1, 1, -1], [1, 1, -1, -1]);
    expect(h).toBeCloseTo(0.9 * Math.SQRT2 * 4 ** -0.2, 12);
  });

  it('uses the median distance when one far point inflates the standard distance', () => {
    // Mean centre (2, 0); distances 2, 2, 2, 2, 8: SD = 4, Dm = 2, √(1/ln 2)·2 ≈ 2.40 < 4.
    const h = ruleOfThumbBandwidth([0, 0, 0, 0, 10], [0, 0, 0, 0, 0]);
    expect(h).toBeCloseTo(0.9 * Math.sqrt(1 / Math.LN2) * 2 * 5 ** -0.2, 12);
    expect(() => ruleOfThumbBandwidth([1], [1])).toThrow(RangeError);
  });
});
