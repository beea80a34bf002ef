import { describe, expect, it } from 'vitest';
import { planarRingArea } from './area.ts';
import { differencePolygons, intersectPolygons, unionPolygons } from './clip.ts';
import type { MultiPolygon, Polygon } from './geojson.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
// "U" opening upwards: the bowl is x 1..3, y 1..3.
const u: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [4, 0],
      [4, 3],
      [3, 3],
      [3, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ],
  ],
};
const area = (m: MultiPolygon) =>
  m.coordinates.reduce(
    (s, [outer, ...holes]) =>
      s + Math.abs(planarRingArea(outer ?? [])) - holes.reduce((h, r) => h + Math.abs(planarRingArea(r)), 0),
    0,
  );

describe('polygon clipping', () => {
  it('clips a convex cell by a concave polygon into separate pieces', () => {
    const cut = intersectPolygons(rect(-1, 2, 5, 4), u);
    expect(cut.coordinates).toHaveLength(2);
    expect(area(cut)).toBeCloseTo(2, 9);
  });

  it('returns nothing for disjoint shapes', () => {
    expect(intersectPolygons(rect(0, 0, 1, 1), rect(2, 2, 3, 3)).coordinates).toEqual([]);
  });

  it('unites touching cells into one polygon and keeps holes', () => {
    const whole = unionPolygons(rect(0, 0, 1, 1), rect(1, 0, 2, 1));
    expect(whole.coordinates).toHaveLength(1);
    expect(area(whole)).toBeCloseTo(2, 9);
    const ring = differencePolygons(rect(0, 0, 3, 3), rect(1, 1, 2, 2));
    expect(ring.coordinates[0]).toHaveLength(2);
    expect(area(ring)).toBeCloseTo(8, 9);
  });
});
