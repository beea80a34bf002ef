import { describe, expect, it } from 'vitest';
import { centroidOf, meanPoint } from './centroid.ts';

describe('centroidOf', () => {
  it('weights by area and subtracts holes', () => {
    const outer = [
      [0, 0],
      [4, 0],
      [4, 2],
      [0, 2],
      [0, 0],
    ] as const;
    expect(centroidOf({ type: 'Polygon', coordinates: [outer] })).toEqual([2, 1]);
    // Removing the right half as a hole moves the centroid to the middle of the left half.
    const hole = [
      [2, 0],
      [2, 2],
      [4, 2],
      [4, 0],
      [2, 0],
    ] as const;
    const c = centroidOf({ type: 'Polygon', coordinates: [outer, hole] });
    expect(c[0]).toBeCloseTo(1, 9);
    expect(c[1]).toBeCloseTo(1, 9);
  });

  it('averages points', () => {
    expect(
      meanPoint([
        [0, 0],
        [2, 4],
      ]),
    ).toEqual([1, 2]);
  });
});
