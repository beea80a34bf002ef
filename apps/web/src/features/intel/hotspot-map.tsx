import type { OrgFeatureCollection } from '../../api/orgs-api.ts';
import type { CrimeRecord, IntelHotspots } from '@ronghui/contracts';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { boundsOf } from '../../map/geometry-bounds.ts';
import { useMapLibre } from '../../map/use-maplibre.ts';
import {
  buildHotspotStyle,
  crimeLayer,
  crimePoints,
  hotspotLayer,
  scaledCells,
  sources,
} from './hotspot-style.ts';
import 'maplibre-gl/dist/maplibre-gl.css';

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
  const latest = useRef({ onSelect, onError, orgs });
  latest.current = { onSelect, onError, orgs };
  const cells = useMemo(() => scaledCells(hotspots), [hotspots]);
  const points = useMemo(() => crimePoints(records, seriesIds, selectedId), [records, seriesIds, selectedId]);

  const { container, map } = useMapLibre({
    style: () => buildHotspotStyle(latest.current.orgs),
    onError: (reason) => latest.current.onError?.(reason),
    init: (map, element) => {
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
      let removed = false;
      map.on('idle', () => {
        // An idle event can still arrive while the page leaves and the map is being removed.
        if (removed) return;
        element.dataset.mapState = 'idle';
        // Read by the browser test: the hotspot cells really reached the screen.
        element.dataset.hotspotCells = String(map.queryRenderedFeatures({ layers: [hotspotLayer] }).length);
        element.dataset.crimePoints = String(map.queryRenderedFeatures({ layers: [crimeLayer] }).length);
      });
      return () => {
        removed = true;
      };
    },
  });

  useEffect(() => {
    if (!map) return;
    (map.getSource(sources.cells) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: cells,
    });
    // Frame the flagged cells (the county town in the demo) rather than the whole county.
    const flagged = cells.filter((c) => c.properties.flagged);
    const bounds = boundsOf((flagged.length ? flagged : cells).map((c) => c.geometry));
    if (bounds) map.fitBounds(bounds, { padding: 60, maxZoom: 14, animate: false });
  }, [cells, map]);

  useEffect(() => {
    if (!map) return;
    (map.getSource(sources.crimes) as GeoJSONSource | undefined)?.setData(points);
  }, [points, map]);

  // The chosen crime comes into view, close enough to tell its street block.
  const selected = records.find((r) => r.id === selectedId);
  useEffect(() => {
    if (!map || !selected) return;
    map.easeTo({ center: [selected.lon, selected.lat], zoom: Math.max(map.getZoom(), 13), duration: 600 });
  }, [selected, map]);

  return <div ref={container} data-testid="intel-map" style={{ position: 'absolute', inset: 0 }} />;
}
