// biome-ignore lint/style/noRestrictedImports: the test reads its fixture; the code under test only sees bytes.
import { readFileSync } from 'node:fs';
import type { LngLat } from '@ronghui/geo';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../../test/support/env.ts';
import { contract } from '../ch/contract.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { Router } from '../query/router.ts';
import { OsmImportError, importOsmPbf } from './osm-import.ts';
import { elevationAt, parseSrtm } from './srtm.ts';

const pbfPath = sharedFixture('osm/andorra.osm.pbf');
const hgtPath = sharedFixture('osm/N42E001.hgt.zip');

// Andorra la Vella (Plaça del Poble) and Encamp (centre), along the CG-2 up the Valira d'Orient.
const ANDORRA_LA_VELLA = [1.5218, 42.5063] as LngLat;
const ENCAMP = [1.58, 42.5345] as LngLat;

describe.runIf(pbfPath)('OSM import of the Andorra extract', () => {
  let bytes: Uint8Array;
  let flat: RoadGraph;
  let sloped: RoadGraph;

  beforeAll(async () => {
    bytes = readFileSync(pbfPath!);
    // Chunked like a file stream, to exercise block framing across chunk borders.
    const chunks = (b: Uint8Array) =>
      Array.from({ length: Math.ceil(b.length / 65536) }, (_, i) => b.subarray(i * 65536, (i + 1) * 65536));
    flat = (await importOsmPbf(chunks(bytes))).graph;
    const elevation = hgtPath ? [parseSrtm(readFileSync(hgtPath), 'N42E001.hgt.zip')] : [];
    sloped = (await importOsmPbf([bytes], { elevation })).graph;
  });

  it('keeps the drivable, strongly connected network', () => {
    // Measured at 1,706 junctions and 3,433 directed edges for this 2013 snapshot.
    expect(flat.nodeCount).toBeGreaterThan(1500);
    expect(flat.nodeCount).toBeLessThan(2000);
    expect(flat.edgeCount).toBeGreaterThan(3000);
    expect(flat.edgeCount).toBeLessThan(4000);
    expect(flat.names.length).toBeGreaterThan(100);
  });

  it('routes Andorra la Vella → Encamp over a plausible distance', () => {
    const router = new Router(flat, contract(flat));
    const route = router.route(ANDORRA_LA_VELLA, ENCAMP);
    // 5.7 km as the crow flies; the valley road measures 6.70 km (±15 %).
    expect(route.distanceM).toBeGreaterThan(6696 * 0.85);
    expect(route.distanceM).toBeLessThan(6696 * 1.15);
    expect(route.from.distanceM).toBeLessThan(50);
    expect(route.to.distanceM).toBeLessThan(50);
    // 7 min at mountain-county speeds; a valley drive of 6.7 km takes between 5 and 15 minutes.
    expect(route.durationS).toBeGreaterThan(300);
    expect(route.durationS).toBeLessThan(900);
    const dijkstra = router.route(ANDORRA_LA_VELLA, ENCAMP, { algorithm: 'dijkstra' });
    expect(dijkstra.durationS).toBeCloseTo(route.durationS, 1);
  });

  it.runIf(hgtPath)('slows the climb to Encamp when heights are known', () => {
    const a = new Router(flat, contract(flat)).route(ANDORRA_LA_VELLA, ENCAMP);
    const b = new Router(sloped, contract(sloped)).route(ANDORRA_LA_VELLA, ENCAMP);
    expect(b.durationS).toBeGreaterThan(a.durationS * 1.05);
    expect(sloped.edgeCount).toBe(flat.edgeCount);
  });

  it('rejects a truncated file with a clear error', async () => {
    await expect(importOsmPbf([bytes.subarray(0, Math.floor(bytes.length / 2))])).rejects.toThrow(
      OsmImportError,
    );
    await expect(importOsmPbf([bytes.subarray(0, 10)])).rejects.toThrow(/truncated or corrupt/);
  });
});

describe('OSM import of bad input', () => {
  it.each([
    [
      'garbage bytes',
      new TextEncoder().encode('<osm version="0.6"> not a pbf at all, just text '.repeat(20)),
    ],
    ['random bytes', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)],
    ['nothing', new Uint8Array(0)],
  ])('%s → OsmImportError', async (_name, input) => {
    await expect(importOsmPbf([input])).rejects.toThrow(OsmImportError);
  });
});

describe.runIf(hgtPath)('SRTM tile', () => {
  it('reads heights of the Andorra valleys', () => {
    const tile = parseSrtm(readFileSync(hgtPath!), 'N42E001.hgt.zip');
    expect(tile.size).toBe(1201);
    const town = elevationAt(tile, ANDORRA_LA_VELLA[0], ANDORRA_LA_VELLA[1])!;
    const encamp = elevationAt(tile, ENCAMP[0], ENCAMP[1])!;
    expect(town).toBeGreaterThan(950);
    expect(town).toBeLessThan(1250);
    expect(encamp).toBeGreaterThan(town + 100);
    expect(elevationAt(tile, 3.5, 42.5)).toBeUndefined();
  });
});

describe('SRTM errors', () => {
  it('names the problem', () => {
    expect(() => parseSrtm(new Uint8Array(100), 'N42E001.hgt')).toThrow(/neither an SRTM3/);
    expect(() => parseSrtm(new Uint8Array(1201 * 1201 * 2), 'tile.hgt')).toThrow(
      /cannot tell the tile corner/,
    );
    expect(parseSrtm(new Uint8Array(1201 * 1201 * 2), 'S01W002.hgt')).toMatchObject({ south: -1, west: -2 });
  });
});
