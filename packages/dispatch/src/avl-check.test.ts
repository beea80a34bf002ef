import { describe, expect, it } from 'vitest';
import { checkFix, widenBBox } from './avl-check.ts';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);
const bounds = { bbox: widenBBox([117.9, 25.4, 118.6, 26.0], 20), maxFutureMs: 30_000, maxAgeMs: 86_400_000 };

describe('AVL fix checks', () => {
  it.each([
    [{ lon: 118.24, lat: 25.49, at: now }, undefined],
    [{ lon: 118.24, lat: 25.49, at: now + 20_000 }, undefined],
    [{ lon: 181, lat: 25.49, at: now }, 'out-of-range'],
    [{ lon: Number.NaN, lat: 25.49, at: now }, 'out-of-range'],
    [{ lon: 118.24, lat: -91, at: now }, 'out-of-range'],
    [{ lon: 116.4, lat: 39.9, at: now }, 'outside-area'],
    [{ lon: 118.24, lat: 25.49, at: now + 60_000 }, 'future-time'],
    [{ lon: 118.24, lat: 25.49, at: now - 2 * 86_400_000 }, 'too-old'],
    [{ lon: 118.24, lat: 25.49, at: Number.NaN }, 'malformed'],
  ])('%o → %s', (fix, expected) => {
    expect(checkFix(fix, bounds, now)).toBe(expected);
  });

  it('widens a bbox by kilometres', () => {
    const [a, b, c, d] = widenBBox([118, 25, 118.1, 25.1], 10);
    expect(b).toBeCloseTo(25 - 10 / 111.32, 6);
    expect(d).toBeCloseTo(25.1 + 10 / 111.32, 6);
    expect(118 - a).toBeGreaterThan(10 / 111.32);
    expect(c - 118.1).toBeCloseTo(118 - a, 9);
  });
});
