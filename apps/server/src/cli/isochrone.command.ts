import { loadRouter, parseLngLatArg } from '../modules/routing/index.ts';
import { type CliCommand, CliUsageError, parseCliArgs } from './command.ts';

const usage = `Usage: ronghui isochrone <graph-file> <lon,lat> [--minutes 3,5,10] [--cell <m>] [--json]

Areas a car reaches from a position within the given minutes, as GeoJSON polygons that follow the roads.

  --minutes <list>   comma-separated minutes (default 3,5,10)
  --cell <m>         grid cell of the outline in metres (default 100)
  --json             print a GeoJSON FeatureCollection (one feature per time, largest first)
  --help             this text`;

export const isochroneCommand: CliCommand = {
  name: 'isochrone',
  summary: 'areas reachable within N minutes from a position',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      minutes: { type: 'string', default: '3,5,10' },
      cell: { type: 'string', default: '100' },
      json: { type: 'boolean', default: false },
    });
    const [file, at, ...extra] = positionals;
    if (!file || !at) throw new CliUsageError('expected <graph-file> <lon,lat>');
    if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
    const minutes = values.minutes.split(',').map((s) => Number(s.trim()));
    if (minutes.length === 0 || minutes.some((m) => !(m > 0 && m <= 120))) {
      throw new CliUsageError(`--minutes must be numbers between 0 and 120, got "${values.minutes}"`);
    }
    const cell = Number(values.cell);
    if (!(cell >= 10 && cell <= 1000))
      throw new CliUsageError(`--cell must be 10–1000 metres, got "${values.cell}"`);
    let from: ReturnType<typeof parseLngLatArg>;
    try {
      from = parseLngLatArg(at, 'position');
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    const { router } = loadRouter(file);
    const results = router.isochrone(from, minutes, undefined, cell).sort((a, b) => b.minutes - a.minutes);
    if (values.json) {
      io.out(
        JSON.stringify({
          type: 'FeatureCollection',
          features: results.map((r) => ({
            type: 'Feature',
            properties: { minutes: r.minutes, reachable_nodes: r.nodes.length },
            geometry: { type: 'MultiPolygon', coordinates: r.polygon },
          })),
        }),
      );
      return 0;
    }
    for (const r of results) {
      io.out(`${r.minutes} min: ${r.nodes.length} junctions reachable, ${r.polygon.length} area(s)`);
    }
    return 0;
  },
};
