import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circularDistance, expectedCircularDistance, minuteOfDay, minuteOfWeek } from './circular-time.ts';

/** Brute force on a fine grid, for comparison. */
function bruteForce(a: number, la: number, b: number, lb: number, p: number): number {
  const n = 400;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      sum += circularDistance(a + ((i + 0.5) * la) / n, b + ((j + 0.5) * lb) / n, p);
    }
  }
  return sum / (n * n);
}

describe('expectedCircularDistance', () => {
  it('of two instants is their circular distance', () => {
    expect(expectedCircularDistance(1, 0, 23, 0, 24)).toBeCloseTo(2, 4);
    expect(expectedCircularDistance(3, 0, 15, 0, 24)).toBeCloseTo(12, 1);
  });

  it('of a whole-period window against anything is a quarter period', () => {
    expect(expectedCircularDistance(0, 24, 5, 0, 24)).toBeCloseTo(6, 6);
    expect(expectedCircularDistance(7, 24, 3, 24, 24)).toBeCloseTo(6, 6);
  });

  it('of an instant against a window by hand: 02:00 vs [02:00, 06:00) is 2 h', () => {
    expect(expectedCircularDistance(2, 0, 2, 4, 24)).toBeCloseTo(2, 1);
  });

  it('matches brute force, also across midnight and for windows longer than a period', () => {
    const cases: [number, number, number, number][] = [
      [22, 5, 1, 2],
      [2, 3, 14, 1],
      [20, 30, 3, 2],
      [0, 0.5, 12, 0.5],
    ];
    for (const [a, la, b, lb] of cases) {
      expect(expectedCircularDistance(a, la, b, lb, 24)).toBeCloseTo(bruteForce(a, la, b, lb, 24), 3);
    }
  });

  it('is symmetric and within [0, p/2]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 48, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 48, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (a, la, b, lb) => {
          const e1 = expectedCircularDistance(a, la, b, lb, 24);
          const e2 = expectedCircularDistance(b, lb, a, la, 24);
          expect(e1).toBeGreaterThanOrEqual(0);
          expect(e1).toBeLessThanOrEqual(12);
          expect(Math.abs(e1 - e2)).toBeLessThan(1e-6);
        },
      ),
    );
  });
});

describe('local clock', () => {
  it('uses the offset passed in, not the machine time zone', () => {
    const t = Date.UTC(2026, 0, 5, 18, 30); // Monday 18:30 UTC = Tuesday 02:30 in Shanghai
    expect(minuteOfDay(t, 8 * 3_600_000)).toBe(150);
    expect(minuteOfWeek(t, 8 * 3_600_000)).toBe(1440 + 150);
    expect(minuteOfWeek(t, 0)).toBe(18 * 60 + 30);
  });
});
