import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knoxTest } from './knox.ts';
import { createRng } from './rng.ts';

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
