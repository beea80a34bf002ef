import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, LayerSpecification, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import type { OrgFeatureCollection } from '../../api/orgs-api.ts';
import { buildDispatchStyle, emptyCollection } from '../../map/dispatch-style.ts';
import { useMapLibre } from '../../map/use-maplibre.ts';
import { type Hazard, hazardColor } from '../../api/hazards-api.ts';
import 'maplibre-gl/dist/maplibre-gl.css';

const hazardLayer: LayerSpecification = {
  id: 'hazard-point',
  type: 'circle',
  source: 'hazards',
  paint: {
    'circle-radius': ['case', ['get', 'selected'], 10, 7],
    'circle-color': ['get', 'color'],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
  },
};

/** Hazards as dots on the county map (colour by lateness); a click picks one. */
export function HazardMap(props: {
  orgs: OrgFeatureCollection;
  hazards: readonly Hazard[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { orgs, hazards, selectedId, onSelect } = props;
  const initial = useRef(orgs);
  const select = useRef(onSelect);
  select.current = onSelect;
  const { container, map } = useMapLibre({
    name: 'hazard map',
    style: () => {
      const base = buildDispatchStyle(initial.current);
      return {
        ...base,
        sources: { ...base.sources, hazards: { type: 'geojson', data: emptyCollection } },
        layers: [...base.layers, hazardLayer],
      };
    },
    init: (map, element) => {
      const click = (e: MapLayerMouseEvent) => {
        const id = e.features?.[0]?.properties?.id;
        if (typeof id === 'string') select.current(id);
      };
      map.on('click', 'hazard-point', click);
      map.on('idle', () => {
        element.dataset.mapState = 'idle';
      });
      return () => map.off('click', 'hazard-point', click);
    },
  });

  const data = useMemo(
    (): FeatureCollection<Point> => ({
      type: 'FeatureCollection',
      features: hazards.map((h) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [h.lon, h.lat] },
        properties: { id: h.id, color: hazardColor(h), selected: h.id === selectedId },
      })),
    }),
    [hazards, selectedId],
  );

  useEffect(() => {
    if (!map) return;
    (map.getSource('hazards') as GeoJSONSource | undefined)?.setData(data);
    map.getContainer().dataset.hazardCount = String(data.features.length);
  }, [map, data]);

  return (
    <div
      ref={container}
      data-testid="hazard-map"
      style={{ height: 460, borderRadius: 8, overflow: 'hidden', position: 'relative' }}
    />
  );
}
