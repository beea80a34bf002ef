import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { maplibregl } from './setup-worker.ts';

export interface PointLayerOptions {
  /** The loaded map (null until then, and again once it is removed). */
  map: MapLibreMap | null;
  /** False: nothing is added (the user may not read these points). */
  enabled: boolean;
  /** The GeoJSON source the layers draw; also the name of the map element's counter (`data-<source>`). */
  source: string;
  /** The layers on that source; a click on the last one opens the popup. */
  layers: readonly LayerSpecification[];
  data: FeatureCollection;
  visible: boolean;
  /** False while map clicks belong to another tool (picking a point, drawing a patrol plan). */
  clickable: boolean;
  /** The popup's content for a clicked feature's properties (null: no popup). */
  popup: (properties: Record<string, unknown>) => HTMLElement | null;
}

/**
 * Points a feature adds to a loaded map: its own source and layers, shown or hidden with their layer
 * group, a popup on click, and the number drawn on the map element (`data-<source>`) for browser tests.
 */
export function usePointLayer(options: PointLayerOptions): void {
  const { map, enabled, source, layers, data, visible } = options;
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (!map || !enabled) return;
    const layerIds = latest.current.layers.map((l) => l.id);
    const top = layerIds[layerIds.length - 1]!;
    if (!map.getSource(source)) {
      map.addSource(source, { type: 'geojson', data: latest.current.data });
      for (const layer of latest.current.layers) map.addLayer(layer);
    }
    for (const id of layerIds)
      map.setLayoutProperty(id, 'visibility', latest.current.visible ? 'visible' : 'none');
    const popup = new maplibregl.Popup({
      closeButton: true,
      closeOnClick: true,
      offset: 10,
      maxWidth: '280px',
    });
    const open = (event: MapLayerMouseEvent) => {
      if (!latest.current.clickable) return;
      const feature = event.features?.[0];
      const content = feature ? latest.current.popup(feature.properties ?? {}) : null;
      if (!content || feature?.geometry.type !== 'Point') return;
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      popup.setLngLat([lon, lat]).setDOMContent(content).addTo(map);
    };
    const pointer = () => {
      if (latest.current.clickable) map.getCanvas().style.cursor = 'pointer';
    };
    const counted = () => {
      if (map.getLayer(top))
        map.getContainer().dataset[source] = String(map.queryRenderedFeatures({ layers: [top] }).length);
    };
    map.on('click', top, open);
    map.on('mousemove', top, pointer);
    map.on('idle', counted);
    return () => {
      popup.remove();
      map.off('click', top, open);
      map.off('mousemove', top, pointer);
      map.off('idle', counted);
    };
  }, [map, enabled, source]);

  useEffect(() => {
    if (!map || !enabled) return;
    (map.getSource(source) as GeoJSONSource | undefined)?.setData(data);
  }, [map, enabled, source, data]);

  useEffect(() => {
    if (!map || !enabled) return;
    for (const layer of layers)
      if (map.getLayer(layer.id)) map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
  }, [map, enabled, layers, visible]);
}

/** A popup body: a bold title, lines of text, and a link that `go` follows inside the console. */
export function popupContent(
  title: string,
  lines: readonly string[],
  link: { href: string; text: string; go: (href: string) => void },
  testId: string,
): HTMLElement {
  const root = document.createElement('div');
  root.dataset.testid = testId;
  const head = document.createElement('strong');
  head.textContent = title;
  root.append(head);
  for (const line of lines) {
    const div = document.createElement('div');
    div.textContent = line;
    root.append(div);
  }
  const a = document.createElement('a');
  a.href = link.href;
  a.textContent = link.text;
  a.dataset.testid = `${testId}-link`;
  a.style.display = 'inline-block';
  a.style.marginTop = '4px';
  a.addEventListener('click', (event) => {
    event.preventDefault();
    link.go(link.href);
  });
  root.append(a);
  return root;
}
