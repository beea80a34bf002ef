import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../../test/support/env.ts';
import { main } from '../cli.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const pbf = sharedFixture('osm/andorra.osm.pbf');
const dir = mkdtempSync(join(tmpdir(), 'ronghui-routing-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOWN = '1.5218,42.5063';
const ENCAMP = '1.58,42.5345';

describe.runIf(pbf)('ronghui import-osm / route / isochrone on Andorra', () => {
  const graph = join(dir, 'andorra.rgraph');

  beforeAll(async () => {
    const c = capture();
    expect(await main(['import-osm', pbf!, '--out', graph], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/\d+ nodes, \d+ edges/);
  });

  it('imports with overridden speeds: slower primaries make the same route slower', async () => {
    const slow = join(dir, 'slow.rgraph');
    expect(
      await main(
        ['import-osm', pbf!, '--out', slow, '--speed', 'primary=20,secondary=20,trunk=20'],
        capture().io,
      ),
    ).toBe(0);
    const a = capture();
    const b = capture();
    await main(['route', graph, TOWN, ENCAMP, '--json'], a.io);
    await main(['route', slow, TOWN, ENCAMP, '--json'], b.io);
    expect(JSON.parse(b.out.join('')).duration_s).toBeGreaterThan(
      JSON.parse(a.out.join('')).duration_s * 1.3,
    );
  });

  it('prints a route as JSON, the same with either algorithm', async () => {
    const a = capture();
    expect(await main(['route', graph, TOWN, ENCAMP, '--json'], a.io)).toBe(0);
    const ch = JSON.parse(a.out.join(''));
    expect(ch.distance_m).toBeGreaterThan(5700);
    expect(ch.distance_m).toBeLessThan(7700);
    expect(ch.snapped_from_m).toBeLessThan(50);
    expect(ch.snapped_to_m).toBeLessThan(50);
    expect(ch.geometry.type).toBe('LineString');
    const b = capture();
    expect(await main(['route', graph, TOWN, ENCAMP, '--algo', 'dijkstra', '--json'], b.io)).toBe(0);
    expect(JSON.parse(b.out.join('')).duration_s).toBeCloseTo(ch.duration_s, 1);
  });

  it('prints a readable summary without --json', async () => {
    const c = capture();
    expect(await main(['route', graph, TOWN, ENCAMP], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/^\d+\.\d\d km, \d+ min \d+ s \(ch\)$/);
  });

  it('prints isochrones as a GeoJSON FeatureCollection', async () => {
    const c = capture();
    expect(await main(['isochrone', graph, TOWN, '--minutes', '5,10', '--json'], c.io)).toBe(0);
    const fc = JSON.parse(c.out.join(''));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f: { properties: { minutes: number } }) => f.properties.minutes)).toEqual([
      10, 5,
    ]);
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');
    expect(fc.features[0].properties.reachable_nodes).toBeGreaterThan(
      fc.features[1].properties.reachable_nodes,
    );
  });

  it('explains a position far from every road', async () => {
    const c = capture();
    expect(await main(['route', graph, TOWN, '1.0,42.5', '--json'], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/no road within 500 m/);
  });
});

describe('routing commands reject bad input', () => {
  it.each([
    [['import-osm'], 2, /missing the .osm.pbf file/],
    [['import-osm', 'x.osm.pbf'], 2, /missing --out/],
    [['import-osm', join(dir, 'none.osm.pbf'), '--out', join(dir, 'g')], 1, /OSM PBF file not found/],
    [
      ['import-osm', 'x.osm.pbf', '--out', 'g', '--speed', 'autobahn=130'],
      2,
      /unknown highway class "autobahn"/,
    ],
    [['import-osm', 'x.osm.pbf', '--out', 'g', '--speed', 'primary=500'], 2, /primary must be 5–130 km\/h/],
    [['route', 'g.rgraph', '1.5'], 2, /expected <graph-file>/],
    [['route', 'g.rgraph', '1.5', '2,3'], 2, /start must be "lon,lat"/],
    [['route', 'g.rgraph', '1,2', '2,3', '--algo', 'astar'], 2, /--algo must be ch or dijkstra/],
    [['route', join(dir, 'missing.rgraph'), '1,2', '2,3'], 1, /road-graph file not found/],
    [['isochrone', 'g.rgraph', '1,2', '--minutes', '5,x'], 2, /--minutes/],
  ])('%j → exit %i', async (args, code, message) => {
    const c = capture();
    expect(await main(args, c.io)).toBe(code);
    expect(c.err.join('\n')).toMatch(message);
  });

  it('writes no graph from a file that is not PBF', async () => {
    const bad = join(dir, 'bad.osm.pbf');
    writeFileSync(bad, 'definitely not protobuf '.repeat(100));
    const out = join(dir, 'bad.rgraph');
    const c = capture();
    expect(await main(['import-osm', bad, '--out', out], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/not a readable OSM PBF file|not an OSM PBF file/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad.rgraph'))).toEqual([]);
  });

  it('refuses a corrupted graph file', async () => {
    const path = join(dir, 'corrupt.rgraph');
    writeFileSync(path, Buffer.concat([Buffer.from('RHRG'), Buffer.alloc(64, 7)]));
    const c = capture();
    expect(await main(['route', path, '1,2', '2,3'], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/corrupt or truncated|version/);
  });

  it('prints usage for --help', async () => {
    for (const name of ['import-osm', 'route', 'isochrone']) {
      const c = capture();
      expect(await main([name, '--help'], c.io)).toBe(0);
      expect(c.out.join('\n')).toMatch(new RegExp(`Usage: ronghui ${name}`));
    }
  });
});
