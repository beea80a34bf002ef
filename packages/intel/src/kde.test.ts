import { describe, expect, it } from 'vitest';
import { cellIndex, countPerCell, gridCells, gridCovering } from './grid.ts';
import { riskSurface } from './hotspot-forecast.ts';
import { kernelDensity } from './kde.ts';

describe('grid', () => {
  it('covers the points and indexes cells row by row from the bottom', () => {
    const g = gridCovering([0, 250], [0, 120], 100);
    expect([g.nx, g.ny]).toEqual([3, 2]);
    expect(cellIndex(g, 250, 120)).toBe(5);
    expect(cellIndex(g, -1, 0)).toBe(-1);
    expect([...countPerCell(g, [0, 250, 260], [0, 120, 110])]).toEqual([1, 0, 0, 0, 0, 2]);
    expect(gridCells(g, [0, 0, 0, 0, 0, 2], (v) => v > 0)).toEqual([
      { col: 2, row: 1, x: 250, y: 150, value: 2 },
    ]);
  });
});

describe('kernel density', () => {
  const grid = { x0: -500, y0: -500, cellM: 100, nx: 10, ny: 10 };
  it('quartic by hand at a cell centre', () => {
    // A point at (50, 50) is the centre of cell (5, 5); h = 200 m.
    const d = kernelDensity(grid, [50], [50], { kernel: 'quartic', bandwidthM: 200 });
    const k0 = 3 / (Math.PI * 200 * 200);
    expect(d[55]).toBeCloseTo(k0, 15);
    expect(d[56]).toBeCloseTo(k0 * (1 - 100 ** 2 / 200 ** 2) ** 2, 15); // 100 m east
    expect(d[57]).toBe(0); // 200 m: the edge of the kernel
  });

  it('integrates to about one per point, for both kernels', () => {
    for (const kernel of ['quartic', 'gaussian'] as const) {
      const d = kernelDensity(grid, [0, 30], [0, -20], { kernel, bandwidthM: 150, weights: [1, 2] });
      const mass = d.reduce((s, v) => s + v, 0) * 100 * 100;
      expect(mass).toBeCloseTo(3, 1);
    }
  });

  it('Gaussian by hand: the centre cell is 1/(2πσ²), a neighbour e^{−½(d/σ)²} of it', () => {
    const d = kernelDensity(grid, [50], [50], { kernel: 'gaussian', bandwidthM: 100 });
    expect(d[55]).toBeCloseTo(1 / (2 * Math.PI * 100 * 100), 15);
    expect(d[65]).toBeCloseTo(Math.exp(-0.5) / (2 * Math.PI * 100 * 100), 15);
  });

  it('recency weighting makes recent crimes count more', () => {
    const now = 1_000 * 86_400_000;
    const points = [
      { x: -250, y: 0, t: now - 700 * 86_400_000 },
      { x: 250, y: 0, t: now - 1 * 86_400_000 },
    ];
    const risk = riskSurface(grid, points, { method: 'kde', bandwidthM: 150, halfLifeDays: 90, nowMs: now });
    expect(risk[cellIndex(grid, 250, 0)]).toBeGreaterThan(10 * (risk[cellIndex(grid, -250, 0)] as number));
    const gi = riskSurface(grid, points, { method: 'gistar', bandwidthM: 150 });
    expect(gi[cellIndex(grid, 250, 0)]).toBeGreaterThan(0);
  });
});
