import { describe, expect, it } from 'vitest';
import { geometryArea, planarRingArea } from './area.ts';
import { clipRingToBBox, clipToBBox } from './bbox-clip.ts';
import { intersectPolygons } from './clip.ts';
import type { Polygon } from './geojson.ts';

// "U" opening upwards: bowl x 1..3, y 1..3.
const u = [
  [0, 0],
  [4, 0],
  [4, 3],
  [3, 3],
  [3, 1],
  [1, 1],
  [1, 3],
  [0, 3],
  [0, 0],
] as const;

describe('clipRingToBBox', () => {
  it('keeps the area inside the box, bridging separate pieces along its edge', () => {
    const r = clipRingToBBox(u, [-1, 2, 5, 4]);
    expect(Math.abs(planarRingArea(r))).toBeCloseTo(2, 12);
    expect(r[0]).toEqual(r.at(-1));
  });

  it('returns the whole ring inside a larger box and nothing for a disjoint one', () => {
    expect(Math.abs(planarRingArea(clipRingToBBox(u, [-1, -1, 5, 5])))).toBeCloseTo(8, 12);
    expect(clipRingToBBox(u, [10, 10, 11, 11])).toEqual([]);
  });

  it('pre-filters an intersection without changing its result', () => {
    const cell: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0.5, 2],
          [3.5, 2],
          [3.5, 2.5],
          [0.5, 2.5],
          [0.5, 2],
        ],
      ],
    };
    const whole: Polygon = { type: 'Polygon', coordinates: [u] };
    const direct = intersectPolygons(cell, whole);
    const filtered = intersectPolygons(cell, clipToBBox(whole, [0, 1.5, 4, 3]));
    expect(filtered.coordinates).toHaveLength(2);
    expect(geometryArea(filtered)).toBeCloseTo(geometryArea(direct), 6);
  });
});
