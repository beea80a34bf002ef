/** ln Γ(x) by the Lanczos approximation (g = 7, 9 terms), absolute error below 1e-7 for x > 0 (ample for p-values). */
export function logGamma(x: number): number {
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Sum of exp(terms) without overflow. */
function logSumExp(terms: readonly number[]): number {
  const max = Math.max(...terms);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (const t of terms) s += Math.exp(t - max);
  return max + Math.log(s);
}

/** P(X ≥ x) for X ~ Poisson(mean). */
export function poissonUpperTail(x: number, mean: number): number {
  if (x <= 0) return 1;
  if (mean <= 0) return 0;
  // Sum the lower tail P(X < x) when it is the smaller side, the upper tail otherwise.
  const logPmf = (k: number) => k * Math.log(mean) - mean - logGamma(k + 1);
  if (x <= mean) {
    const lower: number[] = [];
    for (let k = 0; k < x; k++) lower.push(logPmf(k));
    return Math.min(1, Math.max(0, 1 - Math.exp(logSumExp(lower))));
  }
  const upper: number[] = [];
  for (let k = x; k < x + 1000 + 20 * Math.sqrt(mean); k++) {
    const l = logPmf(k);
    upper.push(l);
    if (l < logPmf(x) - 40) break;
  }
  return Math.min(1, Math.exp(logSumExp(upper)));
}

/** P(X ≥ x) for X ~ Binomial(n, p). */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const terms: number[] = [];
  for (let k = x; k <= n; k++) {
    terms.push(
      logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p),
    );
  }
  return Math.min(1, Math.exp(logSumExp(terms)));
}
