import { describe, expect, it } from 'vitest';
import { trendByArea } from './trend.ts';

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
