import type { OrgFeatureCollection } from '../../api/orgs-api.ts';
import type { MapConfig } from '@ronghui/contracts';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { boundsOf, isPointLike } from '../../map/geometry-bounds.ts';
import { maplibregl } from '../../map/setup-worker.ts';
import { useMapLibre } from '../../map/use-maplibre.ts';
import { buildDispatchStyle, clickableLayers, type DispatchSource } from '../../map/dispatch-style.ts';
import { applyBaseTiles, setView3d, viewState } from '../../map/map-3d.ts';
import { labelLayerIds } from '../../map/map-labels.ts';
import type { UnitFeed } from '../../app/live-coalescer.ts';
import { addUnitIcons, UnitOverlay } from '../units/index.ts';
import { groupLayers, type LayerGroup, layerGroups } from './layer-groups.ts';
import 'maplibre-gl/dist/maplibre-gl.css';

export type MapPick = { kind: 'incident' | 'unit'; id: string } | { kind: 'point'; lon: number; lat: number };

export interface MapFocus {
  lon: number;
  lat: number;
  zoom?: number;
  /** A new key re-centres even on the same point. */
  key: number;
}

export interface DispatchMapProps {
  orgs: OrgFeatureCollection;
  data: Partial<Record<DispatchSource, FeatureCollection>>;
  visible: ReadonlySet<LayerGroup>;
  focus?: MapFocus | null;
  onPick?: (pick: MapPick) => void;
  /** Tooltip text for a unit or incident feature's properties. */
  describe?: (properties: Record<string, unknown>) => string | null;
  interactive?: boolean;
  testId?: string;
  /** The org the first view is fitted to (with the orgs right below it); the whole county if absent. */
  homeOrgId?: string | null;
  /** Units as they move, drawn without re-rendering the page (`data.units` still says who is selected). */
  unitFeed?: UnitFeed | undefined;
  /** Pitched, rotatable view with terrain (when the server has a DEM) and extruded station blocks. */
  view3d?: boolean;
  /** Base tiles and terrain from `/api/map/config`. */
  mapSettings?: MapConfig | null;
  /** The loaded map, for overlays that add their own sources and layers (null once it is removed). */
  onMap?: (map: MapLibreMap | null) => void;
}

/** The live command map: our own outlines and roads, units with heading arrows, incidents, routes. */
export function DispatchMap(props: DispatchMapProps) {
  const { data, visible, focus, testId = 'dispatch-map' } = props;
  const overlayRef = useRef<UnitOverlay | null>(null);
  const applied = useRef(new Map<string, FeatureCollection>());
  const latest = useRef(props);
  latest.current = props;

  const { container, map } = useMapLibre({
    style: () => buildDispatchStyle(latest.current.orgs),
    interactive: latest.current.interactive ?? true,
    maxPitch: 70,
    init: (map, element) => {
      // Units move every second: they are drawn on their own canvas, so a move does not repaint the map.
      const overlay = new UnitOverlay(map);
      overlayRef.current = overlay;
      const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10 });
      const featureAt = (event: MapMouseEvent) => {
        const unit = overlay.hit(event.point);
        return unit
          ? { ...unit, layer: { id: 'unit-icon' } }
          : map.queryRenderedFeatures(event.point, { layers: [...clickableLayers] })[0];
      };

      map.on('mousemove', (event) => {
        const feature = featureAt(event);
        const text = feature ? latest.current.describe?.(feature.properties ?? {}) : null;
        map.getCanvas().style.cursor = feature ? 'pointer' : '';
        if (!text) {
          hover.remove();
          return;
        }
        const div = document.createElement('div');
        div.textContent = text;
        div.style.whiteSpace = 'pre';
        hover.setLngLat(event.lngLat).setDOMContent(div).addTo(map);
      });
      map.on('mouseout', () => hover.remove());
      map.on('click', (event) => {
        const feature = featureAt(event);
        const p = feature?.properties ?? {};
        if (feature && typeof p.cluster_id === 'number') {
          map.easeTo({ center: event.lngLat, zoom: map.getZoom() + 2 });
          return;
        }
        if (feature && typeof p.id === 'string') {
          const kind = feature.layer.id === 'unit-icon' ? 'unit' : 'incident';
          latest.current.onPick?.({ kind, id: p.id });
          return;
        }
        latest.current.onPick?.({ kind: 'point', lon: event.lngLat.lng, lat: event.lngLat.lat });
      });
      map.on('idle', () => {
        element.dataset.mapState = 'idle';
        element.dataset.units = String(overlay.count());
        element.dataset.incidents = String(map.querySourceFeatures('incidents').length);
        Object.assign(element.dataset, viewState(map, [...labelLayerIds, 'station-label']));
      });
      return () => {
        latest.current.onMap?.(null);
        hover.remove();
        overlay.remove();
        overlayRef.current = null;
        applied.current.clear();
      };
    },
    onLoad: (map, element) => {
      addUnitIcons(map);
      const { orgs: all, homeOrgId } = latest.current;
      const home = all.features.filter(
        (f) => homeOrgId && (f.properties.id === homeOrgId || f.properties.parentId === homeOrgId),
      );
      const bounds = boundsOf((home.length > 0 ? home : all.features).map((f) => f.geometry));
      if (bounds && isPointLike(bounds)) map.jumpTo({ center: [bounds[0], bounds[1]], zoom: 12 });
      else if (bounds) {
        // Leave room for the search and layer panel in the top-left corner.
        const left = element.clientWidth > 1000 ? 290 : 24;
        map.fitBounds(bounds, { padding: { top: 24, bottom: 48, left, right: 48 }, animate: false });
      }
      latest.current.onMap?.(map);
    },
  });

  useEffect(() => {
    if (!map) return;
    // Only sources whose collection changed are re-read: the roads stay put while units move.
    for (const [id, collection] of Object.entries(data)) {
      if (!collection || applied.current.get(id) === collection) continue;
      applied.current.set(id, collection);
      if (id === 'units') {
        overlayRef.current?.setData(collection);
        continue;
      }
      (map.getSource(id) as GeoJSONSource | undefined)?.setData(collection);
    }
  }, [data, map]);

  useEffect(() => {
    if (!map) return;
    for (const group of layerGroups) {
      for (const layer of groupLayers[group]) {
        if (map.getLayer(layer))
          map.setLayoutProperty(layer, 'visibility', visible.has(group) ? 'visible' : 'none');
      }
    }
    overlayRef.current?.setVisible(visible.has('units'));
  }, [visible, map]);

  const { unitFeed } = props;
  useEffect(() => {
    if (!unitFeed || !map) return;
    return unitFeed.subscribe((units) => overlayRef.current?.setUnits(units));
  }, [unitFeed, map]);

  useEffect(() => {
    if (!map || !focus) return;
    map.easeTo({ center: [focus.lon, focus.lat], zoom: Math.max(map.getZoom(), focus.zoom ?? 12) });
  }, [focus, map]);

  const { view3d = false, mapSettings } = props;
  useEffect(() => {
    if (!map) return;
    applyBaseTiles(map, mapSettings);
    setView3d(map, view3d, mapSettings);
  }, [view3d, mapSettings, map]);

  return <div ref={container} data-testid={testId} style={{ position: 'absolute', inset: 0 }} />;
}
