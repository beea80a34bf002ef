import { describe, expect, it } from 'vitest';
import type { Polygon } from './geojson.ts';
import { closestOnBoundary, closestOnSegment, nearestInside } from './nearest-inside.ts';
import { pointInPolygon } from './point-in-polygon.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
  ],
};

describe('nearestInside', () => {
  it('projects onto a segment and clamps to its ends', () => {
    expect(closestOnSegment([5, 3], [0, 0], [10, 0])).toEqual([5, 0]);
    expect(closestOnSegment([-4, 3], [0, 0], [10, 0])).toEqual([0, 0]);
  });

  it('finds the closest boundary point', () => {
    expect(closestOnBoundary([12, 4], square)).toEqual([10, 4]);
    expect(closestOnBoundary([5, 9], square)).toEqual([5, 10]);
  });

  it('keeps an inside point and moves an outside one just inside', () => {
    expect(nearestInside([3, 3], square, 0.1)).toEqual([3, 3]);
    const moved = nearestInside([12, 4], square, 0.1);
    expect(moved[0]).toBeCloseTo(9.9, 9);
    expect(moved[1]).toBeCloseTo(4, 9);
    expect(pointInPolygon(moved, square)).toBe(true);
  });
});
