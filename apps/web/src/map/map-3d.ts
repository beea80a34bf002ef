import { createLocalProjection } from '@ronghui/geo';
import type { OrgFeatureCollection } from '../api/orgs-api.ts';
import type { MapConfig, Unit } from '@ronghui/contracts';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { ControlPosition, IControl, Map as MapLibreMap } from 'maplibre-gl';
import { serverUrl } from './map-resources.ts';
import { maplibregl } from './setup-worker.ts';
import { labelLayerIds } from './map-labels.ts';

/**
 * The 3D view of the dispatch map: pitch and rotation, terrain and hill shading where the server has an
 * elevation model, and extruded blocks. The demo data has no building footprints, so the blocks are the
 * police stations, each a column as high as its units on duty and coloured by how many are available.
 */

export const PITCH_3D = 60;
const BLOCK_HALF_M = 600;
const METRES_PER_UNIT = 120;

/** One square column per station or brigade: height = units on duty, colour = units available. */
export function stationBlocks(orgs: OrgFeatureCollection, units: readonly Unit[]): FeatureCollection {
  const onDuty = new Map<string, number>();
  const available = new Map<string, number>();
  for (const u of units) {
    if (!u.onDuty) continue;
    onDuty.set(u.stationId, (onDuty.get(u.stationId) ?? 0) + 1);
    if (u.status === 'available') available.set(u.stationId, (available.get(u.stationId) ?? 0) + 1);
  }
  const features: Feature<Polygon>[] = [];
  for (const f of orgs.features) {
    const { kind, id, name } = f.properties;
    if ((kind !== 'station' && kind !== 'brigade') || f.geometry.type !== 'Point') continue;
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const local = createLocalProjection([lon, lat]);
    const [west, south] = local.toLngLat([-BLOCK_HALF_M, -BLOCK_HALF_M]);
    const [east, north] = local.toLngLat([BLOCK_HALF_M, BLOCK_HALF_M]);
    const n = onDuty.get(id) ?? 0;
    features.push({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
            [west, south],
          ],
        ],
      },
      properties: {
        id,
        name,
        kind,
        onDuty: n,
        available: available.get(id) ?? 0,
        height: 60 + n * METRES_PER_UNIT,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Raster base tiles of the bureau's own tile server (MAP_TILE_URL), under our layers. Only when configured. */
export function applyBaseTiles(map: MapLibreMap, settings: MapConfig | null | undefined): void {
  const base = settings?.baseTiles;
  if (!base || map.getSource('base-tiles')) return;
  map.addSource('base-tiles', {
    type: 'raster',
    tiles: [base.url],
    tileSize: 256,
    ...(base.attribution ? { attribution: base.attribution } : {}),
  });
  map.addLayer({ id: 'base-tiles', type: 'raster', source: 'base-tiles' }, 'tenant-fill');
  // The county's own fill would hide the base map: keep it as a light veil instead.
  map.setPaintProperty('tenant-fill', 'fill-opacity', 0.35);
  if (base.attribution) map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-right');
}

const compasses = new WeakMap<MapLibreMap, IControl>();

function ensureLayers(map: MapLibreMap, settings: MapConfig | null | undefined): void {
  if (!map.getLayer('station-extrusion')) {
    map.addLayer(
      {
        id: 'station-extrusion',
        type: 'fill-extrusion',
        source: 'blocks',
        layout: { visibility: 'none' },
        paint: {
          'fill-extrusion-color': [
            'interpolate',
            ['linear'],
            ['get', 'available'],
            0,
            '#cf1322',
            1,
            '#fa8c16',
            3,
            '#1d39c4',
          ],
          // A county seen whole is ≈ 60 km across: there the columns are drawn 4× taller than their
          // nominal height so that they read at all; from zoom 12 on, at their nominal height.
          'fill-extrusion-height': [
            'interpolate',
            ['linear'],
            ['zoom'],
            9,
            ['*', 4, ['get', 'height']],
            12,
            ['get', 'height'],
          ],
          'fill-extrusion-opacity': 0.78,
        },
      },
      map.getLayer('iso-fill') ? 'iso-fill' : undefined,
    );
  }
  const terrain = settings?.terrain;
  if (terrain && !map.getSource('terrain-dem')) {
    const dem = {
      type: 'raster-dem' as const,
      tiles: [serverUrl(terrain.url)],
      encoding: terrain.encoding,
      tileSize: terrain.tileSize,
      maxzoom: terrain.maxzoom,
      bounds: terrain.bounds,
    };
    // Separate sources for terrain and hill shading, as MapLibre recommends.
    map.addSource('terrain-dem', dem);
    map.addSource('hillshade-dem', dem);
    map.addLayer(
      {
        id: 'hillshade',
        type: 'hillshade',
        source: 'hillshade-dem',
        layout: { visibility: 'none' },
        paint: { 'hillshade-exaggeration': 0.45, 'hillshade-shadow-color': '#3d3326' },
      },
      map.getLayer('area-fill') ? 'area-fill' : undefined,
    );
  }
}

const modes = new WeakMap<MapLibreMap, boolean>();
const demBounds = new WeakMap<MapLibreMap, readonly [number, number, number, number]>();
const published = new WeakSet<MapLibreMap>();

/**
 * Terrain is on in 3D while the view overlaps the elevation model. Outside it there is nothing to raise,
 * and MapLibre would hold camera movements waiting for elevation data that never comes.
 */
function syncTerrain(map: MapLibreMap): void {
  const dem = demBounds.get(map);
  const view = map.getBounds();
  const overlaps =
    dem !== undefined &&
    view.getWest() < dem[2] &&
    dem[0] < view.getEast() &&
    view.getSouth() < dem[3] &&
    dem[1] < view.getNorth();
  const want = (modes.get(map) ?? false) && overlaps;
  if (want && !map.getTerrain()) map.setTerrain({ source: 'terrain-dem', exaggeration: 1.5 });
  else if (!want && map.getTerrain()) map.setTerrain(null);
}

/** Switches between the flat map and the 3D view; the live layers stay as they are. */
export function setView3d(map: MapLibreMap, on: boolean, settings: MapConfig | null | undefined): void {
  ensureLayers(map, settings);
  if (!published.has(map)) {
    // The map element tells its camera and terrain state after every movement, not only when idle:
    // with terrain tiles still loading the map may take long to become idle.
    published.add(map);
    map.on('moveend', () => {
      syncTerrain(map);
      Object.assign(map.getContainer().dataset, viewState(map, [...labelLayerIds, 'station-label']));
    });
    // …and when the live incidents have been laid out again, which need not wait for idle either.
    map.on('sourcedata', (event) => {
      if (event.sourceId !== 'incidents' || !map.isSourceLoaded('incidents')) return;
      Object.assign(map.getContainer().dataset, viewState(map, [...labelLayerIds, 'station-label']));
    });
  }
  if (settings?.terrain && !demBounds.has(map)) demBounds.set(map, settings.terrain.bounds);
  if (on === (modes.get(map) ?? false)) {
    // Settings may arrive after the switch: terrain joins an open 3D view then.
    syncTerrain(map);
    return;
  }
  modes.set(map, on);
  const visibility = on ? 'visible' : 'none';
  map.setLayoutProperty('station-extrusion', 'visibility', visibility);
  if (map.getLayer('hillshade')) map.setLayoutProperty('hillshade', 'visibility', visibility);
  if (on) {
    map.dragRotate.enable();
    map.touchZoomRotate.enableRotation();
    map.keyboard.enableRotation();
    if (!compasses.has(map)) {
      const compass = new maplibregl.NavigationControl({
        showZoom: false,
        showCompass: true,
        visualizePitch: true,
      });
      map.addControl(compass, 'top-right' as ControlPosition);
      compasses.set(map, compass);
    }
    // Terrain follows at the end of the movement (moveend).
    map.easeTo({ pitch: PITCH_3D, bearing: map.getBearing() || -20, duration: 800 });
  } else {
    syncTerrain(map);
    map.easeTo({ pitch: 0, bearing: 0, duration: 600 });
    map.dragRotate.disable();
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    const compass = compasses.get(map);
    if (compass) {
      map.removeControl(compass);
      compasses.delete(map);
    }
  }
}

/** What a test or a screen reader can read off the map element. */
export function viewState(map: MapLibreMap, labelLayers: readonly string[]): Record<string, string> {
  const layers = labelLayers.filter((id) => map.getLayer(id));
  const labels = layers.length > 0 ? map.queryRenderedFeatures({ layers }) : [];
  // Incidents on the map, clusters counted by their size: it grows by one when an incident arrives.
  let incidentTotal = 0;
  for (const f of map.querySourceFeatures('incidents')) {
    const n = f.properties?.point_count;
    incidentTotal += typeof n === 'number' ? n : 1;
  }
  return {
    incidentTotal: String(incidentTotal),
    pitch: map.getPitch().toFixed(1),
    bearing: map.getBearing().toFixed(1),
    terrain: map.getTerrain() ? 'on' : 'off',
    labels: String(labels.length),
    labelSample: labels
      .slice(0, 40)
      .map((f) => String(f.properties?.name ?? f.properties?.callsign ?? f.properties?.number ?? ''))
      .join('|'),
  };
}
