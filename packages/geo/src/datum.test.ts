import { describe, expect, it } from 'vitest';
import { gcjLngLat, gcjToWgs, multiPolygonGcjToWgs, wgsToGcj } from './datum.ts';
import { haversine, lngLat } from './lnglat.ts';

describe('GCJ-02 ↔ WGS-84', () => {
  it('shifts a Dehua position by a few hundred metres and round-trips to millimetres', () => {
    const wgs = lngLat(118.24, 25.49);
    const gcj = wgsToGcj(wgs);
    const shift = haversine(wgs, [gcj[0], gcj[1]]);
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(700);
    // In Fujian GCJ-02 lies east of WGS-84.
    expect(gcj[0]).toBeGreaterThan(wgs[0]);
    expect(haversine(gcjToWgs(gcj), wgs)).toBeLessThan(0.001);
  });

  it('leaves positions outside China unchanged', () => {
    expect(gcjToWgs(gcjLngLat(1.52, 42.5))).toEqual([1.52, 42.5]);
  });

  it('converts every vertex of a MultiPolygon', () => {
    const ring = [
      [118.2, 25.4],
      [118.3, 25.4],
      [118.3, 25.5],
      [118.2, 25.4],
    ] as const;
    const out = multiPolygonGcjToWgs({ type: 'MultiPolygon', coordinates: [[ring]] });
    const first = out.coordinates[0]![0]!;
    expect(first).toHaveLength(4);
    expect(first[1]).toEqual(gcjToWgs(gcjLngLat(118.3, 25.4)));
  });
});
