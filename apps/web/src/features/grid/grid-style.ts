import type { FeatureCollection } from 'geojson';
import type { GridFeatureCollection } from '@ronghui/contracts';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { glyphsUrl } from '../../map/map-resources.ts';

export const gridSourceId = 'grids';
export const communityFillLayer = 'community-fill';
export const policeFillLayer = 'police-hit';
export const selectedLayer = 'grid-selected';

const layerIs = (layer: string): ExpressionSpecification => ['==', ['get', 'layer'], layer];

/** Eight soft fills; a community grid takes one by its index so neighbours mostly differ. */
export const COMMUNITY_COLORS = [
  '#8fc1e3',
  '#f4b183',
  '#a9d18e',
  '#ffd966',
  '#c9a0dc',
  '#9dc3e6',
  '#f8cbad',
  '#b4c7e7',
] as const;

/** Gives every community grid a `color` property (by its position in the list). */
export function withGridColors(data: GridFeatureCollection): GridFeatureCollection {
  let n = 0;
  return {
    ...data,
    features: data.features.map((f) =>
      f.properties.layer === 'community'
        ? { ...f, properties: { ...f.properties, color: COMMUNITY_COLORS[n++ % COMMUNITY_COLORS.length] } }
        : f,
    ),
  };
}

/**
 * Two layers of grids on our own background: community grids filled, police grids outlined (thick, dark),
 * the selected grid outlined in red. No outside tiles.
 */
export function buildGridStyle(data: GridFeatureCollection): StyleSpecification {
  return {
    version: 8,
    glyphs: glyphsUrl(),
    sources: { [gridSourceId]: { type: 'geojson', data: data as unknown as FeatureCollection } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
      {
        id: policeFillLayer,
        type: 'fill',
        source: gridSourceId,
        filter: layerIs('police'),
        paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.6 },
      },
      {
        id: communityFillLayer,
        type: 'fill',
        source: gridSourceId,
        filter: layerIs('community'),
        paint: { 'fill-color': ['coalesce', ['get', 'color'], '#8fc1e3'], 'fill-opacity': 0.55 },
      },
      {
        id: 'community-line',
        type: 'line',
        source: gridSourceId,
        filter: layerIs('community'),
        paint: { 'line-color': '#ffffff', 'line-width': 0.8 },
      },
      {
        id: 'police-line',
        type: 'line',
        source: gridSourceId,
        filter: layerIs('police'),
        paint: { 'line-color': '#1d3557', 'line-width': 2.2 },
      },
      {
        id: selectedLayer,
        type: 'line',
        source: gridSourceId,
        filter: ['==', ['get', 'id'], ''],
        paint: { 'line-color': '#d4380d', 'line-width': 3 },
      },
    ],
  };
}
