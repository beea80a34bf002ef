import { describe, expect, it } from 'vitest';
import { boundsOf, isPointLike } from './geometry-bounds.ts';

describe('boundsOf', () => {
  it('spans polygons, multipolygons and points together', () => {
    const bounds = boundsOf([
      {
        type: 'Polygon',
        coordinates: [
          [
            [118.2, 25.5],
            [118.3, 25.5],
            [118.3, 25.6],
            [118.2, 25.5],
          ],
        ],
      },
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [118.0, 25.7],
              [118.1, 25.7],
              [118.1, 25.8],
              [118.0, 25.7],
            ],
          ],
        ],
      },
      { type: 'Point', coordinates: [118.5, 25.4] },
    ]);
    expect(bounds).toEqual([118.0, 25.4, 118.5, 25.8]);
  });

  it('is null without coordinates', () => {
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([{ type: 'GeometryCollection', geometries: [] }])).toBeNull();
  });

  it('recognises a single point', () => {
    const bounds = boundsOf([{ type: 'Point', coordinates: [118.24, 25.49] }]);
    expect(bounds && isPointLike(bounds)).toBe(true);
    expect(isPointLike([118, 25, 118.1, 25])).toBe(false);
  });
});
