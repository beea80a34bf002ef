import { twoSidedP } from './normal.ts';

export interface GiStarResult {
  readonly z: Float64Array;
  /** Two-sided p-values (normal approximation). */
  readonly p: Float64Array;
}

/**
 * Getis-Ord Gi* on a grid of values (e.g. counts per cell): binary weights over the cell itself and its
 * 8 neighbours (fewer at the edge), every cell of the grid in the global mean and variance.
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
 */
export function getisOrdGiStar(values: ArrayLike<number>, nx: number, ny: number): GiStarResult {
  const n = nx * ny;
  if (values.length !== n)
    throw new RangeError(`expected ${n} values for a ${nx}×${ny} grid, got ${values.length}`);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  const z = new Float64Array(n);
  const p = new Float64Array(n).fill(1);
  if (s === 0 || n < 2) return { z, p };
  for (let row = 0; row < ny; row++) {
    for (let col = 0; col < nx; col++) {
      let local = 0;
      let w = 0;
      for (let dr = -1; dr <= 1; dr++) {
        const r = row + dr;
        if (r < 0 || r >= ny) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const c = col + dc;
          if (c < 0 || c >= nx) continue;
          local += values[r * nx + c] as number;
          w++;
        }
      }
      const denom = s * Math.sqrt((n * w - w * w) / (n - 1));
      const i = row * nx + col;
      z[i] = denom > 0 ? (local - mean * w) / denom : 0;
      p[i] = twoSidedP(z[i] as number);
    }
  }
  return { z, p };
}
