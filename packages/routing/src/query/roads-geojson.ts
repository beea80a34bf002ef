import { COORD_SCALE, ROAD_CLASSES, type RoadGraph } from '../graph/road-graph.ts';

export interface RoadFeature {
  readonly type: 'Feature';
  readonly properties: {
    readonly segment: number;
    readonly name: string | null;
    readonly class: string;
    readonly oneway: boolean;
    readonly speed_kmh: number;
    /** Directed edge ids, for closures by edge. */
    readonly edges: number[];
  };
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: [number, number][] };
}

/**
 * The road network as GeoJSON for the map: one LineString per road segment (both directions of a
 * two-way road share it), with name, class, free-flow speed and the edge ids to close it by.
 */
export function roadsGeoJson(g: RoadGraph): { type: 'FeatureCollection'; features: RoadFeature[] } {
  const segEdges = new Map<number, number[]>();
  for (let e = 0; e < g.edgeCount; e++) {
    const s = g.segment[e]!;
    const seg = s >= 0 ? s : ~s;
    const list = segEdges.get(seg);
    if (list) list.push(e);
    else segEdges.set(seg, [e]);
  }
  const features: RoadFeature[] = [];
  for (const [seg, edges] of [...segEdges].sort((a, b) => a[0] - b[0])) {
    const forward = edges.find((e) => g.segment[e]! >= 0);
    const e = forward ?? edges[0]!;
    // Draw in the segment's own direction: from the forward edge's tail, or the reverse edge's head.
    const start = forward !== undefined ? g.tail[e]! : g.head[e]!;
    const end = forward !== undefined ? g.head[e]! : g.tail[e]!;
    const coords: [number, number][] = [[g.nodeLon[start]! / COORD_SCALE, g.nodeLat[start]! / COORD_SCALE]];
    for (let i = g.segStart[seg]!; i < g.segStart[seg + 1]!; i++) {
      coords.push([g.segCoords[2 * i]! / COORD_SCALE, g.segCoords[2 * i + 1]! / COORD_SCALE]);
    }
    coords.push([g.nodeLon[end]! / COORD_SCALE, g.nodeLat[end]! / COORD_SCALE]);
    const nameId = g.segName[seg]!;
    features.push({
      type: 'Feature',
      properties: {
        segment: seg,
        name: nameId >= 0 ? g.names[nameId]! : null,
        class: ROAD_CLASSES[g.roadClass[e]!] ?? 'road',
        oneway: edges.length === 1,
        speed_kmh: Math.round((g.length[e]! / (g.weight[e]! / 10)) * 3.6),
        edges,
      },
      geometry: { type: 'LineString', coordinates: coords },
    });
  }
  return { type: 'FeatureCollection', features };
}
