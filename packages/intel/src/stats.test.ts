import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aoristicHeat, aoristicWeights } from './aoristic.ts';
import { binomialUpperTail, logGamma, poissonUpperTail } from './exact-tests.ts';
import { evaluateHotspots } from './forecast-evaluation.ts';
import { getisOrdGiStar } from './gi-star.ts';
import { knoxTest } from './knox.ts';
import { createRng } from './rng.ts';
import { rocAuc, tprAtFpr } from './roc.ts';
import { trendByArea } from './trend.ts';

describe('Knox test', () => {
  // Five events worked by hand (Manhattan): pairs 0–1 (50 m, 3 d) and 0–2 (150 m, 10 d) fall in the
  // table; 0–4 (70 m) and 1–4 (20 m) are too far apart in time, the rest too far in space.
  const events = [
    { x: 0, y: 0, day: 0 },
    { x: 50, y: 0, day: 3 },
    { x: 0, y: 150, day: 10 },
    { x: 500, y: 500, day: 1 },
    { x: 60, y: 10, day: 20 },
  ];
  const base = { spaceBands: [0, 100, 200], timeBands: [0, 7, 14], iterations: 99, rng: createRng(1) };

  it('counts observed pairs per band as done by hand', () => {
    expect(knoxTest(events, { ...base, metric: 'manhattan' }).observed).toEqual([
      [1, 0],
      [0, 1],
    ]);
    // Euclidean brings 1–2 (158 m, 7 d) and 2–4 (152 m, 10 d) inside 200 m.
    expect(knoxTest(events, { ...base, metric: 'euclidean', rng: createRng(1) }).observed).toEqual([
      [1, 0],
      [0, 3],
    ]);
  });

  it('has bands that are right-open and labelled', () => {
    const r = knoxTest(
      [
        { x: 0, y: 0, day: 0 },
        { x: 100, y: 0, day: 7 },
      ],
      { ...base, metric: 'manhattan' },
    );
    expect(r.observed).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(r.spaceLabels).toEqual(['[0,100)', '[100,200)']);
  });

  it('gives p = (#sims ≥ observed + 1)/(iterations + 1) in (0, 1] and ratio = observed / expected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
        const r = knoxTest(events, { ...base, metric: 'manhattan', iterations: 19, rng: createRng(seed) });
        for (let s = 0; s < 2; s++)
          for (let t = 0; t < 2; t++) {
            const p = r.p[s]?.[t] as number;
            expect(p).toBeGreaterThan(0);
            expect(p).toBeLessThanOrEqual(1);
            expect(Math.round(p * 20)).toBeCloseTo(p * 20, 9);
            const e = r.expected[s]?.[t] as number;
            if (e > 0) expect(r.ratio[s]?.[t]).toBeCloseTo((r.observed[s]?.[t] as number) / e, 12);
          }
      }),
      { numRuns: 30 },
    );
  });

  it('expects, from the date permutations, what enumerating all 120 of them gives', () => {
    const permutations = (xs: number[]): number[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    const exact = new Float64Array(4); // [space × 2 + time]
    const all = permutations(events.map((e) => e.day));
    for (const days of all) {
      const r = knoxTest(
        events.map((e, i) => ({ ...e, day: days[i] as number })),
        { ...base, metric: 'manhattan', iterations: 1, rng: createRng(1) },
      );
      for (let s = 0; s < 2; s++)
        for (let t = 0; t < 2; t++)
          exact[s * 2 + t] = (exact[s * 2 + t] as number) + (r.observed[s]?.[t] as number) / all.length;
    }
    const mc = knoxTest(events, { ...base, metric: 'manhattan', iterations: 4000, rng: createRng(2) });
    for (let s = 0; s < 2; s++)
      for (let t = 0; t < 2; t++)
        expect(Math.abs((mc.expected[s]?.[t] as number) - (exact[s * 2 + t] as number))).toBeLessThan(0.03);
    // Pairs 0–1, 0–4 and 1–4 are under 100 m. Of the ten date pairs only 1, 2 and 3 days apart are
    // < 7 days (3–10 is exactly 7: right-open), so the exact expectation is 3 × 3/10.
    expect(exact[0]).toBeCloseTo(0.9, 12);
  });

  it('rejects bad bands', () => {
    expect(() => knoxTest(events, { ...base, metric: 'manhattan', spaceBands: [0, 100, 50] })).toThrow(
      /increase/,
    );
    expect(() => knoxTest(events, { ...base, metric: 'manhattan', timeBands: [7] })).toThrow(/two/);
  });
});

describe('Getis-Ord Gi*', () => {
  it('on a 3×3 grid by hand: a single 9 in the centre', () => {
    // n = 9, mean 1, S = √8. Corner: W = 4, Σ = 9 → (9 − 4)/(√8 · √((36 − 16)/8)) = √5/2.
    // Edge: W = 6 → (9 − 6)/(√8 · √((54 − 36)/8)) = 1/√2. Centre: W = n, variance term 0 → z = 0.
    const { z, p } = getisOrdGiStar([0, 0, 0, 0, 9, 0, 0, 0, 0], 3, 3);
    expect(z[0]).toBeCloseTo(Math.sqrt(5) / 2, 9);
    expect(z[1]).toBeCloseTo(Math.SQRT1_2, 9);
    expect(z[4]).toBe(0);
    expect(p[0]).toBeCloseTo(0.2636, 3);
  });

  it('is zero everywhere on a flat grid', () => {
    expect([...getisOrdGiStar([2, 2, 2, 2], 2, 2).z]).toEqual([0, 0, 0, 0]);
  });
});

describe('PAI and PEI', () => {
  it('by hand on four cells', () => {
    const risk = [0.9, 0.1, 0.5, 0.2];
    const test = [1, 3, 0, 0];
    const quarter = evaluateHotspots(risk, test, 0.25);
    expect([quarter.n, quarter.N, quarter.a, quarter.A, quarter.nStar]).toEqual([1, 4, 1, 4, 3]);
    expect(quarter.pai).toBeCloseTo(1, 12);
    expect(quarter.pei).toBeCloseTo(1 / 3, 12);
    const half = evaluateHotspots(risk, test, 0.5);
    expect(half.pai).toBeCloseTo(0.5, 12);
    expect(half.pei).toBeCloseTo(0.25, 12);
  });
});

describe('exact tests', () => {
  it('log-gamma of integers is ln((n − 1)!)', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 6);
    expect(logGamma(1)).toBeCloseTo(0, 6);
  });
  it('tails by hand', () => {
    expect(binomialUpperTail(5, 8, 0.25)).toBeCloseTo(0.027297974, 8);
    expect(poissonUpperTail(5, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 1 / 2 + 1 / 6 + 1 / 24), 8);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(2, 3)).toBeCloseTo(1 - Math.exp(-3) * 4, 8);
  });
});

describe('trend by area', () => {
  const day = 86_400_000;
  const end = 40 * day;
  const events = [
    ...[5, 15, 25].map((d) => ({ t: d * day, area: 'A' })),
    ...[31, 32, 33, 34, 35].map((d) => ({ t: d * day, area: 'A' })),
    ...[5, 15, 25, 35].map((d) => ({ t: d * day, area: 'B' })),
  ];
  it('compares the last window with the baseline and names the test', () => {
    const [a, b] = trendByArea(
      events,
      (e) => e.t,
      (e) => e.area,
      { endMs: end, windowMs: 10 * day, baselineWindows: 3 },
    );
    expect(a?.counts).toEqual([1, 1, 1, 5]);
    expect(a?.test).toBe('conditional-binomial');
    expect(a?.p).toBeCloseTo(0.027297974, 8);
    expect(a?.significant).toBe(true);
    expect(b?.significant).toBe(false);
    const [pa] = trendByArea(
      events,
      (e) => e.t,
      (e) => e.area,
      {
        endMs: end,
        windowMs: 10 * day,
        baselineWindows: 3,
        test: 'poisson-exact',
      },
    );
    expect(pa?.test).toBe('poisson-exact');
    expect(pa?.p).toBeCloseTo(0.0036599, 6);
  });
});

describe('aoristic apportioning', () => {
  const offset = 8 * 3_600_000;
  it('splits a window over the local hours it covers', () => {
    // 2026-01-05 is a Monday; 02:30–04:30 Shanghai time = 18:30–20:30 UTC the day before.
    const w = aoristicWeights(Date.UTC(2026, 0, 4, 18, 30), Date.UTC(2026, 0, 4, 20, 30), offset);
    expect(w[2]).toBeCloseTo(0.25, 12);
    expect(w[3]).toBeCloseTo(0.5, 12);
    expect(w[4]).toBeCloseTo(0.25, 12);
    const heat = aoristicHeat(
      [{ occurredFrom: Date.UTC(2026, 0, 4, 18, 30), occurredTo: Date.UTC(2026, 0, 4, 18, 30) }],
      offset,
    );
    expect(heat[0]?.cells[0]?.[2]).toBe(1);
  });

  it('gives every crime a total weight of 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        fc.integer({ min: -12, max: 14 }),
        (from, length, tz) => {
          const w = aoristicWeights(from, from + length, tz * 3_600_000);
          expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
          expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('ROC metrics', () => {
  it('AUC by hand with a tie', () => {
    expect(rocAuc([3, 2], [1, 2])).toBeCloseTo((1 + 0.5 + 1 + 1) / 4, 12);
  });
  it('TPR at a false-positive rate', () => {
    const negatives = Array.from({ length: 100 }, (_, i) => i);
    // Threshold = 94 (5 negatives lie above it); 96, 94.5 and 200 beat it.
    expect(tprAtFpr([96, 94.5, 200, 10], negatives, 0.05)).toBe(0.75);
  });
});

describe('PAI over a study area', () => {
  it('counts only the listed cells', () => {
    const e = evaluateHotspots([5, 0.9, 0.1, 0.5], [9, 1, 3, 0], 0.5, [1, 2, 3]);
    // A = 3 → a = 2 flagged of cells 1–3: cells 1 and 3; n = 1, N = 4, n* = 4.
    expect([...e.flagged]).toEqual([1, 3]);
    expect(e.pai).toBeCloseTo(1 / 4 / (2 / 3), 12);
    expect(e.pei).toBeCloseTo(1 / 4, 12);
  });
});
