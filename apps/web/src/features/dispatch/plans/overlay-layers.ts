import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';

/** The map sources of the coverage, patrol-plan and closure overlays and of the shape being edited. */
export const overlaySources = ['coverage', 'plans', 'closures', 'plan-draft'] as const;
export type OverlaySource = (typeof overlaySources)[number];

/** Layer ids of each switchable overlay group (the draft is always shown while editing). */
export const overlayGroupLayers = {
  coverage: ['coverage-village'],
  plans: ['plan-area-fill', 'plan-area-line', 'plan-line', 'plan-point'],
  closures: ['closure-casing', 'closure-line'],
} as const;

export const planLayers = overlayGroupLayers.plans;
export const closureLayers = overlayGroupLayers.closures;
export const vertexLayer = 'plan-draft-vertex';

/** Reach-time colours: 3 min green, 5 amber, 10 orange, later red, not reached grey. */
export const coverageColors = {
  3: '#389e0d',
  5: '#d4b106',
  10: '#fa8c16',
  later: '#cf1322',
  none: '#8c8c8c',
} as const;

export const planColors = {
  'guard-point': '#722ed1',
  'patrol-line': '#08979c',
  'control-area': '#1d39c4',
} as const;

export const closureColor = '#a8071a';
const draftColor = '#fa541c';

const bandColor: ExpressionSpecification = [
  'match',
  ['get', 'band'],
  3,
  coverageColors[3],
  5,
  coverageColors[5],
  10,
  coverageColors[10],
  0,
  coverageColors.later,
  coverageColors.none,
];

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

function layers(): { layer: LayerSpecification; top: boolean }[] {
  const under = (layer: LayerSpecification) => ({ layer, top: false });
  const over = (layer: LayerSpecification) => ({ layer, top: true });
  return [
    under({
      id: 'coverage-village',
      type: 'circle',
      source: 'coverage',
      paint: {
        'circle-color': bandColor,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 13, 9],
        'circle-opacity': 0.85,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    }),
    under({
      id: 'plan-area-fill',
      type: 'fill',
      source: 'plans',
      filter: ['==', ['get', 'kind'], 'control-area'],
      paint: { 'fill-color': planColors['control-area'], 'fill-opacity': 0.15 },
    }),
    under({
      id: 'plan-area-line',
      type: 'line',
      source: 'plans',
      filter: ['==', ['get', 'kind'], 'control-area'],
      paint: { 'line-color': planColors['control-area'], 'line-width': 2, 'line-dasharray': [3, 2] },
    }),
    under({
      id: 'plan-line',
      type: 'line',
      source: 'plans',
      filter: ['==', ['get', 'kind'], 'patrol-line'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': planColors['patrol-line'], 'line-width': 4, 'line-opacity': 0.85 },
    }),
    under({
      id: 'plan-point',
      type: 'circle',
      source: 'plans',
      filter: ['==', ['get', 'kind'], 'guard-point'],
      paint: {
        'circle-color': planColors['guard-point'],
        'circle-radius': 7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    }),
    under({
      id: 'closure-casing',
      type: 'line',
      source: 'closures',
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 9 },
    }),
    under({
      id: 'closure-line',
      type: 'line',
      source: 'closures',
      paint: { 'line-color': closureColor, 'line-width': 5, 'line-dasharray': [1, 1] },
    }),
    over({
      id: 'plan-draft-fill',
      type: 'fill',
      source: 'plan-draft',
      filter: ['all', ['==', ['get', 'role'], 'shape'], ['==', ['geometry-type'], 'Polygon']],
      paint: { 'fill-color': draftColor, 'fill-opacity': 0.15 },
    }),
    over({
      id: 'plan-draft-line',
      type: 'line',
      source: 'plan-draft',
      filter: ['all', ['==', ['get', 'role'], 'shape'], ['!=', ['geometry-type'], 'Point']],
      paint: { 'line-color': draftColor, 'line-width': 3 },
    }),
    over({
      id: vertexLayer,
      type: 'circle',
      source: 'plan-draft',
      // A guard point is its own single vertex: one handle, so a drag always grabs it.
      filter: ['==', ['get', 'role'], 'vertex'],
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': 6,
        'circle-stroke-color': draftColor,
        'circle-stroke-width': 3,
      },
    }),
  ];
}

/** Adds the overlay sources and layers: plans and closures below units and incidents, the draft on top. */
export function installOverlayLayers(map: MapLibreMap) {
  for (const id of overlaySources)
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty });
  const beforeId = ['route-line', 'unit-cluster'].find((id) => map.getLayer(id));
  for (const { layer, top } of layers()) {
    if (map.getLayer(layer.id)) continue;
    map.addLayer(layer, top ? undefined : beforeId);
  }
}
