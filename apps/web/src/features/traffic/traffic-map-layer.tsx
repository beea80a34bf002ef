import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { trafficApi, trafficKeys } from '../../api/traffic-api.ts';
import { useModuleQuery } from '../../app/use-module-query.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { labelFont } from '../../map/map-resources.ts';
import { popupContent, usePointLayer } from '../../map/use-point-layer.ts';
import { sectionColor, sectionLevels } from './traffic-view.ts';

const isLine: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];

const trafficLayers: LayerSpecification[] = [
  {
    id: 'traffic-hazard-line',
    type: 'line',
    source: 'traffic',
    filter: isLine,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': ['get', 'color'], 'line-width': 7, 'line-opacity': 0.9 },
  },
  {
    id: 'traffic-sign-label',
    type: 'symbol',
    source: 'traffic',
    filter: ['all', isPoint, ['!=', ['get', 'text'], '']],
    layout: {
      'text-field': ['get', 'text'],
      'text-font': labelFont,
      'text-size': 12,
      'text-anchor': 'left',
      'text-offset': [1, 0],
      'text-max-width': 10,
    },
    paint: { 'text-color': '#ffb000', 'text-halo-color': '#000000', 'text-halo-width': 3 },
  },
  {
    id: 'traffic-sign-dot',
    type: 'circle',
    source: 'traffic',
    filter: isPoint,
    paint: {
      'circle-radius': 6,
      'circle-color': ['case', ['get', 'lit'], '#ffb000', '#595959'],
      'circle-stroke-color': '#000000',
      'circle-stroke-width': 2,
    },
  },
];
export const trafficLayerIds: readonly string[] = trafficLayers.map((l) => l.id);

/**
 * 智慧交通 on the command map: the road sections with an active hazard, coloured by its level, and every
 * sign with what it shows now. A click on a sign opens a popup with a link to the traffic page. Changes
 * arrive on `traffic.*` (the page's live channel must carry it).
 */
export function TrafficMapLayer(props: { map: MapLibreMap | null; visible: boolean; clickable?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const hazards = useModuleQuery({
    module: 'traffic',
    queryKey: trafficKeys.hazards,
    queryFn: () => trafficApi.hazards(true),
    refreshOn: 'traffic.*',
  });
  const sections = useModuleQuery({
    module: 'traffic',
    queryKey: trafficKeys.sections,
    queryFn: trafficApi.sections,
    refreshOn: 'traffic.*',
  });
  const signs = useModuleQuery({
    module: 'traffic',
    queryKey: trafficKeys.signs,
    queryFn: trafficApi.signs,
    refreshOn: 'traffic.*',
  });
  const data = useMemo((): FeatureCollection => {
    const levels = sectionLevels(hazards.data?.items ?? []);
    return {
      type: 'FeatureCollection',
      features: [
        ...(sections.data?.items ?? [])
          .filter((s) => levels.has(s.id))
          .map((s) => ({
            type: 'Feature' as const,
            geometry: { type: 'LineString' as const, coordinates: s.line.map((p) => [...p]) },
            properties: { id: s.id, name: s.name, color: sectionColor(levels.get(s.id)) },
          })),
        ...(signs.data?.items ?? []).map((s) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [...s.position] },
          properties: { id: s.id, name: s.name, text: s.text, lit: s.text !== '', source: s.source },
        })),
      ],
    };
  }, [hazards.data, sections.data, signs.data]);
  const popup = useCallback(
    (p: Record<string, unknown>) =>
      popupContent(
        String(p.name),
        [
          String(p.text) || t('traffic.signs.blank'),
          `${t('traffic.signs.source')}：${t(`traffic.source.${String(p.source) as 'blank'}`)}`,
        ],
        { href: '/traffic', text: t('traffic.map.open'), go: navigate },
        'traffic-popup',
      ),
    [t, navigate],
  );
  usePointLayer({
    map: props.map,
    enabled: hazards.allowed,
    source: 'traffic',
    layers: trafficLayers,
    data,
    visible: props.visible,
    clickable: props.clickable ?? true,
    popup,
  });
  return null;
}
