import { describe, expect, it } from 'vitest';
import { equirectangular, projectionAboutCentroid } from './projection.ts';

describe('equirectangular projection', () => {
  it('maps 0.01° of latitude to about 1,112 m and round-trips', () => {
    const p = equirectangular(118.24, 25.49);
    expect(p.toXY(118.24, 25.5).y).toBeCloseTo(1111.95, 1);
    // A degree of longitude shrinks with cos(latitude).
    expect(p.toXY(118.25, 25.49).x).toBeCloseTo(1111.95 * Math.cos((25.49 * Math.PI) / 180), 1);
    const back = p.toLonLat(p.toXY(118.3, 25.4).x, p.toXY(118.3, 25.4).y);
    expect(back.lon).toBeCloseTo(118.3, 12);
    expect(back.lat).toBeCloseTo(25.4, 12);
  });

  it('centres on the mean of the points', () => {
    const p = projectionAboutCentroid([
      { lon: 118, lat: 25 },
      { lon: 118.2, lat: 25.2 },
    ]);
    expect([p.lon0, p.lat0]).toEqual([118.1, 25.1]);
  });
});
