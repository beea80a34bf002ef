import { createReadStream, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type CarProfile,
  type ContractionHierarchy,
  contract,
  decodeGraph,
  type ElevationTile,
  encodeGraph,
  importOsmPbf,
  type OsmImportStats,
  parseSrtm,
  type RoadGraph,
  Router,
  type RouterOptions,
} from '@ronghui/routing';

/** File access for road graphs: the routing package itself only sees bytes. */

export function requireFile(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`${what} not found: ${path}`);
}

export function readGraphFile(path: string): RoadGraph {
  requireFile(path, 'road-graph file');
  return decodeGraph(readFileSync(path));
}

/** Write via a temporary file and rename, so a failed write never leaves a partial graph behind. */
export function writeGraphFile(path: string, graph: RoadGraph): number {
  const bytes = encodeGraph(graph);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return bytes.length;
}

export function readElevationTile(path: string): ElevationTile {
  requireFile(path, 'elevation tile');
  return parseSrtm(readFileSync(path), basename(path));
}

export async function importOsmFile(
  pbfPath: string,
  elevationPaths: readonly string[] = [],
  profile?: CarProfile,
): Promise<{ graph: RoadGraph; stats: OsmImportStats }> {
  requireFile(pbfPath, 'OSM PBF file');
  const elevation = elevationPaths.map(readElevationTile);
  return importOsmPbf(createReadStream(pbfPath), profile ? { elevation, profile } : { elevation });
}

/** Load a graph file and build its hierarchy (a county graph contracts in well under a second). */
export function loadRouter(
  path: string,
  options: RouterOptions = {},
): { router: Router; ch: ContractionHierarchy } {
  const graph = readGraphFile(path);
  const ch = contract(graph);
  return { router: new Router(graph, ch, options), ch };
}
