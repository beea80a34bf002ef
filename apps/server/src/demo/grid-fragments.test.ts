import { geometryArea, type GeoJSON } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { reassignFragments } from './grid-fragments.ts';

const square = (x: number, y: number, d = 1): GeoJSON.Ring => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

describe('reassignFragments', () => {
  it('hands a piece without villages to the grid it borders and keeps the rest', () => {
    // Grid A: [0,1]² with its village, plus a detached piece [3,4]×[0,1]. Grid B: [2,3]×[0,1], which
    // shares the edge x = 3 with A's detached piece.
    const a: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(3, 0)]] };
    const b: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(2, 0)]] };
    const [newA, newB] = reassignFragments([
      { shape: a, villages: [[0.5, 0.5]] },
      { shape: b, villages: [[2.5, 0.5]] },
    ]);
    expect(newA!.coordinates).toHaveLength(1);
    expect(newB!.coordinates).toHaveLength(1);
    const area = (g: GeoJSON.MultiPolygon) => geometryArea(g);
    expect(area(newB!) / area(newA!)).toBeCloseTo(2, 3);
  });

  it('leaves a piece that borders no other grid with its own grid', () => {
    const a: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(10, 10)]] };
    const [only] = reassignFragments([{ shape: a, villages: [[0.5, 0.5]] }]);
    expect(only!.coordinates).toHaveLength(2);
  });
});
