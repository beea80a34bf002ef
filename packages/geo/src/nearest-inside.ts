import { type Areal, type Position, polygonsOf } from './geojson.ts';
import { pointInPolygon } from './point-in-polygon.ts';

/** The closest point to `p` on segment a–b, in the plane of the coordinates given. */
export function closestOnSegment(p: Position, a: Position, b: Position): Position {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return [a[0] + t * dx, a[1] + t * dy];
}

/** The closest point on any ring of the geometry (planar; use projected coordinates for metres). */
export function closestOnBoundary(p: Position, geometry: Areal): Position {
  let best: Position = p;
  let bestD = Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const q = closestOnSegment(p, ring[i - 1]!, ring[i]!);
        const d = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = q;
        }
      }
    }
  }
  return best;
}

/**
 * `p` itself when inside, otherwise the closest boundary point nudged inwards by `inset` (same
 * units) so that later containment tests are not decided by rounding on the edge.
 */
export function nearestInside(p: Position, geometry: Areal, inset: number): Position {
  if (pointInPolygon(p, geometry)) return p;
  const q = closestOnBoundary(p, geometry);
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const len = Math.hypot(dx, dy);
  for (const scale of [1, 2, 4, 8]) {
    const r: Position = [q[0] + (dx / len) * inset * scale, q[1] + (dy / len) * inset * scale];
    if (pointInPolygon(r, geometry)) return r;
  }
  return q;
}
