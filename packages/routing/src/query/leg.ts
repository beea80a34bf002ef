import type { LngLat, Meters } from '@ronghui/geo';
import { edgeGeometry, type RoadGraph } from '../graph/road-graph.ts';

/** A stretch of one edge driven from fraction `from` to fraction `to` (0 = tail, 1 = head). */
export interface EdgePiece {
  readonly edge: number;
  readonly from: number;
  readonly to: number;
}

export function legDistance(g: RoadGraph, pieces: readonly EdgePiece[]): Meters {
  let m = 0;
  for (const p of pieces) m += g.length[p.edge]! * (p.to - p.from);
  return m as Meters;
}

/** The driven polyline, with consecutive duplicate points removed. */
export function legGeometry(g: RoadGraph, pieces: readonly EdgePiece[]): LngLat[] {
  const out: LngLat[] = [];
  for (const p of pieces) {
    for (const pt of slicePolyline(edgeGeometry(g, p.edge), p.from, p.to)) {
      const last = out[out.length - 1];
      if (!last || last[0] !== pt[0] || last[1] !== pt[1]) out.push(pt);
    }
  }
  return out;
}

/** The part of a polyline between two fractions of its length (planar, fine at street scale). */
export function slicePolyline(points: readonly LngLat[], from: number, to: number): LngLat[] {
  if (from <= 0 && to >= 1) return [...points];
  const cum = [0];
  const k = Math.cos(((points[0]?.[1] ?? 0) * Math.PI) / 180);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    cum.push(cum[i - 1]! + Math.hypot((b[0] - a[0]) * k, b[1] - a[1]));
  }
  const total = cum[cum.length - 1]!;
  const at = (f: number): LngLat => {
    const target = f * total;
    for (let i = 1; i < points.length; i++) {
      if (cum[i]! >= target || i === points.length - 1) {
        const span = cum[i]! - cum[i - 1]!;
        const t = span > 0 ? Math.min(1, Math.max(0, (target - cum[i - 1]!) / span)) : 0;
        const a = points[i - 1]!;
        const b = points[i]!;
        return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] as LngLat;
      }
    }
    return points[0]!;
  };
  const out: LngLat[] = [at(from)];
  for (let i = 1; i < points.length - 1; i++) {
    if (cum[i]! > from * total && cum[i]! < to * total) out.push(points[i]!);
  }
  out.push(at(to));
  return out;
}
