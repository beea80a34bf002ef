import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { OrgFeatureCollection } from '../api/orgs-api.ts';
import { glyphsUrl, labelFontBold } from './map-resources.ts';

export const orgSourceId = 'orgs';

/** Layers the pointer can hit, top-most first: what a tooltip or a click refers to. */
export const interactiveLayers = ['station-circle', 'brigade-circle', 'grid-fill', 'area-fill'] as const;

export const highlightLayers = ['highlight-fill', 'highlight-line', 'highlight-circle'] as const;

const kindIs = (kind: string): ExpressionSpecification => ['==', ['get', 'kind'], kind];

function idIn(ids: readonly string[]): ExpressionSpecification {
  return ['in', ['get', 'id'], ['literal', [...ids]]];
}

/** The filter of each highlight layer for the polygons and points of a highlighted org. */
export function highlightFilters(
  polygons: readonly string[],
  points: readonly string[],
): Record<(typeof highlightLayers)[number], ExpressionSpecification> {
  return {
    'highlight-fill': idIn(polygons),
    'highlight-line': idIn(polygons),
    'highlight-circle': idIn(points),
  };
}

/**
 * The county map, built entirely from our own data and server: no outside tiles, fonts or sprites, so it
 * renders on an intranet. Glyphs come from `/api/map/glyphs` (Latin); Chinese names are drawn by the
 * browser's CJK fonts (the map's `localIdeographFontFamily`).
 */
export function buildOrgStyle(data: OrgFeatureCollection): StyleSpecification {
  return {
    version: 8,
    glyphs: glyphsUrl(),
    sources: { [orgSourceId]: { type: 'geojson', data } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dde4ec' } },
      {
        id: 'tenant-fill',
        type: 'fill',
        source: orgSourceId,
        filter: kindIs('tenant'),
        paint: { 'fill-color': '#f7f9fb' },
      },
      {
        id: 'area-fill',
        type: 'fill',
        source: orgSourceId,
        filter: kindIs('area'),
        paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.28 },
      },
      {
        id: 'grid-fill',
        type: 'fill',
        source: orgSourceId,
        filter: kindIs('grid'),
        // Invisible, but it makes the whole grid (not just its outline) answer to the pointer.
        paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
      },
      {
        id: 'grid-line',
        type: 'line',
        source: orgSourceId,
        filter: kindIs('grid'),
        paint: { 'line-color': '#5f6f82', 'line-width': 0.8, 'line-dasharray': [3, 2], 'line-opacity': 0.8 },
      },
      {
        id: 'area-line',
        type: 'line',
        source: orgSourceId,
        filter: kindIs('area'),
        paint: { 'line-color': ['get', 'color'], 'line-width': 1.6 },
      },
      {
        id: 'tenant-line',
        type: 'line',
        source: orgSourceId,
        filter: kindIs('tenant'),
        paint: { 'line-color': '#0a2f66', 'line-width': 2.5 },
      },
      {
        id: 'highlight-fill',
        type: 'fill',
        source: orgSourceId,
        filter: idIn([]),
        paint: { 'fill-color': '#faad14', 'fill-opacity': 0.3 },
      },
      {
        id: 'highlight-line',
        type: 'line',
        source: orgSourceId,
        filter: idIn([]),
        paint: { 'line-color': '#d4380d', 'line-width': 3 },
      },
      {
        id: 'brigade-circle',
        type: 'circle',
        source: orgSourceId,
        filter: kindIs('brigade'),
        paint: {
          'circle-radius': 5,
          'circle-color': '#722ed1',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: 'station-circle',
        type: 'circle',
        source: orgSourceId,
        filter: kindIs('station'),
        paint: {
          'circle-radius': 6,
          'circle-color': '#0b4ea2',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
      {
        id: 'station-label',
        type: 'symbol',
        source: orgSourceId,
        filter: ['in', ['get', 'kind'], ['literal', ['station', 'brigade']]],
        minzoom: 8.5,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': labelFontBold,
          'text-size': ['interpolate', ['linear'], ['zoom'], 9, 11, 13, 13],
          'text-anchor': 'top',
          'text-offset': [0, 0.8],
          'text-optional': true,
        },
        paint: {
          'text-color': ['case', ['==', ['get', 'kind'], 'brigade'], '#531dab', '#0b4ea2'],
          'text-halo-color': '#ffffff',
          'text-halo-width': 1.4,
        },
      },
      {
        id: 'highlight-circle',
        type: 'circle',
        source: orgSourceId,
        filter: idIn([]),
        paint: {
          'circle-radius': 10,
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': '#d4380d',
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}
