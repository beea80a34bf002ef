import { describe, expect, it } from 'vitest';
import { geometryArea } from './area.ts';
import { intersectPolygons } from './clip.ts';
import type { Polygon, Position } from './geojson.ts';
import { createLocalProjection } from './local-projection.ts';
import { partitionBySites, splitArea } from './partition.ts';
import { pointInPolygon } from './point-in-polygon.ts';
import { createRng } from './rng.ts';
import type { LngLat } from './lnglat.ts';

// An L-shaped (concave) area of about 2 km × 2 km near Dehua.
const L: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [118.2, 25.5],
      [118.22, 25.5],
      [118.22, 25.51],
      [118.21, 25.51],
      [118.21, 25.52],
      [118.2, 25.52],
      [118.2, 25.5],
    ],
  ],
};
const projection = createLocalProjection([118.21, 25.51] as LngLat);

describe('partitionBySites', () => {
  const sites: Position[] = [
    [118.203, 25.503],
    [118.217, 25.505],
    [118.204, 25.517],
  ];
  const pieces = partitionBySites(L, sites, projection);

  it('gives each site the piece that holds it', () => {
    expect(pieces).toHaveLength(3);
    sites.forEach((s, i) => {
      pieces.forEach((p, j) => {
        expect(pointInPolygon(s, p)).toBe(i === j);
      });
    });
  });

  it('covers the area exactly: areas add up and pieces do not overlap', () => {
    const total = pieces.reduce((s, p) => s + geometryArea(p), 0);
    expect(total).toBeCloseTo(geometryArea(L), -1);
    expect(geometryArea(intersectPolygons(pieces[0]!, pieces[1]!))).toBeLessThan(1);
    expect(geometryArea(intersectPolygons(pieces[1]!, pieces[2]!))).toBeLessThan(1);
  });

  it('puts every point of the area in the piece of its nearest site', () => {
    const probe: Position = [118.219, 25.501];
    const nearest = 1; // [118.217, 25.505]
    expect(pointInPolygon(probe, pieces[nearest]!)).toBe(true);
  });

  it('gives a repeated site nothing and one site the whole area', () => {
    const twice = partitionBySites(L, [sites[0]!, sites[0]!], projection);
    expect(twice[1]!.coordinates).toHaveLength(0);
    const one = partitionBySites(L, [sites[0]!], projection);
    expect(geometryArea(one[0]!)).toBeCloseTo(geometryArea(L), -1);
    expect(partitionBySites(L, [], projection)).toEqual([]);
  });
});

describe('splitArea', () => {
  it('splits into similar pieces that cover the area, the same for the same seed', () => {
    const a = splitArea(L, 3, projection, createRng(7));
    const b = splitArea(L, 3, projection, createRng(7));
    expect(a).toEqual(b);
    expect(a).toHaveLength(3);
    const areas = a.map((p) => geometryArea(p));
    expect(areas.reduce((s, x) => s + x, 0)).toBeCloseTo(geometryArea(L), -1);
    for (const x of areas) expect(x).toBeGreaterThan(geometryArea(L) / 6);
  });
  it('keeps the area whole for one part and refuses zero parts', () => {
    expect(splitArea(L, 1, projection, createRng(1))).toHaveLength(1);
    expect(() => splitArea(L, 0, projection, createRng(1))).toThrow(RangeError);
  });
});
