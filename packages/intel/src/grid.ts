/** A regular square grid in local metres; cell index = row × nx + col, row 0 at the bottom (min y). */
export interface Grid {
  readonly x0: number;
  readonly y0: number;
  readonly cellM: number;
  readonly nx: number;
  readonly ny: number;
}

/** One cell as plain data (the server turns these into GeoJSON). */
export interface GridCell {
  readonly col: number;
  readonly row: number;
  /** Cell centre, local metres. */
  readonly x: number;
  readonly y: number;
  readonly value: number;
}

/** The smallest grid of `cellM` cells covering all points (plus `marginM` on every side). */
export function gridCovering(xs: ArrayLike<number>, ys: ArrayLike<number>, cellM: number, marginM = 0): Grid {
  if (!(cellM > 0)) throw new RangeError(`cell size must be positive, got ${cellM}`);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < xs.length; i++) {
    minX = Math.min(minX, xs[i] as number);
    maxX = Math.max(maxX, xs[i] as number);
    minY = Math.min(minY, ys[i] as number);
    maxY = Math.max(maxY, ys[i] as number);
  }
  if (xs.length === 0) return { x0: 0, y0: 0, cellM, nx: 1, ny: 1 };
  const x0 = minX - marginM;
  const y0 = minY - marginM;
  return {
    x0,
    y0,
    cellM,
    nx: Math.floor((maxX + marginM - x0) / cellM) + 1,
    ny: Math.floor((maxY + marginM - y0) / cellM) + 1,
  };
}

/** Index of the cell holding (x, y), or −1 outside the grid. */
export function cellIndex(grid: Grid, x: number, y: number): number {
  const col = Math.floor((x - grid.x0) / grid.cellM);
  const row = Math.floor((y - grid.y0) / grid.cellM);
  if (col < 0 || row < 0 || col >= grid.nx || row >= grid.ny) return -1;
  return row * grid.nx + col;
}

/** Number of points per cell (points outside the grid are ignored). */
export function countPerCell(grid: Grid, xs: ArrayLike<number>, ys: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(grid.nx * grid.ny);
  for (let i = 0; i < xs.length; i++) {
    const c = cellIndex(grid, xs[i] as number, ys[i] as number);
    if (c >= 0) counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

/** Cells as plain data; `keep` filters (e.g. only cells with a value). */
export function gridCells(
  grid: Grid,
  values: ArrayLike<number>,
  keep: (v: number) => boolean = () => true,
): GridCell[] {
  const cells: GridCell[] = [];
  for (let row = 0; row < grid.ny; row++) {
    for (let col = 0; col < grid.nx; col++) {
      const value = values[row * grid.nx + col] as number;
      if (!keep(value)) continue;
      cells.push({
        col,
        row,
        x: grid.x0 + (col + 0.5) * grid.cellM,
        y: grid.y0 + (row + 0.5) * grid.cellM,
        value,
      });
    }
  }
  return cells;
}
