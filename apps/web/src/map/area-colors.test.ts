import { describe, expect, it } from 'vitest';
import type { OrgFeatureProperties } from '@ronghui/contracts';
import type { OrgFeatureCollection } from '../api/orgs-api.ts';
import {
  areaPalette,
  type ColoredOrgFeatureCollection,
  fallbackAreaColor,
  withAreaColors,
} from './area-colors.ts';

function feature(
  properties: Omit<OrgFeatureProperties, 'areaKey' | 'population'> & Partial<OrgFeatureProperties>,
): OrgFeatureCollection['features'][number] {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [118.2, 25.5] },
    properties: { areaKey: null, population: null, ...properties },
  };
}

const collection: OrgFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    feature({ id: 't', name: '县局', kind: 'tenant', code: '350526', parentId: null }),
    feature({ id: 'n', name: '北片', kind: 'area', code: 'A2', parentId: 't', areaKey: 'north' }),
    feature({ id: 'e', name: '东片', kind: 'area', code: 'A1', parentId: 't', areaKey: 'east' }),
    feature({ id: 's', name: '派出所', kind: 'station', code: 'S', parentId: 'n' }),
    feature({ id: 'g', name: '网格', kind: 'grid', code: 'G', parentId: 's' }),
  ],
};

function colorOf(result: ColoredOrgFeatureCollection, id: string): string | undefined {
  return result.features.find((f) => f.properties.id === id)?.properties.color;
}

describe('withAreaColors', () => {
  it('colors areas in areaKey order and passes the color down to grids', () => {
    const result = withAreaColors(collection);
    expect(colorOf(result, 'e')).toBe(areaPalette[0]);
    expect(colorOf(result, 'n')).toBe(areaPalette[1]);
    expect(colorOf(result, 'g')).toBe(areaPalette[1]);
    expect(colorOf(result, 't')).toBe(fallbackAreaColor);
  });
});
