import { type GeoJSON, haversine, type LngLat, pointInPolygon } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { contract } from '../ch/contract.ts';
import { encodeGraph } from '../graph/graph-file.ts';
import { COORD_SCALE, ROAD_CLASSES } from '../graph/road-graph.ts';
import { stronglyConnected } from '../graph/strongly-connected.ts';
import { roadsGeoJson } from '../query/roads-geojson.ts';
import { Router } from '../query/router.ts';
import { type CountyNetworkInput, generateCountyNetwork } from './county-network.ts';

// A hand-made county about 40 × 30 km, with a notch in the east so that straight lines can leave it.
const ring: [number, number][] = [
  [118.05, 25.35],
  [118.45, 25.35],
  [118.45, 25.47],
  [118.3, 25.5],
  [118.45, 25.53],
  [118.45, 25.63],
  [118.05, 25.63],
  [118.05, 25.35],
];
const boundary: GeoJSON.Polygon = { type: 'Polygon', coordinates: [ring] };
const ll = (lon: number, lat: number) => [lon, lat] as LngLat;
const input: CountyNetworkInput = {
  boundary,
  countyTown: ll(118.24, 25.49),
  townships: [
    { code: '001', name: '城关镇', position: ll(118.245, 25.495) },
    { code: '002', name: '北山乡', position: ll(118.2, 25.6) },
    { code: '003', name: '南溪镇', position: ll(118.3, 25.38) },
    { code: '004', name: '西岭乡', position: ll(118.09, 25.45) },
    { code: '005', name: '东坑镇', position: ll(118.42, 25.58) },
    { code: '006', name: '石门乡', position: ll(118.42, 25.4) },
  ],
  villages: [
    ['101', '上村', '002', 118.18, 25.58],
    ['102', '下村', '002', 118.23, 25.61],
    ['103', '溪口村', '003', 118.33, 25.37],
    ['104', '岭头村', '003', 118.27, 25.4],
    ['105', '坑底村', '004', 118.07, 25.43],
    ['106', '山后村', '004', 118.12, 25.47],
    ['107', '东湖村', '005', 118.44, 25.6],
    ['108', '前洋村', '005', 118.39, 25.56],
    ['109', '石壁村', '006', 118.43, 25.38],
    ['110', '城郊村', '001', 118.26, 25.51],
    ['111', '界外村', '006', 118.5, 25.41],
  ].map(([code, name, townshipCode, lon, lat]) => ({
    code: code as string,
    name: name as string,
    townshipCode: townshipCode as string,
    position: ll(lon as number, lat as number),
  })),
};

describe('generateCountyNetwork', () => {
  const { graph, roads } = generateCountyNetwork(input, 7);

  it('is the same for the same seed and different for another', () => {
    const again = generateCountyNetwork(input, 7).graph;
    expect(encodeGraph(again)).toEqual(encodeGraph(graph));
    expect(encodeGraph(generateCountyNetwork(input, 8).graph)).not.toEqual(encodeGraph(graph));
  });

  it('keeps every junction and shape point inside the outline', () => {
    for (let v = 0; v < graph.nodeCount; v++) {
      expect(
        pointInPolygon([graph.nodeLon[v]! / COORD_SCALE, graph.nodeLat[v]! / COORD_SCALE], boundary),
      ).toBe(true);
    }
    for (let i = 0; i < graph.segCoords.length; i += 2) {
      expect(
        pointInPolygon([graph.segCoords[i]! / COORD_SCALE, graph.segCoords[i + 1]! / COORD_SCALE], boundary),
      ).toBe(true);
    }
  });

  it('is strongly connected', () => {
    expect(stronglyConnected(graph.nodeCount, graph.firstOut, graph.head).count).toBe(1);
  });

  it('has a town grid, a trunk and provincial network with spare links, and village roads', () => {
    const count = (c: string) => roads.filter((r) => r.roadClass === c).length;
    // 6 hubs outside the town (the town itself + 5 seats): 5 tree links, at least one spare.
    expect(count('trunk') + count('primary')).toBe(5);
    expect(count('secondary')).toBeGreaterThanOrEqual(1);
    expect(count('unclassified')).toBeGreaterThanOrEqual(9);
    // 11 × 11 junctions 300 m apart: 220 street blocks.
    expect(count('residential') + count('tertiary')).toBe(220);
  });

  it('winds mountain roads to 1.2–1.6 times the straight line', () => {
    for (const r of roads.filter((x) => x.roadClass !== 'residential' && x.roadClass !== 'tertiary')) {
      expect(r.lengthM / r.straightM).toBeGreaterThan(1.15);
      expect(r.lengthM / r.straightM).toBeLessThan(1.65);
    }
  });

  it('drives town streets at 30–40 km/h and mountain roads at 30–60 km/h', () => {
    for (let e = 0; e < graph.edgeCount; e++) {
      const kmh = (graph.length[e]! / (graph.weight[e]! / 10)) * 3.6;
      const cls = ROAD_CLASSES[graph.roadClass[e]!];
      const [lo, hi] = cls === 'residential' || cls === 'tertiary' ? [29, 41] : [29, 61];
      expect(kmh).toBeGreaterThan(lo);
      expect(kmh).toBeLessThan(hi);
    }
  });

  it('routes from every village to the county town, and the roads draw as named lines', () => {
    // 界外村 lies 5 km outside the outline; its road starts at the nearest point inside.
    const router = new Router(graph, contract(graph), { maxSnapM: 6000 });
    for (const v of input.villages) {
      const r = router.route(v.position, input.countyTown);
      expect(r.durationS).toBeGreaterThan(haversine(r.from.position, input.countyTown) / (60 / 3.6));
    }
    const fc = roadsGeoJson(graph);
    expect(fc.features.some((f) => f.properties.name === '瓷都大道')).toBe(true);
    expect(fc.features.some((f) => f.properties.name?.startsWith('国道G'))).toBe(true);
    expect(fc.features.every((f) => f.geometry.coordinates.length >= 2)).toBe(true);
    const [iso] = router.isochrone(input.countyTown, [10]);
    expect(iso!.nodes.length).toBeGreaterThan(100);
  });
});
