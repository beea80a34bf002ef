import { describe, expect, it } from 'vitest';
import type { Position } from './geojson.ts';
import { kMeans } from './kmeans.ts';
import { createRng } from './rng.ts';

const blob = (cx: number, cy: number): Position[] => [
  [cx, cy],
  [cx + 1, cy],
  [cx, cy + 1],
  [cx + 1, cy + 1],
];

describe('kMeans', () => {
  it('separates well-separated groups', () => {
    const points = [...blob(0, 0), ...blob(100, 0), ...blob(0, 100)];
    const { assignment, centers } = kMeans(points, 3, createRng(3));
    for (const g of [0, 4, 8]) expect(new Set(assignment.slice(g, g + 4)).size).toBe(1);
    expect(new Set(assignment).size).toBe(3);
    expect(centers.map(([x, y]) => [x, y]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)).toEqual([
      [0.5, 0.5],
      [0.5, 100.5],
      [100.5, 0.5],
    ]);
  });

  it('is reproducible for a seed and leaves no cluster empty, even with k = n or duplicates', () => {
    const points: Position[] = [
      [0, 0],
      [0, 0],
      [0, 0],
      [5, 5],
      [6, 5],
    ];
    const a = kMeans(points, 5, createRng(9));
    expect(a).toEqual(kMeans(points, 5, createRng(9)));
    expect(new Set(a.assignment).size).toBe(5);
    expect(() => kMeans(points, 6, createRng(1))).toThrow(RangeError);
  });
});

describe('kMeans with weights', () => {
  it('pulls a centre towards the heavy point', () => {
    const points: Position[] = [
      [0, 0],
      [10, 0],
    ];
    const { centers } = kMeans(points, 1, createRng(1), { weights: [1, 3] });
    expect(centers[0]).toEqual([7.5, 0]);
  });

  it('rejects non-positive weights', () => {
    expect(() => kMeans([[0, 0]], 1, createRng(1), { weights: [0] })).toThrow(RangeError);
  });
});
