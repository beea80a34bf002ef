import type { BBox } from './bbox.ts';
import { type Areal, type MultiPolygon, type Position, polygonsOf, type Ring } from './geojson.ts';

type Inside = (p: Position) => boolean;
type Cross = (a: Position, b: Position) => Position;

function clipAgainstEdge(ring: readonly Position[], inside: Inside, cross: Cross): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const cur = ring[i]!;
    const prev = ring[(i + ring.length - 1) % ring.length]!;
    if (inside(cur)) {
      if (!inside(prev)) out.push(cross(prev, cur));
      out.push(cur);
    } else if (inside(prev)) out.push(cross(prev, cur));
  }
  return out;
}

const atX =
  (x: number): Cross =>
  (a, b) => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
const atY =
  (y: number): Cross =>
  (a, b) => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];

/**
 * Sutherland–Hodgman against an axis-aligned box. The box is convex, so the result covers exactly the
 * part of the ring inside it, but a concave ring that leaves and re-enters comes back as one ring
 * joined by zero-width runs along the box edges. That is fine as a pre-filter for `intersectPolygons`
 * (which accepts self-touching rings) with shapes lying strictly inside the box, and it makes the
 * clipping cost depend on the vertices near the shape rather than on the whole outline.
 */
export function clipRingToBBox(ring: Ring, [x0, y0, x1, y1]: BBox): Position[] {
  let r: Position[] =
    ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]
      ? ring.slice(0, -1)
      : [...ring];
  r = clipAgainstEdge(r, (p) => p[0] >= x0, atX(x0));
  r = clipAgainstEdge(r, (p) => p[0] <= x1, atX(x1));
  r = clipAgainstEdge(r, (p) => p[1] >= y0, atY(y0));
  r = clipAgainstEdge(r, (p) => p[1] <= y1, atY(y1));
  if (r.length < 3) return [];
  return [...r, r[0]!];
}

/** Every ring of the geometry clipped to the box (see clipRingToBBox); empty parts are dropped. */
export function clipToBBox(geometry: Areal, box: BBox): MultiPolygon {
  const coordinates: Ring[][] = [];
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    const o = outer ? clipRingToBBox(outer, box) : [];
    if (o.length === 0) continue;
    coordinates.push([o, ...holes.map((h) => clipRingToBBox(h, box)).filter((h) => h.length > 0)]);
  }
  return { type: 'MultiPolygon', coordinates };
}
