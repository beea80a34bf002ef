import {
  type CrimeRecord,
  evaluateRisk,
  gridCovering,
  type HotspotEvaluation,
  parseIsoTime,
  type RiskOptions,
  ruleOfThumbBandwidth,
  type TimedPoint,
  tuneKde,
} from '@ronghui/intel';
import { formatOffsetMs } from '../../modules/intel/index.ts';
import { type CliIo, CliUsageError, parseCliArgs } from '../command.ts';
import { formatOption, loadIncidents, numberOption } from './options.ts';

export const hotspotsUsage = `ronghui intel hotspots --incidents <csv> --train-from <date> --train-to <date> --test-from <date>
                       --test-to <date> [--cell-m 150] [--area-share 0.01] [--method kde|gistar|tuned]
                       [--bandwidth-m N] [--half-life-days N] [--format ronghui|portland]
  Fit a hotspot map on the training period, flag the top area share of cells, and score it against the
  test period: PAI = (n/N)/(a/A), PEI = n/n*. Periods are [from, to); dates without a zone are local
  time of the format (ronghui: +08:00, portland: −08:00). The study area A is the grid covering all
  incidents. Methods: kde (quartic; --bandwidth-m, default the spatial Silverman rule of thumb; optional
  recency --half-life-days), gistar (Getis-Ord Gi* z of counts per cell), tuned (KDE whose bandwidth
  and recency are chosen by rolling validation on the six months before --train-to). Last line: JSON with pai, pei, n, N, a, A.`;

export const TUNING_CANDIDATES = {
  bandwidthsM: [150, 250, 400, 600],
  halfLivesDays: [null, 365, 730],
} as const;

function time(text: string | undefined, option: string, offsetMs: number): number {
  if (text === undefined) throw new CliUsageError(`${option} is required`);
  const t = parseIsoTime(text, offsetMs);
  if (t === undefined) throw new CliUsageError(`${option}: "${text}" is not an ISO 8601 date`);
  return t;
}

const midpoint = (r: CrimeRecord): TimedPoint => ({ x: r.x, y: r.y, t: (r.occurredFrom + r.occurredTo) / 2 });

export async function runHotspots(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      incidents: { type: 'string' },
      'train-from': { type: 'string' },
      'train-to': { type: 'string' },
      'test-from': { type: 'string' },
      'test-to': { type: 'string' },
      'cell-m': { type: 'string' },
      'area-share': { type: 'string' },
      method: { type: 'string' },
      'bandwidth-m': { type: 'string' },
      'half-life-days': { type: 'string' },
      format: { type: 'string' },
    },
    false,
  );
  const format = formatOption(values.format);
  const offset = formatOffsetMs(format);
  const trainFrom = time(values['train-from'], '--train-from', offset);
  const trainTo = time(values['train-to'], '--train-to', offset);
  const testFrom = time(values['test-from'], '--test-from', offset);
  const testTo = time(values['test-to'], '--test-to', offset);
  if (trainTo <= trainFrom) throw new CliUsageError('--train-to must be after --train-from');
  if (testTo <= testFrom) throw new CliUsageError('--test-to must be after --test-from');
  if (testFrom < trainTo) throw new CliUsageError('the test period must start at or after --train-to');
  const positive = (n: number) => Number.isFinite(n) && n > 0;
  const cellM = numberOption(values['cell-m'], '--cell-m', 150, positive, 'a positive number of metres');
  const share = numberOption(
    values['area-share'],
    '--area-share',
    0.01,
    (n) => n > 0 && n <= 1,
    'a share in (0, 1]',
  );
  const chosenBandwidth =
    values['bandwidth-m'] === undefined
      ? undefined
      : numberOption(
          values['bandwidth-m'],
          '--bandwidth-m',
          undefined,
          positive,
          'a positive number of metres',
        );
  const halfLife =
    values['half-life-days'] === undefined
      ? undefined
      : numberOption(
          values['half-life-days'],
          '--half-life-days',
          undefined,
          positive,
          'a positive number of days',
        );
  const method = values.method ?? 'kde';
  if (method !== 'kde' && method !== 'gistar' && method !== 'tuned')
    throw new CliUsageError(`--method: "${method}" is not kde, gistar or tuned`);
  const records = await loadIncidents(values.incidents, format, io);
  const points = records.map(midpoint);
  const train = points.filter((p) => p.t >= trainFrom && p.t < trainTo);
  const test = points.filter((p) => p.t >= testFrom && p.t < testTo);
  if (train.length === 0) throw new CliUsageError('no incidents fall in the training period');
  const grid = gridCovering(
    points.map((p) => p.x),
    points.map((p) => p.y),
    cellM,
  );
  let options: RiskOptions;
  if (method === 'tuned') {
    options = tuneKde(grid, train, trainTo, share, TUNING_CANDIDATES).options;
    io.out(`tuned: bandwidth ${options.bandwidthM} m, half-life ${options.halfLifeDays ?? 'none'} days`);
  } else {
    const bandwidthM =
      chosenBandwidth ??
      ruleOfThumbBandwidth(
        train.map((p) => p.x),
        train.map((p) => p.y),
      );
    if (method === 'kde' && chosenBandwidth === undefined)
      io.out(`bandwidth ${bandwidthM.toFixed(0)} m (rule of thumb; set --bandwidth-m to choose)`);
    options = { method, bandwidthM, ...(halfLife ? { halfLifeDays: halfLife, nowMs: trainTo } : {}) };
  }
  const e: HotspotEvaluation = evaluateRisk(grid, train, test, share, options);
  const cellKm2 = (cellM * cellM) / 1e6;
  io.out(
    `${train.length} training and ${test.length} test incidents; grid ${grid.nx}×${grid.ny} cells of ${cellM} m; flagged ${e.a} cells (${(e.a * cellKm2).toFixed(2)} km²)`,
  );
  io.out(`PAI ${e.pai.toFixed(2)}, PEI ${e.pei.toFixed(3)} (n=${e.n} of N=${e.N}, n*=${e.nStar})`);
  io.out(
    JSON.stringify({
      method,
      pai: e.pai,
      pei: e.pei,
      n: e.n,
      N: e.N,
      a: e.a,
      A: e.A,
      a_km2: e.a * cellKm2,
      A_km2: e.A * cellKm2,
      n_star: e.nStar,
      cell_m: cellM,
      area_share: share,
      bandwidth_m: method === 'gistar' ? null : options.bandwidthM,
      half_life_days: options.halfLifeDays ?? null,
      train: train.length,
      test: test.length,
    }),
  );
  return 0;
}
