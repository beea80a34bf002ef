import { type Areal, type Position, polygonsOf, type Ring } from './geojson.ts';

/**
 * Even-odd ray casting. A point exactly on an edge may fall either way: callers that need a
 * boundary decision should test a distance to the boundary instead.
 */
export function pointInRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring of one of the polygons and outside all of that polygon's holes. */
export function pointInPolygon(point: Position, geometry: Areal): boolean {
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (outer && pointInRing(point, outer) && !holes.some((h) => pointInRing(point, h))) return true;
  }
  return false;
}
