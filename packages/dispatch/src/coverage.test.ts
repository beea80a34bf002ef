import { describe, expect, it } from 'vitest';
import { coverage } from './coverage.ts';

describe('coverage', () => {
  it('counts villages and people reached within each threshold, per group and overall', () => {
    const places = [
      { code: 'a', groupKey: 'north', population: 1000 },
      { code: 'b', groupKey: 'north', population: 3000 },
      { code: 'c', groupKey: 'south', population: 6000 },
    ];
    const [all, north, south] = coverage(places, [100, 400, Number.POSITIVE_INFINITY], [3, 5, 10]);
    expect(all!.key).toBe('all');
    expect(all!.within.map((w) => w.villages)).toEqual([1, 1, 2]);
    expect(all!.within[2]!.populationShare).toBeCloseTo(0.4, 9);
    expect(north!.within.map((w) => w.populationShare)).toEqual([0.25, 0.25, 1]);
    expect(south!.within.map((w) => w.villageShare)).toEqual([0, 0, 0]);
  });
});
