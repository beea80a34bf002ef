import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from './top-k.ts';

describe('topK', () => {
  it('returns the best k, best first, ties by lower index, skipping excluded', () => {
    expect(topK([1, 5, 3, 5, 4], 3)).toEqual([
      { index: 1, score: 5 },
      { index: 3, score: 5 },
      { index: 4, score: 4 },
    ]);
    expect(topK([1, 5, 3], 2, (i) => i === 1).map((r) => r.index)).toEqual([2, 0]);
    expect(topK([1, 2], 0)).toEqual([]);
  });

  it('agrees with a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), fc.nat(70), (xs, k) => {
        const expected = xs
          .map((score, index) => ({ index, score }))
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .slice(0, k);
        expect(topK(xs, k)).toEqual(expected);
      }),
    );
  });
});
