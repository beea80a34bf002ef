import type { PatrolPlanFeature, RoadClosure } from '@ronghui/contracts';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  closestLine,
  closureFeatures,
  coverageFeatures,
  draftFeatures,
  edgesOf,
  planFeatures,
  reachBand,
} from './overlay-features.ts';

describe('coverage overlay', () => {
  it('puts each village in the first band its first unit reaches', () => {
    expect(reachBand(0, [3, 5, 10])).toBe(3);
    expect(reachBand(180, [3, 5, 10])).toBe(3);
    expect(reachBand(181, [3, 5, 10])).toBe(5);
    expect(reachBand(600, [3, 5, 10])).toBe(10);
    expect(reachBand(601, [3, 5, 10])).toBe(0);
    expect(reachBand(null, [3, 5, 10])).toBe(-1);
    const fc = coverageFeatures(
      [
        { code: 'a', name: '甲村', lon: 1, lat: 2, arrivalSeconds: 250 },
        { code: 'b', name: '乙村', lon: 3, lat: 4, arrivalSeconds: null },
      ],
      [10, 3, 5],
    );
    expect(fc.features.map((f) => f.properties)).toEqual([
      { code: 'a', name: '甲村', band: 5, arrivalMin: 4.2 },
      { code: 'b', name: '乙村', band: -1, arrivalMin: null },
    ]);
  });
});

describe('closures on the map', () => {
  const roads: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
        properties: { name: '国道', edges: [4, 5] },
      },
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [1, 1],
            [2, 2],
          ],
        },
        properties: { name: null, edges: '[6]' },
      },
    ],
  };
  const closure = (id: string, edges: number[]): RoadClosure => ({
    id,
    cause: 'landslide',
    kind: 'closure',
    speedFactor: null,
    note: '塌方',
    edges,
    createdAt: '',
    createdBy: 'dispatcher',
    until: null,
  });

  it('draws the roads whose edges a closure covers, and nothing else', () => {
    const fc = closureFeatures(roads, [closure('c1', [5])]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.properties).toMatchObject({ closureId: 'c1', road: '国道', note: '塌方' });
    expect(closureFeatures(roads, [closure('c2', [6])]).features[0]!.properties!.closureId).toBe('c2');
    expect(closureFeatures(roads, []).features).toEqual([]);
    expect(closureFeatures(undefined, [closure('c1', [5])]).features).toEqual([]);
  });

  it('reads edge lists given as arrays or JSON text', () => {
    expect(edgesOf([1, 2])).toEqual([1, 2]);
    expect(edgesOf('[3,4]')).toEqual([3, 4]);
    expect(edgesOf('oops')).toEqual([]);
    expect(edgesOf(undefined)).toEqual([]);
  });

  it('picks the road passing closest to the click', () => {
    const lines = [
      [
        [0, 0],
        [100, 0],
      ],
      [
        [0, 10],
        [100, 10],
      ],
    ] as const;
    expect(closestLine([50, 7], lines)).toBe(1);
    expect(closestLine([50, 2], lines)).toBe(0);
    expect(closestLine([50, 2], [])).toBe(-1);
  });
});

describe('patrol plans on the map', () => {
  it('leaves out the plan being edited and counts units', () => {
    const plan = (id: string): PatrolPlanFeature => ({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [1, 2] },
      properties: {
        id,
        kind: 'guard-point',
        name: id,
        stationId: 's',
        stationName: '浔中派出所',
        unitIds: ['u1', 'u2'],
        note: null,
      },
    });
    const fc = planFeatures([plan('a'), plan('b')], 'a');
    expect(fc.features.map((f) => f.properties?.id)).toEqual(['b']);
    expect(fc.features[0]!.properties?.unitCount).toBe(2);
  });

  it('shows a line being drawn before it is an area, with numbered vertex handles', () => {
    const drawing = draftFeatures({
      mode: 'drawing',
      kind: 'control-area',
      vertices: [
        [0, 0],
        [1, 0],
      ],
    });
    expect(drawing.features.map((f) => f.geometry.type)).toEqual(['LineString', 'Point', 'Point']);
    expect(drawing.features[2]!.properties).toEqual({ role: 'vertex', index: 1 });
    const area = draftFeatures({
      mode: 'shaped',
      id: null,
      kind: 'control-area',
      vertices: [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
      dragging: null,
      moved: true,
    });
    expect(area.features[0]!.geometry.type).toBe('Polygon');
    expect(draftFeatures({ mode: 'idle' }).features).toEqual([]);
  });
});
