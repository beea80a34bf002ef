import type { FeatureCollection, Point } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useModuleQuery } from '../../app/use-module-query.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { popupContent, usePointLayer } from '../../map/use-point-layer.ts';
import { disputesApi } from '../../api/disputes-api.ts';

/** The open disputes the command map shows: red and yellow ones still registered or in mediation. */
const mapFilters = {
  risk: ['red', 'yellow'],
  status: ['registered', 'mediating'],
  page: 1,
  pageSize: 200,
};

/** Red and yellow dots with a dark ring (hazards have a white one); an overdue dispute's ring is thicker. */
const disputeLayers: LayerSpecification[] = [
  {
    id: 'dispute-dot',
    type: 'circle',
    source: 'disputes',
    paint: {
      'circle-radius': ['match', ['get', 'risk'], 'red', 9, 7],
      'circle-color': ['match', ['get', 'risk'], 'red', '#f5222d', '#fadb14'],
      'circle-stroke-color': '#262626',
      'circle-stroke-width': ['case', ['get', 'overdue'], 3.5, 2],
    },
  },
];
export const disputeLayerIds: readonly string[] = disputeLayers.map((l) => l.id);

/**
 * 矛盾纠纷 on the command map: open red and yellow disputes of the user's scope where they were registered
 * with a point; a click opens a popup with a link to the dispute. A new red one (`dispute.alert`) reloads.
 */
export function DisputeMapLayer(props: { map: MapLibreMap | null; visible: boolean; clickable?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { allowed, data: open } = useModuleQuery({
    module: 'disputes',
    queryKey: ['disputes', 'map'],
    queryFn: () => disputesApi.list(mapFilters),
    refreshOn: 'dispute.alert',
  });
  const data = useMemo(
    (): FeatureCollection<Point> => ({
      type: 'FeatureCollection',
      features: (open?.items ?? []).flatMap((d) =>
        d.lon === null || d.lat === null
          ? []
          : [
              {
                type: 'Feature' as const,
                geometry: { type: 'Point' as const, coordinates: [d.lon, d.lat] },
                properties: {
                  id: d.id,
                  number: d.number,
                  kind: d.kind,
                  risk: d.risk,
                  status: d.status,
                  overdue: d.overdue,
                  dueAt: d.dueAt,
                },
              },
            ],
      ),
    }),
    [open],
  );
  const popup = useCallback(
    (p: Record<string, unknown>) =>
      popupContent(
        String(p.number),
        [
          `${t('disputes.field.kind')}：${t(`disputes.kind.${String(p.kind)}` as MessageKey)}`,
          `${t('disputes.field.risk')}：${t(`disputes.risk.${String(p.risk)}` as MessageKey)} · ${t(`disputes.status.${String(p.status)}` as MessageKey)}`,
          `${t('disputes.field.dueAt')}：${formatDateTime(String(p.dueAt))}${p.overdue ? ` · ${t('disputes.overdue')}` : ''}`,
        ],
        {
          href: `/disputes?open=${encodeURIComponent(String(p.id))}`,
          text: t('disputes.map.open'),
          go: navigate,
        },
        'dispute-popup',
      ),
    [t, navigate],
  );
  usePointLayer({
    map: props.map,
    enabled: allowed,
    source: 'disputes',
    layers: disputeLayers,
    data,
    visible: props.visible,
    clickable: props.clickable ?? true,
    popup,
  });
  return null;
}
