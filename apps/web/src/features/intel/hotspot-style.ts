import type { CrimeRecord, IntelHotspots } from '@ronghui/contracts';
import type { FeatureCollection, Point } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import type { OrgFeatureCollection } from '../../api/orgs-api.ts';

export const sources = { orgs: 'orgs', cells: 'hotspots', crimes: 'crimes' } as const;
export const crimeLayer = 'crime-circle';
export const hotspotLayer = 'hotspot-fill';

export interface CrimePointProperties {
  id: string;
  /** 0 = other crime, 1 = series member, 2 = the selected crime. */
  role: number;
}

/** Crimes as map points: series members and the selected crime stand out. */
export function crimePoints(
  records: readonly CrimeRecord[],
  seriesIds: ReadonlySet<string>,
  selectedId: string | null,
): FeatureCollection<Point, CrimePointProperties> {
  return {
    type: 'FeatureCollection',
    features: records.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: { id: r.id, role: r.id === selectedId ? 2 : seriesIds.has(r.id) ? 1 : 0 },
    })),
  };
}

/** Hotspot cells with their value scaled to 0–1 for the colour ramp. */
export function scaledCells(result: IntelHotspots | undefined): IntelHotspots['features'] {
  if (!result) return [];
  const max = Math.max(...result.features.map((f) => f.properties.value), 1e-12);
  return result.features.map((f) => ({
    ...f,
    properties: { ...f.properties, value: Math.max(0, f.properties.value) / max },
  }));
}

const empty = { type: 'FeatureCollection' as const, features: [] };

/** Our own data only: no tiles, glyphs or sprites, so the map works on an intranet. */
export function buildHotspotStyle(orgs: OrgFeatureCollection): StyleSpecification {
  return {
    version: 8,
    sources: {
      [sources.orgs]: { type: 'geojson', data: orgs },
      [sources.cells]: { type: 'geojson', data: empty },
      [sources.crimes]: { type: 'geojson', data: empty },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dde4ec' } },
      {
        id: 'tenant-fill',
        type: 'fill',
        source: sources.orgs,
        filter: ['==', ['get', 'kind'], 'tenant'],
        paint: { 'fill-color': '#f7f9fb' },
      },
      {
        id: 'station-line',
        type: 'line',
        source: sources.orgs,
        filter: ['==', ['get', 'kind'], 'grid'],
        paint: { 'line-color': '#b8c4d1', 'line-width': 0.6 },
      },
      {
        id: 'area-line',
        type: 'line',
        source: sources.orgs,
        filter: ['in', ['get', 'kind'], ['literal', ['area', 'tenant']]],
        paint: { 'line-color': '#6b7b8c', 'line-width': 1.4 },
      },
      {
        id: hotspotLayer,
        type: 'fill',
        source: sources.cells,
        paint: {
          'fill-color': [
            'interpolate',
            ['linear'],
            ['get', 'value'],
            0,
            '#fff1b8',
            0.4,
            '#fa8c16',
            1,
            '#cf1322',
          ],
          'fill-opacity': ['case', ['get', 'flagged'], 0.8, 0.45],
        },
      },
      {
        // At county scale a 250 m cell is a pixel or two: an outline keeps flagged cells visible there.
        id: 'hotspot-flagged',
        type: 'line',
        source: sources.cells,
        filter: ['==', ['get', 'flagged'], true],
        paint: {
          'line-color': '#cf1322',
          'line-width': 1,
          'line-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.9, 13, 0],
        },
      },
      {
        id: crimeLayer,
        type: 'circle',
        source: sources.crimes,
        paint: {
          'circle-radius': ['match', ['get', 'role'], 2, 8, 1, 6, 3],
          'circle-color': ['match', ['get', 'role'], 2, '#fadb14', 1, '#1677ff', '#595959'],
          'circle-opacity': ['match', ['get', 'role'], 0, 0.55, 1],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['match', ['get', 'role'], 0, 0.5, 1.5],
        },
      },
    ],
  };
}
