import { describe, expect, it } from 'vitest';
import { balanceClusters } from './balanced-clusters.ts';
import type { Position } from './geojson.ts';

describe('balanceClusters', () => {
  it('moves boundary points from a heavy cluster to a light one', () => {
    // Six points on a line; nearest-centre assignment from centres at 0 and 5 puts 5 points on the left.
    const points: Position[] = [
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [10, 0],
    ];
    const weights = [1, 1, 1, 1, 1, 1];
    const { assignment, imbalance } = balanceClusters(points, weights, [
      [1, 0],
      [10, 0],
    ]);
    const left = assignment.filter((c) => c === assignment[0]).length;
    expect(left).toBe(3);
    expect(imbalance).toBe(1);
  });

  it('cannot split an indivisible heavy point but keeps every cluster non-empty', () => {
    const points: Position[] = [
      [0, 0],
      [1, 0],
      [2, 0],
    ];
    const { assignment, imbalance } = balanceClusters(
      points,
      [10, 1, 1],
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
    );
    expect(new Set(assignment).size).toBe(3);
    expect(imbalance).toBe(2.5);
  });

  it('is deterministic', () => {
    const points: Position[] = Array.from({ length: 30 }, (_, i) => [
      Math.sin(i) * 10,
      Math.cos(i * 1.7) * 10,
    ]);
    const weights = points.map((_, i) => 1 + (i % 5));
    const a = balanceClusters(points, weights, points.slice(0, 4));
    expect(balanceClusters(points, weights, points.slice(0, 4))).toEqual(a);
    expect(a.imbalance).toBeLessThan(1.3);
  });
});
