import { describe, expect, it } from 'vitest';
import { rocAuc, tprAtFpr } from './roc.ts';

describe('ROC metrics', () => {
  it('AUC by hand with a tie', () => {
    expect(rocAuc([3, 2], [1, 2])).toBeCloseTo((1 + 0.5 + 1 + 1) / 4, 12);
  });
  it('TPR at a false-positive rate', () => {
    const negatives = Array.from({ length: 100 }, (_, i) => i);
    // Threshold = 94 (5 negatives lie above it); 96, 94.5 and 200 beat it.
    expect(tprAtFpr([96, 94.5, 200, 10], negatives, 0.05)).toBe(0.75);
  });
});
