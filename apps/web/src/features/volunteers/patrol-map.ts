import type { PatrolTask } from '@ronghui/contracts';
import type { Feature, FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';

/** Colours of a patrol on a map: the target in violet, the walked track in green, the volunteer's head. */
export const PATROL_TARGET = '#722ed1';
export const PATROL_TRACK = '#13a8a8';

/** The layers of a patrol source: target area, target line, track, target point, the volunteer now (top). */
export function patrolLayers(source: string): LayerSpecification[] {
  return [
    {
      id: `${source}-target-fill`,
      type: 'fill',
      source,
      filter: ['==', ['get', 'part'], 'target-area'],
      paint: { 'fill-color': PATROL_TARGET, 'fill-opacity': 0.12 },
    },
    {
      id: `${source}-target-line`,
      type: 'line',
      source,
      filter: ['in', ['get', 'part'], ['literal', ['target-line', 'target-area']]],
      paint: { 'line-color': PATROL_TARGET, 'line-width': 3, 'line-dasharray': [2, 1.5] },
    },
    {
      id: `${source}-track`,
      type: 'line',
      source,
      filter: ['==', ['get', 'part'], 'track'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': PATROL_TRACK, 'line-width': 4 },
    },
    {
      id: `${source}-target-point`,
      type: 'circle',
      source,
      filter: ['==', ['get', 'part'], 'target-point'],
      paint: {
        'circle-radius': 7,
        'circle-color': '#ffffff',
        'circle-stroke-color': PATROL_TARGET,
        'circle-stroke-width': 3,
      },
    },
    {
      id: `${source}-head`,
      type: 'circle',
      source,
      filter: ['==', ['get', 'part'], 'head'],
      paint: {
        'circle-radius': 7,
        'circle-color': PATROL_TRACK,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
  ];
}

/** The target of a task as map features. */
export function targetFeatures(task: PatrolTask): Feature[] {
  const g = task.geometry;
  const part = g.type === 'Point' ? 'target-point' : g.type === 'LineString' ? 'target-line' : 'target-area';
  return [{ type: 'Feature', geometry: g, properties: { part, taskId: task.id, name: task.featureName } }];
}

/** A walked track (and the newest fix as the volunteer's head) as map features. */
export function trackFeatures(
  track: readonly (readonly [number, number])[],
  props: Record<string, string | number | null>,
): Feature[] {
  const out: Feature[] = [];
  if (track.length >= 2)
    out.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: track.map((p) => [p[0], p[1]]) },
      properties: { ...props, part: 'track' },
    });
  const head = track[track.length - 1];
  if (head)
    out.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [head[0], head[1]] },
      properties: { ...props, part: 'head' },
    });
  return out;
}

export const collection = (features: Feature[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});

/** The [west, south, east, north] bounds of some features' coordinates (null when there are none). */
export function boundsOf(features: readonly Feature[]): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
