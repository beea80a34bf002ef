import { describe, expect, it } from 'vitest';
import { evaluateHotspots } from './forecast-evaluation.ts';

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

describe('PAI over a study area', () => {
  it('counts only the listed cells', () => {
    const e = evaluateHotspots([5, 0.9, 0.1, 0.5], [9, 1, 3, 0], 0.5, [1, 2, 3]);
    // A = 3 → a = 2 flagged of cells 1–3: cells 1 and 3; n = 1, N = 4, n* = 4.
    expect([...e.flagged]).toEqual([1, 3]);
    expect(e.pai).toBeCloseTo(1 / 4 / (2 / 3), 12);
    expect(e.pei).toBeCloseTo(1 / 4, 12);
  });
});
