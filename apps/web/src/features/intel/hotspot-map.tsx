import 'maplibre-gl/dist/maplibre-gl.css';
import type { CrimeRecord, IntelHotspots } from '@ronghui/contracts';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OrgFeatureCollection } from '../../api/orgs-api.ts';
import { boundsOf } from '../../map/geometry-bounds.ts';
import { maplibregl } from '../../map/setup-worker.ts';
import {
  buildHotspotStyle,
  crimeLayer,
  crimePoints,
  hotspotLayer,
  scaledCells,
  sources,
} from './hotspot-style.ts';

export interface HotspotMapProps {
  orgs: OrgFeatureCollection;
  hotspots: IntelHotspots | undefined;
  records: readonly CrimeRecord[];
  seriesIds: ReadonlySet<string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onError?: (reason: string) => void;
}

/** Hotspot cells, crimes and the chosen series on the county outline (MapLibre, offline style). */
export function HotspotMap({
  orgs,
  hotspots,
  records,
  seriesIds,
  selectedId,
  onSelect,
  onError,
}: HotspotMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ onSelect, onError, orgs });
  latest.current = { onSelect, onError, orgs };
  const cells = useMemo(() => scaledCells(hotspots), [hotspots]);
  const points = useMemo(() => crimePoints(records, seriesIds, selectedId), [records, seriesIds, selectedId]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: element,
        style: buildHotspotStyle(latest.current.orgs),
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        center: [118.24, 25.49],
        zoom: 11,
      });
    } catch (error) {
      latest.current.onError?.(error instanceof Error ? error.message : String(error));
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    map.on('click', crimeLayer, (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') latest.current.onSelect(id);
    });
    map.on('mouseenter', crimeLayer, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', crimeLayer, () => {
      map.getCanvas().style.cursor = '';
    });
    map.on('load', () => setReady(true));
    map.on('idle', () => {
      // An idle event can still arrive while the page leaves and the map is being removed.
      if (mapRef.current !== map) return;
      element.dataset.mapState = 'idle';
      // Read by the browser test: the hotspot cells really reached the screen.
      element.dataset.hotspotCells = String(map.queryRenderedFeatures({ layers: [hotspotLayer] }).length);
      element.dataset.crimePoints = String(map.queryRenderedFeatures({ layers: [crimeLayer] }).length);
    });
    map.on('error', (event) => console.warn('map error', event.error));
    return () => {
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource(sources.cells) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: cells,
    });
    // Frame the flagged cells (the county town in the demo) rather than the whole county.
    const flagged = cells.filter((c) => c.properties.flagged);
    const bounds = boundsOf((flagged.length ? flagged : cells).map((c) => c.geometry));
    if (bounds) map.fitBounds(bounds, { padding: 60, maxZoom: 14, animate: false });
  }, [cells, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource(sources.crimes) as GeoJSONSource | undefined)?.setData(points);
  }, [points, ready]);

  // The chosen crime comes into view, close enough to tell its street block.
  const selected = records.find((r) => r.id === selectedId);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !selected) return;
    map.easeTo({ center: [selected.lon, selected.lat], zoom: Math.max(map.getZoom(), 13), duration: 600 });
  }, [selected, ready]);

  return <div ref={container} data-testid="intel-map" style={{ position: 'absolute', inset: 0 }} />;
}
