import type { FeatureCollection } from 'geojson';
import type { GridFeatureCollection } from '@ronghui/contracts';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent, Popup } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { boundsOf } from '../../map/geometry-bounds.ts';
import { maplibregl } from '../../map/setup-worker.ts';
import { useMapLibre } from '../../map/use-maplibre.ts';
import {
  buildGridStyle,
  communityFillLayer,
  policeFillLayer,
  selectedLayer,
  withGridColors,
} from './grid-style.ts';
import 'maplibre-gl/dist/maplibre-gl.css';

export interface GridMapProps {
  data: GridFeatureCollection;
  showPolice: boolean;
  showCommunity: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onError?: (reason: string) => void;
}

function fit(map: MapLibreMap, data: GridFeatureCollection, animate: boolean) {
  const bounds = boundsOf(data.features.map((f) => f.geometry as never));
  if (bounds) map.fitBounds(bounds, { padding: 24, animate, maxZoom: 14 });
}

/** Police grids outlined, community grids filled; a click picks the community grid (else the police grid). */
export function GridMap({ data, showPolice, showCommunity, selectedId, onSelect, onError }: GridMapProps) {
  const colored = useMemo(() => withGridColors(data), [data]);
  const latest = useRef({ onSelect, onError, colored, showCommunity, showPolice });
  latest.current = { onSelect, onError, colored, showCommunity, showPolice };

  const { container, map } = useMapLibre({
    name: 'grid map',
    style: () => buildGridStyle(latest.current.colored),
    onError: (reason) => latest.current.onError?.(reason),
    init: (map, element) => {
      const hover: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 8 });
      const featureAt = (event: MapMouseEvent) => {
        const layers = [
          ...(latest.current.showCommunity ? [communityFillLayer] : []),
          ...(latest.current.showPolice ? [policeFillLayer] : []),
        ];
        return layers.length ? map.queryRenderedFeatures(event.point, { layers })[0] : undefined;
      };
      map.on('mousemove', (event) => {
        const name = featureAt(event)?.properties?.name;
        if (typeof name !== 'string') {
          map.getCanvas().style.cursor = '';
          hover.remove();
          return;
        }
        map.getCanvas().style.cursor = 'pointer';
        const div = document.createElement('div');
        div.textContent = name;
        div.style.whiteSpace = 'nowrap';
        hover.setLngLat(event.lngLat).setDOMContent(div).addTo(map);
      });
      map.on('mouseout', () => hover.remove());
      map.on('click', (event) => {
        const id = featureAt(event)?.properties?.id;
        if (typeof id === 'string') latest.current.onSelect(id);
      });
      map.on('idle', () => {
        element.dataset.mapState = 'idle';
        element.dataset.policeRendered = String(
          latest.current.showPolice ? map.queryRenderedFeatures({ layers: ['police-line'] }).length : 0,
        );
        element.dataset.communityRendered = String(
          latest.current.showCommunity
            ? map.queryRenderedFeatures({ layers: [communityFillLayer] }).length
            : 0,
        );
      });
      return () => hover.remove();
    },
    onLoad: (map) => fit(map, latest.current.colored, false),
  });

  useEffect(() => {
    if (!map) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(colored as unknown as FeatureCollection);
  }, [colored, map]);

  useEffect(() => {
    if (!map) return;
    for (const id of [policeFillLayer, 'police-line'])
      map.setLayoutProperty(id, 'visibility', showPolice ? 'visible' : 'none');
    for (const id of [communityFillLayer, 'community-line'])
      map.setLayoutProperty(id, 'visibility', showCommunity ? 'visible' : 'none');
  }, [map, showPolice, showCommunity]);

  useEffect(() => {
    if (!map) return;
    map.setFilter(selectedLayer, ['==', ['get', 'id'], selectedId ?? '']);
  }, [map, selectedId]);

  return <div ref={container} data-testid="grid-map" style={{ position: 'absolute', inset: 0 }} />;
}
