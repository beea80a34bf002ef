import { describe, expect, it } from 'vitest';
import { binomialUpperTail, logGamma, poissonUpperTail } from './exact-tests.ts';

describe('exact tests', () => {
  it('log-gamma of integers is ln((n − 1)!)', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 6);
    expect(logGamma(1)).toBeCloseTo(0, 6);
  });
  it('tails by hand', () => {
    expect(binomialUpperTail(5, 8, 0.25)).toBeCloseTo(0.027297974, 8);
    expect(poissonUpperTail(5, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 1 / 2 + 1 / 6 + 1 / 24), 8);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(2, 3)).toBeCloseTo(1 - Math.exp(-3) * 4, 8);
  });
});
