import { describe, expect, it } from 'vitest';
import { isBadReview, percentile, rate, satisfied } from './stats.ts';

describe('service statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const v = [15, 20, 35, 40, 50];
    expect(percentile(v, 30)).toBe(20);
    expect(percentile(v, 40)).toBe(20);
    expect(percentile(v, 50)).toBe(35);
    expect(percentile(v, 100)).toBe(50);
    expect(percentile(v, 0)).toBe(15);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([], 90)).toBeNull();
    expect(() => percentile(v, 101)).toThrow(RangeError);
  });

  it('divides, or says there is nothing to divide by', () => {
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 0)).toBeNull();
  });

  it('splits 好差评 levels', () => {
    expect([1, 2, 3, 4, 5].map(satisfied)).toEqual([false, false, false, true, true]);
    expect([1, 2, 3, 4, 5].map(isBadReview)).toEqual([true, true, false, false, false]);
  });
});
