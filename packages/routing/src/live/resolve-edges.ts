import { EARTH_RADIUS_M, type LngLat } from '@ronghui/geo';
import { edgeGeometry, type RoadGraph } from '../graph/road-graph.ts';
import type { SnapIndex } from '../query/snap-index.ts';

const RAD = Math.PI / 180;

/** Where a road event applies, as reported from the field. */
export type RoadEventPlace =
  | { readonly kind: 'edges'; readonly edges: readonly number[] }
  | { readonly kind: 'circle'; readonly center: LngLat; readonly radiusM: number }
  | { readonly kind: 'line'; readonly line: readonly LngLat[]; readonly toleranceM?: number };

/**
 * The edges (both directions) a place covers. A circle takes every road passing through it (an
 * accident blocks the junction); a line takes the roads that run along it, not the ones crossing
 * it: at least half of an edge must lie within the tolerance of the line.
 */
export function resolveEdges(g: RoadGraph, index: SnapIndex, place: RoadEventPlace): number[] {
  if (place.kind === 'edges') return [...new Set(place.edges)].sort((a, b) => a - b);
  if (place.kind === 'circle') return index.edgesWithin(place.center, place.radiusM);
  const tol = place.toleranceM ?? 25;
  const line = place.line;
  if (line.length < 2) return line[0] ? index.edgesWithin(line[0], tol) : [];
  const candidates = new Set<number>();
  const step = Math.max(5, tol);
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const n = Math.max(1, Math.ceil(metres(a, b) / step));
    for (let k = 0; k <= n; k++) {
      const p = [a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n] as LngLat;
      for (const e of index.edgesWithin(p, tol)) candidates.add(e);
    }
  }
  const kept: number[] = [];
  for (const e of candidates) {
    const pts = edgeGeometry(g, e);
    let inside = 0;
    let total = 0;
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      const len = metres(a, b);
      const n = Math.max(1, Math.ceil(len / 5));
      for (let k = 0; k < n; k++) {
        const t = (k + 0.5) / n;
        const p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t] as LngLat;
        total += len / n;
        if (distanceToLine(p, line) <= tol) inside += len / n;
      }
    }
    if (total === 0 || inside / total >= 0.5) kept.push(e);
  }
  return kept.sort((a, b) => a - b);
}

function metres(a: LngLat, b: LngLat): number {
  const k = Math.cos(((a[1] + b[1]) / 2) * RAD);
  return Math.hypot((b[0] - a[0]) * k, b[1] - a[1]) * RAD * EARTH_RADIUS_M;
}

function distanceToLine(p: LngLat, line: readonly LngLat[]): number {
  const k = Math.cos(p[1] * RAD);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) {
    const ax = (line[i - 1]![0] - p[0]) * k;
    const ay = line[i - 1]![1] - p[1];
    const bx = (line[i]![0] - p[0]) * k;
    const by = line[i]![1] - p[1];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best * RAD * EARTH_RADIUS_M;
}
