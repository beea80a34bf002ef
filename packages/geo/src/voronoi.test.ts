import { describe, expect, it } from 'vitest';
import { planarRingArea } from './area.ts';
import type { Position } from './geojson.ts';
import { pointInRing } from './point-in-polygon.ts';
import { voronoiCells, voronoiNeighbours } from './voronoi.ts';

describe('voronoiCells', () => {
  it('splits two sites along their bisector', () => {
    const [a, b] = voronoiCells(
      [
        [1, 1],
        [3, 1],
      ],
      [0, 0, 4, 2],
    );
    expect(Math.abs(planarRingArea(a!))).toBeCloseTo(4, 9);
    expect(Math.abs(planarRingArea(b!))).toBeCloseTo(4, 9);
    expect(Math.max(...a!.map((p) => p[0]))).toBeCloseTo(2, 9);
  });

  it('tiles the bounds, each site inside its own cell', () => {
    const sites: Position[] = [
      [1, 1],
      [8, 2],
      [5, 5],
      [2, 9],
      [9, 9],
      [4, 1],
    ];
    const cells = voronoiCells(sites, [0, 0, 10, 10]);
    const total = cells.reduce((s, c) => s + Math.abs(planarRingArea(c)), 0);
    expect(total).toBeCloseTo(100, 9);
    sites.forEach((s, i) => {
      expect(pointInRing(s, cells[i]!)).toBe(true);
    });
  });
});

describe('voronoiNeighbours', () => {
  it('lists the sites whose cells share an edge', () => {
    // A row of three: the ends do not touch each other.
    const n = voronoiNeighbours(
      [
        [1, 1],
        [3, 1],
        [5, 1],
      ],
      [0, 0, 6, 2],
    );
    expect(n).toEqual([[1], [0, 2], [1]]);
  });
});
