import { binomialUpperTail, poissonUpperTail } from './exact-tests.ts';

export type TrendTest = 'conditional-binomial' | 'poisson-exact';

export interface TrendOptions {
  /** End of the last (recent) window, epoch ms; windows are [end − k·len, end − (k−1)·len). */
  readonly endMs: number;
  readonly windowMs: number;
  /** Number of equal baseline windows before the recent one. */
  readonly baselineWindows: number;
  readonly test?: TrendTest;
  /** Flag when p < alpha (default 0.05). */
  readonly alpha?: number;
}

export interface AreaTrend {
  readonly area: string;
  /** Counts per window, oldest first; the last is the recent window. */
  readonly counts: number[];
  readonly recent: number;
  readonly baselineMean: number;
  /** recent / baseline mean (Infinity when the baseline is empty but the recent window is not). */
  readonly ratio: number;
  /** One-sided p-value of an increase. */
  readonly p: number;
  readonly test: TrendTest;
  readonly significant: boolean;
}

/**
 * Frequency of a pattern per window and per area, and whether the last window is significantly above
 * the baseline. Conditional binomial test (default): given n = recent + baseline total, recent ~
 * Binomial(n, 1/(B+1)) if the rate did not change — it needs no assumed baseline rate. Poisson exact
 * test: recent ~ Poisson(baseline mean), treating the baseline mean as known.
 */
export function trendByArea<T>(
  events: readonly T[],
  timeOf: (e: T) => number,
  areaOf: (e: T) => string,
  options: TrendOptions,
): AreaTrend[] {
  const b = options.baselineWindows;
  if (!Number.isInteger(b) || b < 1)
    throw new RangeError(`baseline windows must be a positive integer, got ${b}`);
  if (!(options.windowMs > 0)) throw new RangeError('window length must be positive');
  const test = options.test ?? 'conditional-binomial';
  const alpha = options.alpha ?? 0.05;
  const start = options.endMs - (b + 1) * options.windowMs;
  const counts = new Map<string, number[]>();
  for (const e of events) {
    const t = timeOf(e);
    if (t < start || t >= options.endMs) continue;
    const w = Math.floor((t - start) / options.windowMs);
    const area = areaOf(e);
    let c = counts.get(area);
    if (!c) {
      c = new Array<number>(b + 1).fill(0);
      counts.set(area, c);
    }
    c[w] = (c[w] ?? 0) + 1;
  }
  return [...counts.entries()]
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([area, c]) => {
      const recent = c[b] ?? 0;
      const baseTotal = c.slice(0, b).reduce((s, v) => s + v, 0);
      const baselineMean = baseTotal / b;
      const p =
        test === 'poisson-exact'
          ? poissonUpperTail(recent, baselineMean)
          : binomialUpperTail(recent, recent + baseTotal, 1 / (b + 1));
      return {
        area,
        counts: c,
        recent,
        baselineMean,
        ratio: baselineMean > 0 ? recent / baselineMean : recent > 0 ? Number.POSITIVE_INFINITY : Number.NaN,
        p,
        test,
        significant: p < alpha && recent > baselineMean,
      };
    });
}
