import { planarRingArea } from './area.ts';
import type { Areal, Position, Ring } from './geojson.ts';
import { polygonsOf } from './geojson.ts';
import { pointInRing } from './point-in-polygon.ts';

/** A problem with a polygon, at a JSON pointer below the geometry (`/coordinates/0/2`). */
export interface PolygonProblem {
  readonly path: string;
  readonly message: string;
}

/** Rings longer than this are not searched for self-crossings (the search is quadratic). */
const CROSSING_CHECK_LIMIT = 5_000;

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Do segments ab and cd cross at a point inside both (touching ends of neighbours aside)? */
function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0;
}

/** Index of the first segment of `ring` that crosses a later, non-adjacent one; -1 when none. */
export function firstSelfCrossing(ring: Ring): number {
  const n = ring.length - 1;
  if (n > CROSSING_CHECK_LIMIT) return -1;
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return i;
    }
  return -1;
}

/**
 * Checks a GeoJSON Polygon or MultiPolygon a user sends as an area: every ring closed, with at least
 * three distinct corners, an area, no edges crossing, and each hole inside its outer ring. Returns the
 * problems found (none: usable).
 */
export function polygonProblems(geometry: Areal): PolygonProblem[] {
  const problems: PolygonProblem[] = [];
  const polygons = polygonsOf(geometry);
  if (polygons.length === 0) problems.push({ path: '/coordinates', message: 'has no polygon' });
  polygons.forEach((rings, p) => {
    const base = geometry.type === 'Polygon' ? '/coordinates' : `/coordinates/${p}`;
    rings.forEach((ring, r) => {
      const path = `${base}/${r}`;
      if (ring.some((pt) => !Number.isFinite(pt[0]) || !Number.isFinite(pt[1]))) {
        problems.push({ path, message: 'has a position that is not a number' });
        return;
      }
      if (ring.length < 4 || !same(ring[0]!, ring[ring.length - 1]!)) {
        problems.push({ path, message: 'must be closed (last position = first) with at least 4 positions' });
        return;
      }
      const crossing = firstSelfCrossing(ring);
      if (crossing >= 0) {
        problems.push({
          path: `${path}/${crossing}`,
          message: 'edges cross each other (self-intersecting ring)',
        });
        return;
      }
      const distinct = new Set(ring.map((pt) => `${pt[0]},${pt[1]}`));
      if (distinct.size < 3 || Math.abs(planarRingArea(ring)) < 1e-12) {
        problems.push({ path, message: 'encloses no area' });
        return;
      }
      if (r > 0 && rings[0] && !ring.every((pt) => pointInRing(pt, rings[0]!)))
        problems.push({ path, message: 'hole lies outside its outer ring' });
    });
  });
  return problems;
}
