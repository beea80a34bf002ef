import { EARTH_RADIUS_M, type LngLat, localDistanceLonLat, type Meters } from '@ronghui/geo';
import { COORD_SCALE, type RoadGraph } from '../graph/road-graph.ts';

/** A position on the road network: on `edge`, at `fraction` of its length from the tail. */
export interface SnappedPoint {
  readonly edge: number;
  readonly fraction: number;
  readonly position: LngLat;
  /** From the asked position to the road. */
  readonly distanceM: Meters;
}

export class SnapTooFarError extends Error {
  override readonly name = 'SnapTooFarError';
  constructor(
    readonly position: LngLat,
    readonly nearestM: number,
    readonly limitM: number,
  ) {
    super(
      Number.isFinite(nearestM)
        ? `no road within ${limitM} m of ${position[0]},${position[1]} (nearest is ${Math.round(nearestM)} m away)`
        : `no road within ${limitM} m of ${position[0]},${position[1]}`,
    );
  }
}

const RAD = Math.PI / 180;
/** Cell edge in degrees of latitude: about 220 m, a few road pieces per cell in a town. */
const CELL_DEG = 0.002;

/**
 * A uniform grid over road pieces (each piece of shape between consecutive points of an edge). Only
 * one edge of each two-way pair is indexed; the snapped point can be driven in either direction.
 */
export class SnapIndex {
  /** Per indexed edge: its polyline as flat degrees, and cumulative length in metres. */
  private readonly polyStart: Uint32Array;
  private readonly polyLon: Float64Array;
  private readonly polyLat: Float64Array;
  private readonly polyCum: Float64Array;
  private readonly indexedEdges: Uint32Array;
  private readonly minLon: number;
  private readonly minLat: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellStart: Uint32Array;
  /** Entries: (indexed edge slot, piece index) pairs. */
  private readonly cellItems: Uint32Array;

  constructor(private readonly g: RoadGraph) {
    const edges: number[] = [];
    for (let e = 0; e < g.edgeCount; e++) if (g.twin[e]! < 0 || e < g.twin[e]!) edges.push(e);
    this.indexedEdges = Uint32Array.from(edges);
    const starts = new Uint32Array(edges.length + 1);
    const lon: number[] = [];
    const lat: number[] = [];
    const cum: number[] = [];
    edges.forEach((e, i) => {
      starts[i] = lon.length;
      forEachPoint(g, e, (x, y) => {
        const k = lon.length;
        cum.push(k === starts[i] ? 0 : cum[k - 1]! + localDistanceLonLat(lon[k - 1]!, lat[k - 1]!, x, y));
        lon.push(x);
        lat.push(y);
      });
    });
    starts[edges.length] = lon.length;
    this.polyStart = starts;
    this.polyLon = Float64Array.from(lon);
    this.polyLat = Float64Array.from(lat);
    this.polyCum = Float64Array.from(cum);

    let minLon = Number.POSITIVE_INFINITY;
    let minLat = Number.POSITIVE_INFINITY;
    let maxLon = Number.NEGATIVE_INFINITY;
    let maxLat = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < lon.length; i++) {
      minLon = Math.min(minLon, lon[i]!);
      maxLon = Math.max(maxLon, lon[i]!);
      minLat = Math.min(minLat, lat[i]!);
      maxLat = Math.max(maxLat, lat[i]!);
    }
    if (lon.length === 0) minLon = minLat = maxLon = maxLat = 0;
    this.minLon = minLon;
    this.minLat = minLat;
    this.cols = Math.max(1, Math.ceil((maxLon - minLon) / CELL_DEG) + 1);
    this.rows = Math.max(1, Math.ceil((maxLat - minLat) / CELL_DEG) + 1);

    const cells: number[][] = [];
    for (let i = 0; i < edges.length; i++) {
      for (let k = starts[i]!; k + 1 < starts[i + 1]!; k++) {
        const c0 = this.col(Math.min(lon[k]!, lon[k + 1]!));
        const c1 = this.col(Math.max(lon[k]!, lon[k + 1]!));
        const r0 = this.row(Math.min(lat[k]!, lat[k + 1]!));
        const r1 = this.row(Math.max(lat[k]!, lat[k + 1]!));
        for (let r = r0; r <= r1; r++) {
          for (let c = c0; c <= c1; c++) {
            const id = r * this.cols + c;
            const list = cells[id];
            if (list) list.push(i, k);
            else cells[id] = [i, k];
          }
        }
      }
    }
    const total = this.cols * this.rows;
    this.cellStart = new Uint32Array(total + 1);
    for (let id = 0; id < total; id++)
      this.cellStart[id + 1] = this.cellStart[id]! + (cells[id]?.length ?? 0);
    this.cellItems = new Uint32Array(this.cellStart[total]!);
    for (let id = 0; id < total; id++) {
      const list = cells[id];
      if (list) this.cellItems.set(list, this.cellStart[id]!);
    }
  }

  /** The nearest road position, or SnapTooFarError beyond `maxDistanceM`. */
  snap(p: LngLat, maxDistanceM = 500): SnappedPoint {
    let best: { slot: number; piece: number; along: number; d: number } | undefined;
    this.visit(p, maxDistanceM, (slot, piece, along, d) => {
      if (!best || d < best.d) best = { slot, piece, along, d };
    });
    if (!best || best.d > maxDistanceM) {
      throw new SnapTooFarError(p, best?.d ?? Number.POSITIVE_INFINITY, maxDistanceM);
    }
    return this.toSnapped(best.slot, best.piece, best.along, best.d);
  }

  /** Every edge (both directions) with some part within `radiusM` of p. */
  edgesWithin(p: LngLat, radiusM: number): number[] {
    const found = new Set<number>();
    this.visit(p, radiusM, (slot, _piece, _along, d) => {
      if (d > radiusM) return;
      const e = this.indexedEdges[slot]!;
      found.add(e);
      const t = this.g.twin[e]!;
      if (t >= 0) found.add(t);
    });
    return [...found].sort((a, b) => a - b);
  }

  /** Calls `f` for every road piece in grid cells within `radiusM` of p, with its distance. */
  private visit(
    p: LngLat,
    radiusM: number,
    f: (slot: number, piece: number, along: number, d: number) => void,
  ): void {
    const cosLat = Math.cos(p[1] * RAD);
    const radiusDegLat = radiusM / (EARTH_RADIUS_M * RAD);
    const radiusDegLon = radiusDegLat / Math.max(0.01, cosLat);
    const c0 = this.col(p[0] - radiusDegLon);
    const c1 = this.col(p[0] + radiusDegLon);
    const r0 = this.row(p[1] - radiusDegLat);
    const r1 = this.row(p[1] + radiusDegLat);
    const seen = new Set<number>();
    const { polyLon, polyLat } = this;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const id = r * this.cols + c;
        for (let i = this.cellStart[id]!; i < this.cellStart[id + 1]!; i += 2) {
          const slot = this.cellItems[i]!;
          const k = this.cellItems[i + 1]!;
          if (seen.has(k)) continue;
          seen.add(k);
          // Local metric projection around p (equirectangular), exact enough within a few km.
          const ax = (polyLon[k]! - p[0]) * cosLat;
          const ay = polyLat[k]! - p[1];
          const bx = (polyLon[k + 1]! - p[0]) * cosLat;
          const by = polyLat[k + 1]! - p[1];
          const dx = bx - ax;
          const dy = by - ay;
          const len2 = dx * dx + dy * dy;
          const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2));
          const x = ax + t * dx;
          const y = ay + t * dy;
          f(slot, k, t, Math.sqrt(x * x + y * y) * RAD * EARTH_RADIUS_M);
        }
      }
    }
  }

  private toSnapped(slot: number, k: number, along: number, d: number): SnappedPoint {
    const { polyLon, polyLat, polyCum } = this;
    const first = this.polyStart[slot]!;
    const last = this.polyStart[slot + 1]! - 1;
    const total = polyCum[last]!;
    const at = polyCum[k]! + along * (polyCum[k + 1]! - polyCum[k]!);
    const lon = polyLon[k]! + along * (polyLon[k + 1]! - polyLon[k]!);
    const lat = polyLat[k]! + along * (polyLat[k + 1]! - polyLat[k]!);
    const fraction = total > 0 ? at / total : (k - first) / Math.max(1, last - first);
    return {
      edge: this.indexedEdges[slot]!,
      fraction: Math.min(1, Math.max(0, fraction)),
      position: [lon, lat] as LngLat,
      distanceM: d as Meters,
    };
  }

  private col(lon: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((lon - this.minLon) / CELL_DEG)));
  }

  private row(lat: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.minLat) / CELL_DEG)));
  }
}

function forEachPoint(g: RoadGraph, e: number, f: (lon: number, lat: number) => void): void {
  const u = g.tail[e]!;
  f(g.nodeLon[u]! / COORD_SCALE, g.nodeLat[u]! / COORD_SCALE);
  const s = g.segment[e]!;
  const seg = s >= 0 ? s : ~s;
  const from = g.segStart[seg]!;
  const to = g.segStart[seg + 1]!;
  if (s >= 0)
    for (let i = from; i < to; i++)
      f(g.segCoords[2 * i]! / COORD_SCALE, g.segCoords[2 * i + 1]! / COORD_SCALE);
  else
    for (let i = to - 1; i >= from; i--)
      f(g.segCoords[2 * i]! / COORD_SCALE, g.segCoords[2 * i + 1]! / COORD_SCALE);
  const v = g.head[e]!;
  f(g.nodeLon[v]! / COORD_SCALE, g.nodeLat[v]! / COORD_SCALE);
}
