import { describe, expect, it } from 'vitest';
import { DAY_MS } from './crime-record.ts';
import type { Grid } from './grid.ts';
import { evaluateRisk, type TimedPoint, tuneKde } from './hotspot-forecast.ts';
import { createRng } from './rng.ts';

describe('hotspot forecasts', () => {
  // Crimes keep striking the same three spots; every validation month looks like the test month.
  const grid: Grid = { x0: 0, y0: 0, cellM: 100, nx: 40, ny: 40 };
  const spots = [
    [500, 500],
    [2500, 1200],
    [1500, 3300],
  ] as const;
  const rng = createRng(4);
  const crimes: TimedPoint[] = [];
  for (let d = 0; d < 400; d++) {
    const [x, y] = spots[d % 3] as readonly [number, number];
    crimes.push({ x: x + (rng.next() - 0.5) * 60, y: y + (rng.next() - 0.5) * 60, t: d * DAY_MS });
    crimes.push({ x: rng.next() * 4000, y: rng.next() * 4000, t: d * DAY_MS + 1 });
  }
  const end = 360 * DAY_MS;
  const train = crimes.filter((c) => c.t < end);
  const test = crimes.filter((c) => c.t >= end);

  it('tuning prefers the narrow bandwidth that fits tight spots, without seeing the test period', () => {
    const tuned = tuneKde(grid, train, end, 0.01, { bandwidthsM: [100, 1500], halfLivesDays: [null, 30] });
    expect(tuned.options.bandwidthM).toBe(100);
    expect(tuned.trials).toHaveLength(4);
    const e = evaluateRisk(grid, train, test, 0.01, tuned.options);
    // 16 flagged cells of 1,600 hold at least the 20 spot crimes of the 40 test crimes.
    expect(e.a).toBe(16);
    expect(e.pai).toBeGreaterThan(40);
  });
});
