import { describe, expect, it } from 'vitest';
import { geometryArea, planarRingArea, ringAreaSigned } from './area.ts';
import { EARTH_RADIUS_M } from './lnglat.ts';

const RAD = Math.PI / 180;
const cell = (lon: number, lat: number, d: number) =>
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ] as const;

describe('area on the sphere', () => {
  it('is exact for a 1° lon/lat cell: R² Δλ (sin φ2 − sin φ1)', () => {
    const expected = EARTH_RADIUS_M ** 2 * RAD * (Math.sin(26 * RAD) - Math.sin(25 * RAD));
    expect(ringAreaSigned(cell(118, 25, 1))).toBeCloseTo(expected, 0);
    // ≈ 11,131 km² at Dehua's latitude.
    expect(expected / 1e6).toBeGreaterThan(11_100);
    expect(expected / 1e6).toBeLessThan(11_160);
  });

  it('is positive counter-clockwise, negative clockwise', () => {
    const ring = cell(0, 0, 1);
    expect(ringAreaSigned(ring)).toBeGreaterThan(0);
    expect(ringAreaSigned([...ring].reverse())).toBeLessThan(0);
  });

  it('subtracts holes and adds parts, whatever their winding', () => {
    const outer = cell(118, 25, 0.2);
    const hole = [...cell(118.05, 25.05, 0.1)].reverse();
    const island = cell(119, 25, 0.1);
    const a = (r: readonly (readonly [number, number])[]) => Math.abs(ringAreaSigned(r));
    const g = geometryArea({ type: 'MultiPolygon', coordinates: [[outer, hole], [island]] });
    expect(g).toBeCloseTo(a(outer) - a(hole) + a(island), 0);
    expect(geometryArea({ type: 'Polygon', coordinates: [[...outer].reverse()] })).toBeCloseTo(a(outer), 0);
  });

  it('computes a planar shoelace area', () => {
    expect(planarRingArea(cell(0, 0, 3))).toBe(9);
  });
});
