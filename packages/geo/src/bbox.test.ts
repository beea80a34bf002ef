import { describe, expect, it } from 'vitest';
import {
  bboxCenter,
  bboxContains,
  bboxExpand,
  bboxIntersects,
  bboxOf,
  bboxOfPoints,
  bboxUnion,
} from './bbox.ts';

describe('bbox', () => {
  it('bounds points and the outer rings of a geometry', () => {
    expect(
      bboxOfPoints([
        [1, 5],
        [-2, 3],
        [4, -1],
      ]),
    ).toEqual([-2, -1, 4, 5]);
    const ring = [
      [0, 0],
      [2, 0],
      [2, 3],
      [0, 0],
    ] as const;
    expect(
      bboxOf({ type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y]) => [x + 5, y] as const)]] }),
    ).toEqual([0, 0, 7, 3]);
  });

  it('tests containment and intersection, edges included', () => {
    const b = [0, 0, 2, 2] as const;
    expect(bboxContains(b, [2, 1])).toBe(true);
    expect(bboxContains(b, [2.1, 1])).toBe(false);
    expect(bboxIntersects(b, [2, 2, 3, 3])).toBe(true);
    expect(bboxIntersects(b, [2.1, 0, 3, 1])).toBe(false);
  });

  it('unites, expands and finds the centre', () => {
    expect(bboxUnion([0, 0, 1, 1], [2, -1, 3, 0])).toEqual([0, -1, 3, 1]);
    expect(bboxExpand([0, 0, 1, 1], 0.5)).toEqual([-0.5, -0.5, 1.5, 1.5]);
    expect(bboxCenter([0, 0, 2, 4])).toEqual([1, 2]);
  });
});
