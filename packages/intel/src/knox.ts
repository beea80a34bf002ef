import { bandLabels, bandOf, validateBands } from './bands.ts';
import type { Rng } from './rng.ts';

export interface KnoxEvent {
  readonly x: number;
  readonly y: number;
  /** Time in days (any origin); differences are what count. */
  readonly day: number;
}

export interface KnoxOptions {
  /** Distance band boundaries in metres, e.g. [0, 1, 100, 200, 300]. */
  readonly spaceBands: readonly number[];
  /** Time band boundaries in days, e.g. [0, 7, 14, 21]. */
  readonly timeBands: readonly number[];
  readonly metric: 'manhattan' | 'euclidean';
  readonly iterations: number;
  readonly rng: Rng;
}

export interface KnoxResult {
  readonly spaceLabels: readonly string[];
  readonly timeLabels: readonly string[];
  /** [space band][time band]. */
  readonly observed: number[][];
  readonly expected: number[][];
  /** observed / mean expected (NaN when nothing was expected). */
  readonly ratio: number[][];
  /** (#simulations ≥ observed + 1) / (iterations + 1). */
  readonly p: number[][];
  readonly iterations: number;
  readonly events: number;
}

/**
 * Knox test for near repeats as in Ratcliffe's Near Repeat Calculator: event pairs counted per
 * (distance band × time band), expected counts from Monte-Carlo permutations of the dates. Distances do
 * not change when dates are permuted, so each pair's distance band is computed once and pairs beyond
 * the last distance band are dropped before the simulations.
 */
export function knoxTest(events: readonly KnoxEvent[], options: KnoxOptions): KnoxResult {
  const sb = validateBands(options.spaceBands, 'distance');
  const tb = validateBands(options.timeBands, 'time');
  if (!Number.isInteger(options.iterations) || options.iterations < 1)
    throw new RangeError(`iterations must be a positive integer, got ${options.iterations}`);
  const ns = sb.length - 1;
  const nt = tb.length - 1;
  const n = events.length;
  const pairI: number[] = [];
  const pairJ: number[] = [];
  const pairBand: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = events[i] as KnoxEvent;
    for (let j = i + 1; j < n; j++) {
      const b = events[j] as KnoxEvent;
      const dx = Math.abs(a.x - b.x);
      const dy = Math.abs(a.y - b.y);
      const d = options.metric === 'manhattan' ? dx + dy : Math.sqrt(dx * dx + dy * dy);
      const band = bandOf(sb, d);
      if (band < 0) continue;
      pairI.push(i);
      pairJ.push(j);
      pairBand.push(band);
    }
  }
  const pi = Int32Array.from(pairI);
  const pj = Int32Array.from(pairJ);
  const pb = Int32Array.from(pairBand);
  const count = (days: Float64Array, into: Float64Array) => {
    into.fill(0);
    for (let k = 0; k < pi.length; k++) {
      const t = bandOf(tb, Math.abs((days[pi[k] as number] as number) - (days[pj[k] as number] as number)));
      if (t >= 0) {
        const cell = (pb[k] as number) * nt + t;
        into[cell] = (into[cell] as number) + 1;
      }
    }
  };
  const days = Float64Array.from(events, (e) => e.day);
  const observed = new Float64Array(ns * nt);
  count(days, observed);
  const simSum = new Float64Array(ns * nt);
  const atLeast = new Float64Array(ns * nt);
  const sim = new Float64Array(ns * nt);
  const permuted = days.slice();
  for (let it = 0; it < options.iterations; it++) {
    for (let i = permuted.length - 1; i > 0; i--) {
      const j = Math.floor(options.rng.next() * (i + 1));
      const t = permuted[i] as number;
      permuted[i] = permuted[j] as number;
      permuted[j] = t;
    }
    count(permuted, sim);
    for (let c = 0; c < sim.length; c++) {
      simSum[c] = (simSum[c] as number) + (sim[c] as number);
      if ((sim[c] as number) >= (observed[c] as number)) atLeast[c] = (atLeast[c] as number) + 1;
    }
  }
  const table = (f: (c: number) => number) =>
    Array.from({ length: ns }, (_, s) => Array.from({ length: nt }, (_, t) => f(s * nt + t)));
  const expected = table((c) => (simSum[c] as number) / options.iterations);
  return {
    spaceLabels: bandLabels(sb),
    timeLabels: bandLabels(tb),
    observed: table((c) => observed[c] as number),
    expected,
    ratio: table((c) => {
      const e = (simSum[c] as number) / options.iterations;
      return e > 0 ? (observed[c] as number) / e : Number.NaN;
    }),
    p: table((c) => ((atLeast[c] as number) + 1) / (options.iterations + 1)),
    iterations: options.iterations,
    events: n,
  };
}
