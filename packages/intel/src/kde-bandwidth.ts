/**
 * Default KDE bandwidth by the spatial variant of Silverman's rule of thumb, the rule GIS tools apply
 * when an analyst does not choose one (ArcGIS Kernel Density's default search radius):
 *   h = 0.9 × min(SD, √(1/ln 2) × Dm) × n^−0.2
 * SD = standard distance about the mean centre, Dm = median distance from the mean centre.
 */
export function ruleOfThumbBandwidth(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) throw new RangeError('a bandwidth needs at least two points');
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  const d = new Float64Array(n);
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sq += dx * dx + dy * dy;
    d[i] = Math.sqrt(dx * dx + dy * dy);
  }
  d.sort();
  const median =
    n % 2 === 1 ? (d[(n - 1) / 2] as number) : ((d[n / 2 - 1] as number) + (d[n / 2] as number)) / 2;
  const sd = Math.sqrt(sq / n);
  return 0.9 * Math.min(sd, Math.sqrt(1 / Math.LN2) * median) * n ** -0.2;
}
