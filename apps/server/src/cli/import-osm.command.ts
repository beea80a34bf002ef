import { importOsmFile, writeGraphFile } from '../modules/routing/index.ts';
import { type CarProfile, DEFAULT_CAR_PROFILE, type RoadClass } from '@ronghui/routing';
import { type CliCommand, CliUsageError, parseCliArgs } from './command.ts';

const usage = `Usage: ronghui import-osm <file.osm.pbf> --out <graph-file> [--elevation <tile.hgt|tile.zip>]... [--speed <class=km/h,...>]

Build the car road graph from an OpenStreetMap PBF extract and write it as one binary file.

  --out <file>         where to write the graph (written to a temporary file, then renamed)
  --elevation <file>   SRTM tile(s) (.hgt, or .zip holding one); slopes then lower speeds
  --speed <list>       override default speeds by highway class, e.g. primary=45,residential=25
  --help               this text`;

export const importOsmCommand: CliCommand = {
  name: 'import-osm',
  summary: 'build a road graph file from an OSM .pbf extract',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      out: { type: 'string' },
      elevation: { type: 'string', multiple: true },
      speed: { type: 'string' },
    });
    const [file, ...extra] = positionals;
    if (!file) throw new CliUsageError('missing the .osm.pbf file');
    if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
    if (!values.out) throw new CliUsageError('missing --out <graph-file>');
    const started = performance.now();
    const profile = values.speed === undefined ? DEFAULT_CAR_PROFILE : withSpeeds(values.speed);
    const { graph, stats } = await importOsmFile(file, values.elevation ?? [], profile);
    const bytes = writeGraphFile(values.out, graph);
    const seconds = (performance.now() - started) / 1000;
    io.out(
      `${values.out}: ${stats.graphNodes} nodes, ${stats.graphEdges} edges (${stats.drivableWays} drivable of ${stats.osmWays} ways)` +
        `, ${bytes} bytes (${(bytes / Math.max(1, graph.edgeCount)).toFixed(1)} per edge)` +
        `${values.elevation ? ', slope-adjusted' : ''}, ${seconds.toFixed(2)} s`,
    );
    return 0;
  },
};

function withSpeeds(list: string): CarProfile {
  const speedKmh = { ...DEFAULT_CAR_PROFILE.speedKmh };
  for (const item of list.split(',')) {
    const [cls, value] = item.split('=').map((x) => x.trim());
    if (!cls || !(cls in speedKmh)) {
      throw new CliUsageError(
        `--speed: unknown highway class "${cls}" (one of ${Object.keys(speedKmh).join(', ')})`,
      );
    }
    const kmh = Number(value);
    if (!(kmh >= 5 && kmh <= 130))
      throw new CliUsageError(`--speed: ${cls} must be 5–130 km/h, got "${value}"`);
    speedKmh[cls as RoadClass] = kmh;
  }
  return { ...DEFAULT_CAR_PROFILE, speedKmh };
}
