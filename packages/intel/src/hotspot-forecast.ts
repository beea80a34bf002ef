import { DAY_MS } from './crime-record.ts';
import { evaluateHotspots, type HotspotEvaluation } from './forecast-evaluation.ts';
import { getisOrdGiStar } from './gi-star.ts';
import { cellIndex, countPerCell, type Grid } from './grid.ts';
import { type KernelName, kernelDensity } from './kde.ts';

export interface TimedPoint {
  readonly x: number;
  readonly y: number;
  /** Epoch ms. */
  readonly t: number;
}

export type HotspotMethod = 'kde' | 'gistar';

export interface RiskOptions {
  readonly method: HotspotMethod;
  readonly kernel?: KernelName;
  readonly bandwidthM: number;
  /** Weight a crime by 0.5^(age / half-life) at `nowMs`; omit for equal weights. */
  readonly halfLifeDays?: number;
  readonly nowMs?: number;
}

function recencyWeights(points: readonly TimedPoint[], options: RiskOptions): Float64Array | undefined {
  const h = options.halfLifeDays;
  if (h === undefined || options.nowMs === undefined) return undefined;
  const now = options.nowMs;
  return Float64Array.from(points, (p) => 0.5 ** (Math.max(0, now - p.t) / DAY_MS / h));
}

/**
 * Risk surface from past crimes: KDE (optionally recency-weighted), or Getis-Ord Gi* z-scores of the
 * (optionally recency-weighted) counts per cell.
 */
export function riskSurface(grid: Grid, points: readonly TimedPoint[], options: RiskOptions): Float64Array {
  const xs = Float64Array.from(points, (p) => p.x);
  const ys = Float64Array.from(points, (p) => p.y);
  const weights = recencyWeights(points, options);
  if (options.method === 'kde') {
    return kernelDensity(grid, xs, ys, {
      kernel: options.kernel ?? 'quartic',
      bandwidthM: options.bandwidthM,
      weights,
    });
  }
  const counts = new Float64Array(grid.nx * grid.ny);
  points.forEach((p, i) => {
    const c = cellIndex(grid, p.x, p.y);
    if (c >= 0) counts[c] = (counts[c] as number) + (weights ? (weights[i] as number) : 1);
  });
  return getisOrdGiStar(counts, grid.nx, grid.ny).z;
}

export interface TunedRisk {
  readonly options: RiskOptions;
  /** Mean validation PAI of every candidate tried. */
  readonly trials: readonly { bandwidthM: number; halfLifeDays: number | null; pai: number }[];
}

export interface TuningCandidates {
  readonly bandwidthsM: readonly number[];
  readonly halfLivesDays: readonly (number | null)[];
  /** Length of each validation window (default 30 days) and how many to average over (default 6). */
  readonly validationDays?: number;
  readonly validationWindows?: number;
}

/**
 * Choose the KDE bandwidth and recency half-life by rolling-origin validation inside the training
 * period: for each of the last few windows before `trainEndMs`, fit on the crimes before the window and
 * score PAI on it; keep the candidate with the best mean. The test period is never looked at. Returns
 * the options to refit on all training data, with `nowMs` = end of training.
 */
export function tuneKde(
  grid: Grid,
  train: readonly TimedPoint[],
  trainEndMs: number,
  areaShare: number,
  candidates: TuningCandidates,
): TunedRisk {
  const days = candidates.validationDays ?? 30;
  const windows = candidates.validationWindows ?? 6;
  const folds = Array.from({ length: windows }, (_, v) => {
    const to = trainEndMs - v * days * DAY_MS;
    const from = to - days * DAY_MS;
    const fit = train.filter((p) => p.t < from);
    const valid = train.filter((p) => p.t >= from && p.t < to);
    const counts = countPerCell(
      grid,
      valid.map((p) => p.x),
      valid.map((p) => p.y),
    );
    return { from, fit, counts, size: valid.length };
  }).filter((f) => f.size > 0 && f.fit.length > 0);
  const trials: { bandwidthM: number; halfLifeDays: number | null; pai: number }[] = [];
  let best: { bandwidthM: number; halfLifeDays: number | null } = {
    bandwidthM: candidates.bandwidthsM[0] ?? 300,
    halfLifeDays: null,
  };
  let bestPai = Number.NEGATIVE_INFINITY;
  for (const bandwidthM of candidates.bandwidthsM) {
    for (const halfLifeDays of candidates.halfLivesDays) {
      let sum = 0;
      for (const f of folds) {
        const options: RiskOptions = {
          method: 'kde',
          bandwidthM,
          ...(halfLifeDays === null ? {} : { halfLifeDays, nowMs: f.from }),
        };
        sum += evaluateHotspots(riskSurface(grid, f.fit, options), f.counts, areaShare).pai;
      }
      const pai = folds.length > 0 ? sum / folds.length : Number.NaN;
      trials.push({ bandwidthM, halfLifeDays, pai });
      if (pai > bestPai) {
        bestPai = pai;
        best = { bandwidthM, halfLifeDays };
      }
    }
  }
  const options: RiskOptions = {
    method: 'kde',
    bandwidthM: best.bandwidthM,
    ...(best.halfLifeDays === null ? {} : { halfLifeDays: best.halfLifeDays, nowMs: trainEndMs }),
  };
  return { options, trials };
}

/** Fit on training crimes, flag the top `areaShare` of cells, score against the test crimes. */
export function evaluateRisk(
  grid: Grid,
  train: readonly TimedPoint[],
  test: readonly TimedPoint[],
  areaShare: number,
  options: RiskOptions,
): HotspotEvaluation {
  const risk = riskSurface(grid, train, options);
  const testCounts = countPerCell(
    grid,
    test.map((p) => p.x),
    test.map((p) => p.y),
  );
  return evaluateHotspots(risk, testCounts, areaShare);
}
