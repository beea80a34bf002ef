import type { Grid } from './grid.ts';

export type KernelName = 'quartic' | 'gaussian';

export interface KdeOptions {
  readonly kernel: KernelName;
  /** Quartic: radius of the kernel. Gaussian: standard deviation (cut off at 4σ). */
  readonly bandwidthM: number;
  /** Weight per point (e.g. recency); default 1. */
  readonly weights?: ArrayLike<number>;
}

/**
 * Kernel density on the cell centres of a grid, per square metre. Each point stamps only the cells
 * within the kernel's reach; the Gaussian stamp is separable (a row factor times a column factor).
 */
export function kernelDensity(
  grid: Grid,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: KdeOptions,
): Float64Array {
  const h = options.bandwidthM;
  if (!(h > 0)) throw new RangeError(`bandwidth must be positive, got ${h}`);
  const { nx, ny, cellM, x0, y0 } = grid;
  const out = new Float64Array(nx * ny);
  const gaussian = options.kernel === 'gaussian';
  const reach = gaussian ? 4 * h : h;
  const norm = gaussian ? 1 / (2 * Math.PI * h * h) : 3 / (Math.PI * h * h);
  const span = Math.ceil(reach / cellM) + 1;
  const fx = new Float64Array(2 * span + 1);
  const fy = new Float64Array(2 * span + 1);
  const dx2 = new Float64Array(2 * span + 1);
  const h2 = h * h;
  for (let i = 0; i < xs.length; i++) {
    const px = xs[i] as number;
    const py = ys[i] as number;
    const w = (options.weights?.[i] ?? 1) * norm;
    const c0 = Math.max(0, Math.floor((px - reach - x0) / cellM));
    const c1 = Math.min(nx - 1, Math.floor((px + reach - x0) / cellM));
    const r0 = Math.max(0, Math.floor((py - reach - y0) / cellM));
    const r1 = Math.min(ny - 1, Math.floor((py + reach - y0) / cellM));
    if (c0 > c1 || r0 > r1) continue;
    for (let c = c0; c <= c1; c++) {
      const d = x0 + (c + 0.5) * cellM - px;
      dx2[c - c0] = d * d;
      if (gaussian) fx[c - c0] = Math.exp(-(d * d) / (2 * h2));
    }
    for (let r = r0; r <= r1; r++) {
      const dy = y0 + (r + 0.5) * cellM - py;
      const dy2 = dy * dy;
      const base = r * nx;
      if (gaussian) {
        fy[r - r0] = Math.exp(-dy2 / (2 * h2)) * w;
        const wy = fy[r - r0] as number;
        for (let c = c0; c <= c1; c++)
          out[base + c] = (out[base + c] as number) + wy * (fx[c - c0] as number);
      } else {
        if (dy2 >= h2) continue;
        for (let c = c0; c <= c1; c++) {
          const u = (dx2[c - c0] as number) + dy2;
          if (u < h2) {
            const k = 1 - u / h2;
            out[base + c] = (out[base + c] as number) + w * k * k;
          }
        }
      }
    }
  }
  return out;
}
