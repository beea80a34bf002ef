import type { LngLat } from '@ronghui/geo';

/** Fixed-point scale of stored coordinates: 1e-7 degree, about 1 cm, as in OSM itself. */
export const COORD_SCALE = 1e7;

/** Road classes, in the order their codes are stored (`roadClass[e]` indexes this list). */
export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export function roadClassCode(c: RoadClass): number {
  return ROAD_CLASSES.indexOf(c);
}

/**
 * A directed road graph in compressed sparse row form. Nodes are junctions and dead ends; the shape
 * points between them live in shared geometry segments, so the two directions of a two-way road store
 * their geometry once.
 *
 * Edge `e` runs `tail[e] → head[e]`; its outgoing edges from node `u` are `firstOut[u] … firstOut[u+1]-1`.
 * `weight` is free-flow travel time in deciseconds (integers keep contraction exact).
 * `segment[e]` is the geometry segment; a negative value `~s` means the edge runs against segment `s`.
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node longitude and latitude in 1e-7 degrees. */
  readonly nodeLon: Int32Array;
  readonly nodeLat: Int32Array;
  readonly firstOut: Uint32Array;
  readonly head: Uint32Array;
  readonly weight: Uint32Array;
  /** Edge length in metres. */
  readonly length: Float32Array;
  readonly roadClass: Uint8Array;
  readonly segment: Int32Array;
  /** Shape points of segment `s` (excluding its end nodes): pairs at `segStart[s] … segStart[s+1]-1`. */
  readonly segStart: Uint32Array;
  readonly segCoords: Int32Array;
  /** Index into `names`, or -1. */
  readonly segName: Int32Array;
  readonly names: readonly string[];
  /** Derived on load: the tail of each edge. */
  readonly tail: Uint32Array;
  /** Derived on load: the opposite edge of the same segment, or -1 on one-way roads. */
  readonly twin: Int32Array;
}

/** The stored arrays of a graph; `tail` and `twin` are derived by `finishGraph`. */
export type RoadGraphCore = Omit<RoadGraph, 'tail' | 'twin'>;

export function finishGraph(core: RoadGraphCore): RoadGraph {
  const { nodeCount, edgeCount, firstOut, head, segment } = core;
  const tail = new Uint32Array(edgeCount);
  for (let u = 0; u < nodeCount; u++) {
    for (let e = firstOut[u]!; e < firstOut[u + 1]!; e++) tail[e] = u;
  }
  const twin = new Int32Array(edgeCount).fill(-1);
  const segCount = core.segName.length;
  const forwardOf = new Int32Array(segCount).fill(-1);
  for (let e = 0; e < edgeCount; e++) {
    const s = segment[e]!;
    if (s >= 0) forwardOf[s] = e;
  }
  for (let e = 0; e < edgeCount; e++) {
    const s = segment[e]!;
    if (s < 0) {
      const f = forwardOf[~s]!;
      if (f >= 0 && head[f] === tail[e]) {
        twin[e] = f;
        twin[f] = e;
      }
    }
  }
  return { ...core, tail, twin };
}

export function nodePosition(g: RoadGraph, node: number): LngLat {
  return [g.nodeLon[node]! / COORD_SCALE, g.nodeLat[node]! / COORD_SCALE] as LngLat;
}

/** The full polyline of edge `e` in its direction of travel, end nodes included. */
export function edgeGeometry(g: RoadGraph, e: number): LngLat[] {
  const points: LngLat[] = [nodePosition(g, g.tail[e]!)];
  const s = g.segment[e]!;
  const seg = s >= 0 ? s : ~s;
  const from = g.segStart[seg]!;
  const to = g.segStart[seg + 1]!;
  if (s >= 0) {
    for (let i = from; i < to; i++) points.push(shapePoint(g, i));
  } else {
    for (let i = to - 1; i >= from; i--) points.push(shapePoint(g, i));
  }
  points.push(nodePosition(g, g.head[e]!));
  return points;
}

function shapePoint(g: RoadGraph, i: number): LngLat {
  return [g.segCoords[2 * i]! / COORD_SCALE, g.segCoords[2 * i + 1]! / COORD_SCALE] as LngLat;
}
