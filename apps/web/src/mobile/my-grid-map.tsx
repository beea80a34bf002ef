import type { DisputeSummary, GridFeatureCollection, Hazard } from '@ronghui/contracts';
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { RISK_HEX } from '../api/disputes-api.ts';
import { hazardColor } from '../api/hazards-api.ts';
import { boundsOf } from '../map/geometry-bounds.ts';
import { maplibregl } from '../map/setup-worker.ts';
import { useMapLibre } from '../map/use-maplibre.ts';
import { useBaseLayers } from '../map/use-base-layers.ts';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Offline style: our roads, the police grid's outline, its community grids (mine filled), hazards, disputes, me. */
function myGridStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      roads: { type: 'geojson', data: empty },
      grids: { type: 'geojson', data: empty },
      points: { type: 'geojson', data: empty },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      {
        id: 'community-fill',
        type: 'fill',
        source: 'grids',
        filter: ['==', ['get', 'layer'], 'community'],
        paint: {
          'fill-color': ['case', ['get', 'mine'], '#52c41a', '#ffffff'],
          'fill-opacity': ['case', ['get', 'mine'], 0.28, 0.35],
        },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'roads',
        paint: {
          'line-color': '#b09a7a',
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 15, 3],
        },
      },
      {
        id: 'community-line',
        type: 'line',
        source: 'grids',
        filter: ['==', ['get', 'layer'], 'community'],
        paint: {
          'line-color': ['case', ['get', 'mine'], '#237804', '#8c8c8c'],
          'line-width': ['case', ['get', 'mine'], 3, 1],
        },
      },
      {
        id: 'police-line',
        type: 'line',
        source: 'grids',
        filter: ['==', ['get', 'layer'], 'police'],
        paint: { 'line-color': '#0a2f66', 'line-width': 2.5, 'line-dasharray': [3, 2] },
      },
      {
        // Overdue hazards get a wide dark ring.
        id: 'points',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-radius': ['case', ['==', ['get', 'kind'], 'me'], 8, ['get', 'late'], 9, 7],
          'circle-color': ['get', 'color'],
          // The phone itself: white with a thick navy ring, unlike any hazard or dispute.
          'circle-stroke-color': [
            'case',
            ['==', ['get', 'kind'], 'me'],
            '#0b4ea2',
            ['get', 'late'],
            '#000000',
            '#ffffff',
          ],
          'circle-stroke-width': ['case', ['==', ['get', 'kind'], 'me'], 4, ['get', 'late'], 3, 2],
        },
      },
    ],
  };
}

export interface MyGridMapProps {
  grids: GridFeatureCollection | undefined;
  policeGridId: string;
  communityGridId: string | null;
  hazards: readonly Hazard[];
  disputes: readonly DisputeSummary[];
  here: { lon: number; lat: number } | null;
}

/**
 * 我的网格's map: the worker's community grid filled, the other community grids of their police grid
 * outlined, the police grid dashed; hazards by their state (a black ring when overdue), open disputes in their
 * risk colour (a black ring when past the month), the phone's position as a white dot ringed in navy. Our own roads only.
 */
export function MyGridMap({ grids, policeGridId, communityGridId, hazards, disputes, here }: MyGridMapProps) {
  const { roads } = useBaseLayers();
  // MapLibre's workers end with the last map; kept instead, the map comes back when the worker returns to
  // 我的网格 without a network (the worker's script is not part of the phone's offline shell).
  useEffect(() => maplibregl.prewarm(), []);
  const fitted = useRef<string | null>(null);
  const { container, map } = useMapLibre({
    style: myGridStyle,
    name: 'my grid',
    view: () => ({ center: [118.24, 25.49], zoom: 9 }),
    init: (m, element) => {
      m.on('idle', () => {
        element.dataset.mapState = 'idle';
      });
      return undefined;
    },
  });

  const gridData = useMemo((): FeatureCollection => {
    const features = (grids?.features ?? [])
      .filter((f) => f.properties.id === policeGridId || f.properties.policeGridId === policeGridId)
      .map(
        (f): Feature => ({
          type: 'Feature',
          geometry: f.geometry as unknown as Feature['geometry'],
          properties: { ...f.properties, mine: f.properties.id === communityGridId },
        }),
      );
    return { type: 'FeatureCollection', features };
  }, [grids, policeGridId, communityGridId]);

  const pointData = useMemo((): FeatureCollection => {
    const point = (lon: number, lat: number, properties: Record<string, unknown>): Feature => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties,
    });
    return {
      type: 'FeatureCollection',
      features: [
        ...hazards.map((h) =>
          point(h.lon, h.lat, {
            kind: 'hazard',
            id: h.id,
            color: hazardColor(h),
            late: h.overdue === 'overdue' || h.overdue === 'escalated',
          }),
        ),
        ...disputes
          .filter((d) => d.lon !== null && d.lat !== null)
          .map((d) =>
            point(d.lon!, d.lat!, { kind: 'dispute', id: d.id, color: RISK_HEX[d.risk], late: d.overdue }),
          ),
        ...(here ? [point(here.lon, here.lat, { kind: 'me', color: '#ffffff', late: false })] : []),
      ],
    };
  }, [hazards, disputes, here]);

  useEffect(() => {
    if (!map || !roads.data) return;
    (map.getSource('roads') as GeoJSONSource | undefined)?.setData(roads.data as FeatureCollection);
  }, [map, roads.data]);

  useEffect(() => {
    if (!map) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(gridData);
    const element = map.getContainer();
    element.dataset.gridCount = String(gridData.features.length);
    element.dataset.communityGrid = communityGridId ?? '';
    // Fit once to the worker's community grid (or the police grid): they may pan and zoom afterwards.
    const focus = gridData.features.filter((f) => f.properties?.id === (communityGridId ?? policeGridId));
    const key = focus.length ? String(focus[0]!.properties?.id) : null;
    if (!key || fitted.current === key) return;
    const bounds = boundsOf(focus.map((f) => f.geometry));
    if (!bounds) return;
    fitted.current = key;
    map.fitBounds(bounds, { padding: 24, maxZoom: 16, animate: false });
  }, [map, gridData, communityGridId, policeGridId]);

  useEffect(() => {
    if (!map) return;
    (map.getSource('points') as GeoJSONSource | undefined)?.setData(pointData);
    map.getContainer().dataset.pointCount = String(pointData.features.length);
  }, [map, pointData]);

  return <div ref={container} className="m-map m-grid-map" data-testid="my-grid-map" />;
}
