import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from './geojson.ts';
import { pointInPolygon, pointInRing } from './point-in-polygon.ts';

const square = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
] as const;
const hole = [
  [4, 4],
  [6, 4],
  [6, 6],
  [4, 6],
  [4, 4],
] as const;
// A "C" shape: concave, opening to the east.
const cShape = [
  [0, 0],
  [3, 0],
  [3, 1],
  [1, 1],
  [1, 2],
  [3, 2],
  [3, 3],
  [0, 3],
  [0, 0],
] as const;

describe('pointInPolygon', () => {
  it('handles a concave ring', () => {
    expect(pointInRing([0.5, 1.5], cShape)).toBe(true);
    expect(pointInRing([2, 1.5], cShape)).toBe(false);
    expect(pointInRing([2, 0.5], cShape)).toBe(true);
    expect(pointInRing([4, 0.5], cShape)).toBe(false);
  });

  it('excludes holes', () => {
    const p: Polygon = { type: 'Polygon', coordinates: [square, hole] };
    expect(pointInPolygon([1, 1], p)).toBe(true);
    expect(pointInPolygon([5, 5], p)).toBe(false);
    expect(pointInPolygon([11, 5], p)).toBe(false);
  });

  it('accepts any part of a MultiPolygon, including an island inside another part’s hole', () => {
    const island = [
      [4.5, 4.5],
      [5.5, 4.5],
      [5.5, 5.5],
      [4.5, 5.5],
      [4.5, 4.5],
    ] as const;
    const far = square.map(([x, y]) => [x + 20, y] as const);
    const m: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square, hole], [island], [far]] };
    expect(pointInPolygon([5, 5], m)).toBe(true);
    expect(pointInPolygon([4.2, 4.2], m)).toBe(false);
    expect(pointInPolygon([25, 5], m)).toBe(true);
    expect(pointInPolygon([15, 5], m)).toBe(false);
  });
});
