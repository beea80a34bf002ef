import { describe, expect, it } from 'vitest';
import { haversine, lngLat } from './lnglat.ts';
import { createLocalProjection, localDistance, projectionAboutCentroid } from './local-projection.ts';

describe('createLocalProjection', () => {
  const origin = lngLat(118.24, 25.49);
  const proj = createLocalProjection(origin);

  it('puts the origin at 0,0 and north on +y', () => {
    expect(proj.toXY(origin)).toEqual([0, 0]);
    const [x, y] = proj.toXY([118.24, 25.5]);
    expect(x).toBe(0);
    expect(y).toBeCloseTo(1111.95, 1);
  });

  it('agrees with great-circle distance within 0.1 % across a county', () => {
    const p = lngLat(118.45, 25.7);
    const [x, y] = proj.toXY(p);
    expect(Math.abs(Math.hypot(x, y) / haversine(origin, p) - 1)).toBeLessThan(1e-3);
  });

  it('round-trips', () => {
    const back = proj.toLngLat(proj.toXY([118.0123, 25.8765]));
    expect(back[0]).toBeCloseTo(118.0123, 10);
    expect(back[1]).toBeCloseTo(25.8765, 10);
  });
});

describe('localDistance', () => {
  it('agrees with great-circle distance over short pieces and across a county', () => {
    const a = lngLat(118.24, 25.49);
    const near = lngLat(118.2401, 25.4902);
    expect(localDistance(a, near)).toBeCloseTo(haversine(a, near), 3);
    const far = lngLat(118.45, 25.7);
    expect(Math.abs(localDistance(a, far) / haversine(a, far) - 1)).toBeLessThan(1e-3);
    expect(localDistance(a, a)).toBe(0);
  });
});

describe('projectionAboutCentroid', () => {
  it('centres on the mean position', () => {
    const p = projectionAboutCentroid([
      [118, 25],
      [118.5, 25.5],
    ]);
    expect(p.origin).toEqual([118.25, 25.25]);
    expect(p.toXY([118.25, 25.25])).toEqual([0, 0]);
    expect(projectionAboutCentroid([]).origin).toEqual([0, 0]);
  });
});
