import type { OrgFeatureCollection } from '../api/orgs-api.ts';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent, Popup } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { withAreaColors } from './area-colors.ts';
import { boundsOf, isPointLike } from './geometry-bounds.ts';
import { orgHighlight } from './org-highlight.ts';
import {
  buildOrgStyle,
  highlightFilters,
  highlightLayers,
  interactiveLayers,
  orgSourceId,
} from './org-style.ts';
import { maplibregl } from './setup-worker.ts';
import { useMapLibre } from './use-maplibre.ts';
import 'maplibre-gl/dist/maplibre-gl.css';

export interface OrgMapProps {
  data: OrgFeatureCollection;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Tooltip text for a feature: name and translated kind (the style itself draws no text). */
  describe: (properties: { name: string; kind: string; code: string }) => string;
  onError?: (reason: string) => void;
}

const fitPadding = 32;

/** Fits the view to some orgs (all of them when `ids` is null). */
function fitTo(
  map: MapLibreMap,
  data: OrgFeatureCollection,
  ids: readonly string[] | null,
  animate: boolean,
): void {
  const wanted = ids ? new Set(ids) : null;
  const features = wanted ? data.features.filter((f) => wanted.has(f.properties.id)) : data.features;
  const bounds = boundsOf(features.map((f) => f.geometry));
  if (!bounds) return;
  if (isPointLike(bounds)) {
    map.easeTo({ center: [bounds[0], bounds[1]], zoom: Math.max(map.getZoom(), 12), animate });
  } else {
    map.fitBounds(bounds, { padding: fitPadding, animate, maxZoom: 14 });
  }
}

function tooltipNode(text: string): HTMLElement {
  const div = document.createElement('div');
  div.textContent = text;
  div.style.whiteSpace = 'nowrap';
  return div;
}

/** The county on MapLibre: areas, grids, stations from our API; a selected org is outlined and fitted. */
/** The map is built once; a new language needs a new map (give the component a `key`). */
export function OrgMap({ data, selectedId, onSelect, describe, onError }: OrgMapProps) {
  const colored = useMemo(() => withAreaColors(data), [data]);
  const highlight = useMemo(() => orgHighlight(colored.features, selectedId), [colored, selectedId]);
  // Handlers registered once read the latest props through this ref.
  const latest = useRef({ onSelect, describe, onError, colored, highlight });
  latest.current = { onSelect, describe, onError, colored, highlight };

  const { container, map } = useMapLibre({
    style: () => buildOrgStyle(latest.current.colored),
    onError: (reason) => latest.current.onError?.(reason),
    init: (map, element) => {
      const hover: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 8 });
      const featureAt = (event: MapMouseEvent) =>
        map.queryRenderedFeatures(event.point, { layers: [...interactiveLayers] })[0];

      map.on('mousemove', (event) => {
        const feature = featureAt(event);
        const properties = feature?.properties as
          | { name?: unknown; kind?: unknown; code?: unknown }
          | undefined;
        if (!properties || typeof properties.name !== 'string') {
          map.getCanvas().style.cursor = '';
          hover.remove();
          return;
        }
        map.getCanvas().style.cursor = 'pointer';
        const text = latest.current.describe({
          name: properties.name,
          kind: String(properties.kind ?? ''),
          code: String(properties.code ?? ''),
        });
        hover.setLngLat(event.lngLat).setDOMContent(tooltipNode(text)).addTo(map);
      });
      map.on('mouseout', () => hover.remove());
      map.on('click', (event) => {
        const id = featureAt(event)?.properties?.id;
        if (typeof id === 'string') latest.current.onSelect(id);
      });
      // A resized window (or a collapsed menu) keeps the chosen org in view rather than the old centre.
      map.on('resize', () => {
        const { colored, highlight } = latest.current;
        fitTo(map, colored, highlight.all.length > 0 ? highlight.all : null, false);
      });
      map.on('idle', () => {
        element.dataset.mapState = 'idle';
        // Read by the browser test: proof that our GeoJSON, not just a background, reached the screen.
        element.dataset.renderedFeatures = String(map.queryRenderedFeatures().length);
        element.dataset.highlighted = String(
          map.queryRenderedFeatures({ layers: [...highlightLayers] }).length,
        );
      });
      return () => hover.remove();
    },
    onLoad: (map) => fitTo(map, latest.current.colored, null, false),
  });

  useEffect(() => {
    if (!map) return;
    (map.getSource(orgSourceId) as GeoJSONSource | undefined)?.setData(colored);
  }, [colored, map]);

  useEffect(() => {
    if (!map) return;
    const filters = highlightFilters(highlight.polygons, highlight.points);
    for (const layer of highlightLayers) map.setFilter(layer, filters[layer]);
    if (highlight.all.length > 0) fitTo(map, latest.current.colored, highlight.all, true);
  }, [highlight, map]);

  return <div ref={container} data-testid="org-map" style={{ position: 'absolute', inset: 0 }} />;
}
