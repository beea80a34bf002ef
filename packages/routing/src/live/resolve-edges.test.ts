import type { LngLat } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { SnapIndex } from '../query/snap-index.ts';
import { at, gridGraph } from '../testing/small-graphs.ts';
import { resolveEdges } from './resolve-edges.ts';

// 3 × 3 grid, 100 m blocks: node (c, r) at (100c, 100r).
const g = gridGraph(3, 3);
const index = new SnapIndex(g);
const p = (x: number, y: number) => at(x, y) as LngLat;
const described = (edges: number[]) =>
  edges.map((e) => {
    const [tx, ty] = [g.nodeLon[g.tail[e]!]!, g.nodeLat[g.tail[e]!]!];
    const [hx, hy] = [g.nodeLon[g.head[e]!]!, g.nodeLat[g.head[e]!]!];
    return `${tx < hx ? 'E' : tx > hx ? 'W' : ty < hy ? 'N' : 'S'}`;
  });

describe('resolveEdges', () => {
  it('takes every road through an accident circle, both directions', () => {
    // A 20 m circle on the middle junction touches its four streets.
    const edges = resolveEdges(g, index, { kind: 'circle', center: p(100, 100), radiusM: 20 });
    expect(edges).toHaveLength(8);
    expect(resolveEdges(g, index, { kind: 'circle', center: p(150, 150), radiusM: 20 })).toEqual([]);
  });

  it('takes the roads running along a line, not the ones it crosses', () => {
    // Along the bottom street from x = 0 to x = 200: two blocks, both directions.
    const edges = resolveEdges(g, index, { kind: 'line', line: [p(0, 2), p(200, 2)] });
    expect(edges).toHaveLength(4);
    expect(described(edges).sort()).toEqual(['E', 'E', 'W', 'W']);
  });

  it('passes explicit edge ids through, deduplicated', () => {
    expect(resolveEdges(g, index, { kind: 'edges', edges: [3, 1, 3] })).toEqual([1, 3]);
  });
});
