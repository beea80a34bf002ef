import { EARTH_RADIUS_M } from '@ronghui/geo';
import { COORD_SCALE, type RoadGraph } from '../graph/road-graph.ts';
import { cellPolygons } from './cell-polygons.ts';
import type { DijkstraSearch } from './dijkstra.ts';
import { CLOSED, sourceSeeds } from './seeds.ts';
import type { SnappedPoint } from './snap-index.ts';

export interface IsochroneResult {
  readonly minutes: number;
  /** GeoJSON MultiPolygon coordinates (WGS-84). */
  readonly polygon: number[][][][];
  /** Graph nodes reachable within the time. */
  readonly nodes: Uint32Array;
}

const RAD = Math.PI / 180;

/**
 * Reachable areas: one bounded Dijkstra to the largest time, then per time limit the reached road
 * (whole edges, and the reachable part of edges left part-way) is drawn into a grid of `cellM`
 * cells, grown by one cell so that a road becomes a corridor, and outlined. The result follows the
 * roads instead of a convex hull that would cover unreachable mountainsides.
 */
export function isochrone(
  g: RoadGraph,
  search: DijkstraSearch,
  weights: Uint32Array,
  from: SnappedPoint,
  minutes: readonly number[],
  cellM: number,
): IsochroneResult[] {
  const limits = minutes.map((m) => m * 600);
  const maxCost = Math.max(0, ...limits);
  const seeds = sourceSeeds(g, weights, from);
  search.run(weights, seeds, [], maxCost);
  const settled = search.settled.subarray(0, search.settledCount);

  const lat0 = from.position[1];
  const cellLat = cellM / (EARTH_RADIUS_M * RAD);
  const cellLon = cellLat / Math.cos(lat0 * RAD);

  return minutes.map((m, idx) => {
    const limit = limits[idx]!;
    const reached: number[] = [];
    // Collect reachable polylines first to size the grid.
    const lines: number[][] = [];
    for (const s of seeds) {
      if (s.edge < 0 || s.cost <= limit) continue;
      // The start edge itself is only partly reachable.
      lines.push(edgePart(g, s.edge, s.fraction, Math.min(1, s.fraction + limit / weights[s.edge]!)));
    }
    for (const s of seeds) if (s.edge >= 0 && s.cost <= limit) lines.push(edgePart(g, s.edge, s.fraction, 1));
    for (const u of settled) {
      const d = search.dist[u]!;
      if (d > limit) continue;
      reached.push(u);
      for (let e = g.firstOut[u]!; e < g.firstOut[u + 1]!; e++) {
        const w = weights[e]!;
        if (w === CLOSED) continue;
        const f = Math.min(1, (limit - d) / w);
        if (f > 0) lines.push(edgePart(g, e, 0, f));
      }
    }
    return {
      minutes: m,
      polygon: outline(lines, from.position[0], lat0, cellLon, cellLat),
      nodes: Uint32Array.from(reached),
    };
  });
}

/** Flat [lon, lat, …] of edge e between two fractions of its point sequence (by planar length). */
function edgePart(g: RoadGraph, e: number, from: number, to: number): number[] {
  const pts: number[] = [];
  const push = (lon: number, lat: number) => pts.push(lon / COORD_SCALE, lat / COORD_SCALE);
  push(g.nodeLon[g.tail[e]!]!, g.nodeLat[g.tail[e]!]!);
  const s = g.segment[e]!;
  const seg = s >= 0 ? s : ~s;
  const a = g.segStart[seg]!;
  const b = g.segStart[seg + 1]!;
  if (s >= 0) for (let i = a; i < b; i++) push(g.segCoords[2 * i]!, g.segCoords[2 * i + 1]!);
  else for (let i = b - 1; i >= a; i--) push(g.segCoords[2 * i]!, g.segCoords[2 * i + 1]!);
  push(g.nodeLon[g.head[e]!]!, g.nodeLat[g.head[e]!]!);
  if (from <= 0 && to >= 1) return pts;
  const cum = [0];
  for (let i = 2; i < pts.length; i += 2)
    cum.push(cum[cum.length - 1]! + Math.hypot(pts[i]! - pts[i - 2]!, pts[i + 1]! - pts[i - 1]!));
  const total = cum[cum.length - 1]!;
  const point = (f: number) => {
    const target = f * total;
    let i = 1;
    while (i < cum.length - 1 && cum[i]! < target) i++;
    const span = cum[i]! - cum[i - 1]!;
    const t = span > 0 ? Math.min(1, Math.max(0, (target - cum[i - 1]!) / span)) : 0;
    return [
      pts[2 * i - 2]! + t * (pts[2 * i]! - pts[2 * i - 2]!),
      pts[2 * i - 1]! + t * (pts[2 * i + 1]! - pts[2 * i - 1]!),
    ];
  };
  const out = point(from);
  for (let i = 1; i < cum.length - 1; i++)
    if (cum[i]! > from * total && cum[i]! < to * total) out.push(pts[2 * i]!, pts[2 * i + 1]!);
  out.push(...point(to));
  return out;
}

function outline(
  lines: readonly number[][],
  lon0: number,
  lat0: number,
  cellLon: number,
  cellLat: number,
): number[][][][] {
  if (lines.length === 0) return [];
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const l of lines) {
    for (let i = 0; i < l.length; i += 2) {
      const x = (l[i]! - lon0) / cellLon;
      const y = (l[i + 1]! - lat0) / cellLat;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const ox = Math.floor(minX) - 2;
  const oy = Math.floor(minY) - 2;
  const cols = Math.ceil(maxX) - ox + 3;
  const rows = Math.ceil(maxY) - oy + 3;
  const grid = new Uint8Array(cols * rows);
  const mark = (x: number, y: number) => {
    grid[(Math.floor(y) - oy) * cols + (Math.floor(x) - ox)] = 1;
  };
  for (const l of lines) {
    for (let i = 0; i + 2 < l.length; i += 2) {
      const x0 = (l[i]! - lon0) / cellLon;
      const y0 = (l[i + 1]! - lat0) / cellLat;
      const x1 = (l[i + 2]! - lon0) / cellLon;
      const y1 = (l[i + 3]! - lat0) / cellLat;
      const steps = Math.max(1, Math.ceil(2 * Math.hypot(x1 - x0, y1 - y0)));
      for (let k = 0; k <= steps; k++) mark(x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps);
    }
    if (l.length === 2) mark((l[0]! - lon0) / cellLon, (l[1]! - lat0) / cellLat);
  }
  // Grow by one cell (8-neighbourhood): a road becomes a band about three cells wide.
  const grown = new Uint8Array(grid.length);
  for (let r = 1; r < rows - 1; r++) {
    for (let c = 1; c < cols - 1; c++) {
      if (!grid[r * cols + c]) continue;
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) grown[(r + dr) * cols + c + dc] = 1;
    }
  }
  return cellPolygons(grown, cols, rows).map((poly) =>
    poly.map((ring) =>
      ring.map(([x, y]) => [round7(lon0 + (x! + ox) * cellLon), round7(lat0 + (y! + oy) * cellLat)]),
    ),
  );
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}
