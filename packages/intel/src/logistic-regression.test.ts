import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic-regression.ts';
import { createRng } from './rng.ts';

describe('logistic regression', () => {
  it('recovers the sign and order of the true coefficients', () => {
    const rng = createRng(3);
    const n = 4000;
    const x = new Float64Array(n * 2);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = rng.next();
      const b = rng.next();
      x[2 * i] = a;
      x[2 * i + 1] = b;
      const z = 6 * a - 2 * b - 1;
      y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const fit = fitLogistic(x, y, 2, { l2: 0 });
    expect(fit.coef[0]).toBeGreaterThan(4.5);
    expect(fit.coef[0]).toBeLessThan(7.5);
    expect(fit.coef[1]).toBeLessThan(-1);
  });
});
