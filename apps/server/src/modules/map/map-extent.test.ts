import { describe, expect, it } from 'vitest';
import { countyExtent } from './map-extent.ts';

describe('county extent', () => {
  it('boxes a multipolygon and centres on its area', () => {
    const outline = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [118, 25],
            [118.4, 25],
            [118.4, 25.4],
            [118, 25.4],
            [118, 25],
          ],
        ],
        [
          [
            [118.5, 25.5],
            [118.6, 25.5],
            [118.6, 25.6],
            [118.5, 25.6],
            [118.5, 25.5],
          ],
        ],
      ],
    };
    const extent = countyExtent(outline)!;
    expect(extent.bounds).toEqual([118, 25, 118.6, 25.6]);
    // The big square weighs 16 times the small one.
    expect(extent.center.lon).toBeCloseTo((16 * 118.2 + 118.55) / 17, 6);
    expect(extent.center.lat).toBeCloseTo((16 * 25.2 + 25.55) / 17, 6);
  });

  it('keeps the centre of a concave outline inside it', () => {
    // A U whose centroid falls in the notch.
    const u = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const { center, bounds } = countyExtent(u)!;
    expect(bounds).toEqual([0, 0, 3, 3]);
    const inNotch = center.lon > 1 && center.lon < 2 && center.lat > 1;
    expect(inNotch).toBe(false);
  });

  it('is null without an outline', () => {
    expect(countyExtent(null)).toBeNull();
    expect(countyExtent({ type: 'Point', coordinates: [118, 25] })).toBeNull();
    expect(countyExtent({ type: 'Polygon' })).toBeNull();
  });
});
