/**
 * Right-open bands from boundaries: [0, 1, 100] → [0,1) [1,100). Values at or beyond the last
 * boundary fall in no band (−1), as do values below the first.
 */
export function validateBands(boundaries: readonly number[], what: string): readonly number[] {
  if (boundaries.length < 2)
    throw new RangeError(`${what} bands need at least two boundaries, got ${boundaries.length}`);
  boundaries.forEach((b, i) => {
    if (!Number.isFinite(b) || b < 0)
      throw new RangeError(`${what} band boundary "${b}" is not a non-negative number`);
    if (i > 0 && b <= (boundaries[i - 1] as number))
      throw new RangeError(`${what} band boundaries must increase: ${boundaries.join(',')}`);
  });
  return boundaries;
}

export function bandOf(boundaries: readonly number[], value: number): number {
  if (value < (boundaries[0] as number)) return -1;
  for (let k = 1; k < boundaries.length; k++) if (value < (boundaries[k] as number)) return k - 1;
  return -1;
}

/** Labels such as "[0,1)". */
export function bandLabels(boundaries: readonly number[]): string[] {
  return boundaries.slice(1).map((b, k) => `[${boundaries[k]},${b})`);
}
