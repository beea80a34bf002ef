import { describe, expect, it } from 'vitest';
import { cellPolygons } from './cell-polygons.ts';

const grid = (rows: string[]) => {
  // rows[0] is the top row; the grid's y grows north.
  const h = rows.length;
  const w = rows[0]!.length;
  const cells = new Uint8Array(w * h);
  rows.forEach((line, i) => {
    for (let c = 0; c < w; c++) if (line[c] === '#') cells[(h - 1 - i) * w + c] = 1;
  });
  return { cells, w, h };
};

describe('cellPolygons', () => {
  it('outlines one block counter-clockwise with four corners', () => {
    const { cells, w, h } = grid(['....', '.##.', '.##.', '....']);
    expect(cellPolygons(cells, w, h)).toEqual([
      [
        [
          [1, 1],
          [3, 1],
          [3, 3],
          [1, 3],
          [1, 1],
        ],
      ],
    ]);
  });

  it('keeps a hole inside its ring and separate blobs apart', () => {
    const { cells, w, h } = grid(['#####..', '#...#..', '#####.#']);
    const polys = cellPolygons(cells, w, h);
    expect(polys).toHaveLength(2);
    const ring = polys.find((p) => p.length === 2)!;
    expect(ring[1]).toHaveLength(5); // the hole: 3 × 1 cells, four corners closed
    expect(polys.find((p) => p.length === 1)![0]).toHaveLength(5);
  });

  it('splits cells touching only at a corner', () => {
    const { cells, w, h } = grid(['#.', '.#']);
    expect(cellPolygons(cells, w, h)).toHaveLength(2);
  });
});
