import { DAY_MS, knoxTest, createRng } from '@ronghui/intel';
import { type CliIo, CliUsageError, parseCliArgs } from '../command.ts';
import { formatOption, loadIncidents, numberList, numberOption, positiveInteger } from './options.ts';

export const knoxUsage = `ronghui intel knox --incidents <csv> --space-bands 0,1,100,200,300 --time-bands 0,7,14,21
                   [--metric manhattan|euclidean] [--iterations 99] [--seed N] [--format ronghui|portland]
  Near-repeat Knox test (as Ratcliffe's Near Repeat Calculator). Bands are right-open: 0,1,100 means
  [0,1) and [1,100) metres; pairs beyond the last boundary are not counted. Expected counts come from
  permuting the dates. Last line: JSON with observed, expected, ratio and p tables [space][time].`;

export async function runKnox(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      incidents: { type: 'string' },
      'space-bands': { type: 'string' },
      'time-bands': { type: 'string' },
      metric: { type: 'string' },
      iterations: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
    },
    false,
  );
  const spaceBands = numberList(values['space-bands'], '--space-bands');
  const timeBands = numberList(values['time-bands'], '--time-bands');
  for (const [name, bands] of [
    ['--space-bands', spaceBands],
    ['--time-bands', timeBands],
  ] as const) {
    if (bands.length < 2) throw new CliUsageError(`${name} needs at least two boundaries, e.g. 0,7,14`);
    bands.forEach((b, i) => {
      if (b < 0) throw new CliUsageError(`${name}: "${b}" is negative`);
      if (i > 0 && b <= (bands[i - 1] as number))
        throw new CliUsageError(`${name} must increase: ${bands.join(',')}`);
    });
  }
  const metric = values.metric ?? 'manhattan';
  if (metric !== 'manhattan' && metric !== 'euclidean')
    throw new CliUsageError(`--metric: "${metric}" is not manhattan or euclidean`);
  const iterations = numberOption(
    values.iterations,
    '--iterations',
    99,
    positiveInteger,
    'a positive integer',
  );
  const seed = numberOption(values.seed, '--seed', 1, Number.isInteger, 'an integer');
  const records = await loadIncidents(values.incidents, formatOption(values.format), io);
  const events = records.map((r) => ({ x: r.x, y: r.y, day: (r.occurredFrom + r.occurredTo) / 2 / DAY_MS }));
  const r = knoxTest(events, { spaceBands, timeBands, metric, iterations, rng: createRng(seed) });
  io.out(`Knox ratios (rows: distance m, columns: days), ${r.events} events, ${iterations} permutations:`);
  io.out(`${''.padEnd(12)}${r.timeLabels.map((l) => l.padStart(16)).join('')}`);
  r.spaceLabels.forEach((label, s) => {
    const cells = r.timeLabels.map((_, t) => {
      const ratio = r.ratio[s]?.[t] as number;
      const p = r.p[s]?.[t] as number;
      return `${Number.isFinite(ratio) ? ratio.toFixed(2) : '–'} (p=${p.toFixed(3)})`.padStart(16);
    });
    io.out(`${label.padEnd(12)}${cells.join('')}`);
  });
  io.out(
    JSON.stringify({
      events: r.events,
      metric,
      iterations,
      seed,
      space_bands: r.spaceLabels,
      time_bands: r.timeLabels,
      observed: r.observed,
      expected: r.expected,
      ratio: r.ratio.map((row) => row.map((v) => (Number.isFinite(v) ? v : null))),
      p: r.p,
    }),
  );
  return 0;
}
