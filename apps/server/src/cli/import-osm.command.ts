import { importOsmFile, writeGraphFile } from '../modules/routing/graph-files.ts';
import { type CliCommand, CliUsageError, parseCliArgs } from './command.ts';

const usage = `Usage: ronghui import-osm <file.osm.pbf> --out <graph-file> [--elevation <tile.hgt|tile.zip>]...

Build the car road graph from an OpenStreetMap PBF extract and write it as one binary file.

  --out <file>         where to write the graph (written to a temporary file, then renamed)
  --elevation <file>   SRTM tile(s) (.hgt, or .zip holding one); slopes then lower speeds
  --help               this text`;

export const importOsmCommand: CliCommand = {
  name: 'import-osm',
  summary: 'build a road graph file from an OSM .pbf extract',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      out: { type: 'string' },
      elevation: { type: 'string', multiple: true },
    });
    const [file, ...extra] = positionals;
    if (!file) throw new CliUsageError('missing the .osm.pbf file');
    if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
    if (!values.out) throw new CliUsageError('missing --out <graph-file>');
    const started = performance.now();
    const { graph, stats } = await importOsmFile(file, values.elevation ?? []);
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
