import type { RoutingRoute } from '@ronghui/contracts';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useBaseLayers } from '../map/use-base-layers.ts';
import { useMapLibre } from '../map/use-maplibre.ts';
import type { Place } from './road-eta.ts';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A small offline style: our road network, the route, the officer and the incident. No tiles, no text. */
function fieldStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      roads: { type: 'geojson', data: empty },
      route: { type: 'geojson', data: empty },
      points: { type: 'geojson', data: empty },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
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
        id: 'route',
        type: 'line',
        source: 'route',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#1677ff', 'line-width': 6, 'line-opacity': 0.85 },
      },
      {
        id: 'points',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-radius': 9,
          'circle-color': ['match', ['get', 'kind'], 'incident', '#cf1322', '#1677ff'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}

function points(here: Place | null, incident: Place): FeatureCollection {
  const point = (p: Place, kind: string) => ({
    type: 'Feature' as const,
    properties: { kind },
    geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
  });
  return {
    type: 'FeatureCollection',
    features: [point(incident, 'incident'), ...(here ? [point(here, 'me')] : [])],
  };
}

/** The route from the officer to the incident, drawn by the phone from our own road engine's answer. */
export function RouteMap({
  here,
  incident,
  route,
}: {
  here: Place | null;
  incident: Place;
  route: RoutingRoute | undefined;
}) {
  const { roads } = useBaseLayers();
  const fitted = useRef<string | null>(null);
  const { container, map } = useMapLibre({
    style: fieldStyle,
    name: 'field-route',
    view: () => ({ center: [incident.lon, incident.lat], zoom: 13 }),
    onLoad: (_, element) => {
      element.dataset.mapState = 'loaded';
    },
  });

  useEffect(() => {
    if (!map || !roads.data) return;
    (map.getSource('roads') as GeoJSONSource | undefined)?.setData(roads.data as FeatureCollection);
  }, [map, roads.data]);

  useEffect(() => {
    if (!map) return;
    (map.getSource('points') as GeoJSONSource | undefined)?.setData(points(here, incident));
    const line: FeatureCollection = route
      ? {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: route.geometry }],
        }
      : empty;
    (map.getSource('route') as GeoJSONSource | undefined)?.setData(line);
    const element = map.getContainer();
    element.dataset.route = route ? 'shown' : 'none';
    // Fit once per route: the officer may pan and zoom afterwards.
    const key = route ? `${route.distanceMeters}` : here ? 'points' : null;
    if (!key || fitted.current === key) return;
    fitted.current = key;
    // The route and both ends: a place off the road is joined to it by the road engine, not drawn on it.
    const coords: [number, number][] = [
      ...(route ? (route.geometry.coordinates as [number, number][]) : []),
      [incident.lon, incident.lat],
      ...(here ? [[here.lon, here.lat] as [number, number]] : []),
    ];
    const lons = coords.map((c) => c[0]);
    const lats = coords.map((c) => c[1]);
    map.fitBounds([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], {
      padding: 40,
      maxZoom: 16,
      animate: false,
    });
  }, [map, here, incident, route]);

  return <div ref={container} className="m-map" data-testid="mobile-route-map" />;
}
