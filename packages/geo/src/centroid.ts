import { type Areal, type Position, polygonsOf, type Ring } from './geojson.ts';

/** Planar area-weighted centroid of a ring and its signed area (shoelace). */
function ringMoments(ring: Ring): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { a: a / 2, cx: cx / 6, cy: cy / 6 };
}

/**
 * Area-weighted centroid, planar in the given coordinates (fine for lon/lat at county scale). It can
 * fall outside a concave shape: see nearestInside.
 */
export function centroidOf(geometry: Areal): Position {
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, k) => {
      const m = ringMoments(ring);
      // Outer rings add and holes subtract whatever their winding.
      const sign = (k === 0 ? 1 : -1) * Math.sign(m.a);
      area += sign * m.a;
      mx += sign * m.cx;
      my += sign * m.cy;
    });
  }
  return [mx / area, my / area];
}

export function meanPoint(points: readonly Position[]): Position {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
}
