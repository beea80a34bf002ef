import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aoristicHeat, aoristicWeights } from './aoristic.ts';

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
