import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import type { OrgFeatureCollection } from '../../api/orgs-api.ts';
import type {
  TrafficDevice,
  TrafficLevel,
  TrafficRoute,
  TrafficSection,
  TrafficSign,
} from '../../api/traffic-api.ts';
import { buildDispatchStyle, emptyCollection } from '../../map/dispatch-style.ts';
import { boundsOf } from '../../map/geometry-bounds.ts';
import { labelFont } from '../../map/map-resources.ts';
import { useMapLibre } from '../../map/use-maplibre.ts';
import { sectionColor } from './traffic-view.ts';
import 'maplibre-gl/dist/maplibre-gl.css';

/** The letter and colour of each device kind on the map (the legend spells them out). */
export const deviceGlyphs: Record<TrafficDevice['kind'], { letter: string; color: string }> = {
  weather: { letter: 'W', color: '#1677ff' },
  visibility: { letter: 'V', color: '#13c2c2' },
  surface: { letter: 'R', color: '#722ed1' },
  detector: { letter: 'D', color: '#2f54eb' },
  anpr: { letter: 'C', color: '#eb2f96' },
  sign: { letter: 'S', color: '#d48806' },
};

const layers: LayerSpecification[] = [
  {
    id: 'traffic-route-line',
    type: 'line',
    source: 'traffic-routes',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#52c41a', 'line-width': 4, 'line-dasharray': [2, 1.5], 'line-opacity': 0.9 },
  },
  {
    id: 'traffic-section-casing',
    type: 'line',
    source: 'traffic-sections',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': ['case', ['==', ['get', 'level'], 'none'], 8, 12] },
  },
  {
    id: 'traffic-section-line',
    type: 'line',
    source: 'traffic-sections',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': ['get', 'color'],
      'line-width': ['case', ['==', ['get', 'level'], 'none'], 5, ['get', 'selected'], 10, 8],
    },
  },
  {
    id: 'traffic-section-label',
    type: 'symbol',
    source: 'traffic-sections',
    layout: {
      'symbol-placement': 'line-center',
      'text-field': ['get', 'name'],
      'text-font': labelFont,
      'text-size': 12,
      'text-offset': [0, -1.2],
    },
    paint: { 'text-color': '#262626', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  },
  {
    id: 'traffic-device-dot',
    type: 'circle',
    source: 'traffic-devices',
    paint: {
      'circle-radius': 9,
      'circle-color': ['case', ['get', 'online'], ['get', 'color'], '#bfbfbf'],
      'circle-stroke-color': ['case', ['get', 'selected'], '#000000', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
    },
  },
  {
    id: 'traffic-device-letter',
    type: 'symbol',
    source: 'traffic-devices',
    layout: {
      'text-field': ['get', 'letter'],
      'text-font': labelFont,
      'text-size': 11,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  },
  {
    id: 'traffic-sign-text',
    type: 'symbol',
    source: 'traffic-devices',
    filter: ['all', ['==', ['get', 'kind'], 'sign'], ['!=', ['get', 'text'], '']],
    layout: {
      'text-field': ['get', 'text'],
      'text-font': labelFont,
      'text-size': 13,
      'text-anchor': 'left',
      'text-offset': [1.2, 0],
      'text-max-width': 12,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffb000', 'text-halo-color': '#000000', 'text-halo-width': 3 },
  },
  {
    id: 'traffic-draft-line',
    type: 'line',
    source: 'traffic-draft',
    paint: { 'line-color': '#1677ff', 'line-width': 4, 'line-dasharray': [1, 1] },
  },
  {
    id: 'traffic-draft-point',
    type: 'circle',
    source: 'traffic-draft',
    paint: {
      'circle-radius': 6,
      'circle-color': '#1677ff',
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  },
];

const sourceIds = ['traffic-routes', 'traffic-sections', 'traffic-devices', 'traffic-draft'] as const;

export interface TrafficMapProps {
  orgs: OrgFeatureCollection;
  roads?: FeatureCollection | undefined;
  sections: readonly TrafficSection[];
  levels: ReadonlyMap<string, TrafficLevel>;
  devices: readonly TrafficDevice[];
  signs: readonly TrafficSign[];
  routes: readonly TrafficRoute[];
  selectedSection?: string | null;
  selectedDevice?: string | null;
  /** A section to frame (a new `n` frames it again). */
  focus?: { sectionId: string; n: number } | null;
  /** Points being placed (a new section's line or a device's position), drawn as a draft. */
  draft?: readonly (readonly [number, number])[];
  /** While set, a click on the map gives its position here instead of picking a feature. */
  onPoint?: ((at: [number, number]) => void) | null;
  onSelectSection?: (id: string) => void;
  onSelectDevice?: (id: string) => void;
}

/**
 * The county's hazard-prone sections coloured by their worst active hazard, the roadside devices by kind
 * (offline ones greyed), what each sign shows now, and the alternative routes, on the offline base map.
 */
export function TrafficMap(props: TrafficMapProps) {
  const latest = useRef(props);
  latest.current = props;
  const { container, map } = useMapLibre({
    name: 'traffic map',
    style: () => {
      const base = buildDispatchStyle(latest.current.orgs);
      const sources = Object.fromEntries(
        sourceIds.map((id) => [id, { type: 'geojson' as const, data: emptyCollection }]),
      );
      return { ...base, sources: { ...base.sources, ...sources }, layers: [...base.layers, ...layers] };
    },
    init: (map, element) => {
      const click = (event: MapMouseEvent) => {
        const { onPoint, onSelectDevice, onSelectSection } = latest.current;
        if (onPoint) {
          onPoint([round(event.lngLat.lng), round(event.lngLat.lat)]);
          return;
        }
        const [hit] = map.queryRenderedFeatures(event.point, {
          layers: ['traffic-device-dot', 'traffic-section-line'],
        });
        const id = hit?.properties?.id;
        if (typeof id !== 'string') return;
        if (hit?.layer.id === 'traffic-device-dot') onSelectDevice?.(id);
        else onSelectSection?.(id);
      };
      map.on('click', click);
      map.on('idle', () => {
        element.dataset.mapState = 'idle';
      });
      return () => map.off('click', click);
    },
  });

  const { sections, levels, devices, signs, routes, selectedSection, selectedDevice, draft, roads } = props;
  const data = useMemo(() => {
    const shown = new Map(signs.map((s) => [s.id, s.text]));
    const sectionData: FeatureCollection = {
      type: 'FeatureCollection',
      features: sections.map((s) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: s.line.map((p) => [...p]) },
        properties: {
          id: s.id,
          name: s.name,
          level: levels.get(s.id) ?? 'none',
          color: sectionColor(levels.get(s.id)),
          selected: s.id === selectedSection,
        },
      })),
    };
    const deviceData: FeatureCollection = {
      type: 'FeatureCollection',
      features: devices.map((d) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [...d.position] },
        properties: {
          id: d.id,
          kind: d.kind,
          online: d.online,
          letter: deviceGlyphs[d.kind].letter,
          color: deviceGlyphs[d.kind].color,
          text: d.kind === 'sign' ? (shown.get(d.id) ?? '') : '',
          selected: d.id === selectedDevice,
        },
      })),
    };
    const routeData: FeatureCollection = {
      type: 'FeatureCollection',
      features: routes.flatMap((r): Feature[] =>
        r.geometry
          ? [{ type: 'Feature', geometry: { ...r.geometry }, properties: { id: r.id, name: r.name } }]
          : [],
      ),
    };
    const points = draft ?? [];
    const draftData: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        ...points.map(
          (p): Feature => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [...p] },
            properties: {},
          }),
        ),
        ...(points.length > 1
          ? [
              {
                type: 'Feature' as const,
                geometry: { type: 'LineString' as const, coordinates: points.map((p) => [...p]) },
                properties: {},
              },
            ]
          : []),
      ],
    };
    return {
      'traffic-sections': sectionData,
      'traffic-devices': deviceData,
      'traffic-routes': routeData,
      'traffic-draft': draftData,
    };
  }, [sections, levels, devices, signs, routes, selectedSection, selectedDevice, draft]);

  useEffect(() => {
    if (!map) return;
    for (const [id, collection] of Object.entries(data))
      (map.getSource(id) as GeoJSONSource | undefined)?.setData(collection);
    const element = map.getContainer();
    element.dataset.sections = String(data['traffic-sections'].features.length);
    element.dataset.devices = String(data['traffic-devices'].features.length);
    element.dataset.routes = String(data['traffic-routes'].features.length);
  }, [map, data]);

  // The sections are a few kilometres of a county's roads: the first view frames them and their devices.
  const framed = useRef(false);
  useEffect(() => {
    if (!map || framed.current) return;
    const features = [...data['traffic-sections'].features, ...data['traffic-devices'].features];
    const bounds = boundsOf(features.map((f) => f.geometry));
    if (!bounds) return;
    framed.current = true;
    map.fitBounds(bounds, { padding: 60, maxZoom: 14, animate: false });
  }, [map, data]);

  const { focus } = props;
  useEffect(() => {
    if (!map || !focus) return;
    const section = latest.current.sections.find((s) => s.id === focus.sectionId);
    const bounds = section
      ? boundsOf([{ type: 'LineString', coordinates: section.line.map((p) => [...p]) }])
      : null;
    if (bounds) map.fitBounds(bounds, { padding: 80, maxZoom: 15, duration: 600 });
  }, [map, focus]);

  useEffect(() => {
    if (map && roads) (map.getSource('roads') as GeoJSONSource | undefined)?.setData(roads);
  }, [map, roads]);

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = props.onPoint ? 'crosshair' : '';
  }, [map, props.onPoint]);

  return (
    <div
      ref={container}
      data-testid="traffic-map"
      style={{ height: 560, borderRadius: 8, overflow: 'hidden', position: 'relative' }}
    />
  );
}

/** Six decimals (about 0.1 m) are plenty for a roadside position. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
