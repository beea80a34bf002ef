import { Readable } from 'node:stream';
import { localDistanceLonLat } from '@ronghui/geo';
import { OSMTransform } from 'osm-pbf-parser-node';
import { GraphBuilder } from '../graph/graph-builder.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import {
  type CarProfile,
  carAllowed,
  carOneway,
  carRoadClass,
  carSpeedKmh,
  DEFAULT_CAR_PROFILE,
  slopeFactor,
} from './profile.ts';
import { type ElevationTile, elevationAt } from './srtm.ts';
import { roadClassCode } from '../graph/road-graph.ts';

export class OsmImportError extends Error {
  override readonly name = 'OsmImportError';
}

export interface OsmImportOptions {
  readonly profile?: CarProfile;
  readonly elevation?: readonly ElevationTile[];
}

export interface OsmImportStats {
  readonly osmNodes: number;
  readonly osmWays: number;
  readonly drivableWays: number;
  readonly graphNodes: number;
  readonly graphEdges: number;
}

const WAY_TAGS = [
  'highway',
  'maxspeed',
  'oneway',
  'junction',
  'access',
  'vehicle',
  'motor_vehicle',
  'motorcar',
  'name',
  'ref',
  'area',
];

interface DrivableWay {
  readonly refs: readonly number[];
  readonly roadClass: number;
  readonly speedMs: number;
  readonly forward: boolean;
  readonly backward: boolean;
  readonly name: string | null;
}

interface OsmItem {
  readonly type?: string;
  readonly id?: number;
  readonly lat?: number;
  readonly lon?: number;
  readonly refs?: readonly number[];
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Build the car road graph from OSM PBF bytes. The caller reads the file and passes its chunks, so
 * this stays free of I/O; the parse streams block by block. Node positions are kept for every node
 * because PBF stores nodes before the ways that use them.
 */
export async function importOsmPbf(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: OsmImportOptions = {},
): Promise<{ graph: RoadGraph; stats: OsmImportStats }> {
  const profile = options.profile ?? DEFAULT_CAR_PROFILE;
  const nodeIndex = new Map<number, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const ways: DrivableWay[] = [];
  let osmWays = 0;
  let sawHeader = false;

  const transform = new OSMTransform({
    withTags: { node: false, way: WAY_TAGS, relation: false },
    withInfo: false,
  });
  const input = Readable.from(asBuffers(source));
  input.on('error', (e) => transform.destroy(e));
  input.pipe(transform);
  try {
    for await (const batch of transform as AsyncIterable<readonly OsmItem[]>) {
      for (const item of batch) {
        if (item.type === 'node') {
          nodeIndex.set(item.id!, lon.length);
          lon.push(item.lon!);
          lat.push(item.lat!);
        } else if (item.type === 'way') {
          osmWays++;
          const way = drivable(item, profile);
          if (way) ways.push(way);
        } else if (item.type === undefined) {
          sawHeader = true;
        }
      }
    }
  } catch (error) {
    throw new OsmImportError(
      `not a readable OSM PBF file (truncated or corrupt): ${(error as Error).message}`,
    );
  }
  if (!sawHeader) throw new OsmImportError('not an OSM PBF file: no OSMHeader block found');
  if (ways.length === 0) throw new OsmImportError('the file holds no roads a car may drive');

  const uses = new Uint16Array(lon.length);
  for (const w of ways) {
    w.refs.forEach((ref, i) => {
      const idx = nodeIndex.get(ref);
      if (idx === undefined) return;
      // Ends of ways always become graph nodes, so count them twice.
      uses[idx] = Math.min(65535, uses[idx]! + (i === 0 || i === w.refs.length - 1 ? 2 : 1));
    });
  }

  const builder = new GraphBuilder();
  const graphNode = new Int32Array(lon.length).fill(-1);
  const nodeFor = (idx: number) => {
    let g = graphNode[idx]!;
    if (g < 0) g = graphNode[idx] = builder.addNode(lon[idx]!, lat[idx]!);
    return g;
  };
  const height = (idx: number) => heightAt(options.elevation, lon[idx]!, lat[idx]!);

  for (const w of ways) {
    let start = -1;
    let prev = -1;
    let shape: number[] = [];
    let lengthM = 0;
    let seconds = 0;
    for (const ref of w.refs) {
      const idx = nodeIndex.get(ref);
      if (idx === undefined) {
        // A node missing from the extract (a clipped way): end the piece before it.
        if (start >= 0 && prev !== start) {
          shape.length -= 2; // prev was stored as a shape point; it becomes the end node instead
          emit(w, nodeFor(start), nodeFor(prev), shape, lengthM, seconds);
        }
        start = prev = -1;
        continue;
      }
      if (start < 0) {
        start = prev = idx;
        shape = [];
        lengthM = seconds = 0;
        continue;
      }
      if (idx === prev) continue;
      const d = localDistanceLonLat(lon[prev]!, lat[prev]!, lon[idx]!, lat[idx]!);
      const h0 = height(prev);
      const h1 = height(idx);
      const grade = h0 === undefined || h1 === undefined || d < 1 ? 0 : (h1 - h0) / d;
      lengthM += d;
      seconds += d / (w.speedMs * slopeFactor(profile, grade));
      prev = idx;
      if (uses[idx]! >= 2) {
        emit(w, nodeFor(start), nodeFor(idx), shape, lengthM, seconds);
        start = idx;
        shape = [];
        lengthM = seconds = 0;
      } else {
        shape.push(lon[idx]!, lat[idx]!);
      }
    }
    if (start >= 0 && prev !== start) {
      shape.length -= 2;
      emit(w, nodeFor(start), nodeFor(prev), shape, lengthM, seconds);
    }
  }

  function emit(w: DrivableWay, from: number, to: number, shape: number[], lengthM: number, seconds: number) {
    builder.addPiece({
      from,
      to,
      shape,
      lengthM,
      forwardS: w.forward ? seconds : null,
      backwardS: w.backward ? seconds : null,
      roadClass: w.roadClass,
      name: w.name,
    });
  }

  const graph = builder.build();
  return {
    graph,
    stats: {
      osmNodes: lon.length,
      osmWays,
      drivableWays: ways.length,
      graphNodes: graph.nodeCount,
      graphEdges: graph.edgeCount,
    },
  };
}

function drivable(item: OsmItem, profile: CarProfile): DrivableWay | undefined {
  const tags = item.tags;
  if (!tags || !item.refs || item.refs.length < 2) return undefined;
  const roadClass = carRoadClass(tags.highway);
  if (roadClass === undefined || tags.area === 'yes' || !carAllowed(tags)) return undefined;
  const oneway = carOneway(tags);
  if (oneway === 'none') return undefined;
  return {
    refs: item.refs,
    roadClass: roadClassCode(roadClass),
    speedMs: carSpeedKmh(profile, roadClass, tags) / 3.6,
    forward: oneway !== 'backward',
    backward: oneway !== 'forward',
    name: tags.name ?? tags.ref ?? null,
  };
}

async function* asBuffers(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function heightAt(tiles: readonly ElevationTile[] | undefined, lon: number, lat: number): number | undefined {
  if (!tiles) return undefined;
  for (const t of tiles) {
    const h = elevationAt(t, lon, lat);
    if (h !== undefined) return h;
  }
  return undefined;
}
