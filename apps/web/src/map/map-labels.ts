import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { labelFont, labelFontBold } from './map-resources.ts';
import { orgSourceId } from './org-style.ts';

// `station-label` (station and brigade names) comes with the county style, in org-style.ts.

/** Text layers of the dispatch map: names of places, areas and stations, callsigns and incident numbers. */
export const labelLayerIds = [
  'area-label',
  'place-label',
  'village-label',
  'station-label',
  'unit-label',
  'incident-label',
] as const;

const halo = { 'text-halo-color': '#ffffff', 'text-halo-width': 1.4, 'text-halo-blur': 0.3 } as const;
const notClustered: ExpressionSpecification = ['!', ['has', 'point_count']];

/** Names under the live layers (areas, townships, villages, places): drawn first, give way to the rest. */
export function placeLabelLayers(): LayerSpecification[] {
  return [
    {
      id: 'area-label',
      type: 'symbol',
      source: orgSourceId,
      filter: ['==', ['get', 'kind'], 'area'],
      maxzoom: 10.5,
      layout: { 'text-field': ['get', 'name'], 'text-font': labelFontBold, 'text-size': 15 },
      paint: { 'text-color': ['get', 'color'], ...halo, 'text-opacity': 0.85 },
    },
    {
      id: 'place-label',
      type: 'symbol',
      source: 'places',
      filter: ['<', ['get', 'rank'], 2],
      minzoom: 9.5,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': labelFont,
        'text-size': ['case', ['==', ['get', 'rank'], 0], 13, 12],
        'symbol-sort-key': ['get', 'rank'],
        'text-variable-anchor': ['bottom', 'top', 'left', 'right'],
        'text-radial-offset': 0.6,
      },
      paint: { 'text-color': ['case', ['==', ['get', 'rank'], 0], '#262626', '#6b3f0c'], ...halo },
    },
    {
      id: 'village-label',
      type: 'symbol',
      source: 'places',
      filter: ['==', ['get', 'rank'], 2],
      minzoom: 12,
      layout: { 'text-field': ['get', 'name'], 'text-font': labelFont, 'text-size': 11 },
      paint: { 'text-color': '#595959', ...halo },
    },
  ];
}

/** Callsigns and incident numbers, shown once the clusters break up. */
export function liveLabelLayers(): LayerSpecification[] {
  return [
    {
      id: 'unit-label',
      type: 'symbol',
      source: 'units',
      filter: notClustered,
      minzoom: 12,
      layout: {
        'text-field': ['get', 'callsign'],
        'text-font': labelFont,
        'text-size': 11,
        'text-anchor': 'left',
        'text-offset': [1.1, 0],
        'text-optional': true,
      },
      paint: { 'text-color': '#135200', ...halo },
    },
    {
      id: 'incident-label',
      type: 'symbol',
      source: 'incidents',
      filter: notClustered,
      minzoom: 11,
      layout: {
        'text-field': ['get', 'number'],
        'text-font': labelFontBold,
        'text-size': 11,
        // Numbers such as 350526-20261129-0001 stay on one line.
        'text-max-width': 20,
        'text-anchor': 'top',
        'text-offset': [0, 1.1],
        'text-optional': true,
        'symbol-sort-key': ['get', 'priority'],
      },
      paint: { 'text-color': '#a8071a', ...halo },
    },
  ];
}
