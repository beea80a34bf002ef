export interface LogisticFit {
  readonly coef: Float64Array;
  readonly intercept: number;
}

/** Solve A x = b (A is n×n, row-major, overwritten) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs(a[r * n + c] as number) > Math.abs(a[p * n + c] as number)) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = a[c * n + k] as number;
        a[c * n + k] = a[p * n + k] as number;
        a[p * n + k] = t;
      }
      const t = b[c] as number;
      b[c] = b[p] as number;
      b[p] = t;
    }
    const piv = a[c * n + c] as number;
    if (Math.abs(piv) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const f = (a[r * n + c] as number) / piv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k] = (a[r * n + k] as number) - f * (a[c * n + k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r] as number;
    for (let k = r + 1; k < n; k++) s -= (a[r * n + k] as number) * (x[k] as number);
    const piv = a[r * n + r] as number;
    x[r] = Math.abs(piv) < 1e-12 ? 0 : s / piv;
  }
  return x;
}

/**
 * L2-regularised logistic regression by Newton's method (few features, many rows). Classes are
 * re-weighted to equal total weight, because sampled negatives far outnumber true links.
 * X holds `count` rows of `d` values each.
 */
export function fitLogistic(
  x: Float64Array,
  y: Uint8Array,
  d: number,
  options: { l2?: number; iterations?: number } = {},
): LogisticFit {
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 25;
  const count = y.length;
  let positives = 0;
  for (let i = 0; i < count; i++) positives += y[i] as number;
  const negatives = count - positives;
  const wPos = positives > 0 ? count / (2 * positives) : 0;
  const wNeg = negatives > 0 ? count / (2 * negatives) : 0;
  const m = d + 1; // coefficients, then the intercept
  let beta = new Float64Array(m);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(m);
    const hess = new Float64Array(m * m);
    const row = new Float64Array(m);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < d; k++) row[k] = x[i * d + k] as number;
      row[d] = 1;
      let z = 0;
      for (let k = 0; k < m; k++) z += (beta[k] as number) * (row[k] as number);
      const p = 1 / (1 + Math.exp(-z));
      const yi = y[i] as number;
      const w = yi === 1 ? wPos : wNeg;
      const g = w * (p - yi);
      const h = w * p * (1 - p);
      for (let a = 0; a < m; a++) {
        const ra = row[a] as number;
        grad[a] = (grad[a] as number) + g * ra;
        for (let b = a; b < m; b++)
          hess[a * m + b] = (hess[a * m + b] as number) + h * ra * (row[b] as number);
      }
    }
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < a; b++) hess[a * m + b] = hess[b * m + a] as number;
      if (a < d) {
        grad[a] = (grad[a] as number) / count + l2 * (beta[a] as number);
        for (let b = 0; b < m; b++) hess[a * m + b] = (hess[a * m + b] as number) / count;
        hess[a * m + a] = (hess[a * m + a] as number) + l2;
      } else {
        grad[a] = (grad[a] as number) / count;
        for (let b = 0; b < m; b++) hess[a * m + b] = (hess[a * m + b] as number) / count;
        hess[a * m + a] = (hess[a * m + a] as number) + 1e-9;
      }
    }
    const step = solve(hess, grad, m);
    let change = 0;
    const next = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      next[k] = (beta[k] as number) - (step[k] as number);
      change = Math.max(change, Math.abs(step[k] as number));
    }
    beta = next;
    if (change < 1e-8) break;
  }
  return { coef: beta.slice(0, d), intercept: beta[d] as number };
}
