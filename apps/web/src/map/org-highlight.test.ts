import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { OrgFeatureProperties } from '@ronghui/contracts';
import { orgHighlight } from './org-highlight.ts';

const square: Geometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};
const point: Geometry = { type: 'Point', coordinates: [0.5, 0.5] };

function f(id: string, kind: OrgFeatureProperties['kind'], parentId: string | null, geometry: Geometry) {
  return {
    type: 'Feature',
    geometry,
    properties: { id, name: id, kind, code: id, parentId, areaKey: null, population: null },
  } satisfies Feature<Geometry, OrgFeatureProperties>;
}

const features = [
  f('t', 'tenant', null, square),
  f('a', 'area', 't', square),
  f('s', 'station', 'a', point),
  f('g1', 'grid', 's', square),
  f('g2', 'grid', 's', square),
  f('b', 'brigade', 'a', point),
];

describe('orgHighlight', () => {
  it('fills only the area itself and rings the stations inside it', () => {
    expect(orgHighlight(features, 'a')).toEqual({
      polygons: ['a'],
      points: ['s', 'b'],
      all: ['a', 's', 'b', 'g1', 'g2'],
    });
  });

  it('shows a station with the grids it serves', () => {
    expect(orgHighlight(features, 's')).toEqual({
      polygons: ['g1', 'g2'],
      points: ['s'],
      all: ['s', 'g1', 'g2'],
    });
  });

  it('is empty without a selection or for an org with no geometry', () => {
    expect(orgHighlight(features, null).all).toEqual([]);
    expect(orgHighlight(features, 'nowhere').all).toEqual([]);
  });
});
