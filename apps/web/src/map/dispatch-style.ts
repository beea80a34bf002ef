import type { OrgFeatureCollection } from '../api/orgs-api.ts';
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { withAreaColors } from './area-colors.ts';
import { buildOrgStyle } from './org-style.ts';
import { liveLabelLayers, placeLabelLayers } from './map-labels.ts';

export const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const dispatchSources = [
  'roads',
  'units',
  'incidents',
  'routes',
  'isochrone',
  'pick',
  // Gazetteer names for labels, and the station blocks of the 3D view (map-3d.ts).
  'places',
  'blocks',
] as const;
export type DispatchSource = (typeof dispatchSources)[number];

export const clickableLayers = ['incident-point', 'unit-icon', 'incident-cluster', 'unit-cluster'] as const;

const clustered = {
  type: 'geojson',
  data: emptyCollection,
  cluster: true,
  clusterMaxZoom: 10,
  clusterRadius: 40,
} as const;

const isoColor: ExpressionSpecification = ['step', ['get', 'minutes'], '#52c41a', 4, '#faad14', 6, '#f5222d'];

function dispatchLayers(): LayerSpecification[] {
  return [
    {
      id: 'roads-line',
      type: 'line',
      source: 'roads',
      paint: {
        'line-color': '#8c6d46',
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 14, 3],
        'line-opacity': 0.7,
      },
    },
    {
      id: 'iso-fill',
      type: 'fill',
      source: 'isochrone',
      paint: { 'fill-color': isoColor, 'fill-opacity': 0.3 },
    },
    { id: 'iso-line', type: 'line', source: 'isochrone', paint: { 'line-color': isoColor, 'line-width': 2 } },
    {
      id: 'route-line',
      type: 'line',
      source: 'routes',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#1677ff', 'line-width': 4, 'line-opacity': 0.75, 'line-dasharray': [2, 1] },
    },
    {
      id: 'unit-cluster',
      type: 'circle',
      source: 'units',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#389e0d',
        'circle-opacity': 0.5,
        'circle-radius': ['step', ['get', 'point_count'], 10, 5, 14, 15, 20],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'unit-icon',
      type: 'symbol',
      source: 'units',
      filter: ['!', ['has', 'point_count']],
      layout: {
        'icon-image': ['concat', 'unit-', ['get', 'status']],
        'icon-rotate': ['coalesce', ['get', 'heading'], 0],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['case', ['boolean', ['get', 'selected'], false], 1.6, 1.2],
      },
    },
    {
      id: 'incident-cluster',
      type: 'circle',
      source: 'incidents',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#cf1322',
        'circle-opacity': 0.55,
        'circle-radius': ['step', ['get', 'point_count'], 12, 5, 16, 20, 22],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'incident-point',
      type: 'symbol',
      source: 'incidents',
      filter: ['!', ['has', 'point_count']],
      layout: {
        'icon-image': ['concat', 'incident-', ['to-string', ['get', 'priority']]],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['case', ['boolean', ['get', 'selected'], false], 1.7, 1.2],
        'symbol-sort-key': ['get', 'priority'],
      },
    },
    {
      id: 'pick-point',
      type: 'circle',
      source: 'pick',
      paint: {
        'circle-radius': 7,
        'circle-color': '#000000',
        'circle-stroke-color': '#fadb14',
        'circle-stroke-width': 3,
      },
    },
  ];
}

/** Our offline county style (outlines, stations) plus the live dispatch layers above it. */
export function buildDispatchStyle(orgs: OrgFeatureCollection): StyleSpecification {
  const base = buildOrgStyle(withAreaColors(orgs));
  const layers = base.layers.filter((l) => !l.id.startsWith('highlight-'));
  const roadsAt = layers.findIndex((l) => l.id === 'tenant-line') + 1;
  const [roads, ...rest] = dispatchLayers();
  const stationsAt = layers.findIndex((l) => l.id === 'brigade-circle');
  const below = layers.slice(0, roadsAt);
  const middle = layers.slice(roadsAt, stationsAt);
  const stations = layers.slice(stationsAt);
  return {
    ...base,
    sources: {
      ...base.sources,
      roads: { type: 'geojson', data: emptyCollection },
      routes: { type: 'geojson', data: emptyCollection },
      isochrone: { type: 'geojson', data: emptyCollection },
      pick: { type: 'geojson', data: emptyCollection },
      places: { type: 'geojson', data: emptyCollection },
      blocks: { type: 'geojson', data: emptyCollection },
      units: clustered,
      incidents: clustered,
    },
    layers: [
      ...below,
      ...(roads ? [roads] : []),
      ...middle,
      ...placeLabelLayers(),
      ...stations,
      ...rest,
      ...liveLabelLayers(),
    ],
  };
}
