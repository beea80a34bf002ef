import { describe, expect, it } from 'vitest';
import { makeClustersContiguous } from './contiguous-clusters.ts';

// A path 0-1-2-3-4-5.
const path = [[1], [0, 2], [1, 3], [2, 4], [3, 5], [4]];

describe('makeClustersContiguous', () => {
  it('moves a detached piece to the cluster it touches', () => {
    // Cluster 0 = {0, 1, 4} is split: 4 sits between 3 and 5 of cluster 1.
    expect(makeClustersContiguous([0, 0, 1, 1, 0, 1], path, [1, 1, 1, 1, 1, 1])).toEqual([0, 0, 1, 1, 1, 1]);
  });

  it('keeps the heaviest piece in place', () => {
    // {0} weighs 10, {4} weighs 1: 4 leaves even though 0 is the first index.
    expect(makeClustersContiguous([0, 1, 1, 1, 0, 1], path, [10, 1, 1, 1, 1, 1])).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it('leaves connected clusters and pieces with no neighbouring cluster alone', () => {
    expect(makeClustersContiguous([0, 0, 0, 1, 1, 1], path, [1, 1, 1, 1, 1, 1])).toEqual([0, 0, 0, 1, 1, 1]);
    // Two isolated points in one cluster, nobody else around.
    expect(makeClustersContiguous([0, 0], [[], []], [1, 1])).toEqual([0, 0]);
  });
});
