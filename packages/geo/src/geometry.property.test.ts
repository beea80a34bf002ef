import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geometryArea } from './area.ts';
import { intersectPolygons, unionPolygons } from './clip.ts';
import { gcjToWgs, wgsToGcj } from './datum.ts';
import type { Polygon } from './geojson.ts';
import { haversine, lngLat } from './lnglat.ts';
import { createLocalProjection } from './local-projection.ts';
import { pointInPolygon } from './point-in-polygon.ts';

// Rectangles around Dehua, in degrees.
const rectArb = fc
  .tuple(
    fc.double({ min: 118, max: 118.4, noNaN: true }),
    fc.double({ min: 25.4, max: 25.8, noNaN: true }),
    fc.double({ min: 0.01, max: 0.2, noNaN: true }),
    fc.double({ min: 0.01, max: 0.2, noNaN: true }),
  )
  .map(
    ([x, y, w, h]): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + w, y],
          [x + w, y + h],
          [x, y + h],
          [x, y],
        ],
      ],
    }),
  );
const dehuaArb = fc
  .tuple(fc.double({ min: 117.9, max: 118.6, noNaN: true }), fc.double({ min: 25.3, max: 26, noNaN: true }))
  .map(([lon, lat]) => lngLat(lon, lat));

describe('geometry properties', () => {
  it('area(A ∪ B) = area(A) + area(B) − area(A ∩ B)', () => {
    fc.assert(
      fc.property(rectArb, rectArb, (a, b) => {
        const lhs = geometryArea(unionPolygons(a, b));
        const rhs = geometryArea(a) + geometryArea(b) - geometryArea(intersectPolygons(a, b));
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-6 * (geometryArea(a) + geometryArea(b)));
      }),
      { numRuns: 60 },
    );
  });

  it('a point is in A ∩ B exactly when it is in A and in B (away from edges)', () => {
    fc.assert(
      fc.property(rectArb, rectArb, dehuaArb, (a, b, p) => {
        const both = intersectPolygons(a, b);
        const expected = pointInPolygon(p, a) && pointInPolygon(p, b);
        const ring = (g: Polygon) => g.coordinates[0]!;
        const nearEdge = [a, b].some((g) =>
          ring(g).some(([x, y]) => Math.abs(x - p[0]) < 1e-9 || Math.abs(y - p[1]) < 1e-9),
        );
        fc.pre(!nearEdge);
        expect(pointInPolygon(p, both)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('GCJ-02 → WGS-84 undoes WGS-84 → GCJ-02 to within 1 cm', () => {
    fc.assert(
      fc.property(dehuaArb, (p) => {
        expect(haversine(gcjToWgs(wgsToGcj(p)), p)).toBeLessThan(0.01);
      }),
    );
  });

  it('the local projection round-trips', () => {
    const proj = createLocalProjection(lngLat(118.24, 25.49));
    fc.assert(
      fc.property(dehuaArb, (p) => {
        const back = proj.toLngLat(proj.toXY(p));
        expect(Math.abs(back[0] - p[0]) + Math.abs(back[1] - p[1])).toBeLessThan(1e-9);
      }),
    );
  });
});
