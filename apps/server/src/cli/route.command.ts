import { loadRouter, parseLngLatArg } from '../modules/routing/index.ts';
import { type CliCommand, CliUsageError, parseCliArgs } from './command.ts';

const usage = `Usage: ronghui route <graph-file> <lon,lat> <lon,lat> [--algo ch|dijkstra] [--max-snap <m>] [--json]

Fastest car route between two WGS-84 positions, each snapped to the nearest road.

  --algo ch|dijkstra   contraction hierarchies (default) or the plain Dijkstra reference
  --max-snap <m>       farthest a position may be from a road (default 500)
  --json               print {"duration_s","distance_m","snapped_from_m","snapped_to_m","geometry"}
  --help               this text`;

export const routeCommand: CliCommand = {
  name: 'route',
  summary: 'fastest route between two positions on a road graph',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      algo: { type: 'string', default: 'ch' },
      'max-snap': { type: 'string', default: '500' },
      json: { type: 'boolean', default: false },
    });
    const [file, a, b, ...extra] = positionals;
    if (!file || !a || !b) throw new CliUsageError('expected <graph-file> <lon,lat> <lon,lat>');
    if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
    const algo = values.algo;
    if (algo !== 'ch' && algo !== 'dijkstra')
      throw new CliUsageError(`--algo must be ch or dijkstra, got "${algo}"`);
    const maxSnapM = Number(values['max-snap']);
    if (!(maxSnapM > 0))
      throw new CliUsageError(`--max-snap must be a positive number of metres, got "${values['max-snap']}"`);
    let from: ReturnType<typeof parseLngLatArg>;
    let to: ReturnType<typeof parseLngLatArg>;
    try {
      from = parseLngLatArg(a, 'start');
      to = parseLngLatArg(b, 'destination');
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    const { router } = loadRouter(file, { maxSnapM });
    const route = router.route(from, to, { algorithm: algo });
    const geometry = router.geometry(route);
    if (values.json) {
      io.out(
        JSON.stringify({
          duration_s: round1(route.durationS),
          distance_m: round1(route.distanceM),
          snapped_from_m: round1(route.from.distanceM),
          snapped_to_m: round1(route.to.distanceM),
          algorithm: algo,
          geometry: { type: 'LineString', coordinates: geometry },
        }),
      );
      return 0;
    }
    const minutes = Math.floor(route.durationS / 60);
    const secs = Math.round(route.durationS - minutes * 60);
    io.out(`${(route.distanceM / 1000).toFixed(2)} km, ${minutes} min ${secs} s (${algo})`);
    io.out(
      `start snapped ${route.from.distanceM.toFixed(0)} m to the road, destination ${route.to.distanceM.toFixed(0)} m`,
    );
    io.out(`${geometry.length} points along the way, ${route.pieces.length} road pieces`);
    return 0;
  },
};

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
