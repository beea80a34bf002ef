import { type Areal, type Position, polygonsOf } from './geojson.ts';

/** [minLon, minLat, maxLon, maxLat] (GeoJSON order), or in planar x/y for projected points. */
export type BBox = readonly [minX: number, minY: number, maxX: number, maxY: number];

export const EMPTY_BBOX: BBox = [Infinity, Infinity, -Infinity, -Infinity];

export function bboxOfPoints(points: Iterable<Position>): BBox {
  let [x0, y0, x1, y1] = EMPTY_BBOX;
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** Bounding box of the outer rings (holes lie inside them). */
export function bboxOf(geometry: Areal): BBox {
  return bboxOfPoints(polygonsOf(geometry).flatMap((p) => p[0] ?? []));
}

export function bboxContains(b: BBox, [x, y]: Position): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export function bboxUnion(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Grows a box by `margin` on every side (same units as the box). */
export function bboxExpand(b: BBox, margin: number): BBox {
  return [b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin];
}

export function bboxCenter(b: BBox): Position {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}
