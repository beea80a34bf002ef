import type { FeatureCollection, Point } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { hazardKeys, hazardsApi, OPEN_STATES } from '../../api/hazards-api.ts';
import { useModuleQuery } from '../../app/use-module-query.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { popupContent, usePointLayer } from '../../map/use-point-layer.ts';

/** Colour of an open hazard on the command map by its state in the loop (reported → verified). */
export const hazardStateColors: Record<string, string> = {
  reported: '#722ed1',
  registered: '#2f54eb',
  dispatched: '#13c2c2',
  handling: '#1677ff',
  'reported-back': '#52c41a',
  verified: '#389e0d',
};

/** Late hazards stand out: a red ring (orange when near the deadline) and a larger dot. */
const hazardLayers: LayerSpecification[] = [
  {
    id: 'hazard-late-halo',
    type: 'circle',
    source: 'hazards',
    filter: ['in', ['get', 'overdue'], ['literal', ['overdue', 'escalated']]],
    paint: { 'circle-radius': 14, 'circle-color': '#cf1322', 'circle-opacity': 0.25 },
  },
  {
    id: 'hazard-dot',
    type: 'circle',
    source: 'hazards',
    paint: {
      'circle-radius': ['match', ['get', 'overdue'], ['overdue', 'escalated'], 8, 6],
      'circle-color': ['get', 'color'],
      'circle-stroke-color': [
        'match',
        ['get', 'overdue'],
        ['overdue', 'escalated'],
        '#cf1322',
        'warning',
        '#fa8c16',
        '#ffffff',
      ],
      'circle-stroke-width': ['match', ['get', 'overdue'], ['overdue', 'escalated', 'warning'], 3, 1.5],
    },
  },
];
export const hazardLayerIds: readonly string[] = hazardLayers.map((l) => l.id);

/**
 * 隐患 on the command map: the open hazards of the user's scope, coloured by state, late ones ringed. A
 * click opens a popup (kind, state, deadline) with a link to the hazard's page. Moves arrive live on
 * `hazard.changed` (the page's live channel must carry that topic).
 */
export function HazardMapLayer(props: { map: MapLibreMap | null; visible: boolean; clickable?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { allowed, data: open } = useModuleQuery({
    module: 'hazards',
    queryKey: hazardKeys.list('open'),
    queryFn: () => hazardsApi.list({ status: OPEN_STATES.join(',') }),
    refreshOn: 'hazard.changed',
    stale: hazardKeys.all,
  });
  const data = useMemo(
    (): FeatureCollection<Point> => ({
      type: 'FeatureCollection',
      features: (open?.items ?? []).map((h) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [h.lon, h.lat] },
        properties: {
          id: h.id,
          number: h.number,
          kind: h.kind,
          status: h.status,
          overdue: h.overdue,
          deadlineAt: h.deadlineAt,
          color: hazardStateColors[h.status] ?? '#8c8c8c',
        },
      })),
    }),
    [open],
  );
  const popup = useCallback(
    (p: Record<string, unknown>) => {
      const overdue = String(p.overdue);
      const state = t(`hazards.state.${String(p.status)}` as MessageKey);
      const late = overdue === 'none' ? '' : ` · ${t(`hazards.overdue.${overdue}` as MessageKey)}`;
      return popupContent(
        String(p.number),
        [
          `${t('hazards.col.kind')}：${t(`hazards.kind.${String(p.kind)}` as MessageKey)}`,
          `${t('hazards.col.status')}：${state}${late}`,
          `${t('hazards.col.deadline')}：${formatDateTime(typeof p.deadlineAt === 'string' ? p.deadlineAt : null)}`,
        ],
        {
          href: `/hazards?id=${encodeURIComponent(String(p.id))}`,
          text: t('hazards.map.open'),
          go: navigate,
        },
        'hazard-popup',
      );
    },
    [t, navigate],
  );
  usePointLayer({
    map: props.map,
    enabled: allowed,
    source: 'hazards',
    layers: hazardLayers,
    data,
    visible: props.visible,
    clickable: props.clickable ?? true,
    popup,
  });
  return null;
}
